/**
 * Data for the Overview page, all for one period: headline figures (ratings and complaint cases)
 * with the previous period's, the satisfaction trend and level distribution by day, week or
 * month, the branch ranking and the branch × stage grid.
 */
import { computed, type Ref } from 'vue';
import analyticsDocument from '../../../schema/operations/analytics.graphql?raw';
import { periodRange, previousPeriodOf, trendGrain, type Period } from '../analytics/period';
import type { CaseKpisQuery, OverviewKpisQuery, RatingRankingQuery, RatingStatisticsQuery } from '../graphql/types';
import { useQuery } from './useQuery';

/** Groups with fewer ratings are flagged, not ranked. */
export const MIN_COUNT = 10;

export function useOverview(period: Ref<Period>) {
  const range = computed(() => periodRange(period.value));
  const grain = computed(() => trendGrain(period.value));

  const kpis = useQuery<OverviewKpisQuery>(analyticsDocument, () => ({ ...range.value, filter: null }), {
    operationName: 'OverviewKpis',
  });
  const cases = useQuery<CaseKpisQuery>(
    analyticsDocument,
    () => {
      const p = periodRange(previousPeriodOf(period.value));
      return { ...range.value, previousFrom: p.from, previousTo: p.to };
    },
    { operationName: 'CaseKpis' },
  );
  const trend = useQuery<RatingStatisticsQuery>(
    analyticsDocument,
    () => ({ filter: range.value, groupBy: [grain.value], minCount: MIN_COUNT }),
    { operationName: 'RatingStatistics' },
  );
  const ranking = useQuery<RatingRankingQuery>(
    analyticsDocument,
    () => ({ dimension: 'BRANCH', filter: range.value, first: 100, minCount: MIN_COUNT, order: 'BEST' }),
    { operationName: 'RatingRanking' },
  );
  const heatmap = useQuery<RatingStatisticsQuery>(
    analyticsDocument,
    () => ({ filter: range.value, groupBy: ['BRANCH', 'STAGE'], minCount: MIN_COUNT }),
    { operationName: 'RatingStatistics' },
  );

  /** Trend groups in time order. */
  const trendGroups = computed(() =>
    [...(trend.data.value?.ratingStatistics.groups ?? [])].sort((a, b) =>
      (a.keys[0]?.value ?? '').localeCompare(b.keys[0]?.value ?? ''),
    ),
  );

  return { kpis, cases, trend, trendGroups, grain, ranking, heatmap };
}
