// The statistics of a group of ratings, from its level counts: mean, CSAT (share of 4–5★) with a
// Wilson 95 % interval, the dissatisfied share (1–2★), and a score shrunk toward the parent
// unit's mean so that small groups do not top or bottom a ranking by luck. Pure functions.

/** Counts of 1★ … 5★, in that order. */
export type LevelCounts = [number, number, number, number, number];

export interface Satisfaction {
  count: number;
  mean: number | null;
  csat: number | null;
  csatLow: number | null;
  csatHigh: number | null;
  dissatisfied: number | null;
}

const Z95 = 1.959963984540054;

export function total(levels: LevelCounts): number {
  return levels.reduce((a, b) => a + b, 0);
}

export function levelSum(levels: LevelCounts): number {
  return levels.reduce((sum, n, i) => sum + n * (i + 1), 0);
}

/** Wilson score interval for a proportion of `successes` in `n` (95 % by default). */
export function wilson(successes: number, n: number, z = Z95): [number, number] | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // At p = 0 or 1 the bound is exactly 0 or 1; floating point would leave it a hair inside.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}

export function satisfaction(levels: LevelCounts): Satisfaction {
  const n = total(levels);
  if (n === 0) return { count: 0, mean: null, csat: null, csatLow: null, csatHigh: null, dissatisfied: null };
  const satisfied = levels[3] + levels[4];
  const [low, high] = wilson(satisfied, n)!;
  return {
    count: n,
    mean: levelSum(levels) / n,
    csat: satisfied / n,
    csatLow: low,
    csatHigh: high,
    dissatisfied: (levels[0] + levels[1]) / n,
  };
}

/**
 * Empirical-Bayes shrinkage of a group's mean toward its parent's: (n·mean + k·parent) / (n + k).
 * `k` is the weight of the prior in ratings: a group with k ratings lands half-way.
 */
export function shrunkMean(levels: LevelCounts, parentMean: number, k = 20): number | null {
  const n = total(levels);
  if (n === 0 && k === 0) return null;
  return (levelSum(levels) + k * parentMean) / (n + k);
}
