/**
 * Delivers due e-mail and webhook messages. Each worker claims a few under a lease, sends them
 * outside any transaction, and records every attempt (time, outcome, HTTP status, error); a
 * failure waits longer after each attempt (backoff) until MAX_ATTEMPTS, then the message is FAILED.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { backoffMs, claimLeased } from '../outbox/lease.js';
import { signedHeaders } from '../webhooks/envelope.js';
import { checkWebhookTarget } from '../webhooks/target-guard.js';
import type { EmailSender } from './email-transport.js';
import { DeliveryChannel, DeliveryStatus, MessageAttempt, MessageDelivery } from './message-delivery.entity.js';

export const MAX_ATTEMPTS = 10;

export interface DeliverySettings {
  email: EmailSender | null;
  allowPrivateTargets: boolean;
  workerId: string;
  leaseSeconds: number;
  webhookTimeoutMs: number;
  fetch?: typeof fetch;
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** Sends up to `limit` due messages; returns how many were delivered and how many failed. */
export async function deliverDue(
  rootEm: EntityManager,
  settings: DeliverySettings,
  now: Date,
  limit = 50,
): Promise<{ delivered: number; failed: number }> {
  const ids = await rootEm.fork().transactional((em) =>
    claimLeased(em, 'message_delivery', `status = 'PENDING' and next_attempt_at <= ?`, [now], {
      limit,
      workerId: settings.workerId,
      leaseSeconds: settings.leaseSeconds,
      now,
    }),
  );
  let delivered = 0;
  let failed = 0;
  for (const id of ids) {
    const em = rootEm.fork();
    const delivery = await em.findOneOrFail(MessageDelivery, { id });
    const started = Date.now();
    const outcome = await attempt(em, delivery, settings, now);
    const attemptNo = delivery.attempts + 1;
    await em.transactional(async (tx) => {
      tx.create(MessageAttempt, {
        deliveryId: id,
        attempt: attemptNo,
        at: now,
        ok: outcome.ok,
        statusCode: outcome.statusCode,
        error: outcome.error?.slice(0, 500) ?? null,
        durationMs: Date.now() - started,
      });
      const exhausted = !outcome.ok && attemptNo >= MAX_ATTEMPTS;
      await tx.execute(
        `update message_delivery set attempts = ?, status = ?, delivered_at = ?, last_error = ?, next_attempt_at = ?,
           lease_until = null, leased_by = null where id = ?`,
        [
          attemptNo,
          outcome.ok ? DeliveryStatus.DELIVERED : exhausted ? DeliveryStatus.FAILED : DeliveryStatus.PENDING,
          outcome.ok ? now : null,
          outcome.error?.slice(0, 500) ?? null,
          new Date(now.getTime() + (outcome.ok ? 0 : backoffMs(attemptNo))),
          id,
        ],
      );
    });
    if (outcome.ok) delivered++;
    else failed++;
  }
  return { delivered, failed };
}

async function attempt(
  em: EntityManager,
  delivery: MessageDelivery,
  settings: DeliverySettings,
  now: Date,
): Promise<Outcome> {
  try {
    if (delivery.channel === DeliveryChannel.EMAIL) {
      if (!settings.email) return { ok: false, statusCode: null, error: 'No SMTP server is configured.' };
      await settings.email({
        to: delivery.recipient,
        subject: delivery.subject ?? '',
        text: delivery.body,
        html: delivery.html ?? null,
        messageId: `<delivery-${delivery.id}@customs-sqa>`,
      });
      return { ok: true, statusCode: null, error: null };
    }
    return await postWebhook(em, delivery, settings, now);
  } catch (error) {
    return { ok: false, statusCode: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function postWebhook(
  em: EntityManager,
  delivery: MessageDelivery,
  settings: DeliverySettings,
  now: Date,
): Promise<Outcome> {
  const [hook] = await em.execute<
    { url: string; secret: string; previous_secret: string | null; previous_secret_until: string | null }[]
  >('select url, secret, previous_secret, previous_secret_until from webhook_subscription where id = ?', [
    delivery.subscriptionId,
  ]);
  if (!hook) return { ok: false, statusCode: null, error: 'The subscription was deleted.' };
  await checkWebhookTarget(hook.url, settings.allowPrivateTargets);
  const secrets = [hook.secret];
  if (hook.previous_secret && hook.previous_secret_until && new Date(hook.previous_secret_until) > now)
    secrets.push(hook.previous_secret);
  const envelope = JSON.parse(delivery.body) as { id: string };
  const timestamp = Math.floor(now.getTime() / 1000);
  const res = await (settings.fetch ?? fetch)(hook.url, {
    method: 'POST',
    headers: signedHeaders(secrets, envelope.id, timestamp, delivery.body),
    body: delivery.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(settings.webhookTimeoutMs),
  });
  await res.body?.cancel();
  return res.ok
    ? { ok: true, statusCode: res.status, error: null }
    : { ok: false, statusCode: res.status, error: `HTTP ${res.status}` };
}
