/**
 * The scorecards of one period: rating statistics from ClickHouse grouped by the evaluated unit,
 * beside the case counts from Postgres, one card per unit that was rated or complained about;
 * optionally with the same cards of the period before, for the review's comparison.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { aboutSelf, type Privacy } from '../statistics/small-groups.js';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import type { StatisticsScope } from '../auth/permissions.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import { GroupDimension, type RatingFilterInput, type RatingGroup } from '../statistics/statistics.types.js';
import { previousPeriod } from '../time.js';
import { caseCounts, type EvaluatedUnit } from './case-counts.js';
import type { Scorecard } from './evaluation.types.js';

export interface ScorecardQuery {
  unit: GroupDimension;
  evaluated: EvaluatedUnit;
  from: Date;
  to: Date;
  filter: RatingFilterInput | undefined;
  minCount: number;
}

export class EvaluationService {
  constructor(
    private readonly em: EntityManager,
    private readonly analytics: AnalyticsStore,
    private readonly privacy: Privacy,
  ) {}

  async scorecards(scope: StatisticsScope, q: ScorecardQuery, withPrevious: boolean): Promise<Scorecard[]> {
    const [current, before] = await Promise.all([
      this.period(scope, q),
      withPrevious
        ? this.period(scope, { ...q, from: previousPeriod(q.from, q.to), to: q.from })
        : Promise.resolve(null),
    ]);
    if (!before) return current;
    const previous = new Map(before.map((c) => [c.unit.value, c]));
    return current.map((c) => ({ ...c, previous: previous.get(c.unit.value) ?? null }));
  }

  private async period(scope: StatisticsScope, q: ScorecardQuery): Promise<Scorecard[]> {
    const [ratings, cases] = await Promise.all([
      new StatisticsService(this.analytics, this.privacy).statistics(
        scope,
        { ...q.filter, from: q.from, to: q.to },
        [q.unit],
        q.minCount,
      ),
      caseCounts(this.em, q.evaluated, scope, q.from, q.to),
    ]);
    const byUnit = new Map(ratings.groups.map((g) => [Number(g.keys[0].value), g]));
    const units = [...new Set([...byUnit.keys(), ...cases.keys()])].sort((a, b) => a - b);
    return units.map((id) => {
      const none = { cases: 0, substantiated: 0, concluded: 0, concludedOnTime: 0 };
      let c = cases.get(id) ?? none;
      // An officer's own cases, like its ratings, are not shown under the minimum group.
      if (aboutSelf(scope.selfOfficerId, [id]) && q.unit === GroupDimension.OFFICER && c.cases < this.privacy.minGroup)
        c = none;
      const group = byUnit.get(id) ?? emptyGroup(q.unit, id, q.minCount);
      return {
        unit: { dimension: q.unit, value: String(id), label: null },
        ratings: group as RatingGroup,
        ...c,
        timeliness: c.concluded > 0 ? c.concludedOnTime / c.concluded : null,
        previous: null,
      };
    });
  }
}

function emptyGroup(unit: GroupDimension, id: number, minCount: number) {
  return {
    keys: [{ dimension: unit, value: String(id) }],
    count: 0,
    levelCounts: [0, 0, 0, 0, 0],
    mean: null,
    csat: null,
    csatLow: null,
    csatHigh: null,
    dissatisfied: null,
    shrunkMean: null,
    belowMinimum: minCount > 0,
  };
}
