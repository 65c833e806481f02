/**
 * `npm run bench -- analytics`: a national-scale rating fact table (35 departments, 280 branches,
 * 1,400 teams, 14,000 officers, 100,000 enterprises, one year) generated inside ClickHouse, then
 * a fixed set of drill-down questions asked (a) through GraphQL over HTTP, (b) as the same raw
 * SQL on the same ClickHouse, (c) at the first size, on a flat table in the PostgreSQL server,
 * interleaved question by question, beside the goals. GraphQL is timed answered from the
 * facts (the result cache emptied before each call) and again from the cache. At the first size
 * also: throughput at 1, 4, 16 and 64 clients (distinct and repeated questions), and freshness
 * (a send until the statistics count it); at every size, the DELETE that removes a re-versioned
 * declaration's older facts. Sizes: BENCH_ROWS (default "10000000,100000000").
 * The concurrency clients run in a worker thread of the server's process (chDB belongs to one
 * process), so their own work does not share the server's JS thread.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import { startConfiguredRelay } from '../../api/relay/relay-worker.js';
import { sendNewForm, testDeclarationNumber, type Gql } from '../support/sends.js';
import { buildStatisticsQuery, type Grouping, type RatingFilter } from '../../analytics/queries/ratingStatistics.js';
import { deleteSupersededFacts, supersededFactsGone } from '../../analytics/ingest.js';
import { percentile, postgresReachable, round, writeReport } from './harness.js';
import { openTestStores } from '../support/stores.js';
import { readsMonthRollup } from '../support/rollup.js';
import { startTestServer } from '../support/server.js';

const SIZES = (process.env.BENCH_ROWS ?? '10000000,100000000').split(',').map(Number);
// 40 rounds: with 15, the p95 of a path was its single slowest run.
const RUNS = 40;
const YEAR_START = '2025-01-01 00:00:00';

/** The same pseudo-random facts in both stores: every field derives from a hash of the row number. */
const CH_GENERATE = (start: number, count: number) => `
INSERT INTO rating_facts (department_id, branch_id, team_id, stage_id, officer_id, subject_kind, item_id, form_id, declaration_id, enterprise_id, channel, phase, level, reason_codes, has_comment, rated_at, version)
SELECT dep, br,
  if(kind = 1, 0, br * 10 + bitShiftRight(h, 16) % 5),
  if(kind IN (3, 4), 1 + bitShiftRight(h, 24) % 12, 0),
  if(kind = 4, (br * 10 + bitShiftRight(h, 16) % 5) * 10 + bitShiftRight(h, 32) % 10, 0),
  kind, number + 1, intDiv(number, 3) + 1, intDiv(number, 3) + 1, 1 + bitShiftRight(h, 40) % 100000,
  [1, 1, 1, 1, 1, 1, 2, 2, 2, 3][1 + bitShiftRight(h, 36) % 10], if(bitShiftRight(h, 50) % 10 = 0, 1, 2),
  multiIf(lv < 12, 1, lv < 40, 2, lv < 100, 3, lv < 380, 4, 5), [], 0,
  toDateTime64('${YEAR_START}', 3, 'Asia/Ho_Chi_Minh') + toIntervalSecond(bitShiftRight(h, 20) % 31536000), 1
FROM (
  SELECT number, cityHash64(number) AS h, 1 + h % 35 AS dep, dep * 10 + bitShiftRight(h, 8) % 8 AS br,
         [1, 1, 1, 1, 4, 4, 4, 3, 3, 2][1 + bitShiftRight(h, 28) % 10] AS kind, bitShiftRight(h, 44) % 1000 AS lv
  FROM numbers(${start}, ${count})
)`;

interface Question {
  name: string;
  filter: RatingFilter;
  groupBy: Grouping[];
  pg: string;
}

const Q2_FROM = new Date('2025-04-01T00:00:00+07:00');
const Q2_TO = new Date('2025-07-01T00:00:00+07:00');
const MAY = new Date('2025-05-01T00:00:00+07:00');
const JUNE = new Date('2025-06-01T00:00:00+07:00');
const LOCAL = `(rated_at at time zone 'Asia/Ho_Chi_Minh')`;
const LEVELS = [1, 2, 3, 4, 5].map((l) => `count(*) filter (where level = ${l})`).join(', ');

