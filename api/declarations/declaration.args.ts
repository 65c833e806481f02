/** Filters of the declaration list. */
import { IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Channel, DeclarationStatus, Direction } from './declaration.enums.js';
import { DECLARATION_NUMBER, TAX_CODE } from './record-declaration.input.js';

@InputType({
  description: 'Narrow the list of declarations. Times are instants; the console sends Asia/Ho_Chi_Minh day bounds.',
})
export class DeclarationFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(DECLARATION_NUMBER, { message: 'number must be exactly 12 digits' })
  number?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Numbers holding these digits (3 to 12): what a user remembers of one.',
  })
  @IsOptional()
  @Matches(/^\d{3,12}$/, { message: 'numberContains must be 3 to 12 digits' })
  numberContains?: string;

  @Field(() => ID, { nullable: true })
  enterpriseId?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(TAX_CODE, { message: 'taxCode must be 10 digits, or 10 digits, "-" and 3 digits' })
  taxCode?: string;

  @Field(() => ID, { nullable: true })
  branchId?: number;

  @Field(() => Channel, { nullable: true })
  channel?: Channel;

  @Field(() => Direction, { nullable: true })
  direction?: Direction;

  @Field(() => DeclarationStatus, { nullable: true })
  status?: DeclarationStatus;

  @Field(() => Date, { nullable: true, description: 'Registered at or after this instant.' })
  registeredFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Registered before this instant.' })
  registeredTo?: Date;
}
