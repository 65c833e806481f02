/**
 * One case for its page: the case with its form, trail and the department's branches, and
 * `take(step, variables)` for a workflow step, which runs the step's mutation and, once it is
 * saved, reloads the case so the page shows the new state. Who rated is asked for only by
 * inspection staff (the API refuses it to the others).
 */
import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import casesDocument from '../../../schema/operations/cases.graphql?raw';
import type { CaseStepAction } from '../cases/sla';
import { request, toRequestError, type GraphQLRequestError, type GraphQLVariables } from '../graphql/client';
import type { CaseDetailResult, CaseStatus } from '../graphql/cases.types';
import { useQuery } from './useQuery';

const OPERATIONS: Record<CaseStepAction, { name: string; field: string }> = {
  acknowledge: { name: 'AcknowledgeCase', field: 'acknowledgeCase' },
  startVerification: { name: 'StartCaseVerification', field: 'startCaseVerification' },
  conclude: { name: 'ConcludeCase', field: 'concludeCase' },
  answer: { name: 'AnswerCase', field: 'answerCase' },
  reassign: { name: 'ReassignCase', field: 'reassignCase' },
  escalate: { name: 'EscalateCase', field: 'escalateCase' },
};

export function useCaseDetail(id: MaybeRefOrGetter<string>, whoRated: MaybeRefOrGetter<boolean>) {
  const query = useQuery<CaseDetailResult>(casesDocument, () => ({ id: toValue(id), withRater: toValue(whoRated) }), {
    operationName: 'CaseDetail',
  });
  const complaintCase = computed(() => query.data.value?.complaintCase ?? null);

  const running = ref<CaseStepAction | null>(null);
  const failed = ref<CaseStepAction | null>(null);
  const stepError = shallowRef<GraphQLRequestError | null>(null);
  /** The status a step just moved the case to (for the confirmation). */
  const saved = ref<CaseStatus | null>(null);

  async function take(step: CaseStepAction, variables: GraphQLVariables): Promise<boolean> {
    running.value = step;
    failed.value = null;
    stepError.value = null;
    saved.value = null;
    try {
      const op = OPERATIONS[step];
      const data = await request<Record<string, { id: string; status: CaseStatus }>>(
        casesDocument,
        { id: toValue(id), ...variables },
        { operationName: op.name },
      );
      await query.refetch();
      saved.value = data[op.field]?.status ?? null;
      return true;
    } catch (caught) {
      stepError.value = toRequestError(caught);
      failed.value = step;
      // Someone else moved the case meanwhile: show its current state under the error.
      if (stepError.value.code === 'CONFLICT') await query.refetch();
      return false;
    } finally {
      running.value = null;
    }
  }

  return { ...query, complaintCase, take, running, failed, stepError, saved };
}
