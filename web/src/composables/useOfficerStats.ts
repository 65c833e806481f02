/**
 * Data for the officer page over one period: who the officer is, the satisfaction trend and
 * level distribution, the reasons enterprises gave (counted from the latest forms, as no API
 * aggregates reasons), and peers of the stage the officer was rated in most.
 */
import { computed, type Ref } from 'vue';
import analyticsDocument from '../../../schema/operations/analytics.graphql?raw';
import formsDocument from '../../../schema/operations/forms.graphql?raw';
import { periodRange, trendGrain, type Period } from '../analytics/period';
import type {
  Connection,
  FormRow,
  OfficerProfileQuery,
  RatingRankingQuery,
  RatingStatisticsQuery,
  Reason,
} from '../graphql/types';
import { useQuery } from './useQuery';

/** Forms read to count reasons (the API's page limit). */
export const REASON_FORMS = 100;
export const PEER_MIN_COUNT = 5;

export function useOfficerStats(officerId: Ref<string>, period: Ref<Period>) {
  const range = computed(() => periodRange(period.value));
  const grain = computed(() => trendGrain(period.value));
  const own = computed(() => ({ ...range.value, officerIds: [officerId.value] }));

  const profile = useQuery<OfficerProfileQuery>(analyticsDocument, () => ({ id: officerId.value }), { operationName: 'OfficerProfile' });
  const trend = useQuery<RatingStatisticsQuery>(
    analyticsDocument,
    () => ({ filter: own.value, groupBy: [grain.value], minCount: 1 }),
    { operationName: 'RatingStatistics' },
  );
  const byStage = useQuery<RatingStatisticsQuery>(
    analyticsDocument,
    () => ({ filter: own.value, groupBy: ['STAGE'], minCount: 1 }),
    { operationName: 'RatingStatistics' },
  );
  const topStage = computed(() => {
    const groups = byStage.data.value?.ratingStatistics.groups ?? [];
    const top = [...groups].sort((a, b) => b.count - a.count)[0];
    return top?.keys[0] ?? null;
  });
  const peers = useQuery<RatingRankingQuery>(
    analyticsDocument,
    () => ({
      dimension: 'OFFICER',
      filter: { ...range.value, stageIds: topStage.value ? [topStage.value.value] : [] },
      first: 100,
      minCount: PEER_MIN_COUNT,
      order: 'BEST',
    }),
    { operationName: 'RatingRanking', enabled: () => topStage.value !== null },
  );
  const forms = useQuery<{ assessments: Connection<FormRow> }>(
    formsDocument,
    () => ({ first: REASON_FORMS, after: null, filter: { status: 'SENT', officerId: officerId.value, sentFrom: range.value.from, sentTo: range.value.to } }),
    { operationName: 'FormsLookup' },
  );
  const reasonNames = useQuery<{ reasons: Reason[] }>(formsDocument, undefined, { operationName: 'ReasonNames' });

  const trendGroups = computed(() =>
    [...(trend.data.value?.ratingStatistics.groups ?? [])].sort((a, b) => (a.keys[0]?.value ?? '').localeCompare(b.keys[0]?.value ?? '')),
  );
  /** Reason code → times given for this officer, most frequent first. */
  const reasonCounts = computed(() => {
    const counts = new Map<string, number>();
    for (const edge of forms.data.value?.assessments.edges ?? []) {
      for (const item of edge.node.items) {
        if (item.subject.kind !== 'OFFICER' || item.subject.id !== officerId.value) continue;
        for (const code of item.reasonCodes) counts.set(code, (counts.get(code) ?? 0) + 1);
      }
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1]);
  });

  return { profile, trend, trendGroups, grain, byStage, topStage, peers, forms, reasonNames, reasonCounts };
}
