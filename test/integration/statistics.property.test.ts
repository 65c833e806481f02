/**
 * Property test: for many random combinations of filters, groupings, paths, rankings and periods,
 * every figure the five statistics fields (ratingStatistics, ratingKpis, ratingDrillDown,
 * ratingRanking, caseStatistics) answer from ClickHouse equals the same figure computed
 * independently with SQL in Postgres from the operational tables — the attribution of each rating
 * included, derived here from the handling records by the README's rule, not read from the items.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { buildStatisticsQuery, type Grouping, type RatingFilter } from '../../analytics/queries/ratingStatistics.js';
import { Random } from '../../api/db/seed/random.js';
import { useSeededApi } from '../support/server.js';
import { readsMonthRollup } from '../support/rollup.js';

const api = useSeededApi();
const em = () => api.stores.em();

/**
 * Every rating of a sent form with whom it counts for, by the README's rule, from the handling
 * records: a team rating for its team; a stage rating for its stage and the team that performed
 * it (none when several did); an officer rating for the stage it names, the officer and the team
 * the officer performed that stage in; a branch rating for the branch only.
 */
const FACTS_SQL = `
  select i.id as item_id, i.level, i.subject_kind, a.id as form_id, a.enterprise_id, a.phase, a.sent_at, d.channel,
         d.branch_id, b.department_id,
         case i.subject_kind
           when 'TEAM' then i.subject_id
           when 'STAGE' then (select case when count(distinct h.team_id) = 1 then min(h.team_id) end
                              from handling_record h where h.declaration_id = d.id and h.stage_id = i.subject_id)
           when 'OFFICER' then (select h.team_id from handling_record h
                                where h.declaration_id = d.id and h.officer_id = i.subject_id and h.stage_id = i.stage_id
                                order by h.started_at, h.id limit 1)
         end as team_id,
         case i.subject_kind when 'STAGE' then i.subject_id when 'OFFICER' then i.stage_id end as stage_id,
         case i.subject_kind when 'OFFICER' then i.subject_id end as officer_id
  from assessment a join assessment_item i on i.assessment_id = a.id
  join declaration d on d.id = a.declaration_id join branch b on b.id = d.branch_id
  where a.status = 'SENT'`;
/**
 * Materialised once per file (a table of this file's own database, so every pooled connection sees
 * it): the statistics do not change while the cases run, and PGlite would recompute the handling
 * lookups for each of them.
 */
const FACTS = 'with f as (select * from property_facts)';

const LOCAL = `(f.sent_at at time zone 'Asia/Ho_Chi_Minh')`;
/** Postgres expressions of each grouping, written from the meaning, not from the ClickHouse SQL. */
const PG_GROUP: Record<string, { expr: string; where?: string }> = {
  DEPARTMENT: { expr: 'f.department_id::text' },
  BRANCH: { expr: 'f.branch_id::text' },
  TEAM: { expr: 'f.team_id::text', where: 'f.team_id is not null' },
  STAGE: { expr: 'f.stage_id::text', where: 'f.stage_id is not null' },
  OFFICER: { expr: 'f.officer_id::text', where: 'f.officer_id is not null' },
  ENTERPRISE: { expr: 'f.enterprise_id::text' },
  LEVEL: { expr: 'f.level::text' },
  SUBJECT_KIND: { expr: 'f.subject_kind' },
  CHANNEL: { expr: 'f.channel' },
  PHASE: { expr: 'f.phase' },
  DAY: { expr: `to_char(${LOCAL}::date, 'YYYY-MM-DD')` },
  WEEK: { expr: `to_char(date_trunc('week', ${LOCAL}), 'YYYY-MM-DD')` },
  MONTH: { expr: `to_char(date_trunc('month', ${LOCAL}), 'YYYY-MM-DD')` },
  QUARTER: { expr: `to_char(date_trunc('quarter', ${LOCAL}), 'YYYY-MM-DD')` },
  HALF_YEAR: {
    expr: `to_char(make_date(extract(year from ${LOCAL})::int, case when extract(month from ${LOCAL}) <= 6 then 1 else 7 end, 1), 'YYYY-MM-DD')`,
  },
  YEAR: { expr: `to_char(date_trunc('year', ${LOCAL}), 'YYYY-MM-DD')` },
};
const DIMENSIONS = [
  'DEPARTMENT',
  'BRANCH',
  'TEAM',
  'STAGE',
  'OFFICER',
  'ENTERPRISE',
  'LEVEL',
  'SUBJECT_KIND',
  'CHANNEL',
  'PHASE',
];
const GRAINS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'];

