/**
 * The rules of a rating, as pure functions over plain data: which subjects may be rated for a
 * declaration, and whether a form's content is acceptable. The service loads the data and acts.
 */
import { DeclarationStatus } from '../declarations/declaration.enums.js';
import { badInput } from '../errors.js';
import { AssessmentStatus, Phase, RatingState, SubjectKind } from './assessment.enums.js';
import type { AssessmentContentInput } from './assessment.input.js';

/** A handling record as the rules need it. */
export interface HandlingFact {
  id: number;
  stageId: number;
  teamId: number;
  officerId: number;
  startedAt: Date;
}

/** What the rules need to know about the declaration being rated. */
export interface DeclarationFacts {
  id: number;
  number: string;
  status: DeclarationStatus;
  releasedAt: Date | null;
  registeredAt: Date;
  branchId: number;
  records: HandlingFact[];
}

/**
 * A subject that handled a declaration, with exactly what a rating of it counts for: the branch,
 * and the team and stage it names (see README, "Whom a rating counts for").
 */
export interface RateableSubject {
  kind: SubjectKind;
  id: number;
  branchId: number;
  teamId: number | null;
  stageId: number | null;
  /** When it began handling the declaration (in that stage, for an officer). */
  handledAt: Date | null;
}

/** The key that tells rateable subjects apart: an officer is rateable once per stage it handled. */
export function subjectKey(kind: SubjectKind, id: number, stageId: number | null): string {
  return kind === SubjectKind.OFFICER ? `${kind}:${id}:${stageId}` : `${kind}:${id}`;
}

/** One item ready to be stored. */
export interface ItemData {
  subjectKind: SubjectKind;
  subjectId: number;
  branchId: number;
  teamId: number | null;
  stageId: number | null;
  level: number;
  reasonCodes: string[];
  comment: string | null;
}

export interface ReasonRule {
  minLevel: number;
  maxLevel: number;
}

/**
 * The branch of the declaration, then every team, stage and officer × stage of its handling
 * records, in the order they handled it. A team counts for itself; a stage for itself and the team
 * that performed it (none when several teams did); an officer once per stage it performed, with
 * the team it performed that stage in.
 */
export function rateableSubjects(branchId: number, records: HandlingFact[]): RateableSubject[] {
  const subjects = new Map<string, RateableSubject>();
  const add = (s: RateableSubject) => {
    const key = subjectKey(s.kind, s.id, s.stageId);
    if (!subjects.has(key)) subjects.set(key, s);
  };
  add({ kind: SubjectKind.BRANCH, id: branchId, branchId, teamId: null, stageId: null, handledAt: null });
  const ordered = [...records].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id - b.id);
  const teamsOfStage = new Map<number, Set<number>>();
  for (const r of ordered) teamsOfStage.set(r.stageId, (teamsOfStage.get(r.stageId) ?? new Set()).add(r.teamId));
  for (const r of ordered)
    add({ kind: SubjectKind.TEAM, id: r.teamId, branchId, teamId: r.teamId, stageId: null, handledAt: r.startedAt });
  for (const r of ordered)
    add({
      kind: SubjectKind.STAGE,
      id: r.stageId,
      branchId,
      teamId: teamsOfStage.get(r.stageId)!.size === 1 ? r.teamId : null,
      stageId: r.stageId,
      handledAt: r.startedAt,
    });
  for (const r of ordered)
    add({
      kind: SubjectKind.OFFICER,
      id: r.officerId,
      branchId,
      teamId: r.teamId,
      stageId: r.stageId,
      handledAt: r.startedAt,
    });
  return [...subjects.values()];
}

/**
 * The rateable subject an item names: officers by id and stage, where the stage may be left out
 * when the officer handled only one stage of the declaration.
 */
function resolveSubject(
  subjects: RateableSubject[],
  kind: SubjectKind,
  id: number,
  stageId: number | null,
): RateableSubject | 'ambiguous' | null {
  const matches = subjects.filter(
    (s) =>
      s.kind === kind && s.id === id && (kind !== SubjectKind.OFFICER || stageId === null || s.stageId === stageId),
  );
  if (matches.length > 1) return 'ambiguous';
  return matches[0] ?? null;
}

export const RATING_WINDOW_CLOSED = 'RATING_WINDOW_CLOSED';

/**
 * A new form may be made for a declaration registered within the last `windowDays` (the same
 * window as the unrated list and the reminders); later it is refused with a reason.
 */
export function checkRatingWindow(declaration: DeclarationFacts, now: Date, windowDays: number): void {
  const closes = new Date(declaration.registeredAt.getTime() + windowDays * 86_400_000);
  if (now >= closes)
    throw badInput(
      `Declaration ${declaration.number} was registered more than ${windowDays} days ago; its rating window closed on ${closes.toISOString()}.`,
      { reason: RATING_WINDOW_CLOSED, closedAt: closes.toISOString() },
    );
}

/** The phase a new form of the declaration has now: DURING clearance until the goods are released, AFTER release then. */
export function currentPhase(declaration: { releasedAt?: Date | null }): Phase {
  return declaration.releasedAt ? Phase.AFTER : Phase.DURING;
}

