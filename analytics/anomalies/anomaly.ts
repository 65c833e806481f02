// What an anomaly detector reports, the thresholds every detector shares, and the helpers they
// use to name a rated subject in SQL and to read the batch that triggered them. A candidate is a
// suspicion with its evidence (the items, forms and raters involved and the figures that raised
// it); the API keeps it as a flag that inspectors confirm or dismiss.
import { TupleParam } from '@clickhouse/client';
import type { AnalyticsStore } from '../clickhouse.js';
import type { RatingFact } from '../ingest.js';

export type AnomalyKind = 'BURST' | 'RETALIATION' | 'COPIED_TEXT' | 'NEW_RATER';
export type SubjectKind = RatingFact['subject_kind'];

export interface AnomalyCandidate {
  kind: AnomalyKind;
  /** Stable for the same pattern, so a later batch updates the flag instead of adding another. */
  fingerprint: string;
  subjectKind: SubjectKind;
  subjectId: number;
  departmentId: number;
  branchId: number;
  /** The ratings the flag is about (what a confirmed flag may exclude). */
  itemIds: number[];
  formIds: number[];
  /** Who rated: for inspection staff only. */
  enterpriseIds: number[];
  firstRatedAt: Date;
  lastRatedAt: Date;
  /** The figures that raised it, by name (counts, shares, expected counts, p-values). */
  figures: Record<string, number>;
}

export const THRESHOLDS = {
  /** A tail probability below this raises a flag (strict, since every batch tests many subjects). */
  alpha: 1e-4,
  /** Burst window: low ratings of one subject this close together. */
  burstWindowMs: 60 * 60_000,
  /** The baseline is the subject's own low-rating rate over up to this much history. */
  baselineMs: 180 * 86_400_000,
  /** A subject with less history is treated as having this much, so a new officer is not flagged on sight. */
  minBaselineMs: 30 * 86_400_000,
  /** At most this many enterprises make up a burst ("one, or a few"), covering at least this share of it. */
  burstMaxRaters: 3,
  burstMinShare: 0.8,
  /**
   * Shares estimated from few ratings (one enterprise's, one officer's) are shrunk toward the
   * same share over all subjects of the kind, as if this many ratings at that share were added.
   */
  priorWeight: 10,
  /** A pattern needs at least this many ratings, whatever the test says. */
  minRatings: 3,
  /** Retaliation and new-rater look-back. */
  historyMs: 365 * 86_400_000,
  /** Copied text: the same normalised comment (or nearly: same word-shingle min-hash) on this many forms within the window, of at least this many words. */
  copiedMinForms: 3,
  copiedWindowMs: 14 * 86_400_000,
  copiedMinWords: 4,
  /** A new rater is an enterprise whose first rating is this recent. */
  newRaterMs: 30 * 86_400_000,
} as const;

/** The rated subject's id, from the one column that names it. */
export const SUBJECT_ID_SQL =
  "multiIf(subject_kind = 'OFFICER', officer_id, subject_kind = 'STAGE', stage_id, subject_kind = 'TEAM', team_id, branch_id)";

export function subjectIdOf(fact: RatingFact): number {
  switch (fact.subject_kind) {
    case 'OFFICER':
      return fact.officer_id;
    case 'STAGE':
      return fact.stage_id;
    case 'TEAM':
      return fact.team_id;
    default:
      return fact.branch_id;
  }
}

export function ms(fact: RatingFact): number {
  return Date.parse(fact.rated_at);
}

/** k/n shrunk toward `prior` with THRESHOLDS.priorWeight pseudo-ratings (a prior of at least 1 %, so nothing is "impossible"). */
export function shrunkShare(k: number, n: number, prior: number): number {
  return (k + THRESHOLDS.priorWeight * Math.max(prior, 0.01)) / (n + THRESHOLDS.priorWeight);
}

export function uniqueSorted(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Facts rated in [since, until] (epoch ms parameters), live rows only. */
export const IN_PERIOD_SQL =
  'is_deleted = 0 AND rated_at >= fromUnixTimestamp64Milli({since:Int64}) AND rated_at <= fromUnixTimestamp64Milli({until:Int64})';

/**
 * Narrow the fact side of a detector's join to the batch's raters or subjects (parameters
 * `ofEnterprises` and `ofSubjects`). The join would keep only those rows anyway, but ClickHouse builds
 * its hash table from the right-hand side: unfiltered, that is every rating of the period (~0.2 s
 * at 10 M rows, enough to hold back the reads a send is waiting for).
 */
export const OF_ENTERPRISES_SQL = 'enterprise_id IN {ofEnterprises:Array(UInt32)}';
export const OF_SUBJECTS_SQL = `(toString(subject_kind), ${SUBJECT_ID_SQL}) IN {ofSubjects:Array(Tuple(String, UInt32))}`;

/** The `ofSubjects` parameter of OF_SUBJECTS_SQL: each [kind, subject id] once. */
export function ofSubjectsParam(subjects: readonly (readonly [SubjectKind, number, ...unknown[]])[]): TupleParam[] {
  const unique = new Map(subjects.map(([kind, sid]) => [`${kind}:${sid}`, [kind, sid] as const]));
  return [...unique.values()].map((s) => new TupleParam(s));
}

/** The `ofEnterprises` and `ofSubjects` parameters of the filters above, for pairs [enterprise, kind, subject id, …]. */
export function joinFilterParams(pairs: readonly (readonly [number, SubjectKind, number, ...number[]])[]) {
  return {
    ofEnterprises: uniqueSorted(pairs.map(([e]) => e)),
    ofSubjects: ofSubjectsParam(pairs.map(([, kind, sid]) => [kind, sid] as const)),
  };
}

/**
 * Detector statements of one store run one at a time. Detection runs beside the reads people wait
 * for (a send until its rating shows, a drill-down): in parallel, its statements took every engine
 * session and both cores, and those reads waited behind them.
 */
const lanes = new WeakMap<AnalyticsStore, Promise<unknown>>();

/** Runs one read with typed parameters; every detector query is bounded and runs on a single thread. */
export async function rows<T>(store: AnalyticsStore, query: string, params: Record<string, unknown>): Promise<T[]> {
  const run = async () => {
    const result = await store.client.query({
      query,
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: { max_execution_time: 30, max_threads: 1 },
    });
    return result.json<T>();
  };
  const turn = (lanes.get(store) ?? Promise.resolve()).then(run, run);
  lanes.set(
    store,
    turn.catch(() => undefined),
  );
  return turn;
}
