/**
 * The relay's view of Postgres: claims outbox events into a batch (fixed before delivery, so a
 * retry resends exactly the same rows), reads their facts, and acknowledges delivered batches.
 * `skip locked` lets several relay workers share the outbox without taking the same events.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FactBatch, FactSource } from '../../analytics/sync/relay.js';
import { caseFactsOfBatch } from './case-facts.sql.js';
import { factsOfBatch } from './rating-facts.sql.js';

export class OutboxFactSource implements FactSource {
  constructor(private readonly rootEm: EntityManager) {}

  async nextBatch(maxEvents: number): Promise<FactBatch | null> {
    return this.rootEm.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      const [pending] = await em.execute<{ id: number }[]>(
        'select id from relay_batch where delivered_at is null order by id limit 1 for update skip locked',
      );
      let batchId = pending ? Number(pending.id) : null;
      if (batchId === null) {
        const events = await em.execute<{ id: string }[]>(
          'select id from outbox_event where batch_id is null and processed_at is null order by id limit ? for update skip locked',
          [maxEvents],
        );
        if (events.length === 0) return null;
        const [batch] = await em.execute<{ id: number }[]>('insert into relay_batch (claimed_at, events) values (now(), ?) returning id', [events.length]);
        batchId = Number(batch.id);
        await em.execute('update outbox_event set batch_id = ? where id in (?)', [batchId, events.map((e) => e.id)]);
      }
      return { id: batchId, facts: await factsOfBatch(em, batchId), caseFacts: await caseFactsOfBatch(em, batchId) };
    });
  }

  async acknowledge(batchId: number): Promise<void> {
    await this.rootEm.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      await em.execute('update relay_batch set delivered_at = now() where id = ?', [batchId]);
      await em.execute('update outbox_event set processed_at = now() where batch_id = ?', [batchId]);
    });
  }
}

/** How far behind ClickHouse is: events not yet delivered, and the age of the oldest one. */
export async function relayLag(em: EntityManager): Promise<{ pendingEvents: number; lagSeconds: number }> {
  const [row] = await em.execute<{ n: string; oldest: string | null }[]>(
    `select count(*) as n, extract(epoch from now() - min(created_at))::float8 as oldest from outbox_event where processed_at is null`,
  );
  return { pendingEvents: Number(row.n), lagSeconds: row.oldest === null ? 0 : Math.max(0, Math.round(Number(row.oldest))) };
}
