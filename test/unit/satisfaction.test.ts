import { describe, expect, it } from 'vitest';
import { satisfaction, shrunkMean, wilson } from '../../analytics/stats/satisfaction.js';
import {
  buildStatisticsQuery,
  validateGroupings,
  type Grouping,
  type RatingFilter,
} from '../../analytics/queries/ratingStatistics.js';

describe('satisfaction figures', () => {
  it('computes mean, CSAT and the dissatisfied share from level counts', () => {
    const s = satisfaction([1, 1, 2, 6, 10]);
    expect(s.count).toBe(20);
    expect(s.mean).toBeCloseTo((1 + 2 + 6 + 24 + 50) / 20, 12);
    expect(s.csat).toBeCloseTo(0.8, 12);
    expect(s.dissatisfied).toBeCloseTo(0.1, 12);
  });

  it('gives the textbook Wilson interval, and exact bounds at 0 % and 100 %', () => {
    const [low, high] = wilson(8, 10)!;
    expect(low).toBeCloseTo(0.4902, 4);
    expect(high).toBeCloseTo(0.9433, 4);
    expect(wilson(10, 10)![1]).toBe(1);
    expect(wilson(0, 10)![0]).toBe(0);
    expect(wilson(0, 0)).toBeNull();
  });

  it('shrinks small groups toward the parent mean, large ones barely', () => {
    expect(shrunkMean([0, 0, 0, 0, 2], 4, 20)).toBeCloseTo((10 + 80) / 22, 12);
    const big = shrunkMean([0, 0, 0, 0, 2000], 4, 20)!;
    expect(big).toBeGreaterThan(4.99);
    expect(satisfaction([0, 0, 0, 0, 0]).mean).toBeNull();
  });
});

describe('statistics query building', () => {
  it('puts every request value in typed parameters, never in the SQL text', () => {
    const { query, params } = buildStatisticsQuery(
      { branchIds: [3, 4], channels: ['RED'], from: new Date('2026-01-31T17:00:00Z') },
      ['month', 'officer'],
    );
    expect(query).toContain('branch_id IN {branchIds:Array(UInt32)}');
    // A bound at a Vietnamese month start is written on the month, the rollup's key.
    expect(query).toContain('toStartOfMonth(toDate(rated_at)) >= {from:Date}');
    // One statement, a plain GROUP BY the month rollup can answer; the overall figures are its sum.
    expect(query).toContain('GROUP BY k0, k1');
    expect(query).not.toMatch(/RED|2026|\b3\b, 4/);
    expect(params).toEqual({ branchIds: [3, 4], channels: ['RED'], from: '2026-02-01' });
  });

  it('writes a bound on the calendar only when it is a Vietnamese midnight', () => {
    const at = (iso: string) => buildStatisticsQuery({ from: new Date(iso) }, []);
    expect(at('2026-03-05T00:00:00+07:00').query).toContain('toDate(rated_at) >= {from:Date}');
    expect(at('2026-03-05T00:00:00+07:00').params).toEqual({ from: '2026-03-05' });
    expect(at('2026-03-05T00:00:00Z').query).toContain("rated_at >= {from:DateTime64(3, 'UTC')}");
    expect(at('2026-03-01T00:00:00.001+07:00').query).toContain("rated_at >= {from:DateTime64(3, 'UTC')}");
  });

  it('lets the planner weigh the month rollup only for questions the rollup holds', () => {
    const month = new Date('2026-03-01T00:00:00+07:00');
    const day = new Date('2026-03-05T00:00:00+07:00');
    const monthRollupMayAnswer = (filter: RatingFilter, groupBy: Grouping[]) =>
      buildStatisticsQuery(filter, groupBy).settings.optimize_use_projections !== 0;
    expect(monthRollupMayAnswer({ departmentIds: [1], channels: ['RED'], from: month }, ['branch', 'quarter'])).toBe(
      true,
    );
    expect(monthRollupMayAnswer({ officerIds: [], teamIds: undefined }, ['level'])).toBe(true);
    expect(monthRollupMayAnswer({ from: day }, ['branch'])).toBe(false);
    expect(monthRollupMayAnswer({}, ['team'])).toBe(false);
    expect(monthRollupMayAnswer({}, ['week'])).toBe(false);
    expect(monthRollupMayAnswer({ officerIds: [7] }, [])).toBe(false);
    expect(monthRollupMayAnswer({ itemIds: [] }, [])).toBe(false);
    expect(buildStatisticsQuery({ enterpriseIds: [9] }, ['month']).settings).toMatchObject({
      optimize_use_projections: 0,
    });
    expect(buildStatisticsQuery({}, ['month']).settings).not.toHaveProperty('optimize_use_projections');
  });

  it('accepts only whitelisted groupings', () => {
    expect(() => validateGroupings(['branch; DROP TABLE rating_facts'])).toThrow(/Unknown grouping/);
    expect(() => validateGroupings(['month', 'year'])).toThrow(/one time grain/);
    expect(validateGroupings(['halfYear', 'branch'])).toEqual(['halfYear', 'branch']);
  });
});
