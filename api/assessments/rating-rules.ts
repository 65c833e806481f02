/**
 * The rules of a rating, as pure functions over plain data: which subjects may be rated for a
 * declaration, and whether a form's content is acceptable. The service loads the data and acts.
 */
import { DeclarationStatus } from '../declarations/declaration.enums.js';
import { badInput } from '../errors.js';
import { Phase, SubjectKind } from './assessment.enums.js';
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
  branchId: number;
  records: HandlingFact[];
}

/** A subject that handled a declaration, with where it sits (for analytics attribution). */
export interface RateableSubject {
  kind: SubjectKind;
  id: number;
  branchId: number;
  teamId: number | null;
  stageId: number | null;
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

/** The branch of the declaration, then every team, stage and officer of its handling records. */
export function rateableSubjects(branchId: number, records: HandlingFact[]): RateableSubject[] {
  const subjects = new Map<string, RateableSubject>();
  const add = (s: RateableSubject) => {
    const key = `${s.kind}:${s.id}`;
    if (!subjects.has(key)) subjects.set(key, s);
  };
  add({ kind: SubjectKind.BRANCH, id: branchId, branchId, teamId: null, stageId: null });
  const ordered = [...records].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id - b.id);
  for (const r of ordered) add({ kind: SubjectKind.TEAM, id: r.teamId, branchId, teamId: r.teamId, stageId: null });
  for (const r of ordered)
    add({ kind: SubjectKind.STAGE, id: r.stageId, branchId, teamId: r.teamId, stageId: r.stageId });
  for (const r of ordered)
    add({ kind: SubjectKind.OFFICER, id: r.officerId, branchId, teamId: r.teamId, stageId: r.stageId });
  return [...subjects.values()];
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

  const subjects = new Map(
    rateableSubjects(declaration.branchId, declaration.records).map((s) => [`${s.kind}:${s.id}`, s]),
  );
  const seen = new Set<string>();
  const items: ItemData[] = [];
  content.items.forEach((item, i) => {
    const at = `items[${i}]`;
    const key = `${item.subjectKind}:${Number(item.subjectId)}`;
    const subject = subjects.get(key);
    if (!subject)
      add(
        `${at}.subjectId`,
        `${item.subjectKind.toLowerCase()} ${item.subjectId} did not handle declaration ${declaration.number}, so it cannot be rated for it.`,
      );
    if (seen.has(key))
      add(`${at}.subjectId`, `${item.subjectKind.toLowerCase()} ${item.subjectId} is rated twice in this form.`);
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
