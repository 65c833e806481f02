/**
 * Chart series of a satisfaction trend, shared by the overview, the explorer and the officer
 * page: time-bucket labels in the chosen locale, CSAT and dissatisfied share per bucket, and the
 * level distribution per bucket (stacked bars, 1★ red … 5★ green).
 */
import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { bucketLabel } from '../analytics/labels';
import type { TrendGrain } from '../analytics/period';
import type { RatingGroup } from '../graphql/types';
import { useLocale } from '../i18n';

export const LEVEL_COLORS = ['#a51d24', '#e0813a', '#c9b458', '#7fb77e', '#2e7d4f'];

export function useTrendCharts(groups: Ref<RatingGroup[]>, grain: Ref<TrendGrain>) {
  const { t } = useI18n();
  const { locale } = useLocale();
  const categories = computed(() =>
    groups.value.map((g) => bucketLabel(g.keys[0]?.value ?? '', grain.value, locale.value)),
  );
  const trendSeries = computed(() => [
    { name: t('kpi.csat'), data: groups.value.map((g) => g.csat) },
    { name: t('kpi.dissatisfied'), data: groups.value.map((g) => g.dissatisfied) },
  ]);
  const levelSeries = computed(() =>
    [1, 2, 3, 4, 5].map((level) => ({
      name: t('analytics.level', { n: level }),
      data: groups.value.map((g) => g.levelCounts[level - 1] ?? 0),
    })),
  );
  return { categories, trendSeries, levelSeries };
}
