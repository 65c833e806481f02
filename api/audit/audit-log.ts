/**
 * The audit log of administrative actions: `recordAudit` is called by every administrative service
 * inside its own transaction (so an action and its entry commit or fail together), and
 * `listAudit` pages through it for administrators.
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { paginate, type PageArgs } from '../graphql/connection.js';
import type { KnownViewer } from '../auth/viewer.js';
import { AuditEntry } from './audit-entry.entity.js';

/** Who acted: a viewer (or an account acting on itself, e.g. from an invitation), or "cli" for commands run on the server. */
export type Actor = Pick<KnownViewer, 'kind' | 'id'> | 'cli';

/** "account:12", "apiKey:3" or "cli", as `actorOf` writes viewers elsewhere. */
export function actorName(actor: Actor): string {
  return actor === 'cli' ? 'cli' : `${actor.kind}:${actor.id}`;
}

export function recordAudit(
  em: EntityManager,
  actor: Actor,
  action: string,
  target: { kind: string; id?: string | number | null },
  details: Record<string, unknown> = {},
  at: Date = new Date(),
): AuditEntry {
  const entry = em.create(AuditEntry, {
    at,
    actor: actorName(actor),
    action,
    targetKind: target.kind,
    targetId: target.id == null ? null : String(target.id),
    details,
  });
  em.persist(entry);
  return entry;
}

export interface AuditFilterData {
  actor?: string | null;
  action?: string | null;
  targetKind?: string | null;
  targetId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Newest first. */
export function listAudit(em: EntityManager, filter: AuditFilterData, page: PageArgs) {
  const where: FilterQuery<AuditEntry> = {};
  if (filter.actor) where.actor = filter.actor;
  // "account" matches every account action ("account.create", "account.deactivate", …).
  if (filter.action) where.action = filter.action.includes('.') ? filter.action : { $like: `${filter.action}.%` };
  if (filter.targetKind) where.targetKind = filter.targetKind;
  if (filter.targetId) where.targetId = filter.targetId;
  if (filter.from || filter.to)
    where.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  return paginate(em, AuditEntry, where, page, 'desc');
}
