import { describe, expect, it } from 'vitest';
import { CostBudget } from '../../api/graphql/cost-budget.js';

describe('hourly cost budget (leaky bucket)', () => {
  it('charges until full, refuses with the wait until the cost fits, and drains continuously', () => {
    let now = 0;
    const budget = new CostBudget(() => now);
    expect(budget.take('k', 3600, 3000)).toEqual({ allowed: true, remaining: 600, capacity: 3600 });
    const refused = budget.take('k', 3600, 1000);
    // 3,600 an hour is one point a second: 400 more must drain first.
    expect(refused).toEqual({ allowed: false, remaining: 600, capacity: 3600, retryAfterSeconds: 400 });
    now += 400_000;
    expect(budget.take('k', 3600, 1000)).toEqual({ allowed: true, remaining: 0, capacity: 3600 });
    now += 3_600_000;
    expect(budget.take('k', 3600, 0)).toMatchObject({ remaining: 3600 });
  });

  it('prices without charging, and keeps clients apart', () => {
    const budget = new CostBudget(() => 0);
    expect(budget.take('a', 100, 60, false)).toEqual({ allowed: true, remaining: 100, capacity: 100 });
    expect(budget.take('a', 100, 60)).toMatchObject({ allowed: true, remaining: 40 });
    expect(budget.take('a', 100, 60, false)).toMatchObject({ allowed: false, remaining: 40 });
    expect(budget.take('b', 100, 60)).toMatchObject({ allowed: true, remaining: 40 });
  });

  it('says when an empty bucket would be, for a cost larger than the whole budget', () => {
    const budget = new CostBudget(() => 0);
    budget.take('k', 3600, 1800);
    expect(budget.take('k', 3600, 5000)).toMatchObject({ allowed: false, retryAfterSeconds: 1800 });
  });
});
