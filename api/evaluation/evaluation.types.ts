/** GraphQL types of the period evaluation (bình xét thi đua) of officers, teams and branches. */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CsatComparison, GroupKey, RatingGroup } from '../statistics/statistics.types.js';
import { Grade } from './grade-bands.js';

@ObjectType({ description: "One unit's (or officer's) record for a period: ratings, cases and handling timeliness." })
export class Scorecard {
  @Field(() => GroupKey)
  unit!: GroupKey;

  @Field(() => String, {
    nullable: true,
    description: "The officer's, team's or branch's code: tells apart two officers of the same name.",
  })
  code!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "An officer's team in the period (its latest assignment overlapping it); a team's own name.",
  })
  teamName!: string | null;

  @Field(() => String, { nullable: true, description: "The branch of the officer's team, of the team, or the branch." })
  branchName!: string | null;

  @Field(() => RatingGroup)
  ratings!: RatingGroup;

  @Field(() => Float, {
    nullable: true,
    description:
      "Officers: the mean net of the stages the officer worked (the overall mean plus the officer's mean less what its stages' means predict), so officers of different stages compare; null for units, and under minCount.",
  })
  stageAdjustedMean!: number | null;

  @Field(() => Grade, {
    nullable: true,
    description: "The grade band of the card's CSAT under the period's thresholds (gradeBands); null under minCount.",
  })
  grade!: Grade | null;

  @Field(() => Int, {
    description:
      'Ratings left out of `ratings` because a confirmed anomaly flag excludes them (shown as "n ratings excluded").',
  })
  excludedRatings!: number;

  @Field(() => Int, { description: 'Cases opened in the period about this unit or officer.' })
  cases!: number;

  @Field(() => Int, { description: 'Of those concluded, substantiated or partly substantiated.' })
  substantiated!: number;

  @Field(() => Int)
  concluded!: number;

  @Field(() => Int, { description: 'Concluded by the deadline.' })
  concludedOnTime!: number;

  @Field(() => Float, { nullable: true, description: 'concludedOnTime / concluded.' })
  timeliness!: number | null;

  @Field(() => Scorecard, {
    nullable: true,
    description:
      "The same unit's scorecard for the period before, when asked for with `withPrevious` and the unit has one.",
  })
  previous!: Scorecard | null;

  @Field(() => CsatComparison, {
    nullable: true,
    description:
      "With `withPrevious`: this period's CSAT against the previous card's; null without one or without ratings.",
  })
  csatChange!: CsatComparison | null;
}
