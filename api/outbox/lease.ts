/**
 * Leases and backoff shared by the workers that drain an outbox table: a worker claims due rows
 * under a lease (`skip locked` keeps two workers off the same rows at the same instant; the lease
 * keeps them off while the holder works outside the claiming transaction), and a failed row waits
 * longer after each attempt. A worker that dies lets its lease lapse and another takes the row.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { EntityManager } from '@mikro-orm/postgresql';

/** host:pid:random, at most 64 characters (the leased_by column). */
export function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`.slice(0, 64);
}

/**
 * Claims up to `limit` rows of `table` matching `due` (a fixed condition from code, never user
 * input) whose lease is free, lapsed or already this worker's; returns their ids, oldest first.
 */
export async function claimLeased(
  em: EntityManager,
  table: 'message_delivery',
  due: string,
  dueParams: unknown[],
  options: { limit: number; workerId: string; leaseSeconds: number; now: Date },
): Promise<number[]> {
  const until = new Date(options.now.getTime() + options.leaseSeconds * 1000);
  const rows = await em.execute<{ id: number }[]>(
    `update ${table} set lease_until = ?, leased_by = ? where id in (
       select id from ${table} where ${due} and (lease_until is null or lease_until < ? or leased_by = ?)
       order by id limit ? for update skip locked)
     returning id`,
    [until, options.workerId, ...dueParams, options.now, options.workerId, options.limit],
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** How long to wait after the n-th failed attempt: 1, 2, 4 … minutes, at most a day. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(2 ** Math.max(0, failedAttempts - 1), 24 * 60) * 60_000;
}
