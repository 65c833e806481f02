/** GraphQL types of the rating statistics. */
import { ArrayMaxSize, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Phase, SubjectKind } from '../assessments/assessment.enums.js';
import { Reason } from '../assessments/reason.entity.js';
import { Channel } from '../declarations/declaration.enums.js';

export enum GroupDimension {
  DEPARTMENT = 'department',
  BRANCH = 'branch',
  TEAM = 'team',
  STAGE = 'stage',
  OFFICER = 'officer',
  ENTERPRISE = 'enterprise',
  LEVEL = 'level',
  SUBJECT_KIND = 'subjectKind',
  CHANNEL = 'channel',
  PHASE = 'phase',
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
  QUARTER = 'quarter',
  HALF_YEAR = 'halfYear',
  YEAR = 'year',
}

registerEnumType(GroupDimension, {
  name: 'GroupDimension',
  description:
    'A dimension or a time grain (Asia/Ho_Chi_Minh calendar) to group ratings by. TEAM, STAGE and OFFICER count the ratings attributed to one (a branch rating is not).',
});

@InputType({ description: 'Which ratings to count. Every list narrows; empty or absent lists do not.' })
export class RatingFilterInput {
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(500) departmentIds?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(500) branchIds?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(500) teamIds?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(500) stageIds?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(500) officerIds?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(500) enterpriseIds?: string[];

  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(5, { each: true })
  levels?: number[];

  @Field(() => [Channel], { nullable: true }) channels?: Channel[];
  @Field(() => [Phase], { nullable: true }) phases?: Phase[];
  @Field(() => [SubjectKind], { nullable: true }) subjectKinds?: SubjectKind[];

  @Field(() => Date, { nullable: true, description: 'Rated at or after this instant.' }) from?: Date;
  @Field(() => Date, { nullable: true, description: 'Rated before this instant.' }) to?: Date;
}

@ObjectType()
export class GroupKey {
  @Field(() => GroupDimension)
  dimension!: GroupDimension;

  @Field(() => String, { description: 'The id, level, enum value, or first day of the period (YYYY-MM-DD).' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'The name, for units, stages, officers and enterprises.' })
  label!: string | null;
}

@ObjectType({
  description:
    'A CSAT difference and its significance: a two-proportion z-test (pooled standard error, two-sided) on the counts of 4–5★ ratings among all ratings.',
})
export class CsatComparison {
  @Field(() => Float, { description: 'CSAT of this group minus CSAT of the reference, as a share (−1 to 1).' })
  difference!: number;

  @Field(() => Float)
  z!: number;

  @Field(() => Float, { description: 'Two-sided p-value.' })
  pValue!: number;

  @Field(() => Boolean, { description: 'pValue below 0.05.' })
  significant!: boolean;
}

@ObjectType({ description: 'Counts and satisfaction figures of a group of ratings.' })
export class RatingGroup {
  @Field(() => [GroupKey])
  keys!: GroupKey[];

  @Field(() => Int)
  count!: number;

  @Field(() => [Int], { description: 'Ratings at 1★, 2★, 3★, 4★ and 5★.' })
  levelCounts!: number[];

  @Field(() => Float, { nullable: true, description: 'Mean level, 1–5.' })
  mean!: number | null;

  @Field(() => Float, { nullable: true, description: 'CSAT: share of 4–5★ ratings, 0–1.' })
  csat!: number | null;

  @Field(() => Float, { nullable: true, description: 'Wilson 95 % interval of CSAT, lower bound.' })
  csatLow!: number | null;

