// Tests on counts: the tail probabilities the anomaly detectors use (is this many low ratings
// plausible under the subject's own baseline?) and the two-proportion z-test that marks a change
// between two periods, or a unit against its parent, as significant. Pure functions on counts, so
// a test can check them against an independent computation.

/** P(X ≥ k) for X ~ Poisson(lambda), summed exactly (k is a small count here). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // 1 − P(X ≤ k − 1), with the terms built by recurrence to stay accurate for small lambda.
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  // For tiny tails 1 − below loses every digit: sum the upper terms instead.
  if (below > 0.999) {
    let upper = 0;
    let t = term * (lambda / k);
    for (let i = k; i < k + 200 && t > 0; i++) {
      upper += t;
      t *= lambda / (i + 1);
    }
    return upper;
  }
  return Math.max(0, 1 - below);
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log(1 - p));
  return Math.min(1, sum);
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** Standard normal cumulative distribution (Zelen & Severo 26.2.17, |error| < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const tail = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z >= 0 ? 1 - tail : tail;
}

/** The level below which a two-sided p-value marks a difference as significant. */
export const SIGNIFICANCE_LEVEL = 0.05;

export interface ProportionTest {
  /** p1 − p2, as a share (0–1). */
  difference: number;
  z: number;
  /** Two-sided. */
  pValue: number;
  significant: boolean;
}

/**
 * Two-proportion z-test with the pooled standard error: is k1/n1 different from k2/n2? Null when
 * either side has no ratings, or when every rating is on one side of the split (no variance).
 */
export function twoProportionTest(k1: number, n1: number, k2: number, n2: number): ProportionTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const difference = k1 / n1 - k2 / n2;
  if (se === 0) return null;
  const z = difference / se;
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  return { difference, z, pValue, significant: pValue < SIGNIFICANCE_LEVEL };
}

/** CSAT (4–5★ among 1–5★ counts) of `levels` against `reference`, by the test above. */
export function csatComparison(levels: readonly number[], reference: readonly number[]): ProportionTest | null {
  const satisfied = (l: readonly number[]) => l[3] + l[4];
  const all = (l: readonly number[]) => l.reduce((a, b) => a + b, 0);
  return twoProportionTest(satisfied(levels), all(levels), satisfied(reference), all(reference));
}

/** The parent's level counts less the child's: the rest of the parent, the child's independent reference. */
export function restOf(parent: readonly number[], child: readonly number[]): number[] {
  return parent.map((n, i) => n - child[i]);
}
