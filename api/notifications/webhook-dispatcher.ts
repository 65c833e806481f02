/**
 * Delivers queued webhooks: POSTs the JSON payload with `X-SQA-Signature: sha256=<HMAC of the
 * body with the subscription's secret>`, and on failure retries with exponential backoff
 * (1, 2, 4 … minutes, at most a day apart) up to MAX_ATTEMPTS.
 */
import { createHmac } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

export const MAX_ATTEMPTS = 10;

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function deliverWebhooks(
  em: EntityManager,
  now: Date,
  send: typeof fetch = fetch,
): Promise<{ delivered: number; failed: number }> {
  const due = await em.execute<
    { id: number; url: string; secret: string; topic: string; payload: unknown; attempts: number }[]
  >(
    `select d.id, s.url, s.secret, d.topic, d.payload, d.attempts
     from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
     where d.delivered_at is null and d.attempts < ? and d.next_attempt_at <= ? and s.disabled_at is null
     order by d.id limit 50`,
    [MAX_ATTEMPTS, now],
  );
  let delivered = 0;
  let failed = 0;
  for (const d of due) {
    const body = typeof d.payload === 'string' ? d.payload : JSON.stringify(d.payload);
    let error: string | null = null;
    try {
      const res = await send(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-sqa-topic': d.topic,
          'x-sqa-delivery': String(d.id),
          'x-sqa-signature': signature(d.secret, body),
        },
        body,
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (error === null) {
      await em.execute(
        'update webhook_delivery set delivered_at = ?, attempts = attempts + 1, last_error = null where id = ?',
        [now, d.id],
      );
      delivered++;
    } else {
      const backoffMinutes = Math.min(2 ** d.attempts, 24 * 60);
      await em.execute(
        'update webhook_delivery set attempts = attempts + 1, last_error = ?, next_attempt_at = ? where id = ?',
        [error.slice(0, 500), new Date(now.getTime() + backoffMinutes * 60_000), d.id],
      );
      failed++;
    }
  }
  return { delivered, failed };
}
