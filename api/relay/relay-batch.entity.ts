/**
 * A batch of outbox events claimed by the relay. The batch and its events are fixed before
 * anything is sent to ClickHouse, so a retry after a crash resends exactly the same rows under
 * the same deduplication token, and ClickHouse drops the copy.
 */
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'relay_batch' })
export class RelayBatch {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'datetime' })
  claimedAt!: Date;

  @Index()
  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'integer' })
  events!: number;

  /**
   * The worker delivering the batch holds it until then; a worker that died lets it lapse and
   * another takes the batch over (resending under the same token, so ClickHouse keeps one copy).
   */
  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  leasedBy?: string | null;
}
