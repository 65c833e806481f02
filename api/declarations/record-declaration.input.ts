/** What the customs-system feed (or a bulk import) sends for one declaration. */
import { ArrayMaxSize, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Channel, DeclarationStatus, Direction } from './declaration.enums.js';

export const TAX_CODE = /^\d{10}(-\d{3})?$/;
export const DECLARATION_NUMBER = /^\d{12}$/;

@InputType({ description: 'The enterprise that filed the declaration; created on first sight.' })
export class DeclarantInput {
  @Field(() => String, { description: '10 digits, or 10 digits + "-" + 3 digits.' })
  @Matches(TAX_CODE, {
    message: 'taxCode must be 10 digits, or 10 digits, "-" and 3 digits (e.g. 0200123456 or 0200123456-001)',
  })
  taxCode!: string;

  @Field(() => String)
  @Length(1, 255, { message: 'name must be 1 to 255 characters' })
  name!: string;
}

@InputType({ description: 'One professional stage performed on the declaration.' })
export class HandlingRecordInput {
  @Field(() => String)
  @Length(1, 32)
  stageCode!: string;

  @Field(() => String)
  @Length(1, 32)
  teamCode!: string;

  @Field(() => String)
  @Length(1, 32)
  officerCode!: string;

  @Field(() => Date)
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  finishedAt?: Date | null;
}

@InputType({ description: 'A declaration as known to the customs system now. Sending it again updates it.' })
export class RecordDeclarationInput {
  @Field(() => String, { description: '12-digit VNACCS number.' })
  @Matches(DECLARATION_NUMBER, { message: 'number must be exactly 12 digits' })
  number!: string;

  @Field(() => DeclarantInput)
  @ValidateNested()
  enterprise!: DeclarantInput;

  @Field(() => String)
  @Length(1, 32)
  branchCode!: string;

  @Field(() => Direction)
  direction!: Direction;

  @Field(() => String, { description: 'Type code (mã loại hình), e.g. A11, B11, E31.' })
  @Matches(/^[A-H]\d{2}$/, { message: 'typeCode must be a letter A-H followed by two digits, e.g. A11' })
  typeCode!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => DeclarationStatus)
  status!: DeclarationStatus;

  @Field(() => Date)
  registeredAt!: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  releasedAt?: Date | null;

  @Field(() => [HandlingRecordInput], { description: 'Every stage performed so far; replaces what was sent before.' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  handling!: HandlingRecordInput[];
}
