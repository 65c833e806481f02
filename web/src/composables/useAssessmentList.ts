/** Data for My assessments: the enterprise's forms, newest first, optionally of one status. */
import { MyAssessmentsDocument } from '../graphql/generated';
import { toValue, type MaybeRefOrGetter } from 'vue';
import type { AssessmentStatus } from '../graphql/types';
import { useConnection } from './useConnection';

export function useAssessmentList(status: MaybeRefOrGetter<AssessmentStatus | null>) {
  return useConnection(() => {
    const value = toValue(status);
    return {
      document: MyAssessmentsDocument,
      connection: (data) => data.assessments,
      variables: { filter: value ? { status: value } : null },
    };
  });
}
