/** Doanh nghiệp: an enterprise that files declarations, identified by its tax code. */
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Doanh nghiệp: an enterprise filing customs declarations.' })
@Entity({ tableName: 'enterprise' })
export class Enterprise {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'Mã số thuế: 10 digits, or 10 digits + "-" + 3 digits for a dependent unit.' })
  @Property({ type: 'string', length: 14, unique: true })
  taxCode!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  address?: string | null;
}
