/**
 * One rated subject of a form: the branch, a team, a stage or an officer that handled the
 * declaration, with a level, reasons and a comment. `team` and `stage` also carry the handling
 * context of an officer or stage rating (which team, which stage), so analytics can attribute it.
 */
import type { Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Assessment } from './assessment.entity.js';
import { SubjectKind } from './assessment.enums.js';

@ObjectType({ description: 'One rated subject of an assessment form.' })
@Entity({ tableName: 'assessment_item' })
@Check({ expression: '(level >= 1) AND (level <= 5)' })
@Unique({ properties: ['assessment', 'subjectKind', 'subjectId', 'stageId'] })
@Index({ properties: ['subjectKind', 'subjectId'] })
export class AssessmentItem {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Assessment, { deleteRule: 'cascade' })
  assessment!: Rel<Assessment>;

  @Field(() => SubjectKind)
  @Enum({ items: () => SubjectKind })
  subjectKind!: SubjectKind;

  /** Id of the branch, team, stage or officer, by `subjectKind`. */
  @Property({ type: 'integer' })
  subjectId!: number;

  /** The branch of the declaration. */
  @Property({ type: 'integer' })
  branchId!: number;

  /** The team rated, or the team the rated officer/stage was handled by. */
  @Property({ type: 'integer', nullable: true })
  teamId?: number | null;

  /** The stage rated, or the stage the rated officer performed. */
  @Property({ type: 'integer', nullable: true })
  stageId?: number | null;

  @Field(() => Int, { description: '5 Rất hài lòng … 1 Rất không hài lòng.' })
  @Property({ type: 'smallint' })
  level!: number;

  @Field(() => [String])
  @Property({ type: 'text[]' })
  reasonCodes: string[] = [];

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;
}
