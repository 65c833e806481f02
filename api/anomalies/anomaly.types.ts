/** GraphQL inputs and outputs of the rating anomaly flags beside the entity's own fields. */
import { Length } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { SubjectKind } from '../assessments/assessment.enums.js';
import { ConnectionType } from '../graphql/connection.js';
import { AnomalyDecisionKind, AnomalyKind, AnomalyStatus } from './anomaly.enums.js';
import { RatingAnomaly } from './rating-anomaly.entity.js';

@ObjectType({ description: 'One figure that raised a flag (a count, a share, an expected count, a p-value).' })
export class AnomalyFigure {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  value!: number;
}

@InputType()
export class RatingAnomalyFilter {
  @Field(() => [AnomalyKind], { nullable: true })
  kinds?: AnomalyKind[];

  @Field(() => [AnomalyStatus], { nullable: true })
  statuses?: AnomalyStatus[];

  @Field(() => SubjectKind, { nullable: true, description: 'With subjectIds: flags about these subjects.' })
  subjectKind?: SubjectKind;

  @Field(() => [ID], { nullable: true })
  subjectIds?: string[];

  @Field(() => [ID], { nullable: true })
  branchIds?: string[];

  @Field(() => Date, { nullable: true, description: 'Flags whose latest rating is at or after this instant.' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Flags whose first rating is before this instant.' })
  to?: Date;
}

@ArgsType()
export class DecideRatingAnomalyArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => AnomalyDecisionKind)
  decision!: AnomalyDecisionKind;

  @Field(() => String, { description: 'Why (1 to 2,000 characters); kept in the audit trail.' })
  @Length(1, 2000)
  note!: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "With CONFIRM: leave the flag's ratings out of scorecards and rankings (shown as excluded).",
  })
  excludeRatings: boolean = false;
}

export const RatingAnomalyConnection = ConnectionType(RatingAnomaly);
