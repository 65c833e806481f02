/** Cục Hải quan: a customs department, the root of the organisation tree. */
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Cục Hải quan: a customs department.' })
@Entity({ tableName: 'department' })
export class Department {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'Stable code, e.g. "HP" for Hải Phòng.' })
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field(() => String, { description: 'Vietnamese name.' })
  @Property({ type: 'string', length: 255 })
  name!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'When an administrator deactivated it (never deleted: history keeps pointing at it); null while active.',
  })
  @Property({ type: 'datetime', nullable: true })
  deactivatedAt?: Date | null;
}
