/**
 * `npm run bench -- analytics`: a national-scale rating fact table (35 departments, 280 branches,
 * 1,400 teams, 14,000 officers, 100,000 enterprises, one year) generated inside ClickHouse, then
 * a fixed set of drill-down questions asked (a) through GraphQL over HTTP, (b) as the same raw
 * SQL on the same ClickHouse, (c) at the first size, on a flat table in the PostgreSQL server.
 * Sizes: BENCH_ROWS (default "10000000,100000000"). Reports p50/p95 and ratios.
 */
import pg from 'pg';
import { expect, it } from 'vitest';
import { buildStatisticsQuery, type Grouping, type RatingFilter } from '../../analytics/queries/ratingStatistics.js';
import { percentile, postgresReachable, writeReport } from './harness.js';
import { openTestStores } from '../support/stores.js';
import { startTestServer } from '../support/server.js';

const SIZES = (process.env.BENCH_ROWS ?? '10000000,100000000').split(',').map(Number);
const RUNS = 15;
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

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 2; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
}
const round = (n: number) => Math.round(n * 10) / 10;

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

it('analytics: drill-down questions at national scale', async () => {
  const stores = await openTestStores();
  await stores.seed();
  // A benchmark measures the engine, not the per-client budgets and rate limits.
  const server = await startTestServer(stores, undefined, undefined, {
    graphql: { ...stores.config.graphql, costBudgetPerHour: 1e12 },
    rateLimits: { perKeyPerMinute: 1e9, perIpPerMinute: 1e9 },
  });
  const report: Record<string, unknown>[] = [];
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
        const { query, params } = buildStatisticsQuery(q.filter, q.groupBy);
        const raw = await time(() =>
          stores.analytics.client.query({ query, query_params: params, format: 'JSONEachRow' }).then((r) => r.json()),
        );
        const variables = {
          filter: {
            ...Object.fromEntries(
              Object.entries(q.filter)
                .filter(([k]) => k.endsWith('Ids'))
                .map(([k, v]) => [k, (v as number[]).map(String)]),
            ),
            ...(q.filter.from ? { from: q.filter.from.toISOString(), to: q.filter.to!.toISOString() } : {}),
          },
          groupBy: q.groupBy.map((g) => GRAPHQL_GROUP[g]),
        };
        let groups = 0;
        const graphql = await time(async () => {
          const res = await server.gql(
            `query($filter: RatingFilterInput, $groupBy: [GroupDimension!]!) { ratingStatistics(filter: $filter, groupBy: $groupBy) { groups { count csat shrunkMean } } }`,
            variables,
            'sqa_demo_admin',
          );
          expect(res.errors).toBeUndefined();
          groups = res.data!.ratingStatistics.groups.length;
        });
        const pgTime = postgres ? await time(() => postgres.query(q.pg)) : null;
        report.push({
          rows: size,
          question: q.name,
          groups,
          graphqlP50: graphql.p50,
          graphqlP95: graphql.p95,
          rawSqlP50: raw.p50,
          rawSqlP95: raw.p95,
          postgresP50: pgTime?.p50 ?? null,
          postgresP95: pgTime?.p95 ?? null,
          graphqlOverRaw: round(graphql.p50 / raw.p50),
          postgresOverRaw: pgTime ? round(pgTime.p50 / raw.p50) : null,
          generationSeconds: generation,
        });
      }
      if (postgres) {
        await postgres.query('drop table if exists bench_rating_facts');
        await postgres.end();
      }
    }
  } finally {
    await server.close();
    await stores.close();
  }
  writeReport('analytics', { when: new Date().toISOString(), runs: RUNS, report });
  console.table(report);
}, 3_600_000);
