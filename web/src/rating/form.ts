/**
 * The rating form without Vue: its state per subject, what the API receives, the same checks
 * the API makes (so most mistakes are caught before a request), and the API's field errors
 * (`items[2].reasonCodes`, `contactPhone`) mapped back to the subject or input they concern.
 */
import type { InvalidField } from '../graphql/client';
import type {
  AssessmentContentInput,
  AssessmentDetail,
  DeclarationRow,
  Phase,
  RateableSubject,
  Reason,
  SubjectKind,
} from '../graphql/types';

export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

/** Subject kinds in the order the form groups them: Chi cục, Đội, Khâu nghiệp vụ, Công chức. */
export const SUBJECT_KINDS: readonly SubjectKind[] = ['BRANCH', 'TEAM', 'STAGE', 'OFFICER'];

export const COMMENT_MAX_LENGTH = 1000;
export const CONTACT_NAME_MAX_LENGTH = 100;

/** Vietnamese mobile 0[35789]x xxx xxxx or landline 02xx xxx xxxx, with 0 or +84 (as the API). */
const VIETNAMESE_PHONE = /^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$/;
const normalisePhone = (raw: string) => raw.replace(/[\s.\-()]/g, '');
export const isVietnamesePhone = (raw: string) => VIETNAMESE_PHONE.test(normalisePhone(raw));

/** A subject's name in the UI language: stages have English names, people and units do not. */
export function subjectName(subject: Pick<RateableSubject, 'name' | 'nameEn'>, locale: string): string {
  return locale === 'en' && subject.nameEn ? subject.nameEn : subject.name;
}

/** A reason's name in the UI language. */
export function reasonName(reason: Pick<Reason, 'nameVi' | 'nameEn'>, locale: string): string {
  return locale === 'en' ? reason.nameEn : reason.nameVi;
}

/** Levels 1–2 are dissatisfied: they need a reason or a comment. */
export const isDissatisfied = (level: number | null) => level !== null && level <= 2;

export function isLevel(value: number): value is Level {
  return (LEVELS as readonly number[]).includes(value);
}

/** The phase a declaration is rated in now: after release of the goods, or during clearance. */
export function phaseOf(declaration: Pick<DeclarationRow, 'releasedAt'>): Phase {
  return declaration.releasedAt ? 'AFTER' : 'DURING';
}

export type SubjectKey = `${SubjectKind}:${string}`;
/** An officer is rateable once per stage it handled, so its key carries the stage. */
export const subjectKey = (s: { kind: SubjectKind; id: string; stage?: { id: string } | null }): SubjectKey =>
  s.kind === 'OFFICER' && s.stage ? `${s.kind}:${s.id}:${s.stage.id}` : `${s.kind}:${s.id}`;

export interface SubjectDraft {
  /** Null while the subject is not rated: it is then left out of the form. */
  level: Level | null;
  reasonCodes: string[];
  comment: string;
}

export interface RatingFormState {
  subjects: Record<SubjectKey, SubjectDraft>;
  contactName: string;
  contactPhone: string;
  /** The handling unit may contact the enterprise (else only inspection staff see the contact). */
  contactConsent: boolean;
}

export function emptyForm(subjects: RateableSubject[]): RatingFormState {
  const drafts: Record<SubjectKey, SubjectDraft> = {};
  for (const s of subjects) drafts[subjectKey(s)] = { level: null, reasonCodes: [], comment: '' };
  return { subjects: drafts, contactName: '', contactPhone: '', contactConsent: false };
}

/** The form pre-filled from a saved draft (subjects it does not mention stay unrated). */
export function formFromAssessment(subjects: RateableSubject[], form: AssessmentDetail): RatingFormState {
  const state = emptyForm(subjects);
  for (const item of form.items) {
    // A saved officer item is matched to the first stage row of that officer.
    const plain = subjectKey(item.subject);
    const key = (Object.keys(state.subjects) as SubjectKey[]).find((k) => k === plain || k.startsWith(`${plain}:`));
    if (!key || !isLevel(item.level)) continue;
    state.subjects[key] = { level: item.level, reasonCodes: [...item.reasonCodes], comment: item.comment ?? '' };
  }
  state.contactName = form.contactName ?? '';
  state.contactPhone = form.contactPhone ?? '';
  state.contactConsent = form.contactConsent;
  return state;
}

/** The reasons that may go with a level, in the API's order. */
export function reasonsFor(reasons: Reason[], level: Level | null): Reason[] {
  return level === null ? [] : reasons.filter((r) => r.levels.includes(level));
}

/** After a level change, keep only the reasons that still apply. */
export function keepApplicableReasons(draft: SubjectDraft, reasons: Reason[]): string[] {
  const allowed = new Set(reasonsFor(reasons, draft.level).map((r) => r.code));
  return draft.reasonCodes.filter((code) => allowed.has(code));
}

/**
 * What the API receives, and the subject each `items[i]` stands for (to place its errors).
 * Subjects follow the order of `subjects` (the declaration's), whatever order they were rated in.
 */