const QUESTIONS: Question[] = [
  {
    name: 'national trend by month',
    filter: {},
    groupBy: ['month'],
    pg: `select date_trunc('month', ${LOCAL}) k, ${LEVELS} from bench_rating_facts group by 1`,
  },
  {
    name: 'one department by branch, a quarter',
    filter: { departmentIds: [7], from: Q2_FROM, to: Q2_TO },
    groupBy: ['branch'],
    pg: `select branch_id, ${LEVELS} from bench_rating_facts where department_id = 7 and rated_at >= '${Q2_FROM.toISOString()}' and rated_at < '${Q2_TO.toISOString()}' group by 1`,
  },
  {
    name: 'one branch by team and level, a month',
    filter: { departmentIds: [7], branchIds: [73], from: MAY, to: JUNE },
    groupBy: ['team', 'level'],
    pg: `select team_id, level, count(*) from bench_rating_facts where department_id = 7 and branch_id = 73 and team_id <> 0 and rated_at >= '${MAY.toISOString()}' and rated_at < '${JUNE.toISOString()}' group by 1, 2`,
  },
  {
    name: 'one officer by month',
    filter: { departmentIds: [7], branchIds: [73], officerIds: [7312] },
    groupBy: ['month'],
    pg: `select date_trunc('month', ${LOCAL}) k, ${LEVELS} from bench_rating_facts where department_id = 7 and branch_id = 73 and officer_id = 7312 group by 1`,
  },
  {
    name: 'national ranking of branches, a year',
    filter: {},
    groupBy: ['branch'],
    pg: `select branch_id, ${LEVELS} from bench_rating_facts group by 1`,
  },
  {
    name: 'one department by stage and level',
    filter: { departmentIds: [12] },
    groupBy: ['stage', 'level'],
    pg: `select stage_id, level, count(*) from bench_rating_facts where department_id = 12 and stage_id <> 0 group by 1, 2`,
  },
];

const GRAPHQL_GROUP: Record<string, string> = {
  month: 'MONTH',
  branch: 'BRANCH',
  team: 'TEAM',
  level: 'LEVEL',
  stage: 'STAGE',
  officer: 'OFFICER',
};

/**
 * Times several paths side by side: each round runs every path once, in a rotating order, so a
 * load spike on this shared machine falls on all of them rather than on one column.
 */
async function sideBySide(
  paths: Record<string, () => Promise<unknown>>,
): Promise<Record<string, { p50: number; p95: number }>> {
  const names = Object.keys(paths);
  for (let i = 0; i < 2; i++) for (const name of names) await paths[name]();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let turn = 0; turn < RUNS; turn++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(turn + j) % names.length];
      const t0 = performance.now();
      await paths[name]();
      samples[name].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = samples[name].sort((a, b) => a - b);
      return [name, { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) }];
    }),
  );
}

async function postgresTable(rows: number): Promise<pg.Client | null> {
  if (!(await postgresReachable())) return null;
  const client = new pg.Client({
    connectionString: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  });
  await client.connect();
  await client.query('drop table if exists bench_rating_facts');
  await client.query(
    `create unlogged table bench_rating_facts (department_id int, branch_id int, team_id int, stage_id int, officer_id int, level smallint, enterprise_id int, rated_at timestamptz)`,
  );
  // The same shape as the ClickHouse generator (a different hash, the same distributions).
  await client.query(`
    insert into bench_rating_facts
    select dep, br, case when kind = 1 then 0 else br * 10 + (h >> 16) % 5 end,
           case when kind in (3, 4) then 1 + (h >> 24) % 12 else 0 end,
           case when kind = 4 then (br * 10 + (h >> 16) % 5) * 10 + (h >> 32) % 10 else 0 end,
           case when lv < 12 then 1 when lv < 40 then 2 when lv < 100 then 3 when lv < 380 then 4 else 5 end,
           1 + (h >> 40) % 100000, timestamptz '${YEAR_START}+07' + ((h >> 20) % 31536000) * interval '1 second'
    from (select n, h, 1 + h % 35 as dep, (1 + h % 35) * 10 + (h >> 8) % 8 as br,
                 (array[1,1,1,1,4,4,4,3,3,2])[1 + (h >> 28) % 10] as kind, (h >> 44) % 1000 as lv
          from (select n, (hashint8extended(n, 0) & 9223372036854775807) as h from generate_series(0, ${rows - 1}) n) s) t`);
  await client.query('create index on bench_rating_facts (department_id, branch_id, rated_at)');
  await client.query('create index on bench_rating_facts (officer_id, rated_at)');
  await client.query('analyze bench_rating_facts');
  return client;
}