interface Case {
  filter: Record<string, unknown>;
  groupBy: string[];
}

/** Vietnamese month starts from July 2025 to June 2026 (the seeded year), as instants. */
const monthStart = (i: number) => new Date(Date.UTC(2025, 6 + i, 1) - 7 * 3_600_000);

let admin: string;
/** Random combinations across the five fields, counted as they are drawn. */
let combinations = 0;
/** Ids of the seeded catalog (scale 0.02): 9 branches, 45 teams, 12 stages, 405 officers, 40 enterprises. */
const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
const pools: Record<string, string[]> = {
  branchIds: range(9),
  teamIds: range(45),
  stageIds: range(12),
  officerIds: range(405),
  enterpriseIds: range(40),
};

beforeAll(async () => {
  await rebuildRatingFacts(em(), api.stores.analytics);
  await em().execute(`create table property_facts as ${FACTS_SQL}`);
  admin = await api.server.login('admin');
});

function randomCase(rng: Random): Case {
  const subset = <T>(items: T[], max: number) => {
    const n = rng.int(1, Math.min(max, items.length));
    return [...new Set(Array.from({ length: n }, () => rng.pick(items)))];
  };
  const filter: Record<string, unknown> = {};
  for (const key of Object.keys(pools)) if (rng.chance(0.2)) filter[key] = subset(pools[key], 6);
  if (rng.chance(0.25)) filter.levels = subset([1, 2, 3, 4, 5], 3);
  if (rng.chance(0.2)) filter.channels = subset(['GREEN', 'YELLOW', 'RED'], 2);
  if (rng.chance(0.2)) filter.phases = subset(['DURING', 'AFTER'], 1);
  if (rng.chance(0.2)) filter.subjectKinds = subset(['BRANCH', 'TEAM', 'STAGE', 'OFFICER'], 2);
  if (rng.chance(0.4)) {
    // Period bounds at Vietnamese midnights (month boundaries included) or at arbitrary instants.
    const start =
      Date.UTC(2025, 6, 1) +
      rng.int(0, 330) * 86_400_000 -
      (rng.chance(0.6) ? 7 * 3_600_000 : rng.int(0, 86_399) * 1000);
    filter.from = new Date(start).toISOString();
    filter.to = new Date(start + rng.int(1, 120) * 86_400_000).toISOString();
    if (rng.chance(0.3)) {
      // Whole Vietnamese months: what the month rollup answers.
      const first = rng.int(0, 10);
      filter.from = monthStart(first).toISOString();
      filter.to = monthStart(first + rng.int(1, 12 - first)).toISOString();
    }
  }
  const groupBy: string[] = [];
  const groups = rng.int(0, 3);
  if (groups > 0 && rng.chance(0.5)) groupBy.push(rng.pick(GRAINS));
  while (groupBy.length < groups) {
    const d = rng.pick(DIMENSIONS);
    if (!groupBy.includes(d)) groupBy.push(d);
  }
  return { filter, groupBy };
}

/** The filter as Postgres conditions on the facts above. */
function pgWhere(filter: Record<string, unknown>): { where: string[]; params: unknown[] } {
  const where = ['true'];
  const params: unknown[] = [];
  const list = (expr: string, values: unknown) => {
    where.push(`${expr} in (?)`);
    params.push(values);
  };
  const ids = (key: string) => (filter[key] as string[]).map(Number);
  if (filter.departmentIds) list('f.department_id', ids('departmentIds'));
  if (filter.branchIds) list('f.branch_id', ids('branchIds'));
  if (filter.teamIds) list('f.team_id', ids('teamIds'));
  if (filter.stageIds) list('f.stage_id', ids('stageIds'));
  if (filter.officerIds) list('f.officer_id', ids('officerIds'));
  if (filter.enterpriseIds) list('f.enterprise_id', ids('enterpriseIds'));
  if (filter.levels) list('f.level', filter.levels);
  if (filter.channels) list('f.channel', filter.channels);
  if (filter.phases) list('f.phase', filter.phases);
  if (filter.subjectKinds) list('f.subject_kind', filter.subjectKinds);
  if (filter.from) {
    where.push('f.sent_at >= ?');
    params.push(new Date(filter.from as string));
  }
  if (filter.to) {
    where.push('f.sent_at < ?');
    params.push(new Date(filter.to as string));
  }
  return { where, params };
}

