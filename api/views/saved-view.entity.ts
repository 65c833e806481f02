/**
 * A saved view: a console page with its whole state (period, path, filters, sort), kept under a
 * name by the account that saved it. The state is the page's URL, so the view's link is the same
 * figures for anyone allowed to read them; each reader's own rights apply when it opens.
 */
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A named console view (a page and its URL state) saved by its owner.' })
@Entity({ tableName: 'saved_view' })
@Unique({ properties: ['ownerAccountId', 'name'] })
@Index({ properties: ['ownerAccountId', 'updatedAt'] })
export class SavedView {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'integer' })
  ownerAccountId!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  @Field(() => String, { description: 'The console path with its query, e.g. /explore?period=2026-Q2&path=BRANCH:3.' })
  @Property({ type: 'string', length: 2000 })
  path!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