/** The goals (this 2-core machine, p95 unless stated). */
const GOALS = {
  p95Ms: (rows: number) => (rows <= 10_000_000 ? 30 : 150),
  graphqlOverRaw: 1.25,
  postgresOverGraphql: (q: Question) => (q.name.startsWith('national') ? 50 : 1),
  distinctScaling16: 1.8,
  repeated64: { reqPerSecond: 2000, p99Ms: 50 },
  freshnessP95Ms: 250,
};

const DRILL = `query($filter: RatingFilterInput, $groupBy: [GroupDimension!]!) { ratingStatistics(filter: $filter, groupBy: $groupBy) { overall { count csat } groups { keys { value } count csat shrunkMean } } }`;

function graphqlVariables(filter: RatingFilter, groupBy: Grouping[]) {
  return {
    filter: {
      ...Object.fromEntries(
        Object.entries(filter)
          .filter(([k]) => k.endsWith('Ids'))
          .map(([k, v]) => [k, (v as number[]).map(String)]),
      ),
      ...(filter.from ? { from: filter.from.toISOString(), to: filter.to!.toISOString() } : {}),
    },
    groupBy: groupBy.map((g) => GRAPHQL_GROUP[g]),
  };
}

/**
 * Closed-loop clients in a worker thread, each sending its next request when the last one is
 * answered; a GraphQL error fails the run.
 */
