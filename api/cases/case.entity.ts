/**
 * A complaint case: opened, in the same transaction as the form, for every item rated 1–2★. It
 * belongs to the responsible unit (the branch of the rated subject), never to the rated officer,
 * and moves through its workflow within deadlines counted in working days.
 */
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SubjectKind } from '../assessments/assessment.enums.js';
import { CaseAction, CaseHandler, CaseStatus, Finding } from './case.enums.js';

@ObjectType({ description: 'Hồ sơ xử lý phản ánh: the handling of one dissatisfied rating.' })
@Entity({ tableName: 'complaint_case' })
@Index({ properties: ['responsibleBranchId', 'status'] })
@Index({ properties: ['status', 'concludeDueAt'] })
@Index({ properties: ['dueAt', 'id'] })
export class ComplaintCase {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** The rated item; one case per item. */
  @Field(() => ID, { description: 'The rated item of the form (one case per item).' })
  @Property({ type: 'integer', unique: true })
  itemId!: number;

  @Property({ type: 'integer' })
  assessmentId!: number;

  @Property({ type: 'integer' })
  declarationId!: number;

  @Index()
  @Property({ type: 'integer' })
  enterpriseId!: number;

  @Field(() => SubjectKind)
  @Enum({ items: () => SubjectKind })
  subjectKind!: SubjectKind;

  @Property({ type: 'integer' })
  subjectId!: number;

  /** The officer the rating is about, if any: that officer may never see or act on the case. */
  @Index()
  @Property({ type: 'integer', nullable: true })
  ratedOfficerId?: number | null;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  level!: number;

  @Property({ type: 'integer' })
  responsibleBranchId!: number;

  @Property({ type: 'integer' })
  departmentId!: number;

  @Field(() => CaseHandler, {
    description: "Who handles the case: the responsible branch, or the department's inspectors (set by routing rules).",
  })
  @Enum({ items: () => CaseHandler, default: CaseHandler.BRANCH })
  handler: CaseHandler = CaseHandler.BRANCH;

  /** The routing rule that chose the handler when the case opened; null = the default (the subject's branch). */
  @Property({ type: 'integer', nullable: true })
  routingRuleId?: number | null;

  @Field(() => CaseStatus)
  @Enum({ items: () => CaseStatus })
  status!: CaseStatus;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  openedAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  acknowledgeDueAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  concludeDueAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  answerDueAt?: Date | null;

  /**
   * The deadline of the current step, kept by the lifecycle (`moveTo`) on every status change:
   * the overdue filter and the queue's order read it. Null when nothing is due of the handlers.
   */
  @Field(() => Date, {
    nullable: true,
    description: 'The deadline of the current step; null once answered or closed.',
  })
  @Property({ type: 'datetime', nullable: true })
  dueAt?: Date | null;

  /** The person of the handling unit the case is assigned to (an account); null: the whole unit. */
  @Index()
  @Property({ type: 'integer', nullable: true })
  assigneeId?: number | null;

  /** Set when concluded (`concludedOnTime` of the lifecycle); what Postgres and ClickHouse count as on time. */
  @Property({ type: 'boolean', default: false })
  concludedOnTime: boolean = false;

  @Field(() => Finding, { nullable: true, description: 'The latest finding; every version is a step of the trail.' })
  @Enum({ items: () => Finding, nullable: true })
  finding?: Finding | null;

  @Field(() => [CaseAction])
  @Property({ type: 'text[]' })
  actions: CaseAction[] = [];

  @Field(() => String, { nullable: true, description: 'The answer given to the enterprise.' })
  @Property({ type: 'text', nullable: true })
  answer?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  concludedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "When an overdue case was escalated to the department's inspectors.",
  })
  @Property({ type: 'datetime', nullable: true })
  escalatedAt?: Date | null;

  /** Optimistic lock: two handlers acting at once cannot both move the case. */
  @Property({ type: 'integer', version: true })
  version!: number;
}
