/**
 * Keeps the outbox from growing for years: delivered relay batches and their events older than
 * OUTBOX_RETENTION_DAYS are deleted, a bounded slice per call. Only rows the relay is done with
 * are touched (a delivered batch is never claimed again; `skip locked` steps around a batch
 * another worker holds), so several relays may prune at the same time: each deletes different
 * rows, or finds nothing. ClickHouse does not need the rows: a rebuild reads the forms and cases.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export async function pruneDeliveredOutbox(
  rootEm: EntityManager,
  retentionDays: number,
  limit = 1000,
): Promise<{ batches: number; events: number }> {
  if (retentionDays <= 0) return { batches: 0, events: 0 };
  return rootEm.fork().transactional(async (em) => {
    const batches = await em.execute<{ id: number }[]>(
      `select id from relay_batch where delivered_at < now() - make_interval(days => ?)
       order by id limit ? for update skip locked`,
      [retentionDays, limit],
    );
    const ids = batches.map((b) => Number(b.id));
    let events = 0;
    if (ids.length > 0) {
      events += await affected(em, 'delete from outbox_event where batch_id in (?) and processed_at is not null', [
        ids,
      ]);
      await em.execute('delete from relay_batch where id in (?)', [ids]);
    }
    // Events a rebuild marked delivered without a batch.
    events += await affected(
      em,
      `delete from outbox_event where id in (select id from outbox_event where batch_id is null
         and processed_at < now() - make_interval(days => ?) order by id limit ? for update skip locked)`,
      [retentionDays, limit * 10],
    );
    return { batches: ids.length, events };
  });
}

async function affected(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result = await em.execute<{ affectedRows?: number }>(sql, params, 'run');
  return Number(result.affectedRows ?? 0);
}