interface PgFigures {
  count: number;
  levelCounts: number[];
  mean: number;
  csat: number;
  dissatisfied: number;
  forms: number;
}

async function fromPostgres({ filter, groupBy }: Case): Promise<Map<string, PgFigures>> {
  const { where, params } = pgWhere(filter);
  for (const g of groupBy) if (PG_GROUP[g].where) where.push(PG_GROUP[g].where);
  const keys = groupBy.map((g, i) => `${PG_GROUP[g].expr} as k${i}`);
  const rows = await em().execute<Record<string, string>[]>(
    `${FACTS} select ${[
      ...keys,
      'count(*) as n',
      'count(distinct f.form_id) as forms',
      'avg(f.level)::float8 as mean',
      'avg(case when f.level >= 4 then 1.0 else 0 end)::float8 as csat',
      'avg(case when f.level <= 2 then 1.0 else 0 end)::float8 as dissatisfied',
      ...[1, 2, 3, 4, 5].map((l) => `count(*) filter (where f.level = ${l}) as l${l}`),
    ].join(', ')}
     from f where ${where.join(' and ')} ${groupBy.length ? `group by ${groupBy.map((_, i) => `k${i}`).join(', ')}` : ''}`,
    params,
  );
  return new Map(
    rows
      .filter((r) => Number(r.n) > 0)
      .map((r) => [
        groupBy.map((_, i) => r[`k${i}`]).join('|'),
        {
          count: Number(r.n),
          forms: Number(r.forms),
          levelCounts: [1, 2, 3, 4, 5].map((l) => Number(r[`l${l}`])),
          mean: Number(r.mean),
          csat: Number(r.csat),
          dissatisfied: Number(r.dissatisfied),
        },
      ]),
  );
}

const QUERY = `query($filter: RatingFilterInput, $groupBy: [GroupDimension!]!) {
  ratingStatistics(filter: $filter, groupBy: $groupBy) {
    overall { count levelCounts mean csat dissatisfied }
    groups { keys { dimension value } count levelCounts mean csat dissatisfied csatLow csatHigh shrunkMean }
  } }`;

/** The GraphQL filter and groupings as the analytics module takes them (the admin's scope narrows nothing). */
function analyticsQuestion(c: Case): { filter: RatingFilter; groupBy: Grouping[] } {
  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(c.filter)) {
    if (key === 'from' || key === 'to') filter[key] = new Date(value as string);
    else filter[key] = key.endsWith('Ids') ? (value as string[]).map(Number) : value;
  }
  const grouping = (g: string) => g.toLowerCase().replace(/_(.)/g, (_m, ch: string) => ch.toUpperCase()) as Grouping;
  return { filter: filter, groupBy: c.groupBy.map(grouping) };
}

/**
 * Asks the statement of a question with the rollups and with the facts alone; returns both answers
 * and whether the planner answered from a rollup.
 */
async function bothPaths(c: Case) {
  const { filter, groupBy } = analyticsQuestion(c);
  const { query, params, settings } = buildStatisticsQuery(filter, groupBy);
  const client = api.stores.analytics.client;
  const run = async (rollups: 0 | 1) =>
    (
      await client.query({
        query,
        query_params: params,
        format: 'JSONEachRow',
        clickhouse_settings: { optimize_use_projections: rollups },
      })
    ).json();
  return {
    rollups: await run(1),
    facts: await run(0),
    // The planner left free (projections weighed whatever the question), and what the API lets it weigh.
    fromRollup: await readsMonthRollup(api.stores.analytics, query, params),
    rollupAllowed: settings.optimize_use_projections !== 0,
  };
}

