/**
 * A rating anomaly flag: a pattern the detectors found in ClickHouse after a relay batch, with the
 * evidence (the items, forms and raters involved, the figures that raised it). Its state is here,
 * in Postgres, because inspectors confirm or dismiss it (each decision is a row of
 * rating_anomaly_decision, the audit trail), and a confirmed flag may exclude its ratings.
 */
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { SubjectKind } from '../assessments/assessment.enums.js';
import { AnomalyDecisionKind, AnomalyKind, AnomalyStatus } from './anomaly.enums.js';

@ObjectType({ description: 'A rating anomaly flag: a suspicious pattern of ratings, with the figures that raised it.' })
@Entity({ tableName: 'rating_anomaly' })
@Index({ properties: ['departmentId', 'id'] })
@Index({ properties: ['subjectKind', 'subjectId'] })
export class RatingAnomaly {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => AnomalyKind)
  @Enum({ items: () => AnomalyKind })
  kind!: AnomalyKind;

  /** The detector's name for the pattern: a later batch updates the flag rather than adding another. */
  @Unique()
  @Property({ type: 'string', length: 200 })
  fingerprint!: string;

  @Field(() => AnomalyStatus)
  @Enum({ items: () => AnomalyStatus })
  status: AnomalyStatus = AnomalyStatus.OPEN;

  @Enum({ items: () => SubjectKind })
  subjectKind!: SubjectKind;

  @Property({ type: 'integer' })
  subjectId!: number;

  @Property({ type: 'integer' })
  departmentId!: number;

  @Property({ type: 'integer' })
  branchId!: number;

  @Property({ type: 'json' })
  itemIds: number[] = [];

  @Property({ type: 'json' })
  formIds: number[] = [];

  /** Who rated: the policy shows them to inspection staff only. */
  @Property({ type: 'json' })
  enterpriseIds: number[] = [];

  @Property({ type: 'json' })
  figures: Record<string, number> = {};

  @Field(() => Date)
  @Property({ type: 'datetime' })
  firstRatedAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  lastRatedAt!: Date;

  @Field(() => Date)
  @Index()
  @Property({ type: 'datetime' })
  detectedAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  /** Set by a confirmation: its ratings leave scorecards and rankings (always shown as excluded). */
  @Field(() => Boolean, { description: 'Confirmed with its ratings excluded from scorecards and rankings.' })
  @Property({ type: 'boolean' })
  excludeRatings: boolean = false;
}

/** One decision on a flag: who confirmed or dismissed it, when, and why. Append-only. */
@ObjectType({ description: 'A confirmation or dismissal of a flag, with its note (the audit trail).' })
@Entity({ tableName: 'rating_anomaly_decision' })
@Index({ properties: ['anomalyId', 'id'] })
export class RatingAnomalyDecision {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'integer' })
  anomalyId!: number;

  @Field(() => AnomalyDecisionKind)
  @Enum({ items: () => AnomalyDecisionKind })
  decision!: AnomalyDecisionKind;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  excludeRatings!: boolean;

  @Field(() => String)
  @Property({ type: 'text' })
  note!: string;

  /** "account:12" or "apiKey:3". */
  @Property({ type: 'string', length: 32 })
  actor!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at!: Date;
}
