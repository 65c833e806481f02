/**
 * What an enterprise user typed on a rating form and has not saved yet, kept in this browser as
 * it is typed (per user, declaration and phase), so leaving the page or reloading it loses
 * nothing. Removed once the form is saved, and every such copy is removed at sign-out (a shared
 * computer keeps no one's unsent ratings).
 */
import type { Level, RatingFormState } from './form';

const PREFIX = 'customs-sqa.rating-draft:';

export const localDraftKey = (login: string, number: string, phase: string) => `${PREFIX}${login}:${number}:${phase}`;

const isLevel = (v: unknown): v is Level | null =>
  v === null || (Number.isInteger(v) && Number(v) >= 1 && Number(v) <= 5);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 5000;

/**
 * The stored copy laid over `base` (the form as loaded): only the subjects `base` has, and only
 * well-formed values, since storage is the user's to edit. Null when nothing usable is stored.
 */
export function readLocalDraft(key: string, base: RatingFormState): RatingFormState | null {
  let stored: unknown;
  try {
    stored = JSON.parse(window.localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
  if (!stored || typeof stored !== 'object') return null;
  const s = stored as Partial<RatingFormState>;
  const merged: RatingFormState = structuredClone(base);
  for (const [k, subject] of Object.entries(merged.subjects)) {
    const saved = s.subjects?.[k as keyof typeof s.subjects];
    if (!saved || !isLevel(saved.level) || !isText(saved.comment) || !Array.isArray(saved.reasonCodes)) continue;
    subject.level = saved.level;
    subject.comment = saved.comment;
    subject.reasonCodes = saved.reasonCodes.filter(isText);
  }
  if (isText(s.contactName)) merged.contactName = s.contactName;
  if (isText(s.contactPhone)) merged.contactPhone = s.contactPhone;
  if (typeof s.contactConsent === 'boolean') merged.contactConsent = s.contactConsent;
  return JSON.stringify(merged) === JSON.stringify(base) ? null : merged;
}

export function writeLocalDraft(key: string, state: RatingFormState): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(state));
  } catch {
    // Storage full or unavailable: the form still works, it is only not kept.
  }
}

export function removeLocalDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}

/** At sign-out: every unsaved rating form kept in this browser. */
export function clearLocalDrafts(): void {
  try {
    const keys = Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i));
    for (const key of keys) if (key?.startsWith(PREFIX)) window.localStorage.removeItem(key);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}
