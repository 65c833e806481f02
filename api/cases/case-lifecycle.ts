/**
 * The lifecycle of a complaint case, in one table: for each step, the states it may start from,
 * who may take it, the state it leads to; for each state, whose move it is and which deadline is
 * current; and the rules that compute each deadline. The service, the opening statement on the
 * send path, the current deadline, the overdue filter, the "waiting on me" queue, the console's
 * `availableSteps` and the "concluded on time" flag all read this module and nothing else.
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import type { Config } from '../config.js';
import { workingCalendar } from './calendar.js';
import type { ComplaintCase } from './case.entity.js';
import { CaseHandler, CaseStatus, StepAudience, StepKind } from './case.enums.js';
import { addWorkingDays } from './working-days.js';

/** A step someone may take on a case (what the console offers; each is one mutation). */
export enum CaseStepAction {
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  START_VERIFICATION = 'START_VERIFICATION',
  CONCLUDE = 'CONCLUDE',
  CORRECT_FINDING = 'CORRECT_FINDING',
  ANSWER = 'ANSWER',
  ACCEPT = 'ACCEPT',
  REOPEN = 'REOPEN',
  ASSIGN = 'ASSIGN',
  REASSIGN = 'REASSIGN',
  ESCALATE = 'ESCALATE',
  NOTE = 'NOTE',
}
registerEnumType(CaseStepAction, {
  name: 'CaseStepAction',
  description: 'A workflow step of a case, as the lifecycle table lists it.',
});

/** Who moves a case: its handling unit (branch managers or inspectors), or the enterprise that rated. */
export type CaseParty = 'HANDLER' | 'ENTERPRISE';

export interface StepRule {
  kind: StepKind;
  from: readonly CaseStatus[];
  /** null: the status stays (a correction, a reassignment, an escalation). */
  to: CaseStatus | null;
  by: CaseParty;
  /** Not once the case is with the department's inspectors. */
  notEscalated?: boolean;
  /**
   * Who the step's note is for: the case file (INTERNAL) or the enterprise (ENTERPRISE: it reads
   * it on its form as a message). CHOSEN: the author of the step says (a note on the case).
   */
  audience: StepAudience | 'CHOSEN';
}

const HANDLED: readonly CaseStatus[] = [
  CaseStatus.OPEN,
  CaseStatus.ACKNOWLEDGED,
  CaseStatus.VERIFYING,
  CaseStatus.CONCLUDED,
  CaseStatus.ANSWERED,
];

/** The step table. Order is the order the console offers them in. */
export const STEPS: Readonly<Record<CaseStepAction, StepRule>> = {
  ACKNOWLEDGE: {
    kind: StepKind.ACKNOWLEDGED,
    from: [CaseStatus.OPEN],
    to: CaseStatus.ACKNOWLEDGED,
    by: 'HANDLER',
    audience: StepAudience.INTERNAL,
  },
  START_VERIFICATION: {
    kind: StepKind.VERIFICATION_STARTED,
    from: [CaseStatus.ACKNOWLEDGED],
    to: CaseStatus.VERIFYING,
    by: 'HANDLER',
    audience: StepAudience.INTERNAL,
  },
  CONCLUDE: {
    kind: StepKind.CONCLUDED,
    from: [CaseStatus.VERIFYING],
    to: CaseStatus.CONCLUDED,
    by: 'HANDLER',
    audience: StepAudience.INTERNAL,
  },
  CORRECT_FINDING: {
    kind: StepKind.CORRECTED,
    from: [CaseStatus.CONCLUDED, CaseStatus.ANSWERED],
    to: null,
    by: 'HANDLER',
    audience: StepAudience.INTERNAL,
  },
  // The answer, and the enterprise's reaction to it, are the messages the enterprise reads.
  ANSWER: {
    kind: StepKind.ANSWERED,
    from: [CaseStatus.CONCLUDED],
    to: CaseStatus.ANSWERED,
    by: 'HANDLER',
    audience: StepAudience.ENTERPRISE,
  },
  ACCEPT: {
    kind: StepKind.ENTERPRISE_ACKNOWLEDGED,
    from: [CaseStatus.ANSWERED],
    to: CaseStatus.CLOSED,
    by: 'ENTERPRISE',
    audience: StepAudience.ENTERPRISE,
  },
  // Not resolved for the enterprise: back to verification, now under the department's inspectors.
  REOPEN: {
    kind: StepKind.REOPENED,
    from: [CaseStatus.ANSWERED],
    to: CaseStatus.VERIFYING,
    by: 'ENTERPRISE',
    audience: StepAudience.ENTERPRISE,
  },
  ASSIGN: { kind: StepKind.ASSIGNED, from: HANDLED, to: null, by: 'HANDLER', audience: StepAudience.INTERNAL },
  REASSIGN: { kind: StepKind.REASSIGNED, from: HANDLED, to: null, by: 'HANDLER', audience: StepAudience.INTERNAL },
  ESCALATE: {
    kind: StepKind.ESCALATED,
    from: HANDLED.filter((s) => s !== CaseStatus.ANSWERED),
    to: null,
    by: 'HANDLER',
    notEscalated: true,
    audience: StepAudience.INTERNAL,
  },
  // A note without moving the case: for the case file, or a message asking the enterprise something.
  NOTE: { kind: StepKind.NOTE, from: HANDLED, to: null, by: 'HANDLER', audience: 'CHOSEN' },
};

type DeadlineField = 'acknowledgeDueAt' | 'concludeDueAt' | 'answerDueAt';

export interface StatusRule {
  /** Whose move it is; null once closed. */
  waitsOn: CaseParty | null;
  /** The deadline of the current step; null when nothing is due of the handlers. */
  deadline: DeadlineField | null;
}

