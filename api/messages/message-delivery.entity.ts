/**
 * One message on its way through one channel to one recipient (an e-mail to an address, a
 * webhook to a subscription), and every attempt to deliver it. A delivery is retried with
 * backoff until it succeeds or runs out of attempts; e-mail without an SMTP server is HELD, kept
 * for an administrator to read.
 */
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DeliveryChannel {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Out of attempts. */
  FAILED = 'FAILED',
  /** E-mail with no SMTP server configured: kept, readable by administrators. */
  HELD = 'HELD',
}

registerEnumType(DeliveryChannel, { name: 'DeliveryChannel' });
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });

@ObjectType({ description: 'A message sent (or being sent) by e-mail or webhook.' })
@Entity({ tableName: 'message_delivery' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['subscriptionId', 'id'] })
export class MessageDelivery {
  [OptionalProps]?: 'attempts';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'bigint' })
  eventId!: string;

  @Field(() => String, { description: 'The event type, e.g. rating.reminder.' })
  @Property({ type: 'string', length: 64 })
  eventType!: string;

  @Field(() => DeliveryChannel)
  @Enum({ items: () => DeliveryChannel })
  channel!: DeliveryChannel;

  @Property({ type: 'integer', nullable: true })
  accountId?: number | null;

  @Property({ type: 'integer', nullable: true })
  subscriptionId?: number | null;

  @Field(() => String, { description: 'The e-mail address or the webhook URL.' })
  @Property({ type: 'string', length: 2000 })
  recipient!: string;

  @Field(() => String, { nullable: true, description: 'E-mail: the subject, in the recipient’s language.' })
  @Property({ type: 'string', length: 500, nullable: true })
  subject?: string | null;

  @Field(() => String, { description: 'E-mail: the plain-text body; webhook: the JSON envelope.' })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'E-mail: the HTML body.' })
  @Property({ type: 'text', nullable: true })
  html?: string | null;

  @Field(() => DeliveryStatus)
  @Enum({ items: () => DeliveryStatus })
  status!: DeliveryStatus;

  @Field(() => Int)
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'datetime' })
  nextAttemptAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  leasedBy?: string | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;
}

@ObjectType({ description: 'One attempt to deliver a message.' })
@Entity({ tableName: 'message_attempt' })
@Index({ properties: ['deliveryId', 'attempt'] })
export class MessageAttempt {
  @PrimaryKey({ type: 'bigint' })
  id!: string;

  @Property({ type: 'integer' })
  deliveryId!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  attempt!: number;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at!: Date;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  ok!: boolean;

  @Field(() => Int, { nullable: true, description: 'Webhook: the HTTP status answered.' })
  @Property({ type: 'integer', nullable: true })
  statusCode?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  durationMs!: number;
}
