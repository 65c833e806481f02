// Bursts: many low (1–2★) ratings of one subject within a short window, from one enterprise or a
// few, far above the subject's own baseline. For each subject that got a low rating in the batch,
// the window ends at its latest low rating; the baseline is its low ratings per window-length over
// the history before the window (with one pseudo-rating, and at least THRESHOLDS.minBaselineMs of
// history assumed). The few enterprises (at most burstMaxRaters) that gave most of the window's
// low ratings are tested: P(X ≥ their count) under Poisson(baseline) below alpha raises a flag.
import { TupleParam } from '@clickhouse/client';
import type { AnalyticsStore } from '../clickhouse.js';
import type { RatingFact } from '../ingest.js';
import { poissonUpperTail } from '../stats/significance.js';
import {
  IN_PERIOD_SQL,
  OF_SUBJECTS_SQL,
  ofSubjectsParam,
  ms,
  rows,
  SUBJECT_ID_SQL,
  subjectIdOf,
  THRESHOLDS,
  uniqueSorted,
  type AnomalyCandidate,
  type SubjectKind,
} from './anomaly.js';

interface Row {
  kind: SubjectKind;
  sid: number;
  anchor: string;
  department_id: number;
  branch_id: number;
  base: string;
  first_ms: string;
  recent: [string, string, number, string][];
}

export async function detectBursts(store: AnalyticsStore, facts: RatingFact[]): Promise<AnomalyCandidate[]> {
  const anchors = new Map<string, [SubjectKind, number, number]>();
  for (const f of facts) {
    if (f.level > 2) continue;
    const key = `${f.subject_kind}:${subjectIdOf(f)}`;
    const at = ms(f);
    if ((anchors.get(key)?.[2] ?? -Infinity) < at) anchors.set(key, [f.subject_kind, subjectIdOf(f), at]);
  }
  if (anchors.size === 0) return [];
  const subjects = [...anchors.values()];
  const until = Math.max(...subjects.map((s) => s[2]));
  const since = Math.min(...subjects.map((s) => s[2])) - THRESHOLDS.baselineMs;
  const found = await rows<Row>(
    store,
    `SELECT a.kind AS kind, a.sid AS sid, a.anchor AS anchor,
            any(f.department_id) AS department_id, any(f.branch_id) AS branch_id,
            countIf(f.ms <= a.anchor - {window:Int64}) AS base,
            min(f.ms) AS first_ms,
            groupArrayIf(tuple(f.item_id, f.form_id, f.enterprise_id, f.ms), f.ms > a.anchor - {window:Int64}) AS recent
     FROM (SELECT tupleElement(s, 1) AS kind, tupleElement(s, 2) AS sid, tupleElement(s, 3) AS anchor
           FROM (SELECT arrayJoin({subjects:Array(Tuple(String, UInt32, Int64))}) AS s)) AS a
     INNER JOIN (SELECT toString(subject_kind) AS kind, ${SUBJECT_ID_SQL} AS sid, toUnixTimestamp64Milli(rated_at) AS ms,
                        item_id, form_id, enterprise_id, department_id, branch_id
                 FROM rating_facts WHERE ${IN_PERIOD_SQL} AND level <= 2 AND ${OF_SUBJECTS_SQL}) AS f
       ON f.kind = a.kind AND f.sid = a.sid
     WHERE f.ms > a.anchor - {baseline:Int64} AND f.ms <= a.anchor
     GROUP BY kind, sid, anchor`,
    {
      subjects: subjects.map((s) => new TupleParam(s)),
      ofSubjects: ofSubjectsParam(subjects),
      since,
      until,
      window: THRESHOLDS.burstWindowMs,
      baseline: THRESHOLDS.baselineMs,
    },
  );
  return found.flatMap((r) => judge(r));
}

function judge(r: Row): AnomalyCandidate[] {
  const recent = r.recent.map(([item, form, enterprise, at]) => ({
    item: Number(item),
    form: Number(form),
    enterprise: Number(enterprise),
    at: Number(at),
  }));
  const byEnterprise = new Map<number, number>();
  for (const x of recent) byEnterprise.set(x.enterprise, (byEnterprise.get(x.enterprise) ?? 0) + 1);
  // The fewest enterprises (at most burstMaxRaters) that cover burstMinShare of the window.
  const ranked = [...byEnterprise.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const raters: number[] = [];
  let covered = 0;
  for (const [enterprise, n] of ranked.slice(0, THRESHOLDS.burstMaxRaters)) {
    raters.push(enterprise);
    covered += n;
    if (covered >= THRESHOLDS.burstMinShare * recent.length) break;
  }
  if (covered < THRESHOLDS.burstMinShare * recent.length || covered < THRESHOLDS.minRatings) return [];
  const anchor = Number(r.anchor);
  const history = Math.max(anchor - THRESHOLDS.burstWindowMs - Number(r.first_ms), THRESHOLDS.minBaselineMs);
  const expected = ((Number(r.base) + 1) * THRESHOLDS.burstWindowMs) / history;
  const pValue = poissonUpperTail(covered, expected);
  if (pValue >= THRESHOLDS.alpha) return [];
  const mine = recent.filter((x) => raters.includes(x.enterprise));
  const itemIds = uniqueSorted(mine.map((x) => x.item));
  return [
    {
      kind: 'BURST',
      fingerprint: `BURST:${r.kind}:${r.sid}:${itemIds[0]}`,
      subjectKind: r.kind,
      subjectId: Number(r.sid),
      departmentId: Number(r.department_id),
      branchId: Number(r.branch_id),
      itemIds,
      formIds: uniqueSorted(mine.map((x) => x.form)),
      enterpriseIds: uniqueSorted(raters),
      firstRatedAt: new Date(Math.min(...mine.map((x) => x.at))),
      lastRatedAt: new Date(Math.max(...mine.map((x) => x.at))),
      figures: {
        lowRatings: covered,
        lowRatingsInWindow: recent.length,
        raters: raters.length,
        windowMinutes: THRESHOLDS.burstWindowMs / 60_000,
        baselineLowRatings: Number(r.base),
        baselineDays: Math.round(history / 86_400_000),
        expected,
        pValue,
      },
    },
  ];
}
