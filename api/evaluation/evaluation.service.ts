/**
 * The scorecards of one period: rating statistics from ClickHouse grouped by the evaluated unit,
 * beside the case counts from Postgres, one card per unit that was rated or complained about;
 * optionally with the same cards of the period before, for the review's comparison.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import type { StatisticsScope } from '../auth/permissions.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import type { GroupDimension, RatingFilterInput, RatingGroup } from '../statistics/statistics.types.js';
import { previousPeriod } from '../time.js';
import { caseCounts, type EvaluatedUnit } from './case-counts.js';
import type { Scorecard } from './evaluation.types.js';
import { unitIdentities } from './unit-identity.js';

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
      new StatisticsService(this.analytics).statistics(
        scope,
        { ...q.filter, from: q.from, to: q.to },
        [q.unit],
        q.minCount,
      ),
      caseCounts(this.em, q.evaluated, scope, q.from, q.to),
    ]);
    const byUnit = new Map(ratings.groups.map((g) => [Number(g.keys[0].value), g]));
    const units = [...new Set([...byUnit.keys(), ...cases.keys()])].sort((a, b) => a - b);
    const identities = await unitIdentities(this.em, q.evaluated, units, q.from, q.to);
    return units.map((id) => {
      const c = cases.get(id) ?? { cases: 0, substantiated: 0, concluded: 0, concludedOnTime: 0 };
      const group = byUnit.get(id) ?? emptyGroup(q.unit, id, q.minCount);
      return {
        unit: { dimension: q.unit, value: String(id), label: null },
        code: identities.get(id)?.code ?? null,
        teamName: identities.get(id)?.teamName ?? null,
        branchName: identities.get(id)?.branchName ?? null,
        ratings: group as RatingGroup,
        excludedRatings: 0,
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
