/**
 * Data for the Overview page, all for one period: headline figures (ratings and complaint cases)
 * with the previous period's, the satisfaction trend and level distribution by day, week or
 * month, the branch ranking and the branch × stage grid.
 */
import {
  CaseKpisDocument,
  OverviewKpisDocument,
  RatingRankingDocument,
  RatingStatisticsDocument,
} from '../graphql/generated';
import { computed, type Ref } from 'vue';
import { periodRange, previousPeriodOf, trendGrain, type Period } from '../analytics/period';
import { useQuery } from './useQuery';

/** Groups with fewer ratings are flagged, not ranked. */
export const MIN_COUNT = 10;

export function useOverview(period: Ref<Period>) {
  const range = computed(() => periodRange(period.value));
  const grain = computed(() => trendGrain(period.value));

  const kpis = useQuery(OverviewKpisDocument, () => ({ ...range.value, filter: null }));
  const cases = useQuery(CaseKpisDocument, () => {
    const p = periodRange(previousPeriodOf(period.value));
    return { ...range.value, previousFrom: p.from, previousTo: p.to };
  });
  const trend = useQuery(RatingStatisticsDocument, () => ({
    filter: range.value,
    groupBy: [grain.value],
    minCount: MIN_COUNT,
  }));
  const ranking = useQuery(RatingRankingDocument, () => ({
    dimension: 'BRANCH' as const,
    filter: range.value,
    first: 100,
    minCount: MIN_COUNT,
    order: 'BEST' as const,
  }));
  const heatmap = useQuery(RatingStatisticsDocument, () => ({
    filter: range.value,
    groupBy: ['BRANCH' as const, 'STAGE' as const],
    minCount: MIN_COUNT,
  }));

  /** Trend groups in time order. */
  const trendGroups = computed(() =>
    [...(trend.data.value?.ratingStatistics.groups ?? [])].sort((a, b) =>
      (a.keys[0]?.value ?? '').localeCompare(b.keys[0]?.value ?? ''),
    ),
  );

  return { kpis, cases, trend, trendGroups, grain, ranking, heatmap };
}
