/** The tail probabilities the anomaly detectors use, against sums written out by hand. */
import { describe, expect, it } from 'vitest';
import { binomialUpperTail, poissonUpperTail, twoProportionTest } from '../../analytics/stats/significance.js';

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

describe('poissonUpperTail', () => {
  it('is 1 − P(X ≤ k − 1), also for tails far below machine epsilon', () => {
    for (const [k, lambda] of [
      [1, 0.5],
      [3, 2],
      [6, 0.0005],
      [10, 4],
    ]) {
      let upper = 0;
      for (let i = k; i < k + 60; i++) upper += (Math.exp(-lambda) * lambda ** i) / factorial(i);
      expect(poissonUpperTail(k, lambda) / upper).toBeCloseTo(1, 9);
    }
    expect(poissonUpperTail(0, 3)).toBe(1);
  });
});

describe('binomialUpperTail', () => {
  it('sums the binomial terms from k to n', () => {
    // P(X ≥ 2 | n = 3, p = 0.5) = (3 + 1) / 8
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12);
    expect(binomialUpperTail(5, 5, 0.1)).toBeCloseTo(1e-5, 15);
    expect(binomialUpperTail(6, 5, 0.1)).toBe(0);
  });
});

describe('twoProportionTest', () => {
  it('gives the pooled z and a two-sided p-value; null without variance', () => {
    const t = twoProportionTest(60, 100, 40, 100)!;
    expect(t.z).toBeCloseTo(0.2 / Math.sqrt(0.25 * 0.02), 12);
    expect(t.pValue).toBeCloseTo(0.004678, 5);
    expect(t.significant).toBe(true);
    expect(twoProportionTest(5, 5, 3, 3)).toBeNull();
    expect(twoProportionTest(1, 0, 3, 3)).toBeNull();
  });
});
