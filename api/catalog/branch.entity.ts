/** Chi cục: a customs branch of a department. */
import type { Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { Department } from './department.entity.js';

@ObjectType({ description: 'Chi cục Hải quan: a customs branch.' })
@Entity({ tableName: 'branch' })
export class Branch {
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
  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Rel<Department>;

  @Field(() => Date, {
    nullable: true,
    description:
      'When an administrator deactivated it (never deleted: history keeps pointing at it); null while active.',
  })
  @Property({ type: 'datetime', nullable: true })
  deactivatedAt?: Date | null;
}