describe('statistics equal an independent computation in Postgres', () => {
  const rng = new Random(424242);
  const cases = Array.from({ length: 130 }, () => randomCase(rng));
  combinations += cases.length;
  let fromRollup = 0;
  let rollupAllowed = 0;

  it.each(cases.map((c, i) => [i, c] as const))('case %i', async (_i, c) => {
    const res = await api.server.gql(QUERY, { filter: c.filter, groupBy: c.groupBy }, admin);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const stats = res.data!.ratingStatistics;
    // The month rollup and the facts give the same rows; the API's answer is checked against Postgres below.
    const paths = await bothPaths(c);
    expect(paths.rollups).toEqual(paths.facts);
    // A question the planner would answer from the rollup is never kept from it by the API.
    if (paths.fromRollup) expect(paths.rollupAllowed, JSON.stringify(c)).toBe(true);
    if (paths.fromRollup) fromRollup++;
    if (paths.rollupAllowed) rollupAllowed++;
    const expected = await fromPostgres(c);
    const api_ = new Map<string, any>(stats.groups.map((g: any) => [g.keys.map((k: any) => k.value).join('|'), g]));
    if (c.groupBy.length === 0) {
      const all = expected.get('') ?? { count: 0, levelCounts: [0, 0, 0, 0, 0] };
      expect(stats.overall.count).toBe(all.count);
      expect(stats.overall.levelCounts).toEqual(all.levelCounts);
      return;
    }
    expect([...api_.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, want] of expected) {
      const got = api_.get(key);
      expect(got.count).toBe(want.count);
      expect(got.levelCounts).toEqual(want.levelCounts);
      expect(got.mean).toBeCloseTo(want.mean, 9);
      expect(got.csat).toBeCloseTo(want.csat, 9);
      expect(got.dissatisfied).toBeCloseTo(want.dissatisfied, 9);
      expect(got.csatLow).toBeLessThanOrEqual(got.csat);
      expect(got.csatHigh).toBeGreaterThanOrEqual(got.csat);
    }
  });

  it('the random cases cover every grouping', () => {
    const used = new Set(cases.flatMap((c) => c.groupBy));
    expect([...used].sort()).toEqual([...DIMENSIONS, ...GRAINS].sort());
  });

  it('the planner answered a good share of them from the month rollup', () => {
    expect(fromRollup).toBeGreaterThanOrEqual(15);
    expect(fromRollup).toBeLessThan(cases.length);
    // The API's rule is not wider than it must be: most questions it lets weigh the rollup read it.
    expect(fromRollup).toBeGreaterThanOrEqual(rollupAllowed * 0.6);
  });
});

/** The period before [from, to), from its meaning: the same calendar months for whole months, else the same length. */
function expectedPreviousFrom(from: Date, to: Date, months: number | null): Date {
  if (months === null) return new Date(from.getTime() - (to.getTime() - from.getTime()));
  const local = new Date(from.getTime() + 7 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - months, 1) - 7 * 3_600_000);
}

const KPIS = `query($from: DateTimeISO!, $to: DateTimeISO!, $filter: RatingFilterInput) {
  ratingKpis(from: $from, to: $to, filter: $filter) {
    previousFrom previousTo isRunning forms releasedDeclarations ratedDeclarations responseRate previousForms
    current { count levelCounts } previous { count levelCounts } } }`;

