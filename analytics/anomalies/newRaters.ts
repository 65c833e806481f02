// New raters: an enterprise whose first ratings (its first rating of anything is at most
// newRaterMs old) of one subject are all at one extreme, 1★ or 5★. The chance of that is tested
// against the subject's level distribution among other enterprises: with s the share of that
// level (shrunk toward the share among all subjects of the kind), n such ratings in a row have
// probability sⁿ; below alpha raises a flag.
import { TupleParam } from '@clickhouse/client';
import type { AnalyticsStore } from '../clickhouse.js';
import type { RatingFact } from '../ingest.js';
import {
  IN_PERIOD_SQL,
  joinFilterParams,
  OF_ENTERPRISES_SQL,
  OF_SUBJECTS_SQL,
  ms,
  rows,
  SUBJECT_ID_SQL,
  shrunkShare,
  subjectIdOf,
  THRESHOLDS,
  uniqueSorted,
  type AnomalyCandidate,
  type SubjectKind,
} from './anomaly.js';

type Pair = [number, SubjectKind, number];

interface Row {
  e: number;
  kind: SubjectKind;
  sid: number;
  department_id: number;
  branch_id: number;
  first_ms: string;
  mine: [string, string, number, string][];
}

interface OthersRow {
  e: number;
  kind: SubjectKind;
  sid: number;
  others: string;
  others_1: string;
  others_5: string;
}

const PAIRS = `(SELECT tupleElement(p, 1) AS e, tupleElement(p, 2) AS kind, tupleElement(p, 3) AS sid
                FROM (SELECT arrayJoin({pairs:Array(Tuple(UInt32, String, UInt32))}) AS p)) AS a`;
/** The facts of the period that also pass `narrow` (see OF_ENTERPRISES_SQL), as `f`. */
function factsWhere(narrow: string): string {
  return `(SELECT enterprise_id, toString(subject_kind) AS kind, ${SUBJECT_ID_SQL} AS sid, level, item_id, form_id,
                       toUnixTimestamp64Milli(rated_at) AS ms, department_id, branch_id
                FROM rating_facts WHERE ${IN_PERIOD_SQL} AND ${narrow}) AS f`;
}

export async function detectNewRaters(store: AnalyticsStore, facts: RatingFact[]): Promise<AnomalyCandidate[]> {
  const keyed = new Map<string, Pair>();
  for (const f of facts) {
    if (f.level !== 1 && f.level !== 5) continue;
    const pair: Pair = [f.enterprise_id, f.subject_kind, subjectIdOf(f)];
    keyed.set(pair.join(':'), pair);
  }
  if (keyed.size === 0) return [];
  const pairs = [...keyed.values()];
  const until = Math.max(...facts.map(ms));
  const params = {
    pairs: pairs.map((p) => new TupleParam(p)),
    ...joinFilterParams(pairs),
    since: until - THRESHOLDS.historyMs,
    until,
  };
  const [found, others, context] = await Promise.all([
    rows<Row>(
      store,
      `SELECT a.e AS e, a.kind AS kind, a.sid AS sid,
              anyIf(f.department_id, f.kind = a.kind AND f.sid = a.sid) AS department_id,
              anyIf(f.branch_id, f.kind = a.kind AND f.sid = a.sid) AS branch_id,
              min(f.ms) AS first_ms,
              groupArrayIf(tuple(f.item_id, f.form_id, f.level, f.ms), f.kind = a.kind AND f.sid = a.sid) AS mine
       FROM ${PAIRS} INNER JOIN ${factsWhere(OF_ENTERPRISES_SQL)} ON f.enterprise_id = a.e
       GROUP BY e, kind, sid`,
      params,
    ),
    rows<OthersRow>(
      store,
      `SELECT a.e AS e, a.kind AS kind, a.sid AS sid,
              countIf(f.enterprise_id != a.e) AS others,
              countIf(f.enterprise_id != a.e AND f.level = 1) AS others_1,
              countIf(f.enterprise_id != a.e AND f.level = 5) AS others_5
       FROM ${PAIRS} INNER JOIN ${factsWhere(OF_SUBJECTS_SQL)} ON f.kind = a.kind AND f.sid = a.sid
       GROUP BY e, kind, sid`,
      params,
    ),
    rows<{ kind: SubjectKind; n: string; l1: string; l5: string }>(
      store,
      `SELECT toString(subject_kind) AS kind, count() AS n, countIf(level = 1) AS l1, countIf(level = 5) AS l5
       FROM rating_facts WHERE ${IN_PERIOD_SQL} GROUP BY kind`,
      params,
    ),
  ]);
  // The kind-wide share, less the enterprise's own ratings of the subject, which are what is being tested.
  const prior = (kind: string, level: number, own: number) => {
    const c = context.find((x) => x.kind === kind);
    const n = Number(c?.n ?? 0) - own;
    return n > 0 ? (Number((level === 1 ? c?.l1 : c?.l5) ?? 0) - own) / n : 0.5;
  };
  const othersBy = new Map(others.map((o) => [`${o.e}:${o.kind}:${o.sid}`, o]));
  return found.flatMap((r) => {
    const mine = r.mine.map(([item, form, level, at]) => ({
      item: Number(item),
      form: Number(form),
      level: Number(level),
      at: Number(at),
    }));
    const n = mine.length;
    const first = Number(r.first_ms);
    const newest = Math.max(...mine.map((x) => x.at));
    if (n < THRESHOLDS.minRatings || newest - first > THRESHOLDS.newRaterMs) return [];
    const level = mine[0].level;
    if ((level !== 1 && level !== 5) || mine.some((x) => x.level !== level)) return [];
    const o = othersBy.get(`${r.e}:${r.kind}:${r.sid}`);
    const atLevel = Number((level === 1 ? o?.others_1 : o?.others_5) ?? 0);
    const share = shrunkShare(atLevel, Number(o?.others ?? 0), prior(r.kind, level, n));
    const pValue = share ** n;
    if (pValue >= THRESHOLDS.alpha) return [];
    return [
      {
        kind: 'NEW_RATER' as const,
        fingerprint: `NEW_RATER:${r.kind}:${r.sid}:${r.e}`,
        subjectKind: r.kind,
        subjectId: Number(r.sid),
        departmentId: Number(r.department_id),
        branchId: Number(r.branch_id),
        itemIds: uniqueSorted(mine.map((x) => x.item)),
        formIds: uniqueSorted(mine.map((x) => x.form)),
        enterpriseIds: [Number(r.e)],
        firstRatedAt: new Date(Math.min(...mine.map((x) => x.at))),
        lastRatedAt: new Date(newest),
        figures: {
          level,
          ratings: n,
          daysSinceFirstRating: Math.round((newest - first) / 86_400_000),
          othersRatings: Number(o?.others ?? 0),
          othersAtLevel: atLevel,
          levelShare: share,
          pValue,
        },
      },
    ];
  });
}
