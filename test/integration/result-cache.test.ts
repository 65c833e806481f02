// The analytics result cache: a repeated question is answered without a query, and the answer
// changes right after the relay delivers a batch (the batch's insert advances the watermark).
import { beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnalytics } from '../../analytics/instrumented.js';
import { ResultCache, questionKey, readRows } from '../../analytics/resultCache.js';
import { timedOut } from '../../api/errors.js';
import { OutboxFactSource } from '../../api/relay/outbox-fact-source.js';
import { relayOnce } from '../../api/relay/relay-loop.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { sendNewForm, testDeclarationNumber, type Gql } from '../support/sends.js';
import { useSeededApi } from '../support/server.js';
import { FIXED_UNTIL } from '../support/stores.js';

// Whole answers are not kept here (answer-cache.test.ts), so every repeated question reaches this cache.
const api = useSeededApi({
  clock: () => new Date(FIXED_UNTIL.getTime() - 3_600_000),
  settings: () => ({ answerCache: { maxBytes: 0 } }),
});
const Q = `query($f: RatingFilterInput) { ratingStatistics(filter: $f, groupBy: [LEVEL]) { overall { count } groups { keys { value } count } } }`;
const ANALYTICS_KEY = 'sqa_demo_analytics';

beforeAll(async () => {
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
});

const stats = () => api.stores.analytics.cache!.stats();
const gql: Gql = async (query, variables, apiKey) => api.server.gql(query, variables, apiKey);

describe('result cache', () => {
  it('answers a repeated question from memory, and a new batch makes the next answer fresh', async () => {
    const ask = async () => {
      const res = await api.server.gql<{ ratingStatistics: { overall: { count: number } } }>(Q, {}, ANALYTICS_KEY);
      expect(res.errors).toBeUndefined();
      return res.data!.ratingStatistics;
    };
    const first = await ask();
    const before = stats();
    expect(await ask()).toEqual(first);
    expect(stats().hits).toBe(before.hits + 1);
    expect(stats().misses).toBe(before.misses);

    const [{ tax_code, name }] = await api.stores
      .em()
      .execute<{ tax_code: string; name: string }[]>('select tax_code, name from enterprise where id = 1');
    await sendNewForm(gql, testDeclarationNumber(1, 8), { taxCode: tax_code, name }, FIXED_UNTIL, 1);
    // Sent but not yet delivered: ClickHouse has not changed, the cached answer still holds.
    expect(await ask()).toEqual(first);
    const delivered = await relayOnce(api.stores.analytics, new OutboxFactSource(api.stores.db.orm.em));
    expect(delivered).toBeGreaterThan(0);

    // Right after the delivery: the form's two ratings (branch 1★, officer 5★) are counted.
    const after = await ask();
    expect(after.overall.count).toBe(first.overall.count + 2);
    expect(stats().watermark).toBeGreaterThan(before.watermark);
  });

  it('keys by the normalised question: the order and repeats of a list do not matter, the viewer scope does', async () => {
    const ids = (await api.stores.em().execute<{ id: number }[]>('select id from branch order by id limit 2')).map(
      (r) => String(r.id),
    );
    const misses = stats().misses;
    const a = await api.server.gql(Q, { f: { branchIds: ids } }, ANALYTICS_KEY);
    const b = await api.server.gql(Q, { f: { branchIds: [...ids].reverse().concat(ids[0]) } }, ANALYTICS_KEY);
    expect(b.data).toEqual(a.data);
    expect(stats().misses).toBe(misses + 1);
    // A supervisor's scope narrows the same question to its branch: another key, another answer.
    const supervisor = await api.server.login('supervisor');
    const scoped = await api.server.gql(Q, {}, supervisor);
    const national = await api.server.gql(Q, {}, ANALYTICS_KEY);
    expect(scoped.data!.ratingStatistics.overall.count).toBeLessThan(national.data!.ratingStatistics.overall.count);
  });

  it('a question shared with a request whose client left is still answered', async () => {
    // Two requests ask the same question at once; the first one's client disconnects, which
    // aborts the query it started and the second one joined.
    const first = new AbortController();
    const second = new AbortController();
    let current = first;
    const store = instrumentAnalytics(api.stores.analytics, {
      guard: () => ({ signal: current.signal, remainingMs: 20_000 }),
      observe: () => {},
      aborted: () => timedOut(),
    });
    // Long enough (hundreds of ms) for the second request to join and the first to leave.
    const SLOW = 'SELECT count() AS n FROM numbers(60000000) WHERE sipHash64(number) % 7 = {r:UInt8}';
    const a = readRows<{ n: string }>(store, SLOW, { r: 3 }, {});
    current = second;
    const b = readRows<{ n: string }>(store, SLOW, { r: 3 }, {});
    first.abort(new Error('The client closed the connection.'));
    await expect(a).rejects.toMatchObject({ extensions: { code: 'TIMEOUT' } });
    const rows = await b;
    expect(Number(rows[0].n)).toBeGreaterThan(8_000_000);
  });

  it('reports hits and misses at /metrics', async () => {
    const text = await (await fetch(`${api.server.url}/metrics`)).text();
    expect(text).toMatch(/sqa_analytics_cache_lookups_total\{outcome="hit"\} [1-9]/);
    expect(text).toMatch(/sqa_analytics_cache_lookups_total\{outcome="miss"\} [1-9]/);
  });
});

describe('ResultCache', () => {
  it('keeps to its size cap, evicting the least recently used answer', async () => {
    const cache = new ResultCache(2 * (questionKey('q1', {}).length + 2) * 2 + 10);
    const run = async () => [] as number[];
    await cache.read('q1', {}, run);
    await cache.read('q2', {}, run);
    await cache.read('q1', {}, run); // q1 used last
    await cache.read('q3', {}, run);
    expect(cache.stats().entries).toBe(2);
    let ran = false;
    await cache.read('q1', {}, async () => ((ran = true), []));
    expect(ran).toBe(false);
    await cache.read('q2', {}, async () => ((ran = true), []));
    expect(ran).toBe(true);
  });

  it('does not keep an answer computed while a write landed', async () => {
    const cache = new ResultCache(1 << 20);
    let release!: () => void;
    const slow = cache.read('q', {}, () => new Promise<number[]>((resolve) => (release = () => resolve([1]))));
    cache.invalidate();
    release();
    expect(await slow).toEqual([1]);
    expect(cache.stats().entries).toBe(0);
  });
});