const LOAD_CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, key, bodies, clients, requests } = workerData;
let next = 0;
const latencies = [];
const started = performance.now();
Promise.all(Array.from({ length: clients }, async () => {
  while (next < requests) {
    const body = bodies[next++ % bodies.length];
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key }, body });
    const answer = await res.json();
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    latencies.push(performance.now() - t0);
  }
})).then(() => parentPort.postMessage({ seconds: (performance.now() - started) / 1000, latencies }));
`;

async function concurrently(url: string, clients: number, requests: number, variables: Record<string, unknown>[]) {
  const bodies = variables.map((v) => JSON.stringify({ query: DRILL, variables: v }));
  const worker = new Worker(LOAD_CLIENTS, {
    eval: true,
    workerData: { url: `${url}/graphql`, key: 'sqa_demo_admin', bodies, clients, requests },
  });
  const { seconds, latencies } = await new Promise<{ seconds: number; latencies: number[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return closedLoopFigures(clients, seconds, latencies);
}

/** Throughput and latency of a closed-loop run: one latency per request answered. */
function closedLoopFigures(clients: number, seconds: number, latencies: number[]) {
  latencies.sort((a, b) => a - b);
  return {
    clients,
    requests: latencies.length,
    reqPerSecond: Math.round(latencies.length / seconds),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
  };
}

/** Closed-loop clients asking the statistics SQL of `questions` straight through the store's client. */
async function engineConcurrently(
  store: AnalyticsStore,
  clients: number,
  questions: { filter: RatingFilter; groupBy: Grouping[] }[],
) {
  const statements = questions.map((q) => buildStatisticsQuery(q.filter, q.groupBy));
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < statements.length) {
        const { query, params, settings } = statements[next++];
        const t0 = performance.now();
        await store.client
          .query({ query, query_params: params, clickhouse_settings: settings, format: 'JSONEachRow' })
          .then((r) => r.json());
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return closedLoopFigures(clients, (performance.now() - started) / 1000, latencies);
}

it('analytics: drill-down questions at national scale', async () => {
  const stores = await openTestStores();
  await stores.seed();
  // A benchmark measures the engine, not the per-client budgets and rate limits.
  const server = await startTestServer(stores, undefined, undefined, {
    graphql: { ...stores.config.graphql, costBudgetPerHour: 1e12 },
    rateLimits: { perKeyPerMinute: 1e9, perIpPerMinute: 1e9 },
  });
  const cache = stores.analytics.cache!;
  const ask = async (variables: Record<string, unknown>) => {
    const res = await server.gql(DRILL, variables, 'sqa_demo_admin');
    expect(res.errors).toBeUndefined();
    return res.data!.ratingStatistics as { groups: unknown[] };
  };
  const report: Record<string, unknown>[] = [];
  const concurrency: Record<string, unknown>[] = [];
  const deletes: Record<string, unknown>[] = [];
  let freshness: Record<string, unknown> | null = null;
  const load = () => os.loadavg().map((l) => round(l));
  const loadBefore = load();
  try {
    let generated = 0;
    for (const size of SIZES) {
      const started = performance.now();
      for (let start = generated; start < size; start += 10_000_000) {
        await stores.analytics.client.command({ query: CH_GENERATE(start, Math.min(10_000_000, size - start)) });
      }
      generated = size;
      const generation = round((performance.now() - started) / 1000);
      const postgres = size === SIZES[0] ? await postgresTable(size) : null;
      for (const q of QUESTIONS) {
        const { query, params, settings } = buildStatisticsQuery(q.filter, q.groupBy);
        const variables = graphqlVariables(q.filter, q.groupBy);
        let groups = 0;
        const paths: Record<string, () => Promise<unknown>> = {
          // Answered from the facts: the cache is emptied first (as a relay batch would).
          graphql: async () => {
            cache.invalidate();
            groups = (await ask(variables)).groups.length;
          },
          // The same question again: from the result cache.
          graphqlCached: () => ask(variables),
          // The same statement with the same settings as the API sends.
          raw: () =>
            stores.analytics.client
              .query({ query, query_params: params, clickhouse_settings: settings, format: 'JSONEachRow' })
              .then((r) => r.json()),
          ...(postgres ? { postgres: () => postgres.query(q.pg) } : {}),
        };
        const t = await sideBySide(paths);
        const goal = GOALS.p95Ms(size);
        const fromRollup = await readsMonthRollup(stores.analytics, query, params);
        report.push({
          rows: size,
          question: q.name,
          groups,
          answeredFrom: fromRollup ? 'month rollup' : 'facts',
          graphqlP50: t.graphql.p50,
          graphqlP95: t.graphql.p95,
          goalP95: goal,
          meets: t.graphql.p95 <= goal ? 'yes' : 'no',
          rawP50: t.raw.p50,
          rawP95: t.raw.p95,
          graphqlOverRaw: round(t.graphql.p50 / t.raw.p50),
          cachedP50: t.graphqlCached.p50,
          postgresP50: t.postgres?.p50 ?? null,
          postgresOverGraphql: t.postgres ? round(t.postgres.p50 / t.graphql.p50) : null,
          goalPostgresOverGraphql: t.postgres ? `≥ ${GOALS.postgresOverGraphql(q)}` : null,
          generationSeconds: generation,
        });
        console.log(`QUESTION ${size} ${q.name}\n  GraphQL: ${DRILL}\n  variables: ${JSON.stringify(variables)}`);
      }
      // A re-versioned declaration (its facts re-sent, issue 14): the relay's lightweight DELETE of
      // the older version, one declaration at a time: how long the relay waits for it (registered),
      // and how long until ClickHouse has applied it (what the relay waited before 2026-12-04,
      // with lightweight_deletes_sync = 2). A generated declaration's three ratings fall at random
      // times of the year, so one DELETE may touch three partitions (a real one, one).
      const parts = async () => {
        const result = await stores.analytics.client.query({
          query:
            "SELECT count() AS n FROM system.parts WHERE active AND database = currentDatabase() AND table = 'rating_facts'",
          format: 'JSONEachRow',
        });
        return Number((await result.json<{ n: string }>())[0].n);
      };
      const partsBefore = await parts();
      const registered: number[] = [];
      const applied: number[] = [];
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        await deleteSupersededFacts(stores.analytics, [{ declarationId: 1 + i * Math.floor(size / 31), version: 2 }]);
        registered.push(performance.now() - started);
        await supersededFactsGone(stores.analytics, { pollMs: 10 });
        applied.push(performance.now() - started);
      }
      const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
      deletes.push({
        rows: size,
        parts: partsBefore,
        relayWaitsP50: round(percentile(sorted(registered), 50)),
        appliedAfterP50: round(percentile(sorted(applied), 50)),
        appliedAfterMax: round(applied.at(-1)!),
      });
      if (postgres) {
        await postgres.query('drop table if exists bench_rating_facts');
        await postgres.end();
      }
      if (size !== SIZES[0]) continue;

      // Concurrency at the first size: distinct questions (none asked before in the level, so
      // none from the cache) and one repeated dashboard question (a leader's overview).
      const distinct: { filter: RatingFilter; groupBy: Grouping[] }[] = [];
      for (const dep of Array.from({ length: 35 }, (_, i) => i + 1))
        for (let m = 0; m < 12; m++)
          for (const g of ['branch', 'team', 'stage'] as Grouping[]) {
            const from = new Date(Date.UTC(2025, m, 1) - 7 * 3_600_000);
            const to = new Date(Date.UTC(2025, m + 1, 1) - 7 * 3_600_000);
            distinct.push({ filter: { departmentIds: [dep], from, to }, groupBy: [g] });
          }
      distinct.sort(() => Math.random() - 0.5);
      for (const q of distinct.slice(0, 10)) await ask(graphqlVariables(q.filter, q.groupBy));
      const dashboard = graphqlVariables({}, ['month']);
      for (const clients of [1, 4, 16, 64]) {
        cache.invalidate();
        const offset = clients * 97;
        const requests = Math.min(60 * Math.sqrt(clients), 480);
        const questions = Array.from({ length: requests }, (_, i) => distinct[(offset + i) % distinct.length]);
        const d = await concurrently(
          server.url,
          clients,
          requests,
          questions.map((q) => graphqlVariables(q.filter, q.groupBy)),
        );
        // The engine alone on the same questions (no result cache on this path): the limit the API scales against.
        const e = await engineConcurrently(stores.analytics, clients, questions);
        await ask(dashboard);
        const r = await concurrently(server.url, clients, 400 * Math.sqrt(clients), [dashboard]);
        concurrency.push({ questions: 'distinct, uncached', ...d, loadAverage: load()[0] });
        concurrency.push({ questions: 'distinct, raw SQL (engine alone)', ...e, loadAverage: load()[0] });
        concurrency.push({ questions: 'repeated dashboard', ...r, loadAverage: load()[0] });
      }

      // Freshness: a form sent over GraphQL, until the statistics count it (the relay woken by the commit).
      const relay = await startConfiguredRelay(stores.config, stores.analytics, stores.db, {
        onError: (error) => console.error(error),
      });
      try {
        const [{ tax_code, name }] = await stores
          .em()
          .execute<{ tax_code: string; name: string }[]>('select tax_code, name from enterprise where id = 1');
        const gqlClient: Gql = (query, variables, key) => server.gql(query, variables, key);
        const since = new Date(Date.now() - 60_000);
        const count = async () =>
          (
            await server.gql<{ ratingStatistics: { overall: { count: number } } }>(
              `query($f: RatingFilterInput) { ratingStatistics(filter: $f) { overall { count } } }`,
              { f: { from: since.toISOString() } },
              'sqa_demo_admin',
            )
          ).data!.ratingStatistics.overall.count;
        const samples: number[] = [];
        for (let i = 1; i <= 20; i++) {
          const before = await count();
          await sendNewForm(gqlClient, testDeclarationNumber(i, 5), { taxCode: tax_code, name }, new Date(), 4);
          const sent = performance.now();
          while ((await count()) === before && performance.now() - sent < 10_000)
            await new Promise((resolve) => setTimeout(resolve, 5));
          samples.push(performance.now() - sent);
        }
        samples.sort((a, b) => a - b);
        freshness = {
          sends: samples.length,
          p50: round(percentile(samples, 50)),
          p95: round(percentile(samples, 95)),
          goalP95: GOALS.freshnessP95Ms,
        };
      } finally {
        await relay.stop();
      }
    }
  } finally {
    await server.close();
    await stores.close();
  }
  const scaling = (questions: string) => {
    const rows = concurrency.filter((c) => c.questions === questions) as { clients: number; reqPerSecond: number }[];
    const one = rows.find((c) => c.clients === 1);
    const sixteen = rows.find((c) => c.clients === 16);
    return one && sixteen ? round(sixteen.reqPerSecond / one.reqPerSecond) : null;
  };
  const summary = {
    when: new Date().toISOString(),
    cores: os.cpus().length,
    loadAverage: { before: loadBefore, after: load() },
    runs: RUNS,
    goals: { ...GOALS, p95Ms: '30 ms at 10 M, 150 ms at 100 M', postgresOverGraphql: 'never slower; national ≥ 50×' },
    distinct16Over1: scaling('distinct, uncached'),
    engineDistinct16Over1: scaling('distinct, raw SQL (engine alone)'),
    report,
    concurrency,
    deletes,
    freshness,
  };
  writeReport('analytics', summary);
  console.table(report);
  console.table(concurrency);
  console.log(
    `distinct drill-downs, 16 clients over 1: ${summary.distinct16Over1}× (goal ≥ ${GOALS.distinctScaling16}×); the engine alone: ${summary.engineDistinct16Over1}×`,
  );
  console.log(`freshness ${JSON.stringify(freshness)}`);
  console.log(`re-versioned declaration, DELETE of the older facts (ms, 10 declarations): ${JSON.stringify(deletes)}`);
  console.log(
    `machine: ${os.cpus().length} cores, load average before ${loadBefore.join(' ')}, after ${load().join(' ')}`,
  );
}, 3_600_000);
