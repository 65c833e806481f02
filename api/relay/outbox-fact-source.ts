/**
 * The relay's view of Postgres: claims outbox events into a batch (fixed before delivery, so a
 * retry resends exactly the same rows), reads their facts, and acknowledges delivered batches.
 *
 * Several relay workers may share the outbox. A worker takes a batch under a lease: `skip locked`
 * keeps two workers from claiming the same rows at the same instant, and the lease keeps the
 * others off the batch while its holder delivers it, after the claiming transaction has ended.
 * A worker that dies leaves its lease to lapse; another then takes the batch over and resends it
 * under the same token, so ClickHouse keeps one copy. A holder slower than its lease is the same
 * case: both copies carry one token.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FactBatch, FactSource } from './relay-loop.js';
import { caseFactsOfBatch } from './case-facts.sql.js';
import { factsOfBatch, supersededOfBatch } from './rating-facts.sql.js';

export interface RelayWorkerOptions {
  /** How long a claimed batch stays reserved for this worker (default 60 s). */
  leaseSeconds?: number;
  /**
   * Names the worker in relay_batch.leased_by (default host:pid:random). A stable name (a pod's)
   * lets a restarted worker resume its own batches at once instead of waiting for the lease.
   */
  workerId?: string;
}

export class OutboxFactSource implements FactSource {
  readonly workerId: string;
  private readonly leaseSeconds: number;

  constructor(
    private readonly rootEm: EntityManager,
    options: RelayWorkerOptions = {},
  ) {
    this.workerId = (options.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`).slice(0, 64);
    this.leaseSeconds = options.leaseSeconds ?? 60;
  }

  async nextBatch(maxEvents: number): Promise<FactBatch | null> {
    return this.rootEm.fork().transactional(async (tx) => {
      const em = tx;
      const [pending] = await em.execute<{ id: number }[]>(
        `select id from relay_batch where delivered_at is null and (lease_until is null or lease_until < now() or leased_by = ?)
         order by id limit 1 for update skip locked`,
        [this.workerId],
      );
      let batchId = pending ? Number(pending.id) : null;
      if (batchId !== null) {
        await em.execute(
          `update relay_batch set lease_until = now() + make_interval(secs => ?), leased_by = ? where id = ?`,
          [this.leaseSeconds, this.workerId, batchId],
        );
      } else {
        const events = await em.execute<{ id: string }[]>(
          'select id from outbox_event where batch_id is null and processed_at is null order by id limit ? for update skip locked',
          [maxEvents],
        );
        if (events.length === 0) return null;
        const [batch] = await em.execute<{ id: number }[]>(
          `insert into relay_batch (claimed_at, events, lease_until, leased_by) values (now(), ?, now() + make_interval(secs => ?), ?) returning id`,
          [events.length, this.leaseSeconds, this.workerId],
        );
        batchId = Number(batch.id);
        await em.execute('update outbox_event set batch_id = ? where id in (?)', [batchId, events.map((e) => e.id)]);
      }
      return {
        id: batchId,
        facts: await factsOfBatch(em, batchId),
        superseded: await supersededOfBatch(em, batchId),
        caseFacts: await caseFactsOfBatch(em, batchId),
      };
    });
  }

  async acknowledge(batchId: number): Promise<void> {
    await this.rootEm.fork().transactional(async (tx) => {
      const em = tx;
      await em.execute(
        'update relay_batch set delivered_at = now(), lease_until = null where id = ? and delivered_at is null',
        [batchId],
      );
      await em.execute('update outbox_event set processed_at = now() where batch_id = ?', [batchId]);
    });
  }

  /** The same notification as a delivered batch's (its trigger's), for a change ClickHouse finished later. */
  async announceChange(): Promise<void> {
    await this.rootEm.fork().execute("select pg_notify('sqa_relay_delivered', 'deletes applied')");
  }
}

/** How far behind ClickHouse is: events not yet delivered, and the age of the oldest one. */
export async function relayLag(em: EntityManager): Promise<{ pendingEvents: number; lagSeconds: number }> {
  const [row] = await em.execute<{ n: string; oldest: string | null }[]>(
    `select count(*) as n, extract(epoch from now() - min(created_at))::float8 as oldest from outbox_event where processed_at is null`,
  );
  return {
    pendingEvents: Number(row.n),
    lagSeconds: row.oldest === null ? 0 : Math.max(0, Math.round(Number(row.oldest))),
  };
}
