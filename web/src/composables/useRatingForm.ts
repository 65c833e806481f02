/**
 * Data and state of the rating page: the declaration with what may be rated, the reasons, and
 * the form for the current phase. An existing draft is resumed (and saved with
 * updateAssessment); otherwise `save()` records a new draft (recordAssessment, with an
 * idempotency key reused when the same content is retried, and a new one once it changes). A
 * draft saved meanwhile elsewhere (CONFLICT naming it) is updated instead. Errors, the console's
 * own checks or the API's, are placed next to the subject or input they concern. A new form's
 * contact starts from the enterprise's latest sent form; `dirty` says whether what is on screen
 * differs from what was loaded or last saved (the page warns before leaving it).
 */
import { RatingFormDocument, RecordAssessmentDocument, UpdateAssessmentDocument } from '../graphql/generated';
import { computed, reactive, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { invalidFieldsOf, toRequestError, type GraphQLRequestError } from '../graphql/client';
import {
  emptyForm,
  errorsFromServer,
  formFromAssessment,
  hasErrors,
  isDissatisfied,
  keepApplicableReasons,
  noErrors,
  phaseOf,
  subjectKey,
  toContentInput,
  validateForm,
  type FormErrors,
  type Level,
  type RatingFormState,
  type SubjectKey,
} from '../rating/form';
import { localDraftKey, readLocalDraft, removeLocalDraft, writeLocalDraft } from '../rating/local-draft';
import { useSession } from '../auth/session';
import { newUuid } from '../utils/uuid';
import { useMutation } from './useMutation';
import { useQuery } from './useQuery';

/** The form a CONFLICT from recordAssessment names (`extensions.assessmentId`), if any. */
function conflictingFormId(caught: unknown): string | null {
  const failure = toRequestError(caught);
  const id = failure.code === 'CONFLICT' ? failure.details.extensions?.assessmentId : undefined;
  return typeof id === 'string' && id ? id : null;
}

/** What the page can offer: the form, or why not. */
export type RatingAvailability = 'open' | 'sent' | 'cancelled';

export function useRatingForm(number: MaybeRefOrGetter<string>) {
  const { data, state, error, refetch } = useQuery(RatingFormDocument, () => ({ number: toValue(number) }));
  const record = useMutation(RecordAssessmentDocument);
  const update = useMutation(UpdateAssessmentDocument);

  const declaration = computed(() => data.value?.declaration ?? null);
  const subjects = computed(() => declaration.value?.rateableSubjects ?? []);
  const reasons = computed(() => data.value?.reasons ?? []);
  const phase = computed(() => (declaration.value ? phaseOf(declaration.value) : null));
  const formsOfPhase = computed(() =>
    (data.value?.assessments.edges ?? []).map((e) => e.node).filter((f) => f.phase === phase.value),
  );
  const draft = computed(() => formsOfPhase.value.find((f) => f.status === 'RECORDED') ?? null);
  const sentForm = computed(() => formsOfPhase.value.find((f) => f.status === 'SENT') ?? null);
  const availability = computed<RatingAvailability>(() => {
    if (declaration.value?.status === 'CANCELLED') return 'cancelled';
    return sentForm.value ? 'sent' : 'open';
  });

  const form = reactive<RatingFormState>(emptyForm([]));
  const errors = shallowRef<FormErrors>(noErrors());
  /** After a refused attempt, the console's checks run again on every change. */
  const revalidate = ref(false);
  /**
   * One key per content of a new draft: a retry after a lost answer returns the same draft. The
   * API answers a known key with the draft it first saved, so changed content needs a new key.
   */
  let recordKey = newUuid();

  /** The form as loaded or last saved, to tell whether anything typed would be lost. */
  const pristine = ref('');
  const dirty = computed(() => pristine.value !== '' && JSON.stringify(form) !== pristine.value);
  /** Unsaved content from an earlier visit was laid over the loaded form. */
  const restored = ref(false);
  const { user } = useSession();
  const localKey = computed(() =>
    user.value?.login && phase.value ? localDraftKey(user.value.login, toValue(number), phase.value) : null,
  );
  let loaded: RatingFormState | null = null;

  watch(
    data,
    () => {
      const fresh = draft.value ? formFromAssessment(subjects.value, draft.value) : emptyForm(subjects.value);
      const last = data.value?.lastSent.edges.map((e) => e.node).find((f) => f.contactName || f.contactPhone);
      if (!draft.value && last)
        Object.assign(fresh, { contactName: last.contactName ?? '', contactPhone: last.contactPhone ?? '' });
      loaded = structuredClone(fresh);
      const kept = localKey.value ? readLocalDraft(localKey.value, fresh) : null;
      Object.assign(form, kept ?? fresh);
      restored.value = kept !== null;
      pristine.value = JSON.stringify(fresh);
      errors.value = noErrors();
      revalidate.value = false;
    },
    { immediate: true },
  );

  watch(
    form,
    () => {
      recordKey = newUuid();
      if (revalidate.value) errors.value = validateForm(form);
      if (localKey.value) {
        if (dirty.value) writeLocalDraft(localKey.value, form);
        else removeLocalDraft(localKey.value);
      }
    },
    { deep: true },
  );

  function setLevel(key: SubjectKey, level: Level | null): void {
    const subject = form.subjects[key];
    if (!subject) return;
    subject.level = level;
    subject.reasonCodes = keepApplicableReasons(subject, reasons.value);
    // Clearing leaves the subject out of the form: nothing of it is kept.
    if (level === null) subject.comment = '';
  }

  function setReason(key: SubjectKey, code: string, checked: boolean): void {
    const subject = form.subjects[key];
    if (!subject) return;
    const others = subject.reasonCodes.filter((c) => c !== code);
    subject.reasonCodes = checked ? [...others, code] : others;
  }

  function setComment(key: SubjectKey, comment: string): void {
    const subject = form.subjects[key];
    if (subject) subject.comment = comment;
  }

  const ratedCount = computed(() => Object.values(form.subjects).filter((s) => s.level !== null).length);
  const anyDissatisfied = computed(() => Object.values(form.subjects).some((s) => isDissatisfied(s.level)));
  const saving = computed(() => record.state.value === 'running' || update.state.value === 'running');

  function errorsOf(failure: GraphQLRequestError, order: SubjectKey[]): FormErrors {
    if (failure.code === 'BAD_USER_INPUT')
      return errorsFromServer(invalidFieldsOf(failure), order, form, failure.message);
    if (failure.code === 'CONFLICT') return { ...noErrors(), form: [{ problem: 'conflict' }] };
    return { ...noErrors(), form: [{ code: failure.code }] };
  }

  /**
   * Checks and saves the form as a draft; resolves with the draft's id, or null when it was
   * refused (then `errors` says why).
   */
  async function save(): Promise<string | null> {
    if (saving.value || !declaration.value || !phase.value) return null;
    const local = validateForm(form);
    if (hasErrors(local)) {
      errors.value = local;
      revalidate.value = true;
      return null;
    }
    const { input, order } = toContentInput(form, subjects.value);
    try {
      if (draft.value) {
        const { updateAssessment } = await update.run({ id: draft.value.id, input });
        markSaved();
        return updateAssessment.id;
      }
      try {
        const { recordAssessment } = await record.run({
          input: { ...input, declarationNumber: declaration.value.number, phase: phase.value },
          idempotencyKey: recordKey,
        });
        markSaved();
        return recordAssessment.id;
      } catch (caught) {
        // A draft for this declaration and phase exists already (another window, or a first
        // attempt whose answer was lost): save this content into it. A sent form refuses.
        const existing = conflictingFormId(caught);
        if (!existing) throw caught;
        const { updateAssessment } = await update.run({ id: existing, input });
        markSaved();
        return updateAssessment.id;
      }
    } catch (caught) {
      errors.value = errorsOf(toRequestError(caught), order);
      revalidate.value = false;
      return null;
    }
  }

  /** What is on screen is now the saved draft: nothing is kept in this browser any more. */
  function markSaved(): void {
    pristine.value = JSON.stringify(form);
    restored.value = false;
    if (localKey.value) removeLocalDraft(localKey.value);
  }

  /** Back to the form as loaded: what was restored from this browser is dropped. */
  function discardRestored(): void {
    if (loaded) Object.assign(form, structuredClone(loaded));
    restored.value = false;
  }

  return {
    state,
    error,
    refetch,
    declaration,
    subjects,
    reasons,
    phase,
    draft,
    availability,
    form,
    errors,
    ratedCount,
    anyDissatisfied,
    saving,
    dirty,
    restored,
    discardRestored,
    setLevel,
    setReason,
    setComment,
    save,
    subjectKey,
  };
}
