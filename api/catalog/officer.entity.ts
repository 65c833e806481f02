/** Công chức: a customs officer. Which team they belong to is a dated history (OfficerAssignment). */
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

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
}
