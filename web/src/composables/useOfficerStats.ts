/**
 * Data for the officer page over one period: who the officer is, the satisfaction trend and
 * level distribution, the reasons enterprises gave, the latest comments (from the forms for those
 * who read forms, the forms lookup deciding whether the rater shows; for the officer itself, the
 * comments about it without form, rater or time), the complaint cases about the officer, and
 * peers of the stage the officer was rated in most.
 */
import {
  FormsLookupDocument,
  OfficerCasesDocument,
  OfficerProfileDocument,
  OfficerReasonsDocument,
  OwnCommentsDocument,
  RatingRankingDocument,
  RatingStatisticsDocument,
} from '../graphql/generated';
import { computed, type Ref } from 'vue';
import { periodRange, trendGrain, type Period } from '../analytics/period';
import { useQuery } from './useQuery';

/** Latest forms read for their comments (30 of them stay well inside the per-request cost limit). */
export const COMMENT_FORMS = 30;
export const PEER_MIN_COUNT = 5;

/**
 * `maySeeRater`: the viewer's role may see who rated (the comments then name the enterprise);
 * `readsForms`: the viewer reads forms (else it reads the comments about itself, if it may).
 */
export function useOfficerStats(officerId: Ref<string>, period: Ref<Period>, maySeeRater: boolean, readsForms = true) {
  const range = computed(() => periodRange(period.value));
  const grain = computed(() => trendGrain(period.value));
  const own = computed(() => ({ ...range.value, officerIds: [officerId.value] }));

  const profile = useQuery(OfficerProfileDocument, () => ({ id: officerId.value }));
  const trend = useQuery(RatingStatisticsDocument, () => ({ filter: own.value, groupBy: [grain.value], minCount: 1 }));
  const byStage = useQuery(RatingStatisticsDocument, () => ({
    filter: own.value,
    groupBy: ['STAGE' as const],
    minCount: 1,
  }));
  const topStage = computed(() => {
    const groups = byStage.data.value?.ratingStatistics.groups ?? [];
    const top = [...groups].sort((a, b) => b.count - a.count)[0];
    return top?.keys[0] ?? null;
  });
  const peers = useQuery(
    RatingRankingDocument,
    () => ({
      dimension: 'OFFICER' as const,
      filter: { ...range.value, stageIds: topStage.value ? [topStage.value.value] : [] },
      first: 100,
      minCount: PEER_MIN_COUNT,
      order: 'BEST' as const,
    }),
    { enabled: () => topStage.value !== null },
  );
  const forms = useQuery(
    FormsLookupDocument,
    () => ({
      first: COMMENT_FORMS,
      after: null,
      filter: {
        status: 'SENT' as const,
        officerId: officerId.value,
        sentFrom: range.value.from,
        sentTo: range.value.to,
      },
      withRater: maySeeRater,
    }),
    { enabled: () => readsForms },
  );
  const ownComments = useQuery(OwnCommentsDocument, () => range.value, { enabled: () => !readsForms });
  /** The query the comments panel shows. */
  const commentSource = readsForms ? forms : ownComments;
  const reasons = useQuery(OfficerReasonsDocument, () => ({ filter: own.value }));
  const cases = useQuery(OfficerCasesDocument, () => ({ officerIds: [officerId.value], ...range.value }));

  const trendGroups = computed(() =>
    [...(trend.data.value?.ratingStatistics.groups ?? [])].sort((a, b) =>
      (a.keys[0]?.value ?? '').localeCompare(b.keys[0]?.value ?? ''),
    ),
  );
  /** The officer's items that carry a comment, newest form first. */
  const comments = computed(() =>
    !readsForms
      ? (ownComments.data.value?.commentsAboutMe.comments ?? []).map((c) => ({
          formId: null,
          sentAt: null,
          level: c.level,
          comment: c.comment,
          enterprise: null,
        }))
      : (forms.data.value?.assessments.edges ?? []).flatMap(({ node }) =>
          node.items
            .filter((item) => item.subject.kind === 'OFFICER' && item.subject.id === officerId.value && item.comment)
            .map((item) => ({
              formId: node.id,
              sentAt: node.sentAt,
              level: item.level,
              comment: item.comment as string,
              enterprise: node.enterprise?.name ?? null,
            })),
        ),
  );

  const commentsBelowMinimum = computed(() => ownComments.data.value?.commentsAboutMe.belowMinimum ?? false);

  return {
    profile,
    trend,
    trendGroups,
    grain,
    byStage,
    topStage,
    peers,
    forms,
    commentSource,
    comments,
    commentsBelowMinimum,
    reasons,
    cases,
  };
}
