/**
 * The workflow of a complaint case. Every step is one transaction that checks, against the
 * lifecycle table (`case-lifecycle.ts`), that the step is allowed from the current status, moves
 * the case, and appends to its audit trail — with the finding, actions or answer it recorded, so
 * history is never overwritten; a concurrent step on the same case loses with a CONFLICT
 * (optimistic version) and changes nothing.
 */
import { OptimisticLockError, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { handlesCaseUnit, type CaseScope } from '../auth/permissions.js';
import { actorOf, type KnownViewer } from '../auth/viewer.js';
import { Account } from '../auth/account.entity.js';
import type { Config } from '../config.js';
import { badInput, conflict, forbidden, notFound } from '../errors.js';
import {
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  paginate,
  type Page,
  type PageArgs,
} from '../graphql/connection.js';
import { CaseStep } from './case-step.entity.js';
import { ComplaintCase } from './case.entity.js';
import { CaseAction, CaseHandler, CaseStatus, Finding, StepAudience, StepKind } from './case.enums.js';
import type { SubjectKind } from '../assessments/assessment.enums.js';
import {
  answerDeadline,
  autoCloseDeadline,
  CaseStepAction,
  concludedOnTime,
  HANDLER_TURN,
  handlingUnit,
  moveTo,
  overdueCondition,
  refusal,
  STEPS,
} from './case-lifecycle.js';
import { Role } from '../auth/roles.js';
import { enterpriseOf, inspectorsOf, publishCaseEvent } from './case-messages.js';
import { OutboxEvent } from '../outbox/outbox-event.entity.js';
import { vietnamMonths } from '../time.js';

export interface CaseFilter {
  status?: CaseStatus | null;
  overdue?: boolean | null;
  branchId?: number | null;
  level?: number | null;
  subjectKind?: SubjectKind | null;
  handler?: CaseHandler | null;
  /** Open cases whose next step is the viewer's: its unit's turn, and assigned to it or to nobody. */
  waitingOnMe?: boolean | null;
  /** Cases assigned to the viewer in person (any status). */
  assignedToMe?: boolean | null;
  /** Cases of one enterprise (the resolver lets only those who may see who rated ask). */
  enterpriseId?: number | null;
}

export type CaseOrder = 'NEWEST' | 'DEADLINE';

/** Upper bounds (days since opened, exclusive) of the backlog's age buckets; the last is open-ended. */
export const BACKLOG_AGES = [3, 8, 15, 31, Infinity];

export interface BacklogRow {
  branchId: number;
  open: number;
  /** Open cases by age: 0–2, 3–7, 8–14, 15–30 and over 30 days since opened. */
  ageing: number[];
  concluded: number;
  reopened: number;
}

/** A calendar month of the backlog's trend (clipped to the period asked). */
export interface BacklogMonth {
  /** Vietnamese calendar month, YYYY-MM. */
  month: string;
  from: Date;
  to: Date;
  /** The month is under way: `openAtEnd` is counted now, not at the month's end. */
  running: boolean;
  opened: number;
  /** Cases opened before the month's end (or now) and not closed by then. */
  openAtEnd: number;
  /** Of the cases opened in the month, those concluded at least once and those reopened. */
  concluded: number;
  reopened: number;
}

/** The longest backlog trend one question may ask for. */
export const MAX_TREND_MONTHS = 36;

/** What the viewer is, for the queue: its account and the unit it handles for. */
export interface QueueViewer {
  accountId: number | null;
  role: Role;
  branchId: number | null;
  departmentId: number | null;
}

/** What a step records besides its note. */
interface StepRecord {
  finding?: Finding | null;
  actions?: CaseAction[] | null;
  /** Who the note is for, on a step whose author chooses (`audience: 'CHOSEN'` in the table). */
  audience?: StepAudience;
}

export class CaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly settings: Config['cases'],
  ) {}

  list(scope: CaseScope, filter: CaseFilter, page: PageArgs, me: QueueViewer | null, order: CaseOrder = 'NEWEST') {
    const where: FilterQuery<ComplaintCase>[] = scopeConditions(scope);
    if (filter.status) where.push({ status: filter.status });
    if (filter.branchId) where.push({ responsibleBranchId: filter.branchId });
    if (filter.overdue) where.push(overdueCondition(this.now()));
    if (filter.level) where.push({ level: filter.level });
    if (filter.subjectKind) where.push({ subjectKind: filter.subjectKind });
    if (filter.handler) where.push({ handler: filter.handler });
    if (filter.waitingOnMe) where.push(waitingOn(me));
    if (filter.assignedToMe) where.push({ assigneeId: me?.accountId ?? -1 });
    if (filter.enterpriseId) where.push({ enterpriseId: filter.enterpriseId });
    const all: FilterQuery<ComplaintCase> = { $and: where };
    return order === 'DEADLINE' ? byDeadline(this.em, all, page) : paginate(this.em, ComplaintCase, all, page, 'desc');
  }

  /**
   * Per responsible branch: the open cases now by age (days since opened: 0–2, 3–7, 8–14, 15–30,
   * over 30), and of the cases opened in [from, to) those concluded at least once and those the
   * enterprise reopened.
   */
  async backlog(scope: CaseScope, from: Date, to: Date): Promise<BacklogRow[]> {
    const now = this.now().getTime();
    const cases = await this.em.find(
      ComplaintCase,
      {
        $and: [
          ...scopeConditions(scope),
          { $or: [{ status: { $ne: CaseStatus.CLOSED } }, { openedAt: { $gte: from, $lt: to } }] },
        ],
      },
      { fields: ['id', 'responsibleBranchId', 'status', 'openedAt'] },
    );
    const { concluded, reopened } = await this.concludedAndReopened(
      cases.filter((c) => c.openedAt >= from && c.openedAt < to).map((c) => c.id),
    );
    const rows = new Map<number, BacklogRow>();
    const row = (branchId: number) => {
      let r = rows.get(branchId);
      if (!r) rows.set(branchId, (r = { branchId, open: 0, ageing: [0, 0, 0, 0, 0], concluded: 0, reopened: 0 }));
      return r;
    };
    for (const c of cases) {
      const r = row(c.responsibleBranchId);
      if (c.status !== CaseStatus.CLOSED) {
        r.open += 1;
        const days = (now - c.openedAt.getTime()) / 86_400_000;
        r.ageing[BACKLOG_AGES.findIndex((limit) => days < limit)] += 1;
      }
      if (concluded.has(c.id)) r.concluded += 1;
      if (reopened.has(c.id)) r.reopened += 1;
    }
    return [...rows.values()].sort((a, b) => a.branchId - b.branchId);
  }

  /**
   * Month by month over [from, to) (Vietnamese calendar months, the first and last clipped to the
   * period): the cases opened, the open backlog at the month's end, and of the month's cases those
   * concluded and those reopened. One branch, or everything within reach.
   */
  async backlogTrend(scope: CaseScope, from: Date, to: Date, branchId?: number | null): Promise<BacklogMonth[]> {
    const now = this.now();
    const months = vietnamMonths(from, to);
    if (months.length > MAX_TREND_MONTHS) throw badInput(`Ask for at most ${MAX_TREND_MONTHS} months at once.`);
    const cases = await this.em.find(
      ComplaintCase,
      {
        $and: [
          ...scopeConditions(scope),
          ...(branchId ? [{ responsibleBranchId: branchId }] : []),
          { openedAt: { $lt: to } },
          { $or: [{ closedAt: null }, { closedAt: { $gte: from } }] },
        ],
      },
      { fields: ['id', 'openedAt', 'closedAt'] },
    );
    const { concluded, reopened } = await this.concludedAndReopened(
      cases.filter((c) => c.openedAt >= from).map((c) => c.id),
    );
    return months.map(({ month, from: start, to: end }) => {
      const at = end < now ? end : now;
      const opened = cases.filter((c) => c.openedAt >= start && c.openedAt < end);
      return {
        month,
        from: start,
        to: end,
        running: start <= now && now < end,
        opened: opened.length,
        openAtEnd: cases.filter((c) => c.openedAt < at && (!c.closedAt || c.closedAt >= at)).length,
        concluded: opened.filter((c) => concluded.has(c.id)).length,
        reopened: opened.filter((c) => reopened.has(c.id)).length,
      };
    });
  }

  /** Of these cases, those concluded at least once and those the enterprise reopened, from the trail. */
  private async concludedAndReopened(ids: number[]) {
    const steps = ids.length
      ? await this.em.execute<{ case_id: number; kind: StepKind }[]>(
          `select distinct case_id, kind from complaint_case_step where case_id = any(?::int[]) and kind in (?, ?)`,
          [`{${ids.join(',')}}`, StepKind.CONCLUDED, StepKind.REOPENED],
        )
      : [];
    const of = (kind: StepKind) => new Set(steps.filter((s) => s.kind === kind).map((s) => Number(s.case_id)));
    return { concluded: of(StepKind.CONCLUDED), reopened: of(StepKind.REOPENED) };
  }

  async byId(scope: CaseScope, id: number): Promise<ComplaintCase> {
    const found = await this.em.findOne(ComplaintCase, {
      $and: [{ id }, ...scopeConditions(scope)],
    });
    if (!found) throw notFound(`No case ${id} is visible to you.`);
    return found;
  }

  acknowledge(viewer: KnownViewer, scope: CaseScope, id: number, note?: string | null) {
    return this.step(viewer, scope, id, CaseStepAction.ACKNOWLEDGE, note);
  }

  /** Acknowledges several cases at once: all of them or, if one cannot be, none. */
  acknowledgeMany(viewer: KnownViewer, scope: CaseScope, ids: number[], note?: string | null) {
    return this.many(ids, (inner, id) => inner.acknowledge(viewer, scope, id, note));
  }

  startVerification(viewer: KnownViewer, scope: CaseScope, id: number, note?: string | null) {
    return this.step(viewer, scope, id, CaseStepAction.START_VERIFICATION, note);
  }

  conclude(viewer: KnownViewer, scope: CaseScope, id: number, finding: Finding, actions: CaseAction[], note: string) {
    if (finding !== Finding.NOT_SUBSTANTIATED && actions.length === 0) {
      const message =
        'A substantiated complaint needs at least one action (guidance, training, process change or discipline referral).';
      throw badInput(message, { invalid: [{ field: 'actions', problems: [message] }] });
    }
    const unique = [...new Set(actions)];
    return this.step(
      viewer,
      scope,
      id,
      CaseStepAction.CONCLUDE,
      note,
      async (c, at, em) => {
        c.finding = finding;
        c.actions = unique;
        c.concludedAt = at;
        c.concludedOnTime = concludedOnTime(c);
        // Inside the step's transaction: on embedded Postgres a query outside it would wait for its one connection.
        c.answerDueAt = await answerDeadline(em, this.settings, at);
      },
      { finding, actions: unique },
    );
  }

  /** A concluded finding is never overwritten in the trail: a correction is a new step with the new finding. */
  correctFinding(viewer: KnownViewer, scope: CaseScope, id: number, finding: Finding, note: string) {
    return this.step(
      viewer,
      scope,
      id,
      CaseStepAction.CORRECT_FINDING,
      note,
      async (c) => {
        c.finding = finding;
      },
      { finding },
    );
  }

  /** The answer is the step's text: a second answer after a reopening is a second step. */
  answer(viewer: KnownViewer, scope: CaseScope, id: number, answer: string) {
    return this.step(viewer, scope, id, CaseStepAction.ANSWER, answer, async (c, at, em) => {
      c.answer = answer;
      c.answeredAt = at;
      publishCaseEvent(em, c, 'case.answered', at, { key: 'case.answered', audiences: enterpriseOf(c) }, { answer });
    });
  }

  /**
   * A note on the case without moving it: INTERNAL for the case file, ENTERPRISE for a message
   * the enterprise reads on its form (e.g. asking for a document, saying when to expect the answer).
   */
  addNote(viewer: KnownViewer, scope: CaseScope, id: number, note: string, audience: StepAudience) {
    return this.step(viewer, scope, id, CaseStepAction.NOTE, note, undefined, { audience });
  }

  /** The enterprise accepts the answer (closing the case) or says it is not resolved (reopening it to the inspectors). */
  respond(viewer: KnownViewer, scope: CaseScope, id: number, resolved: boolean, note?: string | null) {
    return resolved
      ? this.step(viewer, scope, id, CaseStepAction.ACCEPT, note, async (c, at, em) => {
          c.closedAt = at;
          publishCaseEvent(em, c, 'case.closed', at, null, { by: 'ENTERPRISE' });
        })
      : this.step(viewer, scope, id, CaseStepAction.REOPEN, note, async (c, at, em) => {
          // The conclusion and answer stay on their steps; the case starts a new round.
          c.concludedAt = null;
          c.concludedOnTime = false;
          c.answerDueAt = null;
          publishCaseEvent(em, c, 'case.reopened', at, { key: 'case.reopened', audiences: inspectorsOf(c) });
          // A reopened case goes to the inspectors: an escalation step after the reopening, unless it is theirs already.
          return () => {
            if (!c.escalatedAt) this.escalateTo(em, c, at, 'system', 'Reopened by the enterprise.');
          };
        });
  }

  /** Hands the case to a person of its handling unit (null: back to the whole unit). */
  assign(viewer: KnownViewer, scope: CaseScope, id: number, accountId: number | null, note?: string | null) {
    return this.step(viewer, scope, id, CaseStepAction.ASSIGN, note, async (c, _at, em) => {
      if (accountId === null) {
        c.assigneeId = null;
        return;
      }
      const account = await em.findOne(Account, { id: accountId, disabledAt: null });
      if (!account || !handlesCaseUnit(account, c, handlingUnit(c))) {
        const message = 'Assign the case to a person of its handling unit.';
        throw badInput(message, { invalid: [{ field: 'accountId', problems: [message] }] });
      }
      c.assigneeId = account.id;
    });
  }

  /** Assigns several cases to one person: all of them or none. */
  assignMany(viewer: KnownViewer, scope: CaseScope, ids: number[], accountId: number | null, note?: string | null) {
    return this.many(ids, (inner, id) => inner.assign(viewer, scope, id, accountId, note));
  }

  /** The people a case may be assigned to: the active accounts of its handling unit. */
  async assignees(scope: CaseScope, id: number): Promise<Account[]> {
    const c = await this.byId(scope, id);
    const unit = handlingUnit(c);
    const candidates = await this.em.find(
      Account,
      unit === CaseHandler.BRANCH
        ? { role: Role.SUPERVISOR, branchId: c.responsibleBranchId, disabledAt: null }
        : { role: Role.INSPECTOR, departmentId: c.departmentId, disabledAt: null },
      { orderBy: { displayName: 'asc', id: 'asc' }, limit: 200 },
    );
    return candidates.filter((a) => handlesCaseUnit(a, c, unit));
  }

  /** Hands the case to another branch of the department — also one the routing rules had sent to the inspectors. */
  reassign(viewer: KnownViewer, scope: CaseScope, id: number, branchId: number, note: string) {
    return this.step(viewer, scope, id, CaseStepAction.REASSIGN, `to branch ${branchId}: ${note}`, async (c) => {
      const [branch] = await this.em.execute<{ department_id: number }[]>(
        'select department_id from branch where id = ?',
        [branchId],
      );
      if (!branch || Number(branch.department_id) !== c.departmentId)
        throw badInput('Reassign to a branch of the same department.', {
          invalid: [{ field: 'branchId', problems: ['Reassign to a branch of the same department.'] }],
        });
      c.responsibleBranchId = branchId;
      c.handler = CaseHandler.BRANCH;
      c.assigneeId = null;
    });
  }

  /** A handler hands an open case up to the department's inspectors before its deadline passes. */
  escalate(viewer: KnownViewer, scope: CaseScope, id: number, note: string) {
    return this.step(viewer, scope, id, CaseStepAction.ESCALATE, note, async (c, at, em) => {
      c.escalatedAt = at;
      c.assigneeId = null;
      publishCaseEvent(em, c, 'case.escalated', at, { key: 'case.escalated', audiences: inspectorsOf(c) });
    });
  }

  /**
   * The periodic job: escalates cases past a deadline to the department's inspectors (once, as
   * an ESCALATED step), and closes answered cases the enterprise did not react to in time.
   */
  async runJobs(): Promise<{ escalated: number; closed: number }> {
    const at = this.now();
    const overdue = await this.em.find(ComplaintCase, {
      $and: [overdueCondition(at), { escalatedAt: null }],
    });
    for (const c of overdue) {
      this.escalateTo(this.em, c, at, 'system', 'Deadline passed.');
      caseChanged(this.em, c.id, at);
      publishCaseEvent(this.em, c, 'case.escalated', at, { key: 'case.overdue', audiences: inspectorsOf(c) });
    }
    let closed = 0;
    for (const c of await this.em.find(ComplaintCase, { status: CaseStatus.ANSWERED })) {
      if ((await autoCloseDeadline(this.em, this.settings, c.answeredAt!)) <= at) {
        moveTo(c, CaseStatus.CLOSED);
        c.closedAt = at;
        this.em.create(CaseStep, {
          caseId: c.id,
          kind: StepKind.CLOSED,
          status: CaseStatus.CLOSED,
          actor: 'system',
          at,
          note: 'No reaction from the enterprise.',
          audience: StepAudience.INTERNAL,
        });
        caseChanged(this.em, c.id, at);
        publishCaseEvent(this.em, c, 'case.closed', at, null, { by: 'SYSTEM' });
        closed++;
      }
    }
    await this.em.flush();
    return { escalated: overdue.length, closed };
  }

  /** Every escalation, by the job, a reopening or by hand, is an ESCALATED step. */
  private escalateTo(em: EntityManager, c: ComplaintCase, at: Date, actor: string, note: string): void {
    c.escalatedAt = at;
    c.assigneeId = null;
    em.create(CaseStep, {
      caseId: c.id,
      kind: StepKind.ESCALATED,
      status: c.status,
      actor,
      at,
      note,
      audience: StepAudience.INTERNAL,
    });
  }

  private async many(
    ids: number[],
    one: (inner: CaseService, id: number) => Promise<ComplaintCase>,
  ): Promise<ComplaintCase[]> {
    const unique = [...new Set(ids)];
    if (unique.length < 1 || unique.length > MAX_PAGE_SIZE) {
      const message = `Choose 1 to ${MAX_PAGE_SIZE} cases.`;
      throw badInput(message, { invalid: [{ field: 'ids', problems: [message] }] });
    }
    // One transaction around every case's step: a refused one rolls all of them back.
    return this.em.transactional(async (tx) => {
      const inner = new CaseService(tx, this.now, this.settings);
      const done: ComplaintCase[] = [];
      for (const id of unique) done.push(await one(inner, id));
      return done;
    });
  }

  private async step(
    viewer: KnownViewer,
    scope: CaseScope,
    id: number,
    action: CaseStepAction,
    note: string | null | undefined,
    apply?: (c: ComplaintCase, at: Date, em: EntityManager) => Promise<void | (() => void)>,
    record: StepRecord = {},
  ): Promise<ComplaintCase> {
    const rule = STEPS[action];
    try {
      return await this.em.transactional(async (em) => {
        const c = await em.findOne(ComplaintCase, {
          $and: [{ id }, ...scopeConditions(scope)],
        });
        if (!c) throw notFound(`No case ${id} is yours to act on.`);
        if (viewer.scope.officerId !== null && c.ratedOfficerId === viewer.scope.officerId) {
          throw forbidden('This case is about you: it is handled by others.');
        }
        const refused = refusal(c, action);
        if (refused) throw conflict(refused, { status: c.status });
        const at = this.now();
        // What `apply` returns runs after this step is recorded (a step that follows from it).
        const then = await apply?.(c, at, em);
        moveTo(c, rule.to ?? c.status);
        em.create(CaseStep, {
          caseId: c.id,
          kind: rule.kind,
          status: c.status,
          actor: actorOf(viewer),
          at,
          note: note?.trim() || null,
          finding: record.finding ?? null,
          actions: record.actions ?? null,
          audience: rule.audience === 'CHOSEN' ? (record.audience ?? StepAudience.INTERNAL) : rule.audience,
        });
        then?.();
        caseChanged(em, c.id, at);
        await em.flush();
        return c;
      });
    } catch (error) {
      if (error instanceof OptimisticLockError)
        throw conflict(`Case ${id} was changed by someone else meanwhile; reload it.`);
      throw error;
    }
  }
}

