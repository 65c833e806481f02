/** Who is making a request. Resolved once per request from its credentials. */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../errors.js';
import { ApiKey } from './api-key.entity.js';
import type { Role } from './roles.js';

export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'apiKey'; keyId: number; role: Role; enterpriseId: number | null };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Reads `Authorization: Bearer <key>` or `X-Api-Key`; a presented but unknown or revoked key is refused. */
export async function resolveViewer(em: EntityManager, headers: Record<string, string | string[] | undefined>): Promise<Viewer> {
  const auth = header(headers, 'authorization');
  const key = auth?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? header(headers, 'x-api-key');
  if (!key) return ANONYMOUS;
  const found = await em.findOne(ApiKey, { keyHash: hashApiKey(key) });
  if (!found || found.revokedAt) throw unauthenticated('This API key is unknown or has been revoked.');
  return { kind: 'apiKey', keyId: found.id, role: found.role, enterpriseId: found.enterpriseId ?? null };
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
