// The embedded store's pool of chDB sessions: parameters are bound per session and still typed by
// the engine (hostile strings come back exactly, wrong types are refused), and many different
// questions at once each get their own values.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TupleParam } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouse, type AnalyticsStore } from '../../analytics/clickhouse.js';
import { bindOnSession } from '../../analytics/chdbPool.js';

let store: AnalyticsStore;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-pool-'));
beforeAll(async () => {
  store = await openClickHouse({ mode: 'embedded', dir, database: 'pool_test', sessions: 3 });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HOSTILE = [
  "a'b",
  'c\\d',
  'x\ty\nz\r',
  "'; DROP TABLE rating_facts; --",
  "\\'",
  "\\\\''",
  'ü 漢字 ✓',
  '',
  '{s:String}',
];

async function one<T>(query: string, params: Record<string, unknown>): Promise<T> {
  const rows = await (await store.client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
  return rows[0];
}

describe('chDB session pool', () => {
  it('binds hostile strings, lists and instants as typed parameters and returns them exactly', async () => {
    for (const s of HOSTILE) expect((await one<{ s: string }>('SELECT {s:String} AS s', { s })).s).toBe(s);
    const row = await one<{ a: string[]; n: number[]; t: string }>(
      "SELECT {a:Array(String)} AS a, {n:Array(UInt32)} AS n, toString({t:DateTime64(3, 'UTC')}) AS t",
      { a: HOSTILE, n: [1, 2, 4294967295], t: '2026-01-31 17:00:00.250' },
    );
    expect(row).toEqual({ a: HOSTILE, n: [1, 2, 4294967295], t: '2026-01-31 17:00:00.250' });
    // Lists of tuples, as the anomaly detectors send them.
    const pairs = HOSTILE.slice(0, 3).map((s, i) => new TupleParam([s, i, null]));
    const tuples = await one<{ p: [string, number, number | null][] }>(
      'SELECT {p:Array(Tuple(String, UInt32, Nullable(Int64)))} AS p',
      { p: pairs },
    );
    expect(tuples.p).toEqual(HOSTILE.slice(0, 3).map((s, i) => [s, i, null]));
  });

  it('leaves the value to the engine: a value of the wrong type is refused, not run as SQL', async () => {
    await expect(one('SELECT {n:UInt32} AS n', { n: '1 OR 1=1' })).rejects.toThrow();
    await expect(one('SELECT {n:Array(UInt32)} AS n', { n: ["1'] , (SELECT 1) , ['"] })).rejects.toThrow();
    // The statement text never holds a value outside the SET's string literal.
    const bound = bindOnSession({ query: 'SELECT {s:String}', query_params: { s: "'; DROP TABLE t; --" } });
    // (the parameter's text form escapes the quote as \', and the literal escapes both characters again)
    expect(bound.query).toBe(String.raw`SET param_s = '\\\'; DROP TABLE t; --'; SELECT {s:String}`);
    expect(bound.query_params).toBeUndefined();
  });

  it('runs many different parameterised questions at once, each with its own values', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        one<{ v: number; s: string }>('SELECT {v:UInt32} AS v, {s:String} AS s, sleep(0.001) AS z', {
          v: i,
          s: `s${i}'`,
        }),
      ),
    );
    answers.forEach((a, i) => expect([Number(a.v), a.s]).toEqual([i, `s${i}'`]));
  });
});
