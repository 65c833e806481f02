/**
 * The fan-out: turns each undispatched message event into what its channels need, in one
 * transaction per batch — in-app notifications for its audiences, one e-mail per account of the
 * audiences that chose e-mail (rendered in that account's language), one webhook delivery per
 * matching subscription (the envelope fixed now, so every retry sends the same bytes).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Notification } from '../notifications/notification.entity.js';
import { EVENT_TYPES, isLocale, type EventType } from './catalogue.js';
import { DeliveryChannel, DeliveryStatus, MessageDelivery } from './message-delivery.entity.js';
import type { Audience, MessageEvent } from './message-event.entity.js';
import { renderMessage } from './render.js';
import { envelopeOf } from '../webhooks/envelope.js';
import type { Role } from '../auth/roles.js';

export interface DispatchSettings {
  /** Without an SMTP server, e-mail is kept (HELD) for administrators to read. */
  smtpConfigured: boolean;
  publicUrl: string;
}

interface EventRow {
  id: string;
  type: string;
  version: number;
  occurred_at: Date | string;
  data: unknown;
  enterprise_id: number | null;
  is_public: boolean;
  audiences: unknown;
  message_key: string | null;
  message_params: unknown;
  link: string | null;
}

/** Dispatches up to `limit` events; returns how many. */
export async function dispatchEvents(
  rootEm: EntityManager,
  settings: DispatchSettings,
  now: Date,
  limit = 100,
): Promise<number> {
  return rootEm.fork().transactional(async (em) => {
    const events = await em.execute<EventRow[]>(
      `select * from message_event where dispatched_at is null order by id limit ? for update skip locked`,
      [limit],
    );
    for (const row of events) await fanOut(em, toEvent(row), settings, now);
    if (events.length > 0) {
      await em.flush();
      await em.execute('update message_event set dispatched_at = ? where id in (?)', [now, events.map((e) => e.id)]);
    }
    return events.length;
  });
}

async function fanOut(em: EntityManager, event: MessageEvent, settings: DispatchSettings, now: Date) {
  if (event.messageKey) {
    for (const audience of event.audiences) {
      if ('email' in audience) continue;
      em.create(Notification, {
        ...('accountId' in audience
          ? { audienceAccountId: audience.accountId }
          : { audienceRole: audience.role as Role, audienceScopeId: audience.scopeId }),
        topic: event.type,
        messageKey: event.messageKey,
        messageParams: event.messageParams,
        link: event.link ?? null,
        caseId: typeof event.data.caseId === 'number' ? event.data.caseId : null,
        createdAt: event.occurredAt,
      });
    }
    const addressed = event.audiences.flatMap((a) =>
      'email' in a ? [{ account_id: null, email: a.email, locale: a.locale }] : [],
    );
    for (const reader of [...(await emailReaders(em, event.audiences)), ...addressed]) {
      const locale = isLocale(reader.locale) ? reader.locale : 'vi';
      const mail = renderMessage(event.messageKey, event.messageParams, locale, event.link ?? null, settings.publicUrl);
      em.create(MessageDelivery, {
        eventId: event.id,
        eventType: event.type,
        channel: DeliveryChannel.EMAIL,
        accountId: reader.account_id,
        recipient: reader.email,
        subject: mail.subject,
        body: mail.text,
        html: mail.html,
        status: settings.smtpConfigured ? DeliveryStatus.PENDING : DeliveryStatus.HELD,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
  const body = JSON.stringify(envelopeOf(event));
  for (const hook of await subscribers(em, event)) {
    em.create(MessageDelivery, {
      eventId: event.id,
      eventType: event.type,
      channel: DeliveryChannel.WEBHOOK,
      subscriptionId: hook.id,
      recipient: hook.url,
      body,
      status: DeliveryStatus.PENDING,
      nextAttemptAt: now,
      createdAt: now,
    });
  }
}

/** Accounts of the audiences that chose e-mail and gave an address. */
async function emailReaders(em: EntityManager, audiences: Audience[]) {
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const a of audiences) {
    if ('email' in a) continue;
    if ('accountId' in a) {
      conditions.push('a.id = ?');
      params.push(a.accountId);
    } else {
      // The account column that holds the audience's scope, by role (see auth/permissions rowScope).
      const column =
        a.role === 'ENTERPRISE'
          ? 'a.enterprise_id'
          : a.role === 'SUPERVISOR' || a.role === 'OFFICER'
            ? 'a.branch_id'
            : 'a.department_id';
      conditions.push(a.scopeId === null ? 'a.role = ?' : `(a.role = ? and ${column} = ?)`);
      params.push(a.role, ...(a.scopeId === null ? [] : [a.scopeId]));
    }
  }
  if (conditions.length === 0) return [];
  return em.execute<{ account_id: number | null; email: string; locale: string }[]>(
    `select distinct a.id as account_id, p.email, p.locale from account a join message_preference p on p.account_id = a.id
     where a.disabled_at is null and p.by_email and p.email is not null and (${conditions.join(' or ')})
     order by a.id`,
    params,
  );
}

/** Subscriptions that receive the event: an administrator's any, an enterprise's only its own events. */
async function subscribers(em: EntityManager, event: MessageEvent) {
  if (event.type === 'webhook.test') {
    return em.execute<{ id: number; url: string }[]>('select id, url from webhook_subscription where id = ?', [
      event.data.subscriptionId,
    ]);
  }
  const forEnterprises = EVENT_TYPES[event.type as EventType]?.enterprise ?? false;
  return em.execute<{ id: number; url: string }[]>(
    `select id, url from webhook_subscription
     where paused_at is null and ? = any(event_types)
       and (enterprise_id is null or (? and (? or enterprise_id = ?)))
     order by id`,
    [event.type, forEnterprises, event.isPublic, event.enterpriseId ?? -1],
  );
}

function toEvent(row: EventRow): MessageEvent {
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    id: String(row.id),
    type: row.type,
    version: Number(row.version),
    occurredAt: new Date(row.occurred_at),
    data: json(row.data) as Record<string, unknown>,
    enterpriseId: row.enterprise_id === null ? null : Number(row.enterprise_id),
    isPublic: row.is_public,
    audiences: json(row.audiences) as Audience[],
    messageKey: row.message_key,
    messageParams: json(row.message_params) as Record<string, string | number>,
    link: row.link,
  };
}
