/**
 * One period an officer spent in a team. Ratings are attributed to the team the officer was in
 * at the time of handling, so history is kept rather than overwritten.
 */
import type { Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { Officer } from './officer.entity.js';
import { Team } from './team.entity.js';

@ObjectType({ description: 'A period an officer worked in a team.' })
@Entity({ tableName: 'officer_assignment' })
export class OfficerAssignment {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Index()
  @ManyToOne(() => Officer, { deleteRule: 'cascade' })
  officer!: Rel<Officer>;

  @Index()
  @ManyToOne(() => Team, { deleteRule: 'restrict' })
  team!: Rel<Team>;

  @Field(() => String, { description: 'First day in the team (YYYY-MM-DD).' })
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => String, { nullable: true, description: 'Last day in the team (YYYY-MM-DD); null while current.' })
  @Property({ type: 'date', nullable: true })
  validTo?: string | null;
}
