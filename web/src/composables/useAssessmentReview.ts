/**
 * Data of the review screen: the saved draft exactly as the API holds it, the reason names,
 * and `send()`. Each send attempt carries an idempotency key that a retry reuses, so a lost
 * answer cannot make the form look sent twice; a new key is drawn only after success.
 */
import { AssessmentReviewDocument, SendAssessmentDocument } from '../graphql/generated';
import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import type { AssessmentDetail, Reason } from '../graphql/types';
import { newUuid } from '../utils/uuid';
import { useMutation } from './useMutation';
import { useQuery } from './useQuery';
import { refreshUnratedCount } from './useUnratedCount';

export function useAssessmentReview(id: MaybeRefOrGetter<string>) {
  const { data, state, error, refetch } = useQuery(AssessmentReviewDocument, () => ({ id: toValue(id) }));
  const sending = useMutation(SendAssessmentDocument);

  /** The form as the send returned it, which supersedes what was loaded. */
  const sent = shallowRef<AssessmentDetail | null>(null);
  const assessment = computed(() => (sent.value?.id === toValue(id) ? sent.value : (data.value?.assessment ?? null)));
  const reasons = computed(() => new Map<string, Reason>((data.value?.reasons ?? []).map((r) => [r.code, r])));
  /** True once this screen has sent the form (the confirmation is shown). */
  const justSent = ref(false);
  let sendKey: string | null = null;

  async function send(): Promise<boolean> {
    const form = assessment.value;
    if (!form || form.status !== 'RECORDED' || sending.state.value === 'running') return false;
    sendKey ??= newUuid();
    try {
      const { sendAssessment } = await sending.run({ id: form.id, idempotencyKey: sendKey });
      sendKey = null;
      sent.value = sendAssessment;
      justSent.value = true;
      void refreshUnratedCount();
      return true;
    } catch {
      // Sent meanwhile (another window): show the form as it now is; the error stays visible.
      if (sending.error.value?.code === 'CONFLICT') void refetch();
      return false;
    }
  }

  return {
    state,
    error,
    refetch,
    assessment,
    reasons,
    send,
    justSent,
    sending: computed(() => sending.state.value === 'running'),
    sendError: sending.error,
  };
}
