/**
 * Idempotency keys bound to the request they were first used for. An enterprise's keys form one
 * namespace across recordAssessment, submitAssessment and sendAssessment: a key is stored with the
 * form it made (or sent) together with a fingerprint of that request, and is remembered as long as
 * the form exists (forms are never deleted). The same key with the same request answers with that
 * form; with any other request (another operation, declaration, phase, form or content) it is
 * refused with CONFLICT, `reason: IDEMPOTENCY_KEY_REUSED`, before anything is written.
 */
import { createHash } from 'node:crypto';
import { conflict } from '../errors.js';
import { normalisePhone, type RecordAssessmentInput } from './assessment.input.js';

export type KeyedOperation = 'record' | 'submit' | 'send';

export const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';

/**
 * SHA-256 of the request in a canonical form: what a retry sends again byte for byte may differ
 * in item order, reason order, surrounding blanks and phone punctuation, and still be the same request.
 */
export function formFingerprint(operation: 'record' | 'submit', input: RecordAssessmentInput): string {
  const items = input.items
    .map((i) => ({
      kind: i.subjectKind,
      id: Number(i.subjectId),
      stageId: i.stageId == null ? null : Number(i.stageId),
      level: i.level,
      reasons: [...new Set(i.reasonCodes)].sort(),
      comment: i.comment?.trim() || null,
    }))
    .sort((a, b) => `${a.kind}:${a.id}:${a.stageId}`.localeCompare(`${b.kind}:${b.id}:${b.stageId}`));
  return digest({
    operation,
    declarationNumber: input.declarationNumber,
    phase: input.phase,
    items,
    contactName: input.contactName?.trim() || null,
    contactPhone: input.contactPhone ? normalisePhone(input.contactPhone) : null,
  });
}

/** Sending names only the form. */
export function sendFingerprint(formId: number): string {
  return digest({ operation: 'send', formId });
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export function keyReused(operation: KeyedOperation) {
  return conflict(
    `This idempotency key was already used for another request; ${operation === 'send' ? 'sending this form' : 'this form'} needs a new key. Nothing was saved or sent.`,
    { reason: IDEMPOTENCY_KEY_REUSED },
  );
}
