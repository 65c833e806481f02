/**
 * One case for its page: the case with its form, trail and the department's branches, and
 * `take(step, variables)` for a workflow step, which runs the step's mutation and, once it is
 * saved, reloads the case so the page shows the new state. Who rated is asked for only by
 * inspection staff (the API refuses it to the others).
 */
import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
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
  AssignCaseDocument,
  CorrectCaseFindingDocument,
  CaseDetailDocument,
  ConcludeCaseDocument,
  EscalateCaseDocument,
  ReassignCaseDocument,
  StartCaseVerificationDocument,
  type CaseStepAction,
  type TypedDocumentString,
} from '../graphql/generated';
import { useQuery } from './useQuery';

/** The handlers' steps, by the console's name, with their mutations. */
const STEPS = {
  acknowledge: AcknowledgeCaseDocument,
  startVerification: StartCaseVerificationDocument,
  conclude: ConcludeCaseDocument,
  correctFinding: CorrectCaseFindingDocument,
  answer: AnswerCaseDocument,
  assign: AssignCaseDocument,
  reassign: ReassignCaseDocument,
  escalate: EscalateCaseDocument,
  note: AddCaseNoteDocument,
};
export type CaseStepName = keyof typeof STEPS;

/**
 * The console's name of each step of the server's lifecycle table (`availableSteps`); the
 * enterprise's own steps (accept, reopen) are taken on its form, not here.
 */
export const STEP_NAMES: Record<CaseStepAction, CaseStepName | null> = {
  ACKNOWLEDGE: 'acknowledge',
  START_VERIFICATION: 'startVerification',
  CONCLUDE: 'conclude',
  CORRECT_FINDING: 'correctFinding',
  ANSWER: 'answer',
  ASSIGN: 'assign',
  REASSIGN: 'reassign',
  ESCALATE: 'escalate',
  NOTE: 'note',
  ACCEPT: null,
  REOPEN: null,
};

/** The steps the server says the viewer may take on the case now, by their console names. */
export function stepsOf(c: { availableSteps: readonly CaseStepAction[] }): CaseStepName[] {
  return c.availableSteps.map((s) => STEP_NAMES[s]).filter((s): s is CaseStepName => s !== null);
}

type VariablesOf<D> = D extends TypedDocumentString<unknown, infer V> ? V : never;

/** A step and what its mutation takes besides the case id, checked against the step's document. */
export type StepRequest = {
  [S in CaseStepName]: { step: S; variables: Omit<VariablesOf<(typeof STEPS)[S]>, 'id'> };
}[CaseStepName];

/** Every step's mutation answers its one root field with the case's id and new status. */
type StepResult = Record<string, { id: string; status: CaseStatus }>;

export function useCaseDetail(
  id: MaybeRefOrGetter<string>,
  whoRated: MaybeRefOrGetter<boolean>,
  withContact: MaybeRefOrGetter<boolean> = whoRated,
) {
  const query = useQuery(CaseDetailDocument, () => ({
    id: toValue(id),
    withRater: toValue(whoRated),
    withContact: toValue(withContact),
  }));
  const complaintCase = computed(() => query.data.value?.complaintCase ?? null);

  const running = ref<CaseStepName | null>(null);
  const failed = ref<CaseStepName | null>(null);
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
