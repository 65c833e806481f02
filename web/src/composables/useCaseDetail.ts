/**
 * One case for its page: the case with its form, trail and the department's branches, and
 * `take(step, variables)` for a workflow step, which runs the step's mutation and, once it is
 * saved, reloads the case so the page shows the new state. Who rated is asked for only by
 * inspection staff (the API refuses it to the others).
 */
import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import type { CaseStepAction } from '../cases/sla';
import {
  request,
  toRequestError,
  type Document,
  type GraphQLRequestError,
  type GraphQLVariables,
} from '../graphql/client';
import type { CaseStatus } from '../graphql/cases.types';
import {
  AcknowledgeCaseDocument,
  AddCaseNoteDocument,
  AnswerCaseDocument,
  CaseDetailDocument,
  ConcludeCaseDocument,
  EscalateCaseDocument,
  ReassignCaseDocument,
  StartCaseVerificationDocument,
  type TypedDocumentString,
} from '../graphql/generated';
import { useQuery } from './useQuery';

const STEPS = {
  acknowledge: AcknowledgeCaseDocument,
  startVerification: StartCaseVerificationDocument,
  conclude: ConcludeCaseDocument,
  answer: AnswerCaseDocument,
  reassign: ReassignCaseDocument,
  escalate: EscalateCaseDocument,
  note: AddCaseNoteDocument,
} satisfies Record<CaseStepAction, unknown>;

type VariablesOf<D> = D extends TypedDocumentString<unknown, infer V> ? V : never;

/** A step and what its mutation takes besides the case id, checked against the step's document. */
export type StepRequest = {
  [S in CaseStepAction]: { step: S; variables: Omit<VariablesOf<(typeof STEPS)[S]>, 'id'> };
}[CaseStepAction];

/** Every step's mutation answers its one root field with the case's id and new status. */
type StepResult = Record<string, { id: string; status: CaseStatus }>;

export function useCaseDetail(id: MaybeRefOrGetter<string>, whoRated: MaybeRefOrGetter<boolean>) {
  const query = useQuery(CaseDetailDocument, () => ({ id: toValue(id), withRater: toValue(whoRated) }));
  const complaintCase = computed(() => query.data.value?.complaintCase ?? null);

  const running = ref<CaseStepAction | null>(null);
  const failed = ref<CaseStepAction | null>(null);
  const stepError = shallowRef<GraphQLRequestError | null>(null);
  /** The status a step just moved the case to (for the confirmation). */
  const saved = ref<CaseStatus | null>(null);

  async function take({ step, variables }: StepRequest): Promise<boolean> {
    running.value = step;
    failed.value = null;
    stepError.value = null;
    saved.value = null;
    try {
      // TypeScript cannot correlate `step` with its document here; StepRequest ties them for callers.
      const document = STEPS[step] as unknown as Document<StepResult, GraphQLVariables>;
      const data = await request(document, { id: toValue(id), ...variables });
      await query.refetch();
      saved.value = Object.values(data)[0]?.status ?? null;
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