/** Released declarations of the filter and period, and those with a sent form (of the phases asked). */
async function pgResponse(filter: Record<string, unknown>, from: Date, to: Date) {
  const where = ['d.released_at >= ?', 'd.released_at < ?'];
  const params: unknown[] = [from, to];
  const ids = (key: string) => (filter[key] as string[]).map(Number);
  const cond = (sql: string, key: string, values?: unknown[]) => {
    if (!filter[key]) return;
    where.push(sql);
    params.push(values ?? ids(key));
  };
  cond('d.branch_id in (?)', 'branchIds');
  cond('b.department_id in (?)', 'departmentIds');
  cond('d.enterprise_id in (?)', 'enterpriseIds');
  cond('d.channel in (?)', 'channels', filter.channels as unknown[]);
  for (const [key, column] of [
    ['teamIds', 'team_id'],
    ['stageIds', 'stage_id'],
    ['officerIds', 'officer_id'],
  ])
    cond(`d.id in (select h.declaration_id from handling_record h where h.${column} in (?))`, key);
  const phases = (filter.phases as string[] | undefined) ?? ['DURING', 'AFTER'];
  const [row] = await em().execute<{ released: string; rated: string }[]>(
    `select count(*) as released,
            count(*) filter (where d.id in (select a.declaration_id from assessment a where a.status = 'SENT' and a.phase in (?))) as rated
     from declaration d join branch b on b.id = d.branch_id where ${where.join(' and ')}`,
    [phases, ...params],
  );
  return { released: Number(row.released), rated: Number(row.rated) };
}

describe('ratingKpis equals an independent computation in Postgres', () => {
  const rng = new Random(515151);
  const kpiCases = Array.from({ length: 100 }, () => {
    combinations++;
    const { filter } = randomCase(rng);
    delete filter.from;
    delete filter.to;
    delete filter.subjectKinds;
    const refuse = rng.chance(0.05);
    if (!refuse) delete filter.levels;
    else filter.levels = [rng.int(1, 5)];
    if (rng.chance(0.2)) filter.departmentIds = ['1'];
    let from: Date;
    let to: Date;
    let months: number | null = null;
    if (rng.chance(0.7)) {
      months = rng.pick([1, 3, 6, 12]);
      const start = months === 12 ? 0 : rng.int(0, 12 - months);
      from = monthStart(start);
      to = monthStart(start + months);
    } else {
      from = new Date(monthStart(0).getTime() + rng.int(0, 300) * 86_400_000 + rng.int(0, 86_399) * 1000);
      to = new Date(from.getTime() + rng.int(1, 60) * 86_400_000);
    }
    return { filter, from, to, months, refuse };
  });

  it.each(kpiCases.map((c, i) => [i, c] as const))('case %i', async (_i, c) => {
    const res = await api.server.gql(
      KPIS,
      { from: c.from.toISOString(), to: c.to.toISOString(), filter: c.filter },
      admin,
    );
    if (c.refuse) {
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      return;
    }
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const k = res.data!.ratingKpis;
    const previousFrom = expectedPreviousFrom(c.from, c.to, c.months);
    expect(new Date(k.previousFrom)).toEqual(previousFrom);
    // The seeded year is over: every period is compared whole.
    expect(k.isRunning).toBe(false);
    expect(new Date(k.previousTo)).toEqual(c.from);
    const period = (from: Date, to: Date) => ({ ...c.filter, from: from.toISOString(), to: to.toISOString() });
    const current = (await fromPostgres({ filter: period(c.from, c.to), groupBy: [] })).get('');
    const previous = (await fromPostgres({ filter: period(previousFrom, c.from), groupBy: [] })).get('');
    expect(k.current.count).toBe(current?.count ?? 0);
    expect(k.current.levelCounts).toEqual(current?.levelCounts ?? [0, 0, 0, 0, 0]);
    expect(k.previous.levelCounts).toEqual(previous?.levelCounts ?? [0, 0, 0, 0, 0]);
    expect(k.forms).toBe(current?.forms ?? 0);
    expect(k.previousForms).toBe(previous?.forms ?? 0);
    const response = await pgResponse(c.filter, c.from, c.to);
    expect(k.releasedDeclarations).toBe(response.released);
    expect(k.ratedDeclarations).toBe(response.rated);
    if (response.released === 0) expect(k.responseRate).toBeNull();
    else expect(k.responseRate).toBeCloseTo(response.rated / response.released, 12);
  });
});

