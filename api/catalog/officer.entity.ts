/** Công chức: a customs officer. Which team they belong to is a dated history (OfficerAssignment). */
import { Collection } from '@mikro-orm/core';
import { Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { OfficerAssignment } from './officer-assignment.entity.js';

@ObjectType({ description: 'Công chức: a customs officer.' })
@Entity({ tableName: 'officer' })
export class Officer {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'Officer code (số hiệu công chức).' })
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  fullName!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'When an administrator deactivated it (never deleted: history keeps pointing at it); null while active.',
  })
  @Property({ type: 'datetime', nullable: true })
  deactivatedAt?: Date | null;

  @OneToMany(() => OfficerAssignment, (a) => a.officer)
  assignments = new Collection<OfficerAssignment>(this);
}
