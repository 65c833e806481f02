/** Filters of the form list. */
import { ArrayMaxSize, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AssessmentStatus, Phase } from './assessment.enums.js';

@InputType({ description: 'Narrow the list of assessment forms.' })
export class AssessmentFilter {
  @Field(() => AssessmentStatus, { nullable: true })
  status?: AssessmentStatus | null;

  @Field(() => Phase, { nullable: true })
  phase?: Phase | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'declarationNumber must be exactly 12 digits' })
  declarationNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Forms of declarations whose number holds these digits (3 to 12).',
  })
  @IsOptional()
  @Matches(/^\d{3,12}$/, { message: 'declarationNumberContains must be 3 to 12 digits' })
  declarationNumberContains?: string | null;

  @Field(() => ID, { nullable: true, description: 'One form.' })
  formId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Forms of one enterprise (inspection staff only: it shows who rated).',
  })
  enterpriseId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Sent at or after this instant.' })
  sentFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Sent before this instant.' })
  sentTo?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Forms with an item of this branch.' })
  branchId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Forms with an item attributed to this team.' })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Forms with an item attributed to this stage.' })
  stageId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Forms rating this officer.' })
  officerId?: string | null;

  @Field(() => [Int], {
    nullable: true,
    description: 'Forms with an item at one of these levels (with the unit filters above, the same item).',
  })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(5, { each: true })
  levels?: number[] | null;
}