const SHRINK = 20;
/** Ranks groups from their meaning: enough ratings first, then by the mean shrunk toward the selection's mean, then more ratings. */
function rankExpected(groups: Map<string, PgFigures>, prior: number, minCount: number, order: 'BEST' | 'WORST') {
  const rows = [...groups.entries()]
    .map(([key, g]) => {
      const sum = g.levelCounts.reduce((a, n, i) => a + n * (i + 1), 0);
      return { key, count: g.count, shrunk: (sum + SHRINK * prior) / (g.count + SHRINK), below: g.count < minCount };
    })
    .sort((a, b) => Number(a.key) - Number(b.key));
  const sign = order === 'BEST' ? -1 : 1;
  return rows.sort((a, b) => Number(a.below) - Number(b.below) || sign * (a.shrunk - b.shrunk) || b.count - a.count);
}

/**
 * The API's ranked groups match the expected ranking position by position: the same figures in
 * the same order, and each key's own figures as Postgres has them (equal scores may swap keys).
 */
function expectRanked(got: any[], ranked: ReturnType<typeof rankExpected>, first = ranked.length) {
  const byKey = new Map(ranked.map((r) => [r.key, r]));
  const want = ranked.slice(0, first);
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    expect(g.belowMinimum).toBe(want[i].below);
    expect(g.shrunkMean).toBeCloseTo(want[i].shrunk, 9);
    const own = byKey.get(g.keys.at(-1).value);
    expect(own?.count).toBe(g.count);
    expect(g.shrunkMean).toBeCloseTo(own!.shrunk, 9);
  });
}

const DRILL_DIMENSIONS = ['DEPARTMENT', 'BRANCH', 'TEAM', 'STAGE', 'OFFICER'];
const DRILL_KEYS: Record<string, string> = {
  DEPARTMENT: 'departmentIds',
  BRANCH: 'branchIds',
  TEAM: 'teamIds',
  STAGE: 'stageIds',
  OFFICER: 'officerIds',
};
const DRILL = `query($path: [DrillStep!]!, $child: GroupDimension, $filter: RatingFilterInput, $minCount: Int!) {
  ratingDrillDown(path: $path, childDimension: $child, filter: $filter, minCount: $minCount) {
    childDimension node { count levelCounts } children { keys { dimension value } count shrunkMean belowMinimum } } }`;

describe('ratingDrillDown equals an independent computation in Postgres', () => {
  const rng = new Random(626262);
  let facts: Record<string, number | null>[] = [];
  beforeAll(async () => {
    facts = await em().execute(
      `${FACTS} select f.department_id as "DEPARTMENT", f.branch_id as "BRANCH", f.team_id as "TEAM", f.stage_id as "STAGE", f.officer_id as "OFFICER" from f`,
    );
  });
  const drillCases = Array.from({ length: 100 }, () => {
    combinations++;
    const { filter } = randomCase(rng);
    for (const key of Object.values(DRILL_KEYS)) delete filter[key];
    const dimensions = [...DRILL_DIMENSIONS].sort(() => rng.next() - 0.5).slice(0, rng.int(0, 3));
    const unused = DRILL_DIMENSIONS.filter((d) => !dimensions.includes(d));
    const child = rng.chance(0.5) ? rng.pick(unused) : undefined;
    return { filter, dimensions, child, minCount: rng.int(0, 15), row: rng.next() };
  });

  it.each(drillCases.map((c, i) => [i, c] as const))('case %i', async (_i, c) => {
    // Path ids from one real rating, so that most nodes are not empty.
    const fact = facts[Math.floor(c.row * facts.length)];
    const path = c.dimensions.map((d) => ({ dimension: d, id: String(fact[d] ?? 1) }));
    const res = await api.server.gql(DRILL, { path, child: c.child, filter: c.filter, minCount: c.minCount }, admin);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const d = res.data!.ratingDrillDown;
    const last = Math.max(-1, ...c.dimensions.map((x) => DRILL_DIMENSIONS.indexOf(x)));
    const next = c.child ?? DRILL_DIMENSIONS.find((x, i) => i > last && !c.dimensions.includes(x)) ?? null;
    expect(d.childDimension).toBe(next);
    const narrowed = { ...c.filter, ...Object.fromEntries(path.map((p) => [DRILL_KEYS[p.dimension], [p.id]])) };
    const node = (await fromPostgres({ filter: narrowed, groupBy: [] })).get('');
    expect(d.node.count).toBe(node?.count ?? 0);
    expect(d.node.levelCounts).toEqual(node?.levelCounts ?? [0, 0, 0, 0, 0]);
    if (!next) return expect(d.children).toEqual([]);
    const children = await fromPostgres({ filter: narrowed, groupBy: [next] });
    expectRanked(d.children, rankExpected(children, node?.mean ?? 0, c.minCount, 'BEST'));
  });
});

