// Retaliation: an enterprise's low ratings of a subject on red-channel declarations (physical
// inspection) that its own ratings of green-channel declarations, and the subject's usual level at
// that stage on red declarations, do not explain. For each (enterprise, subject, stage) with a low
// red-channel rating in the batch, the expected low share is the larger of the enterprise's low
// share on green declarations (shrunk toward everyone's on green) and other enterprises' low share
// for the subject at that stage on red ones (shrunk toward all subjects of the kind at that stage
// on red); P(X ≥ k) under Binomial(n, that share) below alpha raises a flag.
import { TupleParam } from '@clickhouse/client';
import type { AnalyticsStore } from '../clickhouse.js';
import type { RatingFact } from '../ingest.js';
import { binomialUpperTail } from '../stats/significance.js';
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

type Pair = [number, SubjectKind, number, number];

interface EnterpriseRow {
  e: number;
  kind: SubjectKind;
  sid: number;
  stage: number;
  department_id: number;
  branch_id: number;
  n_red: string;
  low_red: [string, string, string][];
  n_green: string;
  k_green: string;
}

interface ContextRow {
  kind: SubjectKind;
  stage: number;
  channel: 'RED' | 'GREEN';
  n: string;
  k: string;
}

interface UsualRow {
  e: number;
  kind: SubjectKind;
  sid: number;
  stage: number;
  n: string;
  k: string;
}

const PAIRS = `(SELECT tupleElement(p, 1) AS e, tupleElement(p, 2) AS kind, tupleElement(p, 3) AS sid, tupleElement(p, 4) AS stage
                FROM (SELECT arrayJoin({pairs:Array(Tuple(UInt32, String, UInt32, UInt32))}) AS p)) AS a`;
/** The facts of the period that also pass `narrow` (see OF_ENTERPRISES_SQL), as `f`. */
function factsWhere(narrow: string): string {
  return `(SELECT enterprise_id, toString(subject_kind) AS kind, ${SUBJECT_ID_SQL} AS sid, stage_id, toString(channel) AS channel,
                       level <= 2 AS low, item_id, form_id, toUnixTimestamp64Milli(rated_at) AS ms, department_id, branch_id
                FROM rating_facts WHERE ${IN_PERIOD_SQL} AND ${narrow}) AS f`;
}

export async function detectRetaliation(store: AnalyticsStore, facts: RatingFact[]): Promise<AnomalyCandidate[]> {
  const keyed = new Map<string, Pair>();
  for (const f of facts) {
    if (f.level > 2 || f.channel !== 'RED') continue;
    const pair: Pair = [f.enterprise_id, f.subject_kind, subjectIdOf(f), f.stage_id];
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
  const [mine, usual, context] = await Promise.all([
    rows<EnterpriseRow>(
      store,
      `SELECT a.e AS e, a.kind AS kind, a.sid AS sid, a.stage AS stage,
              anyIf(f.department_id, f.kind = a.kind AND f.sid = a.sid) AS department_id,
              anyIf(f.branch_id, f.kind = a.kind AND f.sid = a.sid) AS branch_id,
              countIf(f.kind = a.kind AND f.sid = a.sid AND f.stage_id = a.stage AND f.channel = 'RED') AS n_red,
              groupArrayIf(tuple(f.item_id, f.form_id, f.ms), f.kind = a.kind AND f.sid = a.sid AND f.stage_id = a.stage AND f.channel = 'RED' AND f.low) AS low_red,
              countIf(f.channel = 'GREEN') AS n_green,
              countIf(f.channel = 'GREEN' AND f.low) AS k_green
       FROM ${PAIRS} INNER JOIN ${factsWhere(OF_ENTERPRISES_SQL)} ON f.enterprise_id = a.e
       GROUP BY e, kind, sid, stage`,
      params,
    ),
    rows<UsualRow>(
      store,
      `SELECT a.e AS e, a.kind AS kind, a.sid AS sid, a.stage AS stage,
              countIf(f.enterprise_id != a.e) AS n, countIf(f.enterprise_id != a.e AND f.low) AS k
       FROM ${PAIRS} INNER JOIN ${factsWhere(OF_SUBJECTS_SQL)} ON f.kind = a.kind AND f.sid = a.sid AND f.stage_id = a.stage
       WHERE f.channel = 'RED'
       GROUP BY e, kind, sid, stage`,
      params,
    ),
    rows<ContextRow>(
      store,
      `SELECT toString(subject_kind) AS kind, stage_id AS stage, toString(channel) AS channel, count() AS n, countIf(level <= 2) AS k
       FROM rating_facts WHERE ${IN_PERIOD_SQL} AND channel IN ('RED', 'GREEN')
       GROUP BY kind, stage, channel`,
      params,
    ),
  ]);
  // A prior over everyone, less the enterprise's own ratings, which are what is being tested.
  const prior = (rs: ContextRow[], ownN: number, ownK: number) => {
    const n = rs.reduce((a, r) => a + Number(r.n), 0) - ownN;
    const k = rs.reduce((a, r) => a + Number(r.k), 0) - ownK;
    return n <= 0 ? 0.5 : k / n;
  };
  const green = context.filter((c) => c.channel === 'GREEN');
  const red = (kind: string, stage: number) =>
    context.filter((c) => c.channel === 'RED' && c.kind === kind && Number(c.stage) === stage);
  const usualBy = new Map(usual.map((u) => [`${u.e}:${u.kind}:${u.sid}:${u.stage}`, u]));
  return mine.flatMap((r) => {
    const u = usualBy.get(`${r.e}:${r.kind}:${r.sid}:${r.stage}`);
    const low = r.low_red.map(([item, form, at]) => ({ item: Number(item), form: Number(form), at: Number(at) }));
    const n = Number(r.n_red);
    const k = low.length;
    if (k < THRESHOLDS.minRatings) return [];
    const greenShare = shrunkShare(
      Number(r.k_green),
      Number(r.n_green),
      prior(green, Number(r.n_green), Number(r.k_green)),
    );
    const usualShare = shrunkShare(Number(u?.k ?? 0), Number(u?.n ?? 0), prior(red(r.kind, Number(r.stage)), n, k));
    const expectedShare = Math.max(greenShare, usualShare);
    const pValue = binomialUpperTail(k, n, expectedShare);
    if (pValue >= THRESHOLDS.alpha) return [];
    const itemIds = uniqueSorted(low.map((x) => x.item));
    return [
      {
        kind: 'RETALIATION' as const,
        fingerprint: `RETALIATION:${r.kind}:${r.sid}:${r.stage}:${r.e}`,
        subjectKind: r.kind,
        subjectId: Number(r.sid),
        departmentId: Number(r.department_id),
        branchId: Number(r.branch_id),
        itemIds,
        formIds: uniqueSorted(low.map((x) => x.form)),
        enterpriseIds: [Number(r.e)],
        firstRatedAt: new Date(Math.min(...low.map((x) => x.at))),
        lastRatedAt: new Date(Math.max(...low.map((x) => x.at))),
        figures: {
          stageId: Number(r.stage),
          redRatings: n,
          redLowRatings: k,
          greenRatings: Number(r.n_green),
          greenLowRatings: Number(r.k_green),
          usualRedRatings: Number(u?.n ?? 0),
          usualRedLowRatings: Number(u?.k ?? 0),
          expectedLowShare: expectedShare,
          pValue,
        },
      },
    ];
  });
}
