/**
 * Comparing officers within their stages. Stages are rated differently (a physical inspection
 * draws lower marks than a document check whoever does it), so an officer's raw mean partly says
 * which stages it worked. The stage-adjusted mean takes that out:
 *
 *   adjusted(o) = overall mean + (mean(o) − expected(o)),  expected(o) = Σ_s n(o,s) · mean(s) / Σ_s n(o,s)
 *
 * over the officer ratings of the period and scope: mean(s) is stage s's mean over every officer,
 * n(o,s) the officer's ratings at that stage. An officer as good as its stages' average scores
 * the overall mean, whichever stages it worked.
 */
import type { RatingGroup } from '../statistics/statistics.types.js';

export interface StageCell {
  officerId: number;
  stageId: number;
  count: number;
  mean: number | null;
}

export function stageAdjustedMeans(cells: StageCell[], stages: Map<number, number>, overallMean: number | null) {
  const sums = new Map<number, { n: number; sum: number; expected: number }>();
  for (const c of cells) {
    const stageMean = stages.get(c.stageId);
    if (c.count === 0 || c.mean === null || stageMean === undefined) continue;
    const s = sums.get(c.officerId) ?? { n: 0, sum: 0, expected: 0 };
    s.n += c.count;
    s.sum += c.mean * c.count;
    s.expected += stageMean * c.count;
    sums.set(c.officerId, s);
  }
  const adjusted = new Map<number, number>();
  if (overallMean === null) return adjusted;
  for (const [officer, s] of sums) adjusted.set(officer, overallMean + (s.sum - s.expected) / s.n);
  return adjusted;
}

/** The API's groups by (officer, stage) as cells. */
export const stageCells = (groups: RatingGroup[]): StageCell[] =>
  groups.map((g) => ({
    officerId: Number(g.keys[0]?.value),
    stageId: Number(g.keys[1]?.value),
    count: g.count,
    mean: g.mean ?? null,
  }));
