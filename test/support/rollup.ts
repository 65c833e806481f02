/** Whether ClickHouse's planner answers a statement from a month rollup (projection p_month, or p_department_month). */
import type { AnalyticsStore } from '../../analytics/clickhouse.js';

export async function readsMonthRollup(
  store: AnalyticsStore,
  query: string,
  params: Record<string, unknown>,
): Promise<boolean> {
  const plan = await (
    await store.client.query({ query: `EXPLAIN ${query}`, query_params: params, format: 'JSONEachRow' })
  ).text();
  return /ReadFromMergeTree \((p_month|p_department_month)\)/.test(plan);
}