const RANKING = `query($dimension: GroupDimension!, $order: RankingOrder!, $first: Int!, $minCount: Int!, $filter: RatingFilterInput) {
  ratingRanking(dimension: $dimension, order: $order, first: $first, minCount: $minCount, filter: $filter) {
    keys { dimension value } count shrunkMean belowMinimum } }`;

describe('ratingRanking equals an independent computation in Postgres', () => {
  const rng = new Random(737373);
  const rankingCases = Array.from({ length: 90 }, () => {
    combinations++;
    return {
      filter: randomCase(rng).filter,
      dimension: rng.pick(DRILL_DIMENSIONS),
      order: rng.pick(['BEST', 'WORST'] as const),
      first: rng.int(1, 30),
      minCount: rng.int(0, 40),
    };
  });

  it.each(rankingCases.map((c, i) => [i, c] as const))('case %i', async (_i, c) => {
    const res = await api.server.gql(RANKING, c, admin);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const all = (await fromPostgres({ filter: c.filter, groupBy: [] })).get('');
    const groups = await fromPostgres({ filter: c.filter, groupBy: [c.dimension] });
    expectRanked(res.data!.ratingRanking, rankExpected(groups, all?.mean ?? 0, c.minCount, c.order), c.first);
  });
});

const CASES = `query($filter: CaseStatisticsFilter, $groupBy: GroupDimension) { caseStatistics(filter: $filter, groupBy: $groupBy) {
  key cases open concluded concludedOnTime substantiated escalated medianHoursToConclude } }`;
const CASE_GROUP: Record<string, { expr: string; where?: string }> = {
  BRANCH: { expr: 'c.responsible_branch_id::text' },
  TEAM: { expr: 'f.team_id::text', where: 'f.team_id is not null' },
  OFFICER: { expr: 'c.rated_officer_id::text', where: 'c.rated_officer_id is not null' },
  MONTH: { expr: `to_char(date_trunc('month', c.opened_at at time zone 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD')` },
};

