/**
 * The transactional outbox: every change that analytics (or other systems) must learn about is
 * written here in the same transaction as the change itself; a relay delivers it later, in order.
 */
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'outbox_event' })
@Index({ properties: ['processedAt', 'id'] })
export class OutboxEvent {
  @PrimaryKey({ type: 'bigint' })
  id!: string;

  /** e.g. "assessment.sent". */
  @Property({ type: 'string', length: 64 })
  topic!: string;

  @Property({ type: 'string', length: 64 })
  aggregateId!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  processedAt?: Date | null;

  /** The relay batch that carries this event, once claimed. */
  @Index()
  @Property({ type: 'integer', nullable: true })
  batchId?: number | null;
}
