/**
 * Who is making a request, resolved once per request: a signed-in account (a bearer token from
 * `login`), a machine with an API key, or nobody. Presented but invalid credentials are refused,
 * never downgraded to anonymous.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../errors.js';
import { Account } from './account.entity.js';
import type { Role } from './roles.js';
import type { TokenService } from './tokens.js';

/** The organisational reach of a viewer; null means "not limited by this". */
export interface Scope {
  enterpriseId: number | null;
  officerId: number | null;
  teamId: number | null;
  branchId: number | null;
  departmentId: number | null;
}

export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'account'; id: number; role: Role; scope: Scope; sessionId: string; displayName: string; login: string }
  | { kind: 'apiKey'; id: number; role: Role; scope: Scope; name: string; costBudgetPerHour?: number | null };

export type KnownViewer = Exclude<Viewer, { kind: 'anonymous' }>;

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export const API_KEY_PREFIX = 'sqa_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** "account:12" or "apiKey:3": the actor recorded in audit fields. */
export function actorOf(viewer: KnownViewer): string {
  return `${viewer.kind}:${viewer.id}`;
}

export function scopeOf(row: {
  enterpriseId?: number | null;
  officerId?: number | null;
  teamId?: number | null;
  branchId?: number | null;
  departmentId?: number | null;
}): Scope {
  return {
    enterpriseId: row.enterpriseId ?? null,
    officerId: row.officerId ?? null,
    teamId: row.teamId ?? null,
    branchId: row.branchId ?? null,
    departmentId: row.departmentId ?? null,
  };
}

/** Reads `Authorization: Bearer <token or key>` or `X-Api-Key: <key>`. */
export async function resolveViewer(
  em: EntityManager,
  headers: Record<string, string | string[] | undefined>,
  tokens: TokenService,
): Promise<Viewer> {
  const bearer = header(headers, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const key = header(headers, 'x-api-key') ?? (bearer?.startsWith(API_KEY_PREFIX) ? bearer : undefined);
  if (key) return viewerOfKey(em, key);
  if (bearer) return viewerOfToken(em, bearer, tokens);
  return ANONYMOUS;
}

async function viewerOfKey(em: EntityManager, key: string): Promise<Viewer> {
  // Every machine request starts here: a plain indexed lookup, without loading an entity.
  const [found] = await em.execute<
    { id: number; role: Role; name: string; enterprise_id: number | null; cost_budget_per_hour: number | null }[]
  >(
    'select id, role, name, enterprise_id, cost_budget_per_hour from api_key where key_hash = ? and revoked_at is null',
    [hashApiKey(key)],
  );
  if (!found) throw unauthenticated('This API key is unknown or has been revoked.', 'API_KEY_INVALID');
  await noteKeyUse(em, Number(found.id));
  return {
    kind: 'apiKey',
    id: Number(found.id),
    role: found.role,
    name: found.name,
    scope: scopeOf({ enterpriseId: found.enterprise_id }),
    costBudgetPerHour: found.cost_budget_per_hour === null ? null : Number(found.cost_budget_per_hour),
  };
}

// "Last used" is shown to the minute: at most one write per key and minute from each process.
const lastNoted = new Map<number, number>();
const NOTE_EVERY_MS = 60_000;

async function noteKeyUse(em: EntityManager, keyId: number): Promise<void> {
  const now = Date.now();
  if ((lastNoted.get(keyId) ?? 0) > now - NOTE_EVERY_MS) return;
  lastNoted.set(keyId, now);
  await em.execute('update api_key set last_used_at = now() where id = ?', [keyId]);
}

async function viewerOfToken(em: EntityManager, token: string, tokens: TokenService): Promise<Viewer> {
  const { accountId, sessionId, sessionAccountId } = await tokens.verify(em, token);
  // A token names its account (sub) and its session (jti): both must agree, or a token signed for
  // one account could ride on another account's session.
  if (!Number.isSafeInteger(accountId) || accountId !== Number(sessionAccountId))
    throw unauthenticated('This token does not belong to its session. Sign in again.', 'TOKEN_INVALID');
  const account = await em.findOne(Account, { id: accountId });
  if (!account || account.disabledAt) throw unauthenticated('This account is disabled.', 'ACCOUNT_DISABLED');
  return {
    kind: 'account',
    id: account.id,
    role: account.role,
    scope: scopeOf(account),
    sessionId,
    displayName: account.displayName,
    login: account.login,
  };
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
