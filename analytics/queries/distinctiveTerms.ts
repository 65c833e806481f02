// The terms that distinguish a unit's comments from the rest of its parent's: syllable bigrams
// of the normalised comments (analytics/text/normalise.ts), counted once per rating, compared by
// the log-odds ratio with 0.5 added to every count, and its z-score (the ratio over its
// standard error, sqrt of the summed reciprocal counts). A positive z means the unit's comments
// use the term more than the rest of the parent's.
import type { AnalyticsStore } from '../clickhouse.js';
import { buildWhere, type RatingFilter } from './ratingStatistics.js';

export interface TermRow {
  term: string;
  /** Ratings of the unit whose comment holds the term. */
  count: number;
  /** Ratings of the rest of the parent whose comment holds it. */
  restCount: number;
  logOdds: number;
  z: number;
}

const BIGRAMS = `arrayDistinct(arrayMap((a, b) -> concat(a, ' ', b), arrayPopBack(splitByChar(' ', comment_norm)), arrayPopFront(splitByChar(' ', comment_norm))))`;

/** `unit` must select a subset of what `parent` selects (the parent's filter plus one more id). */
export async function distinctiveTerms(
  store: AnalyticsStore,
  parent: RatingFilter,
  unit: RatingFilter,
  first: number,
  minCount = 2,
): Promise<{ ratings: number; restRatings: number; terms: TermRow[] }> {
  const p = buildWhere(parent);
  const u = buildWhere(unit);
  // Unit parameters get their own names so both clauses can share one query.
  const renamed = Object.fromEntries(Object.entries(u.params).map(([k, v]) => [`u_${k}`, v]));
  const unitWhere = u.where.replace(/\{(\w+):/g, '{u_$1:');
  const params = { ...p.params, ...renamed, minCount };
  const read = async <T>(query: string): Promise<T[]> =>
    (
      await store.client.query({
        query,
        query_params: params,
        format: 'JSONEachRow',
        clickhouse_settings: { max_execution_time: 20 },
      })
    ).json<T>();
  const from = `FROM rating_facts WHERE ${p.where} AND comment_norm != ''`;
  const [[totals], rows] = await Promise.all([
    read<{ unit: string; rest: string }>(
      `SELECT countIf(${unitWhere}) AS unit, countIf(NOT (${unitWhere})) AS rest ${from}`,
    ),
    read<{ term: string; n_unit: string; n_rest: string }>(
      `SELECT term, countIf(in_unit) AS n_unit, countIf(NOT in_unit) AS n_rest
       FROM (SELECT ${unitWhere} AS in_unit, arrayJoin(${BIGRAMS}) AS term ${from})
       GROUP BY term HAVING n_unit >= {minCount:UInt32}`,
    ),
  ]);
  const ratings = Number(totals?.unit ?? 0);
  const restRatings = Number(totals?.rest ?? 0);
  const terms = rows.map((r) => {
    const a = Number(r.n_unit) + 0.5;
    const b = ratings - Number(r.n_unit) + 0.5;
    const c = Number(r.n_rest) + 0.5;
    const d = restRatings - Number(r.n_rest) + 0.5;
    const logOdds = Math.log(a / b) - Math.log(c / d);
    return {
      term: r.term,
      count: Number(r.n_unit),
      restCount: Number(r.n_rest),
      logOdds,
      z: logOdds / Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d),
    };
  });
  terms.sort((x, y) => y.z - x.z || x.term.localeCompare(y.term));
  return { ratings, restRatings, terms: terms.slice(0, first) };
}
