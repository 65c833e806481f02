/**
 * A routing rule of new complaint cases (cấu hình phân công xử lý): which unit handles a case
 * opened for a 1–2★ item matching its conditions. The first active rule by priority wins; with no
 * matching rule a case goes to the branch of the rated subject (the default). Rules never name an
 * officer: a case is handled by a unit, and never by the officer it is about.
 */
import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SubjectKind } from '../assessments/assessment.enums.js';
import { CaseHandler } from './case.enums.js';

@ObjectType({ description: 'Where new cases matching the conditions go. Null conditions match anything.' })
@Entity({ tableName: 'case_routing_rule' })
@Index({ properties: ['active', 'priority'] })
// The last line of defence behind the service's checks: a branch target names its branch, an inspectors target none.
@Check({
  name: 'case_routing_rule_target_branch_check',
  expression: `(target = 'BRANCH') = (target_branch_id is not null)`,
})
export class CaseRoutingRule {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => Int, { description: 'Lower wins when several rules match.' })
  @Property({ type: 'integer' })
  priority!: number;

  @Field(() => SubjectKind, { nullable: true })
  @Enum({ items: () => SubjectKind, nullable: true })
  subjectKind?: SubjectKind | null;

  /** Condition: the department of the rated subject's branch. */
  @Property({ type: 'integer', nullable: true })
  departmentId?: number | null;

  /** Condition: the branch of the rated subject. */
  @Property({ type: 'integer', nullable: true })
  branchId?: number | null;

  /** Condition: the professional stage of the rated item (stage and officer items carry one). */
  @Property({ type: 'integer', nullable: true })
  stageId?: number | null;

  @Field(() => CaseHandler, {
    description: "BRANCH: the target branch handles it; INSPECTORS: the department's inspectors do.",
  })
  @Enum({ items: () => CaseHandler })
  target!: CaseHandler;

  @Property({ type: 'integer', nullable: true })
  targetBranchId?: number | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  active: boolean = true;

  @Field(() => String, { nullable: true, description: 'Why the rule exists.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => String)
  @Property({ type: 'string', length: 32 })
  updatedBy!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
