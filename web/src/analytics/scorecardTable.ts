/**
 * Rows of the evaluation scorecards (one per branch, team or officer): the rank by shrunk score
 * among those with enough ratings, sorting by any column, and the export form, where shares are
 * percentages rounded to one decimal and means to two, as the page shows them; every row names
 * the unit by its code, team and branch, so that a review never confuses two of the same name.
 */
import type { Cell, ExportTable } from '../export/table';
import type { EvaluationScorecardsQuery } from '../graphql/generated';

export type Scorecard = EvaluationScorecardsQuery['evaluationScorecards'][number];
export type ScorecardUnit = 'BRANCH' | 'TEAM' | 'OFFICER';
export const SCORECARD_UNITS: readonly ScorecardUnit[] = ['BRANCH', 'TEAM', 'OFFICER'];

export interface ScorecardRow {
  id: string;
  name: string;
  /** The officer's, team's or branch's code (two officers may share a name, never a code). */
  code: string | null;
  teamName: string | null;
  branchName: string | null;
  /** 1 for the best shrunk score among rows with enough ratings; null below the minimum. */
  rank: number | null;
  count: number;
  mean: number | null;
  shrunkMean: number | null;
  csat: number | null;
  belowMinimum: boolean;
  cases: number;
  substantiated: number;
  concluded: number;
  timeliness: number | null;
  /** The shrunk score of the period before; null when the unit had no ratings then. */
  previousShrunkMean: number | null;
  /** shrunkMean − previousShrunkMean, when both periods had enough ratings to rank. */
  change: number | null;
  /** Ratings a confirmed anomaly flag leaves out of this card (shown, never silent). */
  excludedRatings: number;
  /** The CSAT change from the period before with its two-proportion test; null without one. */
  csatChange: { difference: number; pValue: number; significant: boolean } | null;
  /** Officers: the mean net of the stages worked, so officers of different stages compare. */
  stageAdjustedMean: number | null;
  /** The grade band of the CSAT under the period's thresholds; null under the minimum. */
  grade: Grade | null;
}

export type Grade = 'EXCELLENT' | 'GOOD' | 'PASS' | 'FAIL';
/** Grades in order, best first: the sort uses the order, not the name. */
export const GRADES: readonly Grade[] = ['EXCELLENT', 'GOOD', 'PASS', 'FAIL'];

export const SCORECARD_SORT_KEYS = [
  'rank',
  'name',
  'count',
  'mean',
  'shrunkMean',
  'stageAdjustedMean',
  'change',
  'csat',
  'cases',
  'substantiated',
  'timeliness',
  'grade',
] as const;
export type ScorecardSortKey = (typeof SCORECARD_SORT_KEYS)[number];
export interface ScorecardSort {
  key: ScorecardSortKey;
  dir: 'asc' | 'desc';
}

export function scorecardRows(cards: readonly Scorecard[]): ScorecardRow[] {
  const rows = cards.map((c): ScorecardRow => ({
    id: c.unit.value,
    name: c.unit.label ?? c.unit.value,
    code: c.code,
    teamName: c.teamName,
    branchName: c.branchName,
    rank: null,
    count: c.ratings.count,
    mean: c.ratings.mean,
    shrunkMean: c.ratings.shrunkMean,
    csat: c.ratings.csat,
    belowMinimum: c.ratings.belowMinimum,
    cases: c.cases,
    substantiated: c.substantiated,
    concluded: c.concluded,
    timeliness: c.timeliness,
    previousShrunkMean: c.previous?.ratings.shrunkMean ?? null,
    change: changeOf(c),
    excludedRatings: c.excludedRatings,
    csatChange: c.csatChange ?? null,
    stageAdjustedMean: c.stageAdjustedMean ?? null,
    grade: c.grade ?? null,
  }));
  const ranked = rows
    .filter((r) => !r.belowMinimum && r.shrunkMean !== null)
    .sort((a, b) => b.shrunkMean! - a.shrunkMean!);
  // Equal scores share a rank (1, 2, 2, 4).
  ranked.forEach(
    (r, i) => (r.rank = i > 0 && ranked[i - 1]!.shrunkMean === r.shrunkMean ? ranked[i - 1]!.rank : i + 1),
  );
  return rows;
}

/** A change is worth showing only between two scores that could each be ranked. */
function changeOf(c: Scorecard): number | null {
  const before = c.previous?.ratings;
  if (
    !before ||
    before.belowMinimum ||
    before.shrunkMean === null ||
    c.ratings.belowMinimum ||
    c.ratings.shrunkMean === null
  )
    return null;
  return c.ratings.shrunkMean - before.shrunkMean;
}

export function parseScorecardSort(value: unknown, fallback: ScorecardSort): ScorecardSort {
  if (typeof value !== 'string') return fallback;
  const [key, dir] = value.split(':');
  return (SCORECARD_SORT_KEYS as readonly string[]).includes(key ?? '') && (dir === 'asc' || dir === 'desc')
    ? { key: key as ScorecardSortKey, dir }
    : fallback;
}

export function sortScorecards(rows: readonly ScorecardRow[], sort: ScorecardSort, locale: string): ScorecardRow[] {
  const factor = sort.dir === 'asc' ? 1 : -1;
  const value = (r: ScorecardRow) =>
    sort.key === 'grade' ? (r.grade ? GRADES.length - GRADES.indexOf(r.grade) : null) : r[sort.key];
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    // Missing figures (and unranked rows) last in either direction.
    if (va === null) return vb === null ? a.name.localeCompare(b.name, locale) : 1;
    if (vb === null) return -1;
    if (typeof va === 'string' && typeof vb === 'string') return factor * va.localeCompare(vb, locale);
    return factor * ((va as number) - (vb as number)) || a.name.localeCompare(b.name, locale);
  });
}

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Number(value.toFixed(digits));
const percent = (share: number | null) => round(share === null ? null : share * 100, 1);

export interface ScorecardHeaders {
  rank: string;
  name: string;
  code: string;
  team: string;
  branch: string;
  excluded: string;
  count: string;
  mean: string;
  shrunkMean: string;
  previousShrunkMean: string;
  change: string;
  csat: string;
  belowMinimum: string;
  cases: string;
  substantiated: string;
  concluded: string;
  timeliness: string;
  stageAdjusted: string;
  grade: string;
  grades: Record<Grade, string>;
  yes: string;
  no: string;
}

export function scorecardExportTable(
  sheet: string,
  heading: string[],
  rows: readonly ScorecardRow[],
  h: ScorecardHeaders,
): ExportTable {
  return {
    title: sheet,
    heading,
    headers: [
      h.rank,
      h.code,
      h.name,
      h.team,
      h.branch,
      h.count,
      h.mean,
      h.shrunkMean,
      h.previousShrunkMean,
      h.change,
      `${h.csat} (%)`,
      h.belowMinimum,
      h.cases,
      h.substantiated,
      h.concluded,
      `${h.timeliness} (%)`,
      h.excluded,
      h.stageAdjusted,
      h.grade,
    ],
    rows: rows.map((r): Cell[] => [
      r.rank,
      r.code,
      r.name,
      r.teamName,
      r.branchName,
      r.count,
      round(r.mean, 2),
      round(r.shrunkMean, 2),
      round(r.previousShrunkMean, 2),
      round(r.change, 2),
      percent(r.csat),
      r.belowMinimum ? h.yes : h.no,
      r.cases,
      r.substantiated,
      r.concluded,
      percent(r.timeliness),
      r.excludedRatings,
      round(r.stageAdjustedMean ?? null, 2),
      r.grade ? (h.grades?.[r.grade] ?? r.grade) : null,
    ]),
  };
}