/** Tells the analytics relay (in the same transaction) that a case's state changed. */
function caseChanged(em: EntityManager, caseId: number, at: Date): void {
  em.create(OutboxEvent, { topic: 'case.changed', aggregateId: String(caseId), payload: { caseId }, createdAt: at });
}

function scopeConditions(scope: CaseScope): FilterQuery<ComplaintCase>[] {
  const conditions: FilterQuery<ComplaintCase>[] = [];
  if (scope.enterpriseId !== null) conditions.push({ enterpriseId: scope.enterpriseId });
  if (scope.branchId !== null) conditions.push({ responsibleBranchId: scope.branchId });
  if (scope.branchHandledOnly) conditions.push({ handler: CaseHandler.BRANCH });
  if (scope.departmentId !== null) conditions.push({ departmentId: scope.departmentId });
  if (scope.officerId !== null)
    conditions.push({ $or: [{ ratedOfficerId: null }, { ratedOfficerId: { $ne: scope.officerId } }] });
  return conditions;
}

/**
 * Open cases whose next move is the viewer's (the lifecycle's `HANDLER_TURN` states), in the
 * viewer's handling unit (`handlingUnit`: a branch's managers until the case goes to the
 * inspectors), and assigned to the viewer or to nobody of the unit yet.
 */
