/** Data for My assessments: the enterprise's forms, newest first, optionally of one status or declaration number. */
import { MyAssessmentsDocument } from '../graphql/generated';
import { toValue, type MaybeRefOrGetter } from 'vue';
import type { AssessmentStatus } from '../graphql/types';
import { useConnection } from './useConnection';

export function useAssessmentList(
  status: MaybeRefOrGetter<AssessmentStatus | null>,
  search: MaybeRefOrGetter<string | null> = null,
) {
  return useConnection(() => {
    const value = toValue(status);
    const digits = toValue(search);
    const filter = { ...(value ? { status: value } : {}), ...(digits ? { declarationNumberContains: digits } : {}) };
    return {
      document: MyAssessmentsDocument,
      connection: (data) => data.assessments,
      variables: { filter: Object.keys(filter).length ? filter : null },
    };
  });
}
