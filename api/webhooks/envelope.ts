/**
 * The one webhook envelope and its Standard Webhooks signature. Every event is delivered as
 * `{ id, type, version, occurredAt, data }`; each attempt carries `webhook-id` (the event id, the
 * same on every retry, so receivers can drop duplicates), `webhook-timestamp` (the attempt, in
 * Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed
 * with the base64-decoded part of the `whsec_…` secret (https://www.standardwebhooks.com).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Envelope {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  data: Record<string, unknown>;
}

export function envelopeOf(event: {
  id: string;
  type: string;
  version: number;
  occurredAt: Date;
  data: Record<string, unknown>;
}): Envelope {
  return {
    id: `evt_${event.id}`,
    type: event.type,
    version: event.version,
    occurredAt: event.occurredAt.toISOString(),
    data: event.data,
  };
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

/** `v1,<signature>` for one secret. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers of one attempt; several secrets (during a rotation) give space-separated signatures. */
export function signedHeaders(secrets: string[], id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => sign(s, id, timestamp, body)).join(' '),
  };
}

/**
 * What a receiver does (the README's example, and the tests' receiver): checks that one of the
 * signatures matches and that the timestamp is within `toleranceSeconds` of now.
 */
export function verifyWebhook(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(secret, headers.id, timestamp, body));
  return headers.signature.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
