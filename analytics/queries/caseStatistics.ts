// How complaint cases are handled, from case_facts (read with FINAL: each case's latest state):
// counts, conclusions on time, substantiated findings, escalations and the median handling time,
// per branch, team, officer, month, status or finding. Values only as typed parameters.
import type { AnalyticsStore } from '../clickhouse.js';
import { readRows } from '../resultCache.js';
import { addPeriod } from './period.js';

export const CASE_GROUPINGS = ['branch', 'team', 'officer', 'month', 'status', 'finding'] as const;
export type CaseGrouping = (typeof CASE_GROUPINGS)[number];

export interface CaseFilter {
  departmentIds?: number[];
  branchIds?: number[];
  officerIds?: number[];
  from?: Date;
  to?: Date;
}

export interface CaseStatisticsRow {
  key: string | null;
  cases: number;
  open: number;
  concluded: number;
  concludedOnTime: number;
  substantiated: number;
  escalated: number;
  medianHoursToConclude: number | null;
}

const GROUP_SQL: Record<CaseGrouping, string> = {
  branch: 'toString(branch_id)',
  team: 'toString(team_id)',
  officer: 'toString(officer_id)',
  month: 'toString(toStartOfMonth(opened_at))',
  status: 'status',
  finding: 'finding',
};
const ATTRIBUTED: Partial<Record<CaseGrouping, string>> = { team: 'team_id != 0', officer: 'officer_id != 0' };

export async function caseStatistics(
  store: AnalyticsStore,
  filter: CaseFilter,
  groupBy: CaseGrouping | null,
): Promise<CaseStatisticsRow[]> {
  if (groupBy !== null && !(CASE_GROUPINGS as readonly string[]).includes(groupBy))
    throw new Error(`Unknown case grouping ${groupBy}`);
  const where: string[] = ['1'];
  const params: Record<string, unknown> = {};
  const list = (key: keyof CaseFilter, column: string) => {
    const values = filter[key] as number[] | undefined;
    if (values?.length) {
      where.push(`${column} IN {${key}:Array(UInt32)}`);
      params[key] = values;
    }
  };
  list('departmentIds', 'department_id');
  list('branchIds', 'branch_id');
  list('officerIds', 'officer_id');
  addPeriod(where, params, 'opened_at', filter);
  if (groupBy && ATTRIBUTED[groupBy]) where.push(ATTRIBUTED[groupBy]);
  const key = groupBy ? `${GROUP_SQL[groupBy]} AS k` : 'NULL AS k';
  const query = `
    SELECT ${key}, count() AS cases, countIf(status != 'CLOSED') AS open,
           countIf(concluded_at IS NOT NULL) AS concluded,
           countIf(concluded_on_time = 1) AS on_time,
           countIf(finding IN ('SUBSTANTIATED', 'PARTLY_SUBSTANTIATED')) AS substantiated,
           countIf(escalated = 1) AS escalated,
           quantileExactIf(0.5)(dateDiff('second', opened_at, assumeNotNull(concluded_at)) / 3600, concluded_at IS NOT NULL) AS median_hours
    FROM case_facts FINAL
    WHERE ${where.join(' AND ')}
    ${groupBy ? 'GROUP BY k ORDER BY k' : ''}
    LIMIT 10001`;
  const rows = await readRows<Record<string, string | number | null>>(store, query, params, { max_execution_time: 20 });
  return rows.map((r) => ({
    key: r.k === null ? null : String(r.k),
    cases: Number(r.cases),
    open: Number(r.open),
    concluded: Number(r.concluded),
    concludedOnTime: Number(r.on_time),
    substantiated: Number(r.substantiated),
    escalated: Number(r.escalated),
    medianHoursToConclude: Number(r.concluded) > 0 && r.median_hours !== null ? Number(r.median_hours) : null,
  }));
}
