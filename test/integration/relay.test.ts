import { describe, expect, it } from 'vitest';
import { openClickHouse } from '../../analytics/clickhouse.js';
import { insertRatingFacts } from '../../analytics/ingest.js';
import { batchToken, relayOnce, startRelay, type FactBatch } from '../../api/relay/relay-loop.js';
import { OutboxFactSource, relayLag } from '../../api/relay/outbox-fact-source.js';
import { analyticsNeedsRebuild, rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';
import { sendNewForm, testDeclarationNumber } from '../support/sends.js';

const api = useSeededApi({ clock: () => new Date(FIXED_UNTIL.getTime() - 3_600_000) });
const KEY = 'sqa_demo_declaration_software';
const em = () => api.stores.em();
// One stable worker name: each relayOnce below is "the relay restarted", which resumes its own batches.
const source = () => new OutboxFactSource(api.stores.db.orm.em, { workerId: 'relay-test' });

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
    query:
      'SELECT level, count() AS n, uniqExact(item_id) AS items FROM rating_facts WHERE is_deleted = 0 GROUP BY level ORDER BY level',
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
  const list = await api.server.gql(
    `{ unratedDeclarations(first: 100) { edges { node { number releasedAt rateableSubjects { kind id } } } } }`,
    {},
    KEY,
  );
  const nodes = list.data!.unratedDeclarations.edges.map((e: any) => e.node).slice(0, count);
  // The demo data must hold enough unrated declarations for the count asked for.
  expect(nodes).toHaveLength(count);
  for (const node of nodes) {
    const officer = node.rateableSubjects.find((s: any) => s.kind === 'OFFICER');
    const res = await api.server.gql(
      'mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id } }',
      {
        input: {
          declarationNumber: node.number,
          phase: node.releasedAt ? 'AFTER' : 'DURING',
          items: [
            { subjectKind: 'BRANCH', subjectId: node.rateableSubjects[0].id, level: 5 },
            ...(officer ? [{ subjectKind: 'OFFICER', subjectId: officer.id, level: 4 }] : []),
          ],
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

/** Forms for declarations recorded just now, so a test never runs out of unrated ones. */
async function sendFreshForms(count: number) {
  const [enterprise] = await em().execute<{ tax_code: string; name: string }[]>(
    'select tax_code, name from enterprise where id = 1',
  );
  for (let i = 0; i < count; i++) {
    await sendNewForm(
      api.server.gql.bind(api.server),
      testDeclarationNumber(++sent),
      { taxCode: enterprise.tax_code, name: enterprise.name },
      new Date(FIXED_UNTIL.getTime() - 7_200_000),
    );
  }
}

describe('several relay workers', () => {
  it('three workers at once deliver every event exactly once, each batch by one worker', async () => {
    await sendFreshForms(12);
    const pending = (await relayLag(em())).pendingEvents;
    expect(pending).toBeGreaterThanOrEqual(12);
    const deliveredBy = new Map<number, string[]>();
    const worker = (name: string) => {
      const workerSource = new OutboxFactSource(api.stores.db.orm.em, { workerId: name });
      return relayOnce(api.stores.analytics, workerSource, {
        maxEvents: 2,
        beforeAcknowledge: async (batch: FactBatch) => {
          deliveredBy.set(batch.id, [...(deliveredBy.get(batch.id) ?? []), name]);
          // Hold the batch a little, as a slow network would, so the workers overlap.
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
      });
    };
    await Promise.all([worker('w1'), worker('w2'), worker('w3')]);

    const batches = await em().execute<{ id: number; events: number; leased_by: string }[]>(
      "select id, events, leased_by from relay_batch where id in (select batch_id from outbox_event where processed_at > now() - interval '1 minute') order by id",
    );
    expect(batches.reduce((n, b) => n + Number(b.events), 0)).toBe(pending);
    for (const b of batches) expect(deliveredBy.get(Number(b.id))).toHaveLength(1);
    expect(new Set([...deliveredBy.values()].flat()).size).toBeGreaterThan(1);
    const [{ n: twice }] = await em().execute<{ n: string }[]>(
      'select count(*) as n from (select id from outbox_event group by id having count(distinct batch_id) > 1) d',
    );
    expect(Number(twice)).toBe(0);
    expect((await relayLag(em())).pendingEvents).toBe(0);
    expect(await clickhouseFacts()).toEqual({ levels: await postgresFacts(), duplicates: 0 });
  });

  it("leaves a live worker's batch alone, and takes over a dead worker's when its lease lapses", async () => {
    await sendFreshForms(1);
    const dead = new OutboxFactSource(api.stores.db.orm.em, { workerId: 'dies', leaseSeconds: 1 });
    const batch = await dead.nextBatch(500);
    await insertRatingFacts(api.stores.analytics, batch!.facts, batchToken(batch!.id));
    const other = new OutboxFactSource(api.stores.db.orm.em, { workerId: 'survivor' });
    expect(await relayOnce(api.stores.analytics, other)).toBe(0);
    expect((await relayLag(em())).pendingEvents).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await relayOnce(api.stores.analytics, other)).toBeGreaterThan(0);
    const [row] = await em().execute<{ leased_by: string; delivered_at: Date | null }[]>(
      'select leased_by, delivered_at from relay_batch where id = ?',
      [batch!.id],
    );
    expect(row.leased_by).toBe('survivor');
    expect(row.delivered_at).not.toBeNull();
    expect(await clickhouseFacts()).toEqual({ levels: await postgresFacts(), duplicates: 0 });
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
      const result = await back.client.query({
        query: 'SELECT count() AS n, uniqExact(item_id) AS items FROM rating_facts',
        format: 'JSONEachRow',
      });
      const [row] = await result.json<{ n: string; items: string }>();
      const expected = Object.values(await postgresFacts()).reduce((a, b) => a + b, 0);
      expect({ n: Number(row.n), items: Number(row.items) }).toEqual({ n: expected, items: expected });
      expect((await relayLag(em())).pendingEvents).toBe(0);
    } finally {
      await back.close();
    }
  });
});
