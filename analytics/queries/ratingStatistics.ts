// The flexible drill-down question: rating facts filtered by any dimension and time range,
// grouped by up to three dimensions or time grains, with level counts per group. The pipeline:
// validate the request (whitelists), build SQL whose values are all typed query parameters, run
// it, shape the rows. Statistics on the counts are computed by stats/satisfaction.ts.
import type { AnalyticsStore } from '../clickhouse.js';
import { readRows } from '../resultCache.js';
import type { LevelCounts } from '../stats/satisfaction.js';
import { addPeriod, utc } from './period.js';
import type { ClickHouseSettings } from '@clickhouse/client';

export const DIMENSIONS = [
  'department',
  'branch',
  'team',
  'stage',
  'officer',
  'enterprise',
  'level',
  'subjectKind',
  'channel',
  'phase',
] as const;
export const TIME_GRAINS = ['day', 'week', 'month', 'quarter', 'halfYear', 'year'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type TimeGrain = (typeof TIME_GRAINS)[number];
export type Grouping = Dimension | TimeGrain;

export interface RatingFilter {
  departmentIds?: number[];
  branchIds?: number[];
  teamIds?: number[];
  stageIds?: number[];
  officerIds?: number[];
  enterpriseIds?: number[];
  levels?: number[];
  channels?: ('GREEN' | 'YELLOW' | 'RED')[];
  phases?: ('DURING' | 'AFTER')[];
  subjectKinds?: ('BRANCH' | 'TEAM' | 'STAGE' | 'OFFICER')[];
  /** Rated at or after (an instant). */
  from?: Date;
  /** Rated before (an instant). */
  to?: Date;
  /** Only these ratings (assessment items). */
  itemIds?: number[];
  /** Not these ratings: those a confirmed anomaly flag excludes. */
  excludeItemIds?: number[];
}

export interface StatisticsRow {
  /** One value per grouping, in the order asked: an id, a level, an enum name, or a date (YYYY-MM-DD, first day of the period, Vietnamese calendar). */
  keys: (string | number)[];
  levels: LevelCounts;
}

export const MAX_GROUPINGS = 3;
export const MAX_GROUPS = 10_000;
/** Rows a grouped statement may return: the answer's groups and the unattributed ones beside them. */
const MAX_ROWS = 2 * MAX_GROUPS;

/**
 * SQL of each grouping. Time grains use rated_at's zone, Asia/Ho_Chi_Minh, and are built on its
 * calendar month (MONTH) where they can be, the expression the month rollup is keyed by.
 */
const MONTH = 'toStartOfMonth(toDate(rated_at))';
const GROUP_SQL: Record<Grouping, string> = {
  department: 'department_id',
  branch: 'branch_id',
  team: 'team_id',
  stage: 'stage_id',
  officer: 'officer_id',
  enterprise: 'enterprise_id',
  level: 'level',
  subjectKind: 'toString(subject_kind)',
  channel: 'toString(channel)',
  phase: 'toString(phase)',
  day: 'toString(toDate(rated_at))',
  week: 'toString(toMonday(toDate(rated_at)))',
  month: `toString(${MONTH})`,
  quarter: `toString(toStartOfQuarter(${MONTH}))`,
  halfYear: `toString(if(toMonth(${MONTH}) <= 6, toStartOfYear(${MONTH}), addMonths(toStartOfYear(${MONTH}), 6)))`,
  year: `toString(toStartOfYear(${MONTH}))`,
};

const NUMERIC_KEYS = new Set<Grouping>(['department', 'branch', 'team', 'stage', 'officer', 'enterprise', 'level']);

/** A rating belongs to a team, stage or officer only when it carries one (a branch rating does not). */
const ATTRIBUTED = new Set<Grouping>(['team', 'stage', 'officer']);

/** `inMonthRollup`: the column is one that p_month keeps (migration 090). */
const FILTERS: { key: keyof RatingFilter; column: string; type: string; inMonthRollup: boolean }[] = [
  { key: 'departmentIds', column: 'department_id', type: 'Array(UInt32)', inMonthRollup: true },
  { key: 'branchIds', column: 'branch_id', type: 'Array(UInt32)', inMonthRollup: true },
  { key: 'teamIds', column: 'team_id', type: 'Array(UInt32)', inMonthRollup: false },
  { key: 'stageIds', column: 'stage_id', type: 'Array(UInt32)', inMonthRollup: false },
  { key: 'officerIds', column: 'officer_id', type: 'Array(UInt32)', inMonthRollup: false },
  { key: 'enterpriseIds', column: 'enterprise_id', type: 'Array(UInt32)', inMonthRollup: false },
  { key: 'levels', column: 'level', type: 'Array(UInt8)', inMonthRollup: true },
  { key: 'channels', column: 'toString(channel)', type: 'Array(String)', inMonthRollup: true },
  { key: 'phases', column: 'toString(phase)', type: 'Array(String)', inMonthRollup: true },
  { key: 'subjectKinds', column: 'toString(subject_kind)', type: 'Array(String)', inMonthRollup: true },
];

export class StatisticsRequestError extends Error {}

/** No statistics question may run away: ClickHouse stops it after this long. */
const LIMITS = { max_execution_time: 20 };

/**
 * For a question the month rollup cannot answer, the planner is told not to weigh projections:
 * weighing p_month against the facts cost every such query about 1 ms on chDB (10 M rows,
 * 2026-12-03, the two interleaved: one branch by team and level 12.5 → 11.6 ms, one officer by month
 * 18.8 → 17.6, one department by stage 17.3 → 15.9).
 */
const FACTS_ONLY: ClickHouseSettings = { ...LIMITS, optimize_use_projections: 0 };

/** The groupings p_month keeps (migration 090); the filters are marked in FILTERS. */
const MONTH_ROLLUP_GROUPINGS = new Set<Grouping>([
  'department',
  'branch',
  'level',
  'subjectKind',
  'channel',
  'phase',
  'month',
  'quarter',
  'halfYear',
  'year',
]);

export function validateGroupings(groupBy: string[]): Grouping[] {
  if (groupBy.length > MAX_GROUPINGS) throw new StatisticsRequestError(`Group by at most ${MAX_GROUPINGS} dimensions.`);
  if (new Set(groupBy).size !== groupBy.length)
    throw new StatisticsRequestError('Each dimension may be grouped by once.');
  for (const g of groupBy) {
    if (!(g in GROUP_SQL)) throw new StatisticsRequestError(`Unknown grouping "${g}".`);
  }
  if (groupBy.filter((g) => (TIME_GRAINS as readonly string[]).includes(g)).length > 1)
    throw new StatisticsRequestError('Group by one time grain at most.');
  return groupBy as Grouping[];
}

/**
 * The WHERE clause of a filter and its typed parameters; no request value is ever written into the
 * SQL text. `inMonthRollup`: every clause written is one the month rollup can answer (its columns,
 * and bounds at month starts).
 */
export function buildWhere(filter: RatingFilter): {
  where: string;
  params: Record<string, unknown>;
  inMonthRollup: boolean;
} {
  const where = ['is_deleted = 0'];
  const params: Record<string, unknown> = {};
  let inMonthRollup = true;
  for (const f of FILTERS) {
    const values = filter[f.key] as unknown[] | undefined;
    if (values && values.length > 0) {
      where.push(`${f.column} IN {${f.key}:${f.type}}`);
      params[f.key] = values;
      inMonthRollup &&= f.inMonthRollup;
    }
  }
  const boundsOnMonths = addPeriod(where, params, 'rated_at', filter, { calendar: true });
  inMonthRollup &&= boundsOnMonths && !filter.itemIds && !filter.excludeItemIds?.length;
  if (filter.itemIds) {
    where.push('item_id IN {itemIds:Array(UInt64)}');
    params.itemIds = filter.itemIds;
  }
  if (filter.excludeItemIds && filter.excludeItemIds.length > 0) {
    where.push('item_id NOT IN {excludeItemIds:Array(UInt64)}');
    params.excludeItemIds = filter.excludeItemIds;
  }
  return { where: where.join(' AND '), params, inMonthRollup };
}

export interface StatisticsAnswer {
  /** Level counts of the whole selection (the filter without the groupings' attribution). */
  overall: LevelCounts;
  /** One row per group, ordered by the keys; empty without groupings. */
  groups: StatisticsRow[];
}

/**
 * Builds the SQL of a statistics question and its typed parameters: one statement for the whole
 * answer, a plain GROUP BY (GROUPING SETS would keep the planner from the rollups). The overall
 * figures are the sum of every group, those whose team, stage or officer is 0 (ratings that name
 * none) included; the answer's groups leave those out, since a team, stage or officer group counts
 * only ratings that name one.
 */
export function buildStatisticsQuery(
  filter: RatingFilter,
  groupBy: Grouping[],
): { query: string; params: Record<string, unknown>; settings: ClickHouseSettings } {
  const { where, params, inMonthRollup } = buildWhere(filter);
  // The planner may weigh the month rollup only for a question it holds whole (it still picks
  // whichever reads fewer granules); statistics.property.test.ts requires that every question the
  // planner, left free, answers from the rollup is one of those.
  const settings = inMonthRollup && groupBy.every((g) => MONTH_ROLLUP_GROUPINGS.has(g)) ? LIMITS : FACTS_ONLY;
  const levelCounts = [1, 2, 3, 4, 5].map((l) => `countIf(level = ${l}) AS l${l}`);
  if (groupBy.length === 0) {
    return { query: `SELECT ${levelCounts.join(', ')}\nFROM rating_facts\nWHERE ${where}`, params, settings };
  }
  const names = groupBy.map((_, i) => `k${i}`);
  const keys = groupBy.map((g, i) => `${GROUP_SQL[g]} AS k${i}`);
  const query = [
    `SELECT ${[...keys, ...levelCounts].join(', ')}`,
    'FROM rating_facts',
    `WHERE ${where}`,
    `GROUP BY ${names.join(', ')}`,
    `ORDER BY ${names.join(', ')}`,
    // With the unattributed groups, up to twice the groups an answer may hold, and one more to tell.
    `LIMIT ${MAX_ROWS + 1}`,
  ].join('\n');
  return { query, params, settings };
}

export async function ratingStatistics(
  store: AnalyticsStore,
  filter: RatingFilter,
  groupBy: Grouping[],
): Promise<StatisticsAnswer> {
  const { query, params, settings } = buildStatisticsQuery(filter, groupBy);
  const rows = await readRows<Record<string, string | number>>(store, query, params, settings);
  const levels = (r: Record<string, string | number>) => [1, 2, 3, 4, 5].map((l) => Number(r[`l${l}`])) as LevelCounts;
  if (groupBy.length === 0) return { overall: rows[0] ? levels(rows[0]) : [0, 0, 0, 0, 0], groups: [] };
  const tooMany = () =>
    new StatisticsRequestError(`More than ${MAX_GROUPS} groups: narrow the filter or group by fewer dimensions.`);
  if (rows.length > MAX_ROWS) throw tooMany();
  const overall: LevelCounts = [0, 0, 0, 0, 0];
  for (const r of rows) levels(r).forEach((n, i) => (overall[i] += n));
  const attributed = groupBy.flatMap((g, i) => (ATTRIBUTED.has(g) ? [`k${i}`] : []));
  const groups = rows.filter((r) => attributed.every((k) => Number(r[k]) !== 0));
  if (groups.length > MAX_GROUPS) throw tooMany();
  return {
    overall,
    groups: groups.map((r) => ({
      keys: groupBy.map((g, i) => (NUMERIC_KEYS.has(g) ? Number(r[`k${i}`]) : String(r[`k${i}`]))),
      levels: levels(r),
    })),
  };
}

export interface PeriodFigures {
  current: LevelCounts;
  previous: LevelCounts;
  /** Distinct forms among the current period's ratings. */
  forms: number;
}

/**
 * The headline question in one statement: level counts of [from, to) and of the period before it,
 * [previousFrom, from), and the forms of [from, to), from one scan of [previousFrom, to).
 */
export async function ratingPeriods(
  store: AnalyticsStore,
  filter: Omit<RatingFilter, 'from' | 'to'>,
  previousFrom: Date,
  previousTo: Date,
  from: Date,
  to: Date,
): Promise<PeriodFigures> {
  const { where, params } = buildWhere({ ...filter, from: previousFrom, to });
  // The previous period may end before `from`: a running period is compared like for like.
  const bounded = `${where} AND (rated_at >= {split:DateTime64(3, 'UTC')} OR rated_at < {previousTo:DateTime64(3, 'UTC')})`;
  const levelCounts = [1, 2, 3, 4, 5].map((l) => `countIf(level = ${l}) AS l${l}`);
  const query = [
    `SELECT rated_at >= {split:DateTime64(3, 'UTC')} AS current, ${levelCounts.join(', ')}, uniqExact(form_id) AS forms`,
    'FROM rating_facts',
    `WHERE ${bounded}`,
    'GROUP BY current',
  ].join('\n');
  const rows = await readRows<Record<string, string | number>>(
    store,
    query,
    { ...params, split: utc(from), previousTo: utc(previousTo) },
    FACTS_ONLY,
  );
  const of = (current: boolean) => rows.find((r) => Number(r.current) === Number(current));
  const levels = (r: Record<string, string | number> | undefined) =>
    [1, 2, 3, 4, 5].map((l) => Number(r?.[`l${l}`] ?? 0)) as LevelCounts;
  return { current: levels(of(true)), previous: levels(of(false)), forms: Number(of(true)?.forms ?? 0) };
}

/** Distinct forms among the filtered ratings. */
export async function countForms(store: AnalyticsStore, filter: RatingFilter): Promise<number> {
  const { where, params } = buildWhere(filter);
  const query = `SELECT uniqExact(form_id) AS forms FROM rating_facts WHERE ${where}`;
  const [row] = await readRows<{ forms: string }>(store, query, params, FACTS_ONLY);
  return Number(row?.forms ?? 0);
}

export interface ReasonCountRow {
  code: string;
  /** Ratings that gave this reason. */
  count: number;
}

/** How often each reason was given among the filtered ratings, most frequent first. */
export async function countReasons(store: AnalyticsStore, filter: RatingFilter): Promise<ReasonCountRow[]> {
  const { where, params } = buildWhere(filter);
  const query = `SELECT reason, count() AS n FROM rating_facts ARRAY JOIN reason_codes AS reason WHERE ${where} GROUP BY reason ORDER BY n DESC, reason LIMIT ${MAX_GROUPS + 1}`;
  const rows = await readRows<{ reason: string; n: string | number }>(store, query, params, FACTS_ONLY);
  return rows.map((r) => ({ code: r.reason, count: Number(r.n) }));
}
