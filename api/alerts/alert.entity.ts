/**
 * Alert rules set by inspectors and leaders, and their incidents. A rule watches a unit (its
 * department, or one branch); an incident is one subject (the unit, or one officer) crossing the
 * rule's threshold: raised once, and open until the subject no longer crosses it (cleared).
 * Kinds: CSAT_BELOW (the unit's share of 4–5★ over the last `days` days, with at least
 * `minRatings` ratings, below `threshold` %), OFFICER_LOW_RATINGS (an officer with `threshold` or
 * more 1–2★ ratings within the current Hải Phòng day). Extension point: an ANOMALY_FLAG kind
 * raised from the anomaly flags (issue 18) fits the same incident model — add the kind and its
 * measure in alert-evaluation.ts.
 */
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AlertKind {
  CSAT_BELOW = 'CSAT_BELOW',
  OFFICER_LOW_RATINGS = 'OFFICER_LOW_RATINGS',
}
registerEnumType(AlertKind, { name: 'AlertKind' });

@ObjectType({ description: 'An alert rule.' })
@Entity({ tableName: 'alert_rule' })
@Index({ properties: ['departmentId'] })
export class AlertRule {
  [OptionalProps]?: 'active';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => AlertKind)
  @Enum({ items: () => AlertKind })
  kind!: AlertKind;

  @Field(() => ID)
  @Property({ type: 'integer' })
  departmentId!: number;

  @Field(() => ID, { nullable: true, description: 'Null: the whole department.' })
  @Property({ type: 'integer', nullable: true })
  branchId?: number | null;

  @Field(() => Float, { description: 'CSAT_BELOW: a percentage; OFFICER_LOW_RATINGS: a number of 1–2★ ratings.' })
  @Property({ type: 'double' })
  threshold!: number;

  @Field(() => Int, { nullable: true, description: 'CSAT_BELOW: the window in days.' })
  @Property({ type: 'integer', nullable: true })
  days?: number | null;

  @Field(() => Int, { nullable: true, description: 'CSAT_BELOW: the fewest ratings that count.' })
  @Property({ type: 'integer', nullable: true })
  minRatings?: number | null;

  /** The account that set it: it reads the alerts. */
  @Property({ type: 'integer' })
  ownerAccountId!: number;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  active: boolean = true;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt!: Date;
}

@ObjectType({ description: 'A rule’s threshold crossed by one subject, from raised until cleared.' })
@Entity({ tableName: 'alert_incident' })
@Index({ properties: ['ruleId', 'clearedAt'] })
export class AlertIncident {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'integer' })
  ruleId!: number;

  @Field(() => String, { description: 'BRANCH, DEPARTMENT or OFFICER.' })
  @Property({ type: 'string', length: 16 })
  subjectKind!: string;

  @Field(() => ID)
  @Property({ type: 'integer' })
  subjectId!: number;

  @Field(() => Float, { description: 'The measured value when raised (CSAT % or 1–2★ count).' })
  @Property({ type: 'double' })
  value!: number;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  raisedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  clearedAt?: Date | null;
}
