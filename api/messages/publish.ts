/**
 * Publishing an event: one row in the message outbox, written by the caller inside the
 * transaction of the change it reports (so a rolled-back change tells no one). The message relay
 * fans it out later. `MESSAGE_EVENT_INSERT` serves the hot paths written as one SQL statement.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { MESSAGES, type EventType } from './catalogue.js';
import { MessageEvent, type Audience } from './message-event.entity.js';

export interface PublishedEvent {
  type: EventType;
  occurredAt: Date;
  data: Record<string, unknown>;
  enterpriseId?: number | null;
  isPublic?: boolean;
  audiences?: Audience[];
  /** What people read; omitted for events only machines receive. */
  message?: { key: string; params: Record<string, string | number>; link: string | null };
}

/** Queues the event in the caller's unit of work (flushed with the change). */
export function publishEvent(em: EntityManager, event: PublishedEvent): MessageEvent {
  return em.create(MessageEvent, {
    type: event.type,
    version: 1,
    occurredAt: event.occurredAt,
    data: event.data,
    enterpriseId: event.enterpriseId ?? null,
    isPublic: event.isPublic ?? false,
    audiences: event.audiences ?? [],
    messageKey: event.message?.key ?? null,
    messageParams: event.message?.params ?? {},
    link: event.message?.link ?? null,
  });
}

/**
 * The column list for `insert into message_event … select` in one-statement writes; the select
 * gives, in order: type, occurred_at, data, enterprise_id, audiences, message_key, message_params, link.
 */
export const MESSAGE_EVENT_INSERT =
  'insert into message_event (type, version, occurred_at, data, enterprise_id, is_public, audiences, message_key, message_params, link) select';
/** Wraps the eight selected values into the column order of MESSAGE_EVENT_INSERT. */
export function messageEventValues(v: {
  type: string;
  occurredAt: string;
  data: string;
  enterpriseId: string;
  audiences: string;
  messageKey: string;
  messageParams: string;
  link: string;
}): string {
  return `${v.type}, 1, ${v.occurredAt}, ${v.data}, ${v.enterpriseId}, false, ${v.audiences}, ${v.messageKey}, ${v.messageParams}, ${v.link}`;
}

/**
 * A message to named people, outside the event catalogue (an invitation, a password reset): each
 * recipient is an account (in-app and e-mail per its preferences) or a bare address with its
 * language (e-mail only). Queued in the caller's transaction like every event; never sent to
 * webhooks. The key must be in MESSAGES (catalogue.ts).
 */
export function sendMessage(
  em: EntityManager,
  message: {
    to: Audience[];
    key: string;
    params: Record<string, string | number>;
    link: string | null;
    at: Date;
  },
): MessageEvent {
  if (!(message.key in MESSAGES)) throw new Error(`Unknown message key ${message.key}`);
  return publishEvent(em, {
    type: 'message.direct',
    occurredAt: message.at,
    data: { key: message.key },
    audiences: message.to,
    message: { key: message.key, params: message.params, link: message.link },
  });
}
