/**
 * A webhook subscription: a URL that receives the events it subscribed to, signed per the
 * Standard Webhooks specification with the subscription's secret. An administrator's
 * subscription (no enterprise) may receive any event; an enterprise's only its own.
 */
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A webhook subscription (Standard Webhooks).' })
@Entity({ tableName: 'webhook_subscription' })
@Index({ properties: ['enterpriseId'] })
export class WebhookSubscription {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 2000 })
  url!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  description?: string | null;

  /** `whsec_` + base64 of the signing key; shown once, when made or rotated. */
  @Property({ type: 'string', length: 128 })
  secret!: string;

  /** After a rotation the old secret signs too, for a day, so receivers can switch without a gap. */
  @Property({ type: 'string', length: 128, nullable: true })
  previousSecret?: string | null;

  @Property({ type: 'datetime', nullable: true })
  previousSecretUntil?: Date | null;

  @Field(() => [String], { description: 'The event types delivered.' })
  @Property({ type: 'text[]' })
  eventTypes!: string[];

  /** The enterprise whose events it receives; null: an administrator's, receiving every event. */
  @Property({ type: 'integer', nullable: true })
  enterpriseId?: number | null;

  @Property({ type: 'string', length: 64 })
  createdBy!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set while paused: nothing is sent, events are not queued.' })
  @Property({ type: 'datetime', nullable: true })
  pausedAt?: Date | null;
}
