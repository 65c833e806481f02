import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { openClickHouse } from '../../analytics/clickhouse.js';
import { insertRatingFacts } from '../../analytics/ingest.js';
import { batchToken, relayOnce, startRelay } from '../../analytics/sync/relay.js';
import { OutboxFactSource, relayLag } from '../../api/analytics-sync/outbox-fact-source.js';
import { analyticsNeedsRebuild, rebuildRatingFacts } from '../../api/analytics-sync/rebuild.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi({ clock: () => new Date(FIXED_UNTIL.getTime() - 3_600_000) });
const KEY = 'sqa_demo_declaration_software';
const em = () => api.stores.em() as EntityManager;
const source = () => new OutboxFactSource(api.stores.db.orm.em);

/** Items of sent forms in Postgres, and their level histogram. */
async function postgresFacts() {
  const rows = await em().execute<{ level: number; n: string }[]>(
    `select i.level, count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id where a.status = 'SENT' group by i.level order by i.level`,
  );
  return Object.fromEntries(rows.map((r) => [Number(r.level), Number(r.n)]));
}

/** Facts in ClickHouse: the histogram, and whether any item is there twice. */
async function clickhouseFacts() {
  const result = await api.stores.analytics.client.query({
    query: 'SELECT level, count() AS n, uniqExact(item_id) AS items FROM rating_facts WHERE is_deleted = 0 GROUP BY level ORDER BY level',
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ level: number; n: string; items: string }>();
  return {
    levels: Object.fromEntries(rows.map((r) => [Number(r.level), Number(r.n)])),
    duplicates: rows.reduce((d, r) => d + Number(r.n) - Number(r.items), 0),
  };
}

let sent = 0;
async function sendForms(count: number) {
  const list = await api.server.gql(`{ unratedDeclarations(first: 100) { edges { node { number releasedAt rateableSubjects { kind id } } } } }`, {}, KEY);
  const nodes = list.data!.unratedDeclarations.edges.map((e: any) => e.node).slice(0, count);
  for (const node of nodes) {
    const officer = node.rateableSubjects.find((s: any) => s.kind === 'OFFICER');
    const res = await api.server.gql(
      'mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id } }',
      {
        input: {
          declarationNumber: node.number,
          phase: node.releasedAt ? 'AFTER' : 'DURING',
          items: [{ subjectKind: 'BRANCH', subjectId: node.rateableSubjects[0].id, level: 5 }, ...(officer ? [{ subjectKind: 'OFFICER', subjectId: officer.id, level: 4 }] : [])],
        },
        key: `relay-test-${++sent}`,
      },
      KEY,
    );
    expect(res.errors).toBeUndefined();
  }
  expect(nodes.length).toBe(count);
}

describe('rebuild from Postgres', () => {
  it('loads every item of every sent form into an empty ClickHouse', async () => {
    expect(await analyticsNeedsRebuild(em(), api.stores.analytics)).toBe(true);
    const loaded = await rebuildRatingFacts(em(), api.stores.analytics);
    const expected = await postgresFacts();
    expect(loaded).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    expect(await clickhouseFacts()).toEqual({ levels: expected, duplicates: 0 });
    expect(await analyticsNeedsRebuild(em(), api.stores.analytics)).toBe(false);
  });
});

describe('outbox relay', () => {
  it('delivers new forms, in order, and reports lag until it has', async () => {
    await sendForms(2);
    const lag = await relayLag(em());
    expect(lag.pendingEvents).toBe(2);
    const delivered = await relayOnce(api.stores.analytics, source());
    expect(delivered).toBeGreaterThanOrEqual(2);
    expect(await clickhouseFacts()).toEqual({ levels: await postgresFacts(), duplicates: 0 });
    expect((await relayLag(em())).pendingEvents).toBe(0);
  });

  it('loses nothing and counts nothing twice when killed between the insert and the acknowledgement', async () => {
    await sendForms(1);
    // A relay that dies after ClickHouse accepted the batch, before Postgres recorded it.
    const batch = await source().nextBatch(500);
    expect(batch).not.toBeNull();
    await insertRatingFacts(api.stores.analytics, batch!.facts, batchToken(batch!.id));
    // The next relay finds the same batch still claimed and resends it under the same token.
    await relayOnce(api.stores.analytics, source());
    expect(await clickhouseFacts()).toEqual({ levels: await postgresFacts(), duplicates: 0 });
    expect((await relayLag(em())).pendingEvents).toBe(0);
  });

  it('stores a batch delivered twice only once', async () => {
    await sendForms(1);
    const batch = await source().nextBatch(500);
    await insertRatingFacts(api.stores.analytics, batch!.facts, batchToken(batch!.id));
    await insertRatingFacts(api.stores.analytics, batch!.facts, batchToken(batch!.id));
    await source().acknowledge(batch!.id);
    expect(await clickhouseFacts()).toEqual({ levels: await postgresFacts(), duplicates: 0 });
  });

  it('finishes the pass it is delivering when stopped (graceful shutdown)', async () => {
    await sendForms(1);
    const errors: unknown[] = [];
    const relay = startRelay(api.stores.analytics, source(), { intervalMs: 60_000, onError: (e) => errors.push(e) });
    const pass = relay.flush();
    await new Promise((resolve) => setImmediate(resolve)); // the pass has begun
    await relay.stop();
    expect((await relayLag(em())).pendingEvents).toBe(0);
    expect(await pass).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
    expect(await clickhouseFacts()).toEqual({ levels: await postgresFacts(), duplicates: 0 });
  });

  it('keeps events while ClickHouse is unavailable, and catches up when it is back', async () => {
    await api.stores.analytics.close();
    await sendForms(2);
    expect((await relayLag(em())).pendingEvents).toBe(2);
    await expect(relayOnce(api.stores.analytics, source())).rejects.toThrow();
    expect((await relayLag(em())).pendingEvents).toBe(2);
    const back = await openClickHouse(api.stores.config.clickhouse);
    try {
      await relayOnce(back, source());
      const result = await back.client.query({ query: 'SELECT count() AS n, uniqExact(item_id) AS items FROM rating_facts', format: 'JSONEachRow' });
      const [row] = await result.json<{ n: string; items: string }>();
      const expected = Object.values(await postgresFacts()).reduce((a, b) => a + b, 0);
      expect({ n: Number(row.n), items: Number(row.items) }).toEqual({ n: expected, items: expected });
      expect((await relayLag(em())).pendingEvents).toBe(0);
    } finally {
      await back.close();
    }
  });
});
