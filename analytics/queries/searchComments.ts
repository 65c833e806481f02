// Comment search: the ratings whose comment holds every word of the search, with or without
// diacritics, in any case (both sides normalised as analytics/text/normalise.ts says), among the
// ratings a filter selects, newest first.
import type { AnalyticsStore } from '../clickhouse.js';
import { normalisedSql } from '../text/normalise.js';
import { buildWhere, type RatingFilter } from './ratingStatistics.js';

export interface CommentRow {
  itemId: number;
  formId: number;
  subjectKind: 'BRANCH' | 'TEAM' | 'STAGE' | 'OFFICER';
  subjectId: number;
  level: number;
  ratedAt: Date;
  comment: string;
}

const SUBJECT_ID =
  "multiIf(subject_kind = 'OFFICER', officer_id, subject_kind = 'STAGE', stage_id, subject_kind = 'TEAM', team_id, branch_id)";

export async function searchComments(
  store: AnalyticsStore,
  filter: RatingFilter,
  search: string,
  first: number,
): Promise<{ total: number; rows: CommentRow[] }> {
  const { where, params } = buildWhere(filter);
  const matches = `comment_norm != '' AND hasAll(splitByChar(' ', comment_norm), splitByChar(' ', ${normalisedSql('{search:String}')}))`;
  const query = `SELECT item_id, form_id, toString(subject_kind) AS kind, ${SUBJECT_ID} AS sid, level,
                        toUnixTimestamp64Milli(rated_at) AS at, comment, count() OVER () AS total
                 FROM rating_facts WHERE ${where} AND ${matches}
                 ORDER BY rated_at DESC, item_id DESC LIMIT {first:UInt32}`;
  const result = await store.client.query({
    query,
    query_params: { ...params, search, first },
    format: 'JSONEachRow',
    clickhouse_settings: { max_execution_time: 20 },
  });
  const rows = await result.json<{
    item_id: string;
    form_id: string;
    kind: CommentRow['subjectKind'];
    sid: number;
    level: number;
    at: string;
    comment: string;
    total: string;
  }>();
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({
      itemId: Number(r.item_id),
      formId: Number(r.form_id),
      subjectKind: r.kind,
      subjectId: Number(r.sid),
      level: Number(r.level),
      ratedAt: new Date(Number(r.at)),
      comment: r.comment,
    })),
  };
}
