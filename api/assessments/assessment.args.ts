/** Filters of the form list. */
import { IsOptional, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
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
}