export function toContentInput(
  form: RatingFormState,
  subjects: RateableSubject[],
): { input: AssessmentContentInput; order: SubjectKey[] } {
  const order: SubjectKey[] = [];
  const items: AssessmentContentInput['items'] = [];
  for (const s of subjects) {
    const key = subjectKey(s);
    const draft = form.subjects[key];
    if (!draft || draft.level === null) continue;
    order.push(key);
    items.push({
      subjectKind: s.kind,
      subjectId: s.id,
      stageId: s.kind === 'OFFICER' ? (s.stage?.id ?? null) : null,
      level: draft.level,
      reasonCodes: [...draft.reasonCodes],
      comment: draft.comment.trim() || null,
    });
  }
  return {
    input: {
      items,
      contactName: form.contactName.trim() || null,
      contactPhone: form.contactPhone.trim() || null,
      contactConsent: form.contactConsent,
    },
    order,
  };
}

/** Why a field is refused; each has a message under `validation.*`. */
export type Problem =
  | 'noSubject'
  | 'reasonOrComment'
  | 'reasons'
  | 'commentTooLong'
  | 'subject'
  | 'level'
  | 'contactName'
  | 'phone'
  | 'phase'
  | 'declaration'
  | 'conflict';

export interface FormErrors {
  subjects: Partial<Record<SubjectKey, Problem[]>>;
  contactName: Problem | null;
  contactPhone: Problem | null;
  /**
   * Problems of the form as a whole: a known problem, one the console cannot place (the API's
   * own words), or a failed request (its error code).
   */
  form: Array<{ problem: Problem } | { message: string } | { code: string }>;
}

export const noErrors = (): FormErrors => ({ subjects: {}, contactName: null, contactPhone: null, form: [] });

export function hasErrors(errors: FormErrors): boolean {
  return (
    Object.keys(errors.subjects).length > 0 ||
    errors.contactName !== null ||
    errors.contactPhone !== null ||
    errors.form.length > 0
  );
}

function addSubjectProblem(errors: FormErrors, key: SubjectKey, problem: Problem): void {
  const list = (errors.subjects[key] ??= []);
  if (!list.includes(problem)) list.push(problem);
}

/** The checks the API makes, done first so the user hears about them without a round trip. */
export function validateForm(form: RatingFormState): FormErrors {
  const errors = noErrors();
  let rated = 0;
  for (const [key, draft] of Object.entries(form.subjects) as [SubjectKey, SubjectDraft][]) {
    if (draft.level === null) continue;
    rated += 1;
    const comment = draft.comment.trim();
    if (isDissatisfied(draft.level) && draft.reasonCodes.length === 0 && !comment)
      addSubjectProblem(errors, key, 'reasonOrComment');
    if (draft.comment.length > COMMENT_MAX_LENGTH) addSubjectProblem(errors, key, 'commentTooLong');
  }
  if (rated === 0) errors.form.push({ problem: 'noSubject' });
  if (form.contactName.trim().length > CONTACT_NAME_MAX_LENGTH) errors.contactName = 'contactName';
  if (form.contactPhone.trim() && !isVietnamesePhone(form.contactPhone)) errors.contactPhone = 'phone';
  return errors;
}

const ITEM_FIELD = /^items\[(\d+)\](?:\.(\w+))?/;

const ITEM_PROBLEMS: Record<string, Problem> = {
  reasonCodes: 'reasons',
  comment: 'commentTooLong',
  subjectId: 'subject',
  subjectKind: 'subject',
  level: 'level',
};

/** Place the API's BAD_USER_INPUT fields next to their inputs; the rest go to the summary. */
export function errorsFromServer(
  invalid: InvalidField[],
  order: SubjectKey[],
  form: RatingFormState,
  fallbackMessage: string,
): FormErrors {
  const errors = noErrors();
  for (const { field, problems } of invalid) {
    const item = ITEM_FIELD.exec(field);
    const key = item ? order[Number(item[1])] : undefined;
    let itemProblem = item?.[2] ? ITEM_PROBLEMS[item[2]] : undefined;
    const draft = key ? form.subjects[key] : undefined;
    // The API words "pick a reason or write a comment" as a reasonCodes problem too.
    if (
      itemProblem === 'reasons' &&
      draft &&
      isDissatisfied(draft.level) &&
      draft.reasonCodes.length === 0 &&
      !draft.comment.trim()
    ) {
      itemProblem = 'reasonOrComment';
    }
    if (key && itemProblem) addSubjectProblem(errors, key, itemProblem);
    else if (field === 'contactPhone') errors.contactPhone = 'phone';
    else if (field === 'contactName') errors.contactName = 'contactName';
    else if (field === 'items') errors.form.push({ problem: 'noSubject' });
    else if (field === 'phase') errors.form.push({ problem: 'phase' });
    else if (field === 'declarationNumber') errors.form.push({ problem: 'declaration' });
    else errors.form.push({ message: problems[0] ?? fallbackMessage });
  }
  if (!hasErrors(errors)) errors.form.push({ message: fallbackMessage });
  return errors;
}

/** The lowest level of a form's items, or null for a form without items. */
export function worstLevel(items: { level: number }[]): number | null {
  return items.length === 0 ? null : Math.min(...items.map((i) => i.level));
}
