/** A public holiday (ngày nghỉ lễ): not a working day when case deadlines are counted. */
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';

@ObjectType()
@Entity({ tableName: 'holiday' })
export class Holiday {
  @Field(() => String, { description: 'YYYY-MM-DD, Vietnamese calendar.' })
  @PrimaryKey({ type: 'date' })
  day!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  name!: string;
}
