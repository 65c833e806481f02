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
import { csatComparison } from '../../analytics/stats/significance.js';
import { excludedRatingItems } from '../anomalies/anomaly.service.js';
import { caseCounts, type EvaluatedUnit } from './case-counts.js';
import type { Scorecard } from './evaluation.types.js';
import { unitIdentities } from './unit-identity.js';
import { stageAdjustedMeans, stageCells } from './stage-adjustment.js';
import { bandsFor, gradeOf, reviewPeriodOf } from './grade-bands.js';
import { SubjectKind } from '../assessments/assessment.enums.js';

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
    /** null only where no viewer reads its own card (the period reports of units). */
    private readonly privacy: Privacy | null,
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
    return current.map((c) => {
      const before = previous.get(c.unit.value) ?? null;
      return {
        ...c,
        previous: before,
        csatChange: before ? csatComparison(c.ratings.levelCounts, before.ratings.levelCounts) : null,
      };
    });
  }

  private async period(scope: StatisticsScope, q: ScorecardQuery): Promise<Scorecard[]> {
    const statistics = new StatisticsService(this.analytics, this.privacy);
    const filter = { ...q.filter, from: q.from, to: q.to };
    // Ratings of confirmed anomaly flags leave the card, and the card says how many.
    const excluded = await excludedRatingItems(this.em, q.from, q.to);
    const [ratings, cases, left] = await Promise.all([
      statistics.statistics(scope, filter, [q.unit], q.minCount, { excludeItemIds: excluded }),
      caseCounts(this.em, q.evaluated, scope, q.from, q.to),
      excluded.length > 0
        ? statistics.statistics(scope, filter, [q.unit], 0, { itemIds: excluded })
        : Promise.resolve({ groups: [] }),
    ]);
    const bands = await bandsFor(this.em, reviewPeriodOf(q.from, q.to)?.key ?? null);
    const adjusted =
      q.unit === GroupDimension.OFFICER ? await this.stageAdjusted(statistics, scope, filter, excluded) : null;
    const byUnit = new Map(ratings.groups.map((g) => [Number(g.keys[0].value), g]));
    const excludedBy = new Map(left.groups.map((g) => [Number(g.keys[0].value), g.count]));
    const units = [...new Set([...byUnit.keys(), ...cases.keys(), ...excludedBy.keys()])].sort((a, b) => a - b);
    const identities = await unitIdentities(this.em, q.evaluated, units, q.from, q.to);
    return units.map((id) => {
      const none = { cases: 0, substantiated: 0, concluded: 0, concludedOnTime: 0 };
      let c = cases.get(id) ?? none;
      // An officer's own cases, like its ratings, are not shown under the minimum group.
      if (
        this.privacy &&
        aboutSelf(scope.selfOfficerId, [id]) &&
        q.unit === GroupDimension.OFFICER &&
        c.cases < this.privacy.minGroup
      )
        c = none;
      const group = byUnit.get(id) ?? emptyGroup(q.unit, id, q.minCount);
      return {
        unit: { dimension: q.unit, value: String(id), label: null },
        code: identities.get(id)?.code ?? null,
        teamName: identities.get(id)?.teamName ?? null,
        branchName: identities.get(id)?.branchName ?? null,
        ratings: group as RatingGroup,
        stageAdjustedMean: group.count > 0 && !group.belowMinimum ? (adjusted?.get(id) ?? null) : null,
        grade: group.count > 0 && !group.belowMinimum ? gradeOf(group.csat ?? null, bands) : null,
        excludedRatings: excludedBy.get(id) ?? 0,
        ...c,
        timeliness: c.concluded > 0 ? c.concludedOnTime / c.concluded : null,
        previous: null,
        csatChange: null,
      };
    });
  }

  /** Officers' means net of the stages they worked (stage-adjustment.ts), over officer ratings only. */
  private async stageAdjusted(
    statistics: StatisticsService,
    scope: StatisticsScope,
    filter: RatingFilterInput,
    excluded: number[],
  ): Promise<Map<number, number>> {
    const officers = { ...filter, subjectKinds: [SubjectKind.OFFICER] };
    const without = { excludeItemIds: excluded };
    const [cells, stages] = await Promise.all([
      statistics.statistics(scope, officers, [GroupDimension.OFFICER, GroupDimension.STAGE], 0, without),
      statistics.statistics(scope, officers, [GroupDimension.STAGE], 0, without),
    ]);
    const stageMeans = new Map(
      stages.groups.filter((g) => g.mean !== null).map((g) => [Number(g.keys[0].value), g.mean as number]),
    );
    return stageAdjustedMeans(stageCells(cells.groups as RatingGroup[]), stageMeans, stages.overall.mean ?? null);
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
