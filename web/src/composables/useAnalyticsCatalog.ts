/** Units and stages for statistics pages: filter choices and stage names in both languages. */
import { AnalyticsCatalogDocument } from '../graphql/generated';
import { computed } from 'vue';
import type { AnalyticsStage } from '../graphql/types';
import { useQuery } from './useQuery';

export function useAnalyticsCatalog() {
  const { data, state, error } = useQuery(AnalyticsCatalogDocument, {});
  const stages = computed(() => new Map<string, AnalyticsStage>((data.value?.stages ?? []).map((s) => [s.id, s])));
  const stageList = computed(() => [...(data.value?.stages ?? [])].sort((a, b) => a.sortOrder - b.sortOrder));
  const branches = computed(() => data.value?.departments.flatMap((d) => d.branches) ?? []);
  return { data, state, error, stages, stageList, branches };
}