export const STATES: Readonly<Record<CaseStatus, StatusRule>> = {
  OPEN: { waitsOn: 'HANDLER', deadline: 'acknowledgeDueAt' },
  ACKNOWLEDGED: { waitsOn: 'HANDLER', deadline: 'concludeDueAt' },
  VERIFYING: { waitsOn: 'HANDLER', deadline: 'concludeDueAt' },
  CONCLUDED: { waitsOn: 'HANDLER', deadline: 'answerDueAt' },
  ANSWERED: { waitsOn: 'ENTERPRISE', deadline: null },
  CLOSED: { waitsOn: null, deadline: null },
};

/** The states in which a case is still open (not closed). */
export const OPEN_STATES: readonly CaseStatus[] = HANDLED;

/** The deadline rules: working days after an event, from the configured settings. */
export const DEADLINES = {
  acknowledge: (s: Config['cases']) => s.acknowledgeDays,
  conclude: (s: Config['cases']) => s.concludeDays,
  answer: (s: Config['cases']) => s.answerDays,
  autoClose: (s: Config['cases']) => s.autoCloseDays,
} as const;

export const DEFAULT_CASE_SETTINGS: Config['cases'] = {
  acknowledgeDays: 1,
  concludeDays: 10,
  answerDays: 2,
  autoCloseDays: 10,
  workingWeekdays: [1, 2, 3, 4, 5],
};

/** What a new case is opened with (by the one statement that sends a form): its deadlines and its current one. */
export interface OpeningDeadlines {
  acknowledgeDueAt: Date;
  concludeDueAt: Date;
  /** The deadline of the opening state (`STATES.OPEN.deadline`). */
  dueAt: Date;
}

export async function openingDeadlines(
  em: EntityManager,
  settings: Config['cases'],
  openedAt: Date,
): Promise<OpeningDeadlines> {
  const calendar = await workingCalendar(em, settings);
  const deadlines = {
    acknowledgeDueAt: addWorkingDays(calendar, openedAt, DEADLINES.acknowledge(settings)),
    concludeDueAt: addWorkingDays(calendar, openedAt, DEADLINES.conclude(settings)),
    answerDueAt: null,
  };
  return { ...deadlines, dueAt: currentDeadline({ status: CaseStatus.OPEN, ...deadlines })! };
}

export async function answerDeadline(em: EntityManager, settings: Config['cases'], concludedAt: Date): Promise<Date> {
  return addWorkingDays(await workingCalendar(em, settings), concludedAt, DEADLINES.answer(settings));
}

export async function autoCloseDeadline(em: EntityManager, settings: Config['cases'], answeredAt: Date): Promise<Date> {
  return addWorkingDays(await workingCalendar(em, settings), answeredAt, DEADLINES.autoClose(settings));
}

type Deadlines = Pick<ComplaintCase, 'status' | 'acknowledgeDueAt' | 'concludeDueAt'> & {
  answerDueAt?: Date | null;
};

/** The deadline of the case's current step, or null when nothing is due of its handlers. */
export function currentDeadline(c: Deadlines): Date | null {
  const field = STATES[c.status].deadline;
  return field ? (c[field] ?? null) : null;
}

/** Moves a case to a status, keeping its stored current deadline (`dueAt`) true to the table. */
export function moveTo(c: ComplaintCase, status: CaseStatus): void {
  c.status = status;
  c.dueAt = currentDeadline(c);
}

/**
 * "Concluded on time": the conclusion came no later than the conclude deadline. Computed once in
 * Postgres when the case is concluded, stored on the case and carried to ClickHouse in its facts.
 */
export function concludedOnTime(c: Pick<ComplaintCase, 'concludedAt' | 'concludeDueAt'>): boolean {
  return c.concludedAt != null && c.concludedAt <= c.concludeDueAt;
}

/** Past the deadline of its current step (the stored `dueAt` is that deadline). */
export function overdueCondition(at: Date): FilterQuery<ComplaintCase> {
  return { dueAt: { $lt: at } };
}

/** Which unit must act on the case now: the inspectors once it was routed or escalated to them. */
export function handlingUnit(c: Pick<ComplaintCase, 'handler' | 'escalatedAt'>): CaseHandler {
  return c.handler === CaseHandler.INSPECTORS || c.escalatedAt ? CaseHandler.INSPECTORS : CaseHandler.BRANCH;
}

/** The handlers' moves and the enterprise's, as the table allows them on this case now. */
export function availableSteps(
  c: Pick<ComplaintCase, 'status' | 'escalatedAt'>,
  party: CaseParty | null,
): CaseStepAction[] {
  if (!party) return [];
  return (Object.entries(STEPS) as [CaseStepAction, StepRule][])
    .filter(([, rule]) => rule.by === party && rule.from.includes(c.status) && !(rule.notEscalated && c.escalatedAt))
    .map(([step]) => step);
}

/** Why a step cannot be taken on the case now, or null when it can. */
export function refusal(c: Pick<ComplaintCase, 'status' | 'escalatedAt' | 'id'>, step: CaseStepAction): string | null {
  const rule = STEPS[step];
  if (!rule.from.includes(c.status))
    return `Case ${c.id} is ${c.status}; this step needs it to be ${rule.from.join(' or ')}.`;
  if (rule.notEscalated && c.escalatedAt) return `Case ${c.id} is already with the inspectors.`;
  return null;
}

/** The open states in which the next move is the handlers' (the "waiting on me" queue). */
export const HANDLER_TURN: readonly CaseStatus[] = (Object.entries(STATES) as [CaseStatus, StatusRule][])
  .filter(([, s]) => s.waitsOn === 'HANDLER')
  .map(([status]) => status);
