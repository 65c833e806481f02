// The two figures alert rules watch, from rating_facts: a unit's ratings and satisfied (4–5★)
// ratings in a time window, and the officers with at least `minCount` 1–2★ ratings in one.
import type { AnalyticsStore } from '../clickhouse.js';
import { addPeriod } from './period.js';

export interface UnitWindow {
  departmentId: number;
  /** Null: the whole department. */
  branchId: number | null;
  from: Date;
  to: Date;
}

export async function unitSatisfaction(
  store: AnalyticsStore,
  w: UnitWindow,
): Promise<{ ratings: number; satisfied: number }> {
  const [period, params] = window(w);
  const result = await store.client.query({
    query: `SELECT count() AS ratings, countIf(level >= 4) AS satisfied FROM rating_facts
            WHERE is_deleted = 0 AND department_id = {department:UInt32}
              ${w.branchId === null ? '' : 'AND branch_id = {branch:UInt32}'}
              AND ${period.join(' AND ')}`,
    query_params: { department: w.departmentId, branch: w.branchId ?? 0, ...params },
    format: 'JSONEachRow',
    clickhouse_settings: { max_execution_time: 20 },
  });
  const [row] = await result.json<{ ratings: string | number; satisfied: string | number }>();
  return { ratings: Number(row?.ratings ?? 0), satisfied: Number(row?.satisfied ?? 0) };
}

export async function officersWithLowRatings(
  store: AnalyticsStore,
  w: UnitWindow & { minCount: number },
): Promise<{ officerId: number; count: number }[]> {
  const [period, params] = window(w);
  const result = await store.client.query({
    query: `SELECT officer_id, count() AS n FROM rating_facts
            WHERE is_deleted = 0 AND subject_kind = 'OFFICER' AND level <= 2 AND department_id = {department:UInt32}
              ${w.branchId === null ? '' : 'AND branch_id = {branch:UInt32}'}
              AND ${period.join(' AND ')}
            GROUP BY officer_id HAVING n >= {min:UInt32} ORDER BY officer_id LIMIT 1000`,
    query_params: {
      department: w.departmentId,
      branch: w.branchId ?? 0,
      ...params,
      min: w.minCount,
    },
    format: 'JSONEachRow',
    clickhouse_settings: { max_execution_time: 20 },
  });
  const rows = await result.json<{ officer_id: string | number; n: string | number }>();
  return rows.map((r) => ({ officerId: Number(r.officer_id), count: Number(r.n) }));
}

function window(w: UnitWindow): [string[], Record<string, unknown>] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  addPeriod(where, params, 'rated_at', w);
  return [where, params];
}