/**
 * The one phase rule, which the unrated list, the badge, the reminders and the "all" tab share:
 * a declaration is rated once a form of either phase is sent (a DURING form counts after release
 * too); a new form may be made, for the current phase, while that phase has no form and the
 * rating window is open. The unrated list, its badge and the reminders hold the UNRATED and DRAFT
 * declarations: no sent form, inside the window, not cancelled (their SQL states the same condition).
 */
export function ratingStateOf(
  declaration: { status: string; registeredAt: Date; releasedAt?: Date | null },
  forms: { phase: Phase; status: AssessmentStatus }[],
  now: Date,
  windowDays: number,
): { state: RatingState; phaseToRate: Phase | null } {
  const phase = currentPhase(declaration);
  const open = now.getTime() < declaration.registeredAt.getTime() + windowDays * 86_400_000;
  if (declaration.status === DeclarationStatus.CANCELLED) return { state: RatingState.CANCELLED, phaseToRate: null };
  const phaseToRate = open && !forms.some((f) => f.phase === phase) ? phase : null;
  if (forms.some((f) => f.status === AssessmentStatus.SENT)) return { state: RatingState.RATED, phaseToRate };
  if (forms.some((f) => f.phase === phase)) return { state: RatingState.DRAFT, phaseToRate: null };
  return { state: open ? RatingState.UNRATED : RatingState.WINDOW_CLOSED, phaseToRate };
}

/** Checks a form's content; returns the items to store, or throws BAD_USER_INPUT listing every problem. */
export function validateContent(
  declaration: DeclarationFacts,
  phase: Phase,
  content: AssessmentContentInput,
  reasons: Map<string, ReasonRule>,
): ItemData[] {
  const problems: { field: string; problems: string[] }[] = [];
  const add = (field: string, message: string) => problems.push({ field, problems: [message] });

  if (declaration.status === DeclarationStatus.CANCELLED)
    add('declarationNumber', 'This declaration was cancelled and cannot be rated.');
  if (phase === Phase.AFTER && !declaration.releasedAt)
    add('phase', 'The goods have not been released yet: rate this declaration with phase DURING.');
  if (phase === Phase.DURING && declaration.releasedAt)
    add('phase', 'The goods have been released: rate this declaration with phase AFTER.');

  const subjects = rateableSubjects(declaration.branchId, declaration.records);
  const seen = new Set<string>();
  const items: ItemData[] = [];
  content.items.forEach((item, i) => {
    const at = `items[${i}]`;
    const named = item.subjectKind.toLowerCase();
    const stageId = item.stageId == null ? null : Number(item.stageId);
    if (stageId !== null && item.subjectKind !== SubjectKind.OFFICER)
      add(`${at}.stageId`, 'stageId says which stage an officer is rated for; leave it out for other subjects.');
    const found = resolveSubject(subjects, item.subjectKind, Number(item.subjectId), stageId);
    const subject = found === 'ambiguous' ? null : found;
    if (found === 'ambiguous')
      add(
        `${at}.stageId`,
        `officer ${item.subjectId} handled several stages of declaration ${declaration.number}: give the stageId it is rated for (one item per stage).`,
      );
    else if (!subject)
      add(
        `${at}.subjectId`,
        stageId === null
          ? `${named} ${item.subjectId} did not handle declaration ${declaration.number}, so it cannot be rated for it.`
          : `${named} ${item.subjectId} did not handle stage ${stageId} of declaration ${declaration.number}, so it cannot be rated for it.`,
      );
    const key = subject
      ? subjectKey(subject.kind, subject.id, subject.stageId)
      : `${item.subjectKind}:${item.subjectId}`;
    if (seen.has(key))
      add(
        `${at}.subjectId`,
        `${named} ${item.subjectId} is rated twice${item.subjectKind === SubjectKind.OFFICER ? ' for the same stage' : ''} in this form.`,
      );
    seen.add(key);
    for (const code of item.reasonCodes) {
      const reason = reasons.get(code);
      if (!reason) add(`${at}.reasonCodes`, `Unknown reason code "${code}".`);
      else if (item.level < reason.minLevel || item.level > reason.maxLevel)
        add(`${at}.reasonCodes`, `Reason "${code}" does not apply to level ${item.level}.`);
    }
    const comment = item.comment?.trim() || null;
    if (item.level <= 2 && item.reasonCodes.length === 0 && !comment) {
      add(`${at}.reasonCodes`, 'For a dissatisfied rating (1–2★), pick a reason or write a comment.');
    }
    if (subject) {
      const { kind, id, branchId, teamId, stageId } = subject;
      items.push({
        subjectKind: kind,
        subjectId: id,
        branchId,
        teamId,
        stageId,
        level: item.level,
        reasonCodes: [...new Set(item.reasonCodes)],
        comment,
      });
    }
  });
  if (problems.length > 0) {
    throw badInput(`The form was not saved: ${problems.map((p) => p.problems[0]).join(' ')}`, { invalid: problems });
  }
  return items;
}
