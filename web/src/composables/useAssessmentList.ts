/** Data for My assessments: the enterprise's forms, newest first, optionally of one status. */
import { toValue, type MaybeRefOrGetter } from 'vue';
import assessmentsDocument from '../../../schema/operations/assessments.graphql?raw';
import type { AssessmentListRow, AssessmentStatus } from '../graphql/types';
import { useConnection } from './useConnection';

export function useAssessmentList(status: MaybeRefOrGetter<AssessmentStatus | null>) {
  return useConnection<AssessmentListRow>(assessmentsDocument, () => {
    const value = toValue(status);
    return {
      operationName: 'MyAssessments',
      field: 'assessments',
      variables: { filter: value ? { status: value } : null },
    };
  });
}
