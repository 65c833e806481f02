/** A reminder to rate a declaration, sent to its enterprise (at most one per declaration per interval). */
import type { Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Declaration } from '../declarations/declaration.entity.js';

@Entity({ tableName: 'rating_reminder' })
@Index({ properties: ['declaration', 'sentAt'] })
export class RatingReminder {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Declaration, { deleteRule: 'cascade' })
  declaration!: Rel<Declaration>;

  @Property({ type: 'integer' })
  enterpriseId!: number;

  @Property({ type: 'datetime' })
  sentAt!: Date;
}
