/**
 * Rebuilds ClickHouse's rating facts from Postgres: empties the table, reloads every sent form in
 * chunks, and marks the outbox delivered up to where the rebuild started. Run it with the relay
 * stopped (the server does it at start-up when ClickHouse is empty, or `npm run analytics:rebuild`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import { countRatingFacts, insertCaseFacts, insertRatingFacts, truncateRatingFacts } from '../../analytics/ingest.js';
import { caseFactsAfter } from './case-facts.sql.js';
import { factsOfForms } from './rating-facts.sql.js';

export async function rebuildRatingFacts(
  em: EntityManager,
  store: AnalyticsStore,
  onProgress?: (facts: number) => void,
): Promise<number> {
  const [mark] = await em.execute<{ last: string | null }[]>('select max(id) as last from outbox_event');
  await truncateRatingFacts(store);
  const run = Date.now();
  let after = 0;
  let total = 0;
  for (;;) {
    const { facts, lastFormId } = await factsOfForms(em, after, 5000);
    if (lastFormId === null) break;
    await insertRatingFacts(store, facts, `rebuild-${run}-${lastFormId}`);
    total += facts.length;
    onProgress?.(total);
    after = lastFormId;
  }
  for (let after = 0; ;) {
    const cases = await caseFactsAfter(em, after, 5000);
    if (cases.length === 0) break;
    after = cases[cases.length - 1].case_id;
    await insertCaseFacts(store, cases, `rebuild-${run}-cases-${after}`);
  }
  // Everything sent before the rebuild began is now in ClickHouse; later events go by the relay.
  if (mark.last !== null) {
    await em.execute('update outbox_event set processed_at = now() where processed_at is null and id <= ?', [
      mark.last,
    ]);
    await em.execute('update relay_batch set delivered_at = now() where delivered_at is null');
  }
  return total;
}

/** True when ClickHouse holds no facts while Postgres has sent forms: a new or wiped store. */
export async function analyticsNeedsRebuild(em: EntityManager, store: AnalyticsStore): Promise<boolean> {
  const [row] = await em.execute<{ n: string }[]>(
    "select count(*) as n from (select 1 from assessment where status = 'SENT' limit 1) s",
  );
  return Number(row.n) > 0 && (await countRatingFacts(store)) === 0;
}