function waitingOn(me: QueueViewer | null): FilterQuery<ComplaintCase> {
  if (!me || me.accountId === null) return { id: -1 };
  const mine: FilterQuery<ComplaintCase> = { $or: [{ assigneeId: null }, { assigneeId: me.accountId }] };
  const turn: FilterQuery<ComplaintCase> = { status: { $in: [...HANDLER_TURN] } };
  if (me.role === Role.SUPERVISOR)
    return {
      $and: [turn, mine, { handler: CaseHandler.BRANCH, escalatedAt: null, responsibleBranchId: me.branchId ?? -1 }],
    };
  if (me.role === Role.INSPECTOR || me.role === Role.ADMIN)
    return {
      $and: [
        turn,
        mine,
        { $or: [{ handler: CaseHandler.INSPECTORS }, { escalatedAt: { $ne: null } }] },
        ...(me.departmentId !== null ? [{ departmentId: me.departmentId }] : []),
      ],
    };
  return { id: -1 };
}

/**
 * One page ordered by the current deadline, most urgent first (overdue, then due today, …), and
 * cases with nothing due last; keyset on (dueAt, id) so pages stay stable.
 */
async function byDeadline(
  em: EntityManager,
  where: FilterQuery<ComplaintCase>,
  page: PageArgs,
): Promise<Page<ComplaintCase>> {
  const first = Math.min(page.first, MAX_PAGE_SIZE);
  const conditions: FilterQuery<ComplaintCase>[] = [where];
  if (page.after) {
    const afterId = decodeCursor(page.after);
    const last = await em.findOne(ComplaintCase, { id: afterId }, { fields: ['id', 'dueAt'] });
    if (last?.dueAt)
      conditions.push({
        $or: [{ dueAt: { $gt: last.dueAt } }, { dueAt: last.dueAt, id: { $gt: afterId } }, { dueAt: null }],
      });
    else conditions.push({ dueAt: null, id: { $gt: afterId } });
  }
  const rows = await em.find(
    ComplaintCase,
    { $and: conditions },
    { orderBy: [{ dueAt: 'asc nulls last' }, { id: 'asc' }], limit: first + 1 },
  );
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    count: () => em.count(ComplaintCase, where),
  };
}
