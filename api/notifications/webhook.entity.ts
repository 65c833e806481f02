/**
 * Webhooks: other systems subscribe to topics; every notification is also queued for each
 * matching subscription and delivered with an HMAC-SHA256 signature, retried with backoff.
 */
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'webhook_subscription' })
export class WebhookSubscription {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 2000 })
  url!: string;

  /** Signs each delivery; shown once when the subscription is made. */
  @Property({ type: 'string', length: 128 })
  secret!: string;

  /** Topics delivered, e.g. {case.opened, case.escalated}. */
  @Property({ type: 'text[]' })
  topics!: string[];

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;
}

@Entity({ tableName: 'webhook_delivery' })
@Index({ properties: ['deliveredAt', 'nextAttemptAt'] })
export class WebhookDelivery {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'integer' })
  subscriptionId!: number;

  @Property({ type: 'string', length: 64 })
  topic!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'datetime' })
  nextAttemptAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;
}
