/** Đội: a working team inside a branch. */
import type { Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { Branch } from './branch.entity.js';

@ObjectType({ description: 'Đội: a working team of a branch.' })
@Entity({ tableName: 'team' })
export class Team {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field(() => String, { description: 'Vietnamese name.' })
  @Property({ type: 'string', length: 255 })
  name!: string;

  @Index()
  @ManyToOne(() => Branch, { deleteRule: 'restrict' })
  branch!: Rel<Branch>;

  @Field(() => Date, {
    nullable: true,
    description:
      'When an administrator deactivated it (never deleted: history keeps pointing at it); null while active.',
  })
  @Property({ type: 'datetime', nullable: true })
  deactivatedAt?: Date | null;
}
