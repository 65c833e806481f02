/**
 * Property test: for many random filter × grouping combinations, every figure the GraphQL
 * statistics API answers from ClickHouse equals the same figure computed independently with SQL
 * in Postgres from the operational tables.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { Random } from '../../api/db/seed/random.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const em = () => api.stores.em();

const LOCAL = `(a.sent_at at time zone 'Asia/Ho_Chi_Minh')`;
/** Postgres expressions of each grouping, written from the meaning, not from the ClickHouse SQL. */
const PG_GROUP: Record<string, { expr: string; where?: string }> = {
  DEPARTMENT: { expr: 'b.department_id::text' },
  BRANCH: { expr: 'i.branch_id::text' },
  TEAM: { expr: 'i.team_id::text', where: 'i.team_id is not null' },
  STAGE: { expr: 'i.stage_id::text', where: 'i.stage_id is not null' },
  OFFICER: { expr: 'i.subject_id::text', where: "i.subject_kind = 'OFFICER'" },
  ENTERPRISE: { expr: 'a.enterprise_id::text' },
  LEVEL: { expr: 'i.level::text' },
  SUBJECT_KIND: { expr: 'i.subject_kind' },
  CHANNEL: { expr: 'd.channel' },
  PHASE: { expr: 'a.phase' },
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

let admin: string;
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

async function fromPostgres({ filter, groupBy }: Case) {
  const where = ["a.status = 'SENT'"];
  const params: unknown[] = [];
  const list = (expr: string, values: unknown) => {
    where.push(`${expr} in (?)`);
    params.push(values);
  };
  if (filter.branchIds) list('i.branch_id', (filter.branchIds as string[]).map(Number));
  if (filter.teamIds) list('coalesce(i.team_id, 0)', (filter.teamIds as string[]).map(Number));
  if (filter.stageIds) list('coalesce(i.stage_id, 0)', (filter.stageIds as string[]).map(Number));
  if (filter.officerIds)
    list(
      `(case when i.subject_kind = 'OFFICER' then i.subject_id else 0 end)`,
      (filter.officerIds as string[]).map(Number),
    );
  if (filter.enterpriseIds) list('a.enterprise_id', (filter.enterpriseIds as string[]).map(Number));
  if (filter.levels) list('i.level', filter.levels);
  if (filter.channels) list('d.channel', filter.channels);
  if (filter.phases) list('a.phase', filter.phases);
  if (filter.subjectKinds) list('i.subject_kind', filter.subjectKinds);
  if (filter.from) {
    where.push('a.sent_at >= ?');
    params.push(new Date(filter.from as string));
  }
  if (filter.to) {
    where.push('a.sent_at < ?');
    params.push(new Date(filter.to as string));
  }
  for (const g of groupBy) if (PG_GROUP[g].where) where.push(PG_GROUP[g].where);
  const keys = groupBy.map((g, i) => `${PG_GROUP[g].expr} as k${i}`);
  const rows = await em().execute<Record<string, string>[]>(
    `select ${[
      ...keys,
      'count(*) as n',
      'avg(i.level)::float8 as mean',
      'avg(case when i.level >= 4 then 1.0 else 0 end)::float8 as csat',
      'avg(case when i.level <= 2 then 1.0 else 0 end)::float8 as dissatisfied',
      ...[1, 2, 3, 4, 5].map((l) => `count(*) filter (where i.level = ${l}) as l${l}`),
    ].join(', ')}
     from assessment a join assessment_item i on i.assessment_id = a.id join declaration d on d.id = a.declaration_id join branch b on b.id = i.branch_id
     where ${where.join(' and ')} ${groupBy.length ? `group by ${groupBy.map((_, i) => `k${i}`).join(', ')}` : ''}`,
    params,
  );
  return new Map(
    rows
      .filter((r) => Number(r.n) > 0)
      .map((r) => [
        groupBy.map((_, i) => r[`k${i}`]).join('|'),
        {
          count: Number(r.n),
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

describe('statistics equal an independent computation in Postgres', () => {
  const rng = new Random(424242);
  const cases = Array.from({ length: 80 }, () => randomCase(rng));

  it.each(cases.map((c, i) => [i, c] as const))('case %i', async (_i, c) => {
    const res = await api.server.gql(QUERY, { filter: c.filter, groupBy: c.groupBy }, admin);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const stats = res.data!.ratingStatistics;
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
