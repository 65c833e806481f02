/**
 * Who handled a declaration: one stage, performed by one officer of one team, at a time.
 * These records are the only subjects an enterprise may rate for that declaration.
 */
import type { Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { Officer } from '../catalog/officer.entity.js';
import { Stage } from '../catalog/stage.entity.js';
import { Team } from '../catalog/team.entity.js';
import { Declaration } from './declaration.entity.js';

@ObjectType({ description: 'A professional stage performed on a declaration by an officer of a team.' })
@Entity({ tableName: 'handling_record' })
export class HandlingRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Index()
  @ManyToOne(() => Declaration, { deleteRule: 'cascade' })
  declaration!: Rel<Declaration>;

  @ManyToOne(() => Stage, { deleteRule: 'restrict' })
  stage!: Rel<Stage>;

  @Index()
  @ManyToOne(() => Team, { deleteRule: 'restrict' })
  team!: Rel<Team>;

  @Index()
  @ManyToOne(() => Officer, { deleteRule: 'restrict' })
  officer!: Rel<Officer>;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;
}
