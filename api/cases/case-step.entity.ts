/**
 * One step of a case's audit trail: who did what, when, and why. Append-only: a finding, an
 * action list and an answer are recorded on their step, so a correction or a reopening adds a
 * version and never overwrites one.
 */
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { CaseAction, CaseStatus, Finding, StepAudience, StepKind } from './case.enums.js';

@ObjectType({ description: "A step of a case's audit trail." })
@Entity({ tableName: 'complaint_case_step' })
@Index({ properties: ['caseId', 'id'] })
export class CaseStep {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'integer' })
  caseId!: number;

  @Field(() => StepKind)
  @Enum({ items: () => StepKind })
  kind!: StepKind;

  @Field(() => CaseStatus, { description: 'The status after this step.' })
  @Enum({ items: () => CaseStatus })
  status!: CaseStatus;

  /** "account:12", "apiKey:3" or "system". Null to viewers who may not see who rated, on the enterprise's own steps. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 32 })
  actor!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at!: Date;

  /** The note; for an answer step, the answer given to the enterprise. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  /** The finding this step recorded (a conclusion or a correction): history keeps every version. */
  @Enum({ items: () => Finding, nullable: true })
  finding?: Finding | null;

  /** The actions this conclusion recorded. */
  @Property({ type: 'text[]', nullable: true })
  actions?: CaseAction[] | null;
  @Field(() => StepAudience, { description: 'Whether the note is internal or a message to (or from) the enterprise.' })
  @Enum({ items: () => StepAudience, default: StepAudience.INTERNAL })
  audience: StepAudience = StepAudience.INTERNAL;
}
