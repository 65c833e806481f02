/** A reason an enterprise may pick for a level (e.g. "slow handling" for 1–2★). Reference data. */
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A reason for a rating level (lý do đánh giá).' })
@Entity({ tableName: 'reason' })
@Check({ expression: '((min_level >= 1) AND (min_level <= 5)) AND ((max_level >= min_level) AND (max_level <= 5))' })
export class Reason {
  [OptionalProps]?: 'levels' | 'active';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  nameVi!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  nameEn!: string;

  /** The lowest level (1–5) this reason may be given with. */
  @Property({ type: 'smallint' })
  minLevel!: number;

  /** The highest level (1–5) this reason may be given with. */
  @Property({ type: 'smallint' })
  maxLevel!: number;

  @Field(() => [Int], { description: 'The levels (1–5) this reason may be given with.' })
  get levels(): number[] {
    return Array.from({ length: this.maxLevel - this.minLevel + 1 }, (_, i) => this.minLevel + i);
  }

  @Property({ type: 'integer' })
  sortOrder!: number;

  @Field(() => Boolean, { description: 'False once an administrator deactivated it: no longer offered to raters.' })
  @Property({ type: 'boolean' })
  active: boolean = true;
}