  @Field(() => Float, { nullable: true, description: 'Wilson 95 % interval of CSAT, upper bound.' })
  csatHigh!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of 1–2★ ratings, 0–1.' })
  dissatisfied!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean shrunk toward the mean of all the filtered ratings (empirical Bayes): use it to rank.',
  })
  shrunkMean!: number | null;

  @Field(() => Boolean, {
    description: 'Fewer ratings than minCount: figures are shown but should not be ranked or compared.',
  })
  belowMinimum!: boolean;

  @Field(() => CsatComparison, {
    nullable: true,
    description:
      "A drill-down child against the rest of its parent node (the parent's ratings less the child's); null elsewhere, or when either side has no ratings.",
  })
  comparedWithParent?: CsatComparison | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'In rankings: ratings left out because a confirmed anomaly flag excludes them (shown as "n ratings excluded"); null elsewhere.',
  })
  excludedRatings?: number | null;
}

@ObjectType()
export class RatingStatistics {
  @Field(() => RatingGroup, { description: 'All the filtered ratings together.' })
  overall!: RatingGroup;

  @Field(() => [RatingGroup])
  groups!: RatingGroup[];
}

export enum RankingOrder {
  BEST = 'BEST',
  WORST = 'WORST',
}
registerEnumType(RankingOrder, { name: 'RankingOrder' });

@ObjectType({ description: 'How often enterprises gave one reason among the filtered ratings.' })
export class ReasonCount {
  @Field(() => String) code!: string;
  @Field(() => Int, { description: 'Ratings that gave this reason.' }) count!: number;
  @Field(() => Reason, { nullable: true, description: 'Its names; null for a code no longer in the reference table.' })
  reason!: Reason | null;
}

@ObjectType({ description: 'Headline figures of a period, with the period just before it for comparison.' })
export class RatingKpis {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => Date, {
    description:
      'Start of the previous period: the same calendar months before for whole months, else the same length.',
  })
  previousFrom!: Date;

  @Field(() => Date, {
    description:
      'End of the previous figures: `from` for a finished period; for a running one the same elapsed part of the previous period (same day and time that many months earlier), so the change compares like with like.',
  })
  previousTo!: Date;

  @Field(() => Boolean, { description: 'True while the period is still running (it contains the present).' })
  isRunning!: boolean;

  @Field(() => Date, {
    description: 'How far the current figures reach: now for a running period, else `to`.',
  })
  comparedUntil!: Date;

  @Field(() => RatingGroup)
  current!: RatingGroup;

  @Field(() => RatingGroup)
  previous!: RatingGroup;

  @Field(() => CsatComparison, {
    nullable: true,
    description: "The period's CSAT against the previous period's; null when either has no ratings.",
  })
  csatChange!: CsatComparison | null;

  @Field(() => Int, { description: 'Forms sent in the period.' })
  forms!: number;

  @Field(() => Int, { description: 'Declarations released in the period (in scope).' })
  releasedDeclarations!: number;

  @Field(() => Int, { description: 'Of those, declarations with a sent form.' })
  ratedDeclarations!: number;

  @Field(() => Float, { nullable: true, description: 'ratedDeclarations / releasedDeclarations.' })
  responseRate!: number | null;

  /** The filter asked with, for the previous period's figures (resolved only when asked for). */
  filter!: RatingFilterInput;
}

@InputType({
  description:
    'One step of a drill-down path: a unit, stage, officer or enterprise (its id), a level (1–5), a channel, phase or subject kind (its value), or a time grain (the first day of the period, YYYY-MM-DD).',
})
export class DrillStep {
  @Field(() => GroupDimension)
  dimension!: GroupDimension;

  @Field(() => ID)
  id!: string;
}

@ObjectType({
  description:
    'A node of the drill-down (department → branch → team → stage → officer, or any order) and its children.',
})
export class RatingDrillDown {
  @Field(() => [GroupKey], { description: 'The path to this node, with names.' })
  breadcrumbs!: GroupKey[];

  @Field(() => RatingGroup)
  node!: RatingGroup;

  @Field(() => GroupDimension, { nullable: true, description: 'What the children are; null at the bottom.' })
  childDimension!: GroupDimension | null;

  @Field(() => [RatingGroup], { description: 'The children, figures shrunk toward this node.' })
  children!: RatingGroup[];
}
