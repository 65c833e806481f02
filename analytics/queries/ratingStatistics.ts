// The flexible drill-down question: rating facts filtered by any dimension and time range,
// grouped by up to three dimensions or time grains, with level counts per group. The pipeline:
// validate the request (whitelists), build SQL whose values are all typed query parameters, run
// it, shape the rows. Statistics on the counts are computed by stats/satisfaction.ts.
import type { AnalyticsStore } from '../clickhouse.js';
import type { LevelCounts } from '../stats/satisfaction.js';
import { addPeriod } from './period.js';

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

/** SQL of each grouping. Time grains use rated_at's zone, Asia/Ho_Chi_Minh. */
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
  week: 'toString(toMonday(rated_at))',
  month: 'toString(toStartOfMonth(rated_at))',
  quarter: 'toString(toStartOfQuarter(rated_at))',
  halfYear: 'toString(if(toMonth(rated_at) <= 6, toStartOfYear(rated_at), addMonths(toStartOfYear(rated_at), 6)))',
  year: 'toString(toStartOfYear(rated_at))',
};

const NUMERIC_KEYS = new Set<Grouping>(['department', 'branch', 'team', 'stage', 'officer', 'enterprise', 'level']);

/** A rating belongs to a team, stage or officer only when it carries one (a branch rating does not). */
const ATTRIBUTED: Partial<Record<Grouping, string>> = {
  team: 'team_id != 0',
  stage: 'stage_id != 0',
  officer: 'officer_id != 0',
};

const FILTERS: { key: keyof RatingFilter; column: string; type: string }[] = [
  { key: 'departmentIds', column: 'department_id', type: 'Array(UInt32)' },
  { key: 'branchIds', column: 'branch_id', type: 'Array(UInt32)' },
  { key: 'teamIds', column: 'team_id', type: 'Array(UInt32)' },
  { key: 'stageIds', column: 'stage_id', type: 'Array(UInt32)' },
  { key: 'officerIds', column: 'officer_id', type: 'Array(UInt32)' },
  { key: 'enterpriseIds', column: 'enterprise_id', type: 'Array(UInt32)' },
  { key: 'levels', column: 'level', type: 'Array(UInt8)' },
  { key: 'channels', column: 'toString(channel)', type: 'Array(String)' },
  { key: 'phases', column: 'toString(phase)', type: 'Array(String)' },
  { key: 'subjectKinds', column: 'toString(subject_kind)', type: 'Array(String)' },
];

export class StatisticsRequestError extends Error {}

/** No statistics question may run away: ClickHouse stops it after this long. */
const LIMITS = { max_execution_time: 20 };

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

/** The WHERE clause of a filter and its typed parameters; no request value is ever written into the SQL text. */
export function buildWhere(
  filter: RatingFilter,
  groupBy: Grouping[],
): { where: string; params: Record<string, unknown> } {
  const where = ['is_deleted = 0'];
  const params: Record<string, unknown> = {};
  for (const f of FILTERS) {
    const values = filter[f.key] as unknown[] | undefined;
    if (values && values.length > 0) {
      where.push(`${f.column} IN {${f.key}:${f.type}}`);
      params[f.key] = values;
    }
  }
  addPeriod(where, params, 'rated_at', filter);
  if (filter.itemIds) {
    where.push('item_id IN {itemIds:Array(UInt64)}');
    params.itemIds = filter.itemIds;
  }
  if (filter.excludeItemIds && filter.excludeItemIds.length > 0) {
    where.push('item_id NOT IN {excludeItemIds:Array(UInt64)}');
    params.excludeItemIds = filter.excludeItemIds;
  }
  for (const g of groupBy) if (ATTRIBUTED[g]) where.push(ATTRIBUTED[g]);
  return { where: where.join(' AND '), params };
}

/** Builds the SQL of a statistics question and its typed parameters. */
export function buildStatisticsQuery(
  filter: RatingFilter,
  groupBy: Grouping[],
): { query: string; params: Record<string, unknown> } {
  const { where, params } = buildWhere(filter, groupBy);
  const keys = groupBy.map((g, i) => `${GROUP_SQL[g]} AS k${i}`);
  const levelCounts = [1, 2, 3, 4, 5].map((l) => `countIf(level = ${l}) AS l${l}`);
  const query = [
    `SELECT ${[...keys, ...levelCounts].join(', ')}`,
    'FROM rating_facts',
    `WHERE ${where}`,
    groupBy.length > 0
      ? `GROUP BY ${groupBy.map((_, i) => `k${i}`).join(', ')} ORDER BY ${groupBy.map((_, i) => `k${i}`).join(', ')}`
      : '',
    `LIMIT ${MAX_GROUPS + 1}`,
  ]
    .filter(Boolean)
    .join('\n');
  return { query, params };
}

export async function ratingStatistics(
  store: AnalyticsStore,
  filter: RatingFilter,
  groupBy: Grouping[],
): Promise<StatisticsRow[]> {
  const { query, params } = buildStatisticsQuery(filter, groupBy);
  const result = await store.client.query({
    query,
    query_params: params,
    format: 'JSONEachRow',
    clickhouse_settings: LIMITS,
  });
  const rows = await result.json<Record<string, string | number>>();
  if (rows.length > MAX_GROUPS)
    throw new StatisticsRequestError(`More than ${MAX_GROUPS} groups: narrow the filter or group by fewer dimensions.`);
  return rows.map((r) => ({
    keys: groupBy.map((g, i) => (NUMERIC_KEYS.has(g) ? Number(r[`k${i}`]) : String(r[`k${i}`]))),
    levels: [1, 2, 3, 4, 5].map((l) => Number(r[`l${l}`])) as LevelCounts,
  }));
}

/** Distinct forms among the filtered ratings. */
export async function countForms(store: AnalyticsStore, filter: RatingFilter): Promise<number> {
  const { where, params } = buildWhere(filter, []);
  const query = `SELECT uniqExact(form_id) AS forms FROM rating_facts WHERE ${where}`;
  const result = await store.client.query({
    query,
    query_params: params,
    format: 'JSONEachRow',
    clickhouse_settings: LIMITS,
  });
  const [row] = await result.json<{ forms: string }>();
  return Number(row?.forms ?? 0);
}

export interface ReasonCountRow {
  code: string;
  /** Ratings that gave this reason. */
  count: number;
}

/** How often each reason was given among the filtered ratings, most frequent first. */
export async function countReasons(store: AnalyticsStore, filter: RatingFilter): Promise<ReasonCountRow[]> {
  const { where, params } = buildWhere(filter, []);
  const query = `SELECT reason, count() AS n FROM rating_facts ARRAY JOIN reason_codes AS reason WHERE ${where} GROUP BY reason ORDER BY n DESC, reason LIMIT ${MAX_GROUPS + 1}`;
  const result = await store.client.query({
    query,
    query_params: params,
    format: 'JSONEachRow',
    clickhouse_settings: LIMITS,
  });
  const rows = await result.json<{ reason: string; n: string | number }>();
  return rows.map((r) => ({ code: r.reason, count: Number(r.n) }));
}