describe('caseStatistics equals an independent computation in Postgres', () => {
  const rng = new Random(848484);
  const caseCases = Array.from({ length: 90 }, () => {
    combinations++;
    const filter: Record<string, unknown> = {};
    if (rng.chance(0.2)) filter.departmentIds = ['1'];
    if (rng.chance(0.3)) filter.branchIds = [...new Set([rng.pick(pools.branchIds), rng.pick(pools.branchIds)])];
    if (rng.chance(0.15)) filter.officerIds = Array.from({ length: 20 }, () => rng.pick(pools.officerIds));
    if (rng.chance(0.4)) {
      const start = monthStart(rng.int(0, 11)).getTime() + (rng.chance(0.5) ? 0 : rng.int(0, 86_399_000));
      filter.from = new Date(start).toISOString();
      filter.to = new Date(start + rng.int(1, 150) * 86_400_000).toISOString();
    }
    return { filter, groupBy: rng.pick([undefined, 'BRANCH', 'TEAM', 'OFFICER', 'MONTH']) };
  });

  it.each(caseCases.map((c, i) => [i, c] as const))('case %i', async (_i, c) => {
    const res = await api.server.gql(CASES, c, admin);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const where = ['true'];
    const params: unknown[] = [];
    const ids = (key: string) => (c.filter[key] as string[]).map(Number);
    const cond = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (c.filter.departmentIds) cond('c.department_id in (?)', ids('departmentIds'));
    if (c.filter.branchIds) cond('c.responsible_branch_id in (?)', ids('branchIds'));
    if (c.filter.officerIds) cond('c.rated_officer_id in (?)', ids('officerIds'));
    if (c.filter.from) cond('c.opened_at >= ?', new Date(c.filter.from as string));
    if (c.filter.to) cond('c.opened_at < ?', new Date(c.filter.to as string));
    const group = c.groupBy ? CASE_GROUP[c.groupBy] : { expr: 'null' };
    if (group.where) where.push(group.where);
    const rows = await em().execute<Record<string, string | null>[]>(
      `${FACTS} select ${group.expr} as k, count(*) as cases, count(*) filter (where c.status <> 'CLOSED') as open,
              count(c.concluded_at) as concluded, count(*) filter (where c.concluded_at <= c.conclude_due_at) as on_time,
              count(*) filter (where c.finding in ('SUBSTANTIATED', 'PARTLY_SUBSTANTIATED')) as substantiated,
              count(c.escalated_at) as escalated,
              (array_agg(extract(epoch from c.concluded_at - c.opened_at) / 3600 order by c.concluded_at - c.opened_at)
                 filter (where c.concluded_at is not null))[floor(count(c.concluded_at) * 0.5) + 1] as median
       from complaint_case c join f on f.item_id = c.item_id where ${where.join(' and ')} group by 1`,
      params,
    );
    const want = rows
      .filter((r) => Number(r.cases) > 0)
      .map((r) => ({
        key: r.k,
        cases: Number(r.cases),
        open: Number(r.open),
        concluded: Number(r.concluded),
        concludedOnTime: Number(r.on_time),
        substantiated: Number(r.substantiated),
        escalated: Number(r.escalated),
      }))
      .sort((a, b) => String(a.key).localeCompare(String(b.key)));
    const got = (res.data!.caseStatistics as any[])
      .filter((g) => g.cases > 0)
      .sort((a, b) => String(a.key).localeCompare(String(b.key)));
    expect(got.map(({ medianHoursToConclude: _m, ...g }) => g)).toEqual(want);
    got.forEach((g, i) => {
      const median = rows.find((r) => r.k === want[i].key)!.median;
      if (median === null) expect(g.medianHoursToConclude).toBeNull();
      else expect(g.medianHoursToConclude).toBeCloseTo(Number(median), 6);
    });
  });

  it('has cases to compare', async () => {
    const [row] = await em().execute<{ n: string }[]>('select count(*) as n from complaint_case');
    expect(Number(row.n)).toBeGreaterThan(20);
  });
});

it('draws at least 500 random combinations across the five fields', () => {
  expect(combinations).toBeGreaterThanOrEqual(500);
});

describe('scope and bad input', () => {
  it('narrows an officer to its own ratings and refuses enterprise groupings', async () => {
    const officer = await api.server.login('officer');
    const own = await api.server.gql(QUERY, { groupBy: ['OFFICER'] }, officer);
    expect(own.errors).toBeUndefined();
    expect(own.data!.ratingStatistics.groups.map((g: any) => g.keys[0].value)).toEqual(
      own.data!.ratingStatistics.groups.length ? ['1'] : [],
    );
    const other = await api.server.gql(QUERY, { filter: { officerIds: ['2'] }, groupBy: [] }, officer);
    expect(other.data!.ratingStatistics.overall.count).toBe(0);
    const raters = await api.server.gql(QUERY, { groupBy: ['ENTERPRISE'] }, officer);
    expect(raters.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('narrows a supervisor to its branch', async () => {
    const supervisor = await api.server.login('supervisor');
    const res = await api.server.gql(QUERY, { groupBy: ['BRANCH'] }, supervisor);
    expect(res.data!.ratingStatistics.groups.map((g: any) => g.keys[0].value)).toEqual(['1']);
  });

  it.each([
    ['four groupings', { groupBy: ['BRANCH', 'TEAM', 'STAGE', 'LEVEL'] }],
    ['two time grains', { groupBy: ['MONTH', 'YEAR'] }],
    ['a level out of range', { filter: { levels: [7] }, groupBy: [] }],
    ['a non-numeric id', { filter: { branchIds: ["1' OR 1=1"] }, groupBy: [] }],
    ['an empty period', { filter: { from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, groupBy: [] }],
  ])('refuses %s with BAD_USER_INPUT', async (_label, variables) => {
    const res = await api.server.gql(QUERY, variables, admin);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
