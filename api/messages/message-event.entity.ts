/**
 * The outbox of things people and other systems must hear about: one row per event (a case
 * opened, a reminder, a report ready), written in the same transaction as the change itself.
 * The message relay later fans each event out to the channels (in-app notifications, e-mail,
 * webhooks) and marks it dispatched. The event holds no sentence: what a person reads is a key
 * and its parameters, rendered in the reader's language.
 */
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Who reads an event in the app and by e-mail: a role within a scope, one account, or an e-mail
 * address with no account behind it (an invitation): that one gets the e-mail only.
 */
export type Audience =
  { role: string; scopeId: number | null } | { accountId: number } | { email: string; locale: 'vi' | 'en' };

@Entity({ tableName: 'message_event' })
@Index({ properties: ['dispatchedAt', 'id'] })
export class MessageEvent {
  [OptionalProps]?: 'version' | 'isPublic' | 'audiences' | 'messageParams';

  @PrimaryKey({ type: 'bigint' })
  id!: string;

  /** One of the event catalogue (api/messages/catalogue.ts), e.g. "case.opened". */
  @Property({ type: 'string', length: 64 })
  type!: string;

  /** The version of the event's `data` shape. */
  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  /** The envelope's `data`: what integrators receive. */
  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  /** The enterprise the event belongs to (its subscriptions receive it); null: a staff event. */
  @Property({ type: 'integer', nullable: true })
  enterpriseId?: number | null;

  /** An event for every enterprise (a notice published to all). */
  @Property({ type: 'boolean' })
  isPublic: boolean = false;

  @Property({ type: 'json' })
  audiences: Audience[] = [];

  /** What a person reads: a key of the message catalogue and its parameters; null: machines only. */
  @Property({ type: 'string', length: 64, nullable: true })
  messageKey?: string | null;

  @Property({ type: 'json' })
  messageParams: Record<string, string | number> = {};

  /** The console path the message leads to, e.g. "/cases/12". */
  @Property({ type: 'string', length: 500, nullable: true })
  link?: string | null;

  @Property({ type: 'datetime', nullable: true })
  dispatchedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  leasedBy?: string | null;
}
