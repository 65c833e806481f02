// The comments of the ratings a filter selects, without anything that points at a form: the text
// and its level only, ordered by level and text (not by time, which would line them up with the
// rated officer's own declarations list).
import type { AnalyticsStore } from '../clickhouse.js';
import { buildWhere, type RatingFilter } from './ratingStatistics.js';

export interface OwnCommentRow {
  level: number;
  comment: string;
}

export async function ownComments(
  store: AnalyticsStore,
  filter: RatingFilter,
  first: number,
): Promise<{ total: number; rows: OwnCommentRow[] }> {
  const { where, params } = buildWhere(filter);
  const query = `SELECT level, comment, count() OVER () AS total
                 FROM rating_facts WHERE ${where} AND comment != ''
                 ORDER BY level, comment LIMIT {first:UInt32}`;
  const result = await store.client.query({
    query,
    query_params: { ...params, first },
    format: 'JSONEachRow',
    clickhouse_settings: { max_execution_time: 20 },
  });
  const rows = await result.json<{ level: number; comment: string; total: string }>();
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({ level: Number(r.level), comment: r.comment })),
  };
}
