/** Khâu nghiệp vụ: a coded professional stage of clearance (document check, physical inspection, …). */
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Khâu nghiệp vụ: a professional stage of customs clearance.' })
@Entity({ tableName: 'stage' })
export class Stage {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'Stable code, e.g. "KTHS" (document check).' })
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  nameVi!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  nameEn!: string;

  @Field(() => Int, { description: 'Position in the usual order of clearance.' })
  @Property({ type: 'integer' })
  sortOrder!: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'When an administrator deactivated it (never deleted: history keeps pointing at it); null while active.',
  })
  @Property({ type: 'datetime', nullable: true })
  deactivatedAt?: Date | null;
}
