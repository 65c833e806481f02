/**
 * The workflow of a complaint case. Every step is one transaction that checks the step is
 * allowed from the current status, moves the case, and appends to its audit trail; a concurrent
 * step on the same case loses with a CONFLICT (optimistic version) and changes nothing.
 */
import { OptimisticLockError, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CaseScope } from '../auth/permissions.js';
import { actorOf, type KnownViewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import { badInput, conflict, forbidden, notFound } from '../errors.js';
import { paginate, type PageArgs } from '../graphql/connection.js';
import { CaseStep } from './case-step.entity.js';
import { ComplaintCase } from './case.entity.js';
import { CaseAction, CaseHandler, CaseStatus, Finding, StepAudience, StepKind } from './case.enums.js';
import type { SubjectKind } from '../assessments/assessment.enums.js';
import { answerDeadline, autoCloseDeadline } from './deadlines.js';
import { Role } from '../auth/roles.js';
import { notify } from '../notifications/notify.js';
import { OutboxEvent } from '../outbox/outbox-event.entity.js';

const OPEN_STATES = [
  CaseStatus.OPEN,
  CaseStatus.ACKNOWLEDGED,
  CaseStatus.VERIFYING,
  CaseStatus.CONCLUDED,
  CaseStatus.ANSWERED,
];

export interface CaseFilter {
  status?: CaseStatus | null;
  overdue?: boolean | null;
  branchId?: number | null;
  level?: number | null;
  subjectKind?: SubjectKind | null;
  handler?: CaseHandler | null;
  /** Cases waiting on the viewer's own unit (see `assignedToViewer`). */
  assignedToMe?: boolean | null;
}

export class CaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly settings: Config['cases'],
  ) {}

  list(scope: CaseScope, filter: CaseFilter, page: PageArgs) {
    const where: FilterQuery<ComplaintCase>[] = scopeConditions(scope);
    if (filter.status) where.push({ status: filter.status });
    if (filter.branchId) where.push({ responsibleBranchId: filter.branchId });
    if (filter.overdue) where.push(overdueCondition(this.now()));
    if (filter.level) where.push({ level: filter.level });
    if (filter.subjectKind) where.push({ subjectKind: filter.subjectKind });
    if (filter.handler) where.push({ handler: filter.handler });
    if (filter.assignedToMe) where.push(assignedToViewer(scope));
    return paginate(this.em, ComplaintCase, { $and: where }, page, 'desc');
  }

  async byId(scope: CaseScope, id: number): Promise<ComplaintCase> {
    const found = await this.em.findOne(ComplaintCase, {
      $and: [{ id }, ...scopeConditions(scope)],
    });
    if (!found) throw notFound(`No case ${id} is visible to you.`);
    return found;
  }

  acknowledge(viewer: KnownViewer, scope: CaseScope, id: number, note?: string | null) {
    return this.step(viewer, scope, id, StepKind.ACKNOWLEDGED, [CaseStatus.OPEN], CaseStatus.ACKNOWLEDGED, note);
  }

  startVerification(viewer: KnownViewer, scope: CaseScope, id: number, note?: string | null) {
    return this.step(
      viewer,
      scope,
      id,
      StepKind.VERIFICATION_STARTED,
      [CaseStatus.ACKNOWLEDGED],
      CaseStatus.VERIFYING,
      note,
    );
  }

  conclude(viewer: KnownViewer, scope: CaseScope, id: number, finding: Finding, actions: CaseAction[], note: string) {
    if (finding !== Finding.NOT_SUBSTANTIATED && actions.length === 0) {
      const message =
        'A substantiated complaint needs at least one action (guidance, training, process change or discipline referral).';
      throw badInput(message, { invalid: [{ field: 'actions', problems: [message] }] });
    }
    return this.step(
      viewer,
      scope,
      id,
      StepKind.CONCLUDED,
      [CaseStatus.VERIFYING],
      CaseStatus.CONCLUDED,
      note,
      async (c, at, em) => {
        c.finding = finding;
        c.actions = [...new Set(actions)];
        c.concludedAt = at;
        // Inside the step's transaction: on embedded Postgres a query outside it would wait for its one connection.
        c.answerDueAt = await answerDeadline(em, this.settings, at);
      },
    );
  }

  /** A concluded finding is never overwritten in the trail: a correction is a new step. */
  correctFinding(viewer: KnownViewer, scope: CaseScope, id: number, finding: Finding, note: string) {
    return this.step(
      viewer,
      scope,
      id,
      StepKind.CORRECTED,
      [CaseStatus.CONCLUDED, CaseStatus.ANSWERED],
      null,
      `${finding}: ${note}`,
      async (c) => {
        c.finding = finding;
      },
    );
  }

  answer(viewer: KnownViewer, scope: CaseScope, id: number, answer: string) {
    return this.step(
      viewer,
      scope,
      id,
      StepKind.ANSWERED,
      [CaseStatus.CONCLUDED],
      CaseStatus.ANSWERED,
      answer,
      async (c, at, em) => {
        c.answer = answer;
        c.answeredAt = at;
        await notify(em, {
          topic: 'case.answered',
          message: `Hải quan đã trả lời phản ánh của doanh nghiệp (hồ sơ số ${c.id}).`,
          caseId: c.id,
          at,
          audiences: [{ role: Role.ENTERPRISE, scopeId: c.enterpriseId }],
        });
      },
      StepAudience.ENTERPRISE,
    );
  }

  /**
   * A note on the case without moving it: INTERNAL for the case file, ENTERPRISE for a message
   * the enterprise reads on its form (e.g. asking for a document, saying when to expect the answer).
   */
  addNote(viewer: KnownViewer, scope: CaseScope, id: number, note: string, audience: StepAudience) {
    return this.step(viewer, scope, id, StepKind.NOTE, OPEN_STATES, null, note, undefined, audience);
  }

  /** The enterprise accepts the answer (closing the case) or says it is not resolved (reopening it to the inspectors). */
  respond(viewer: KnownViewer, scope: CaseScope, id: number, resolved: boolean, note?: string | null) {
    return resolved
      ? this.step(
          viewer,
          scope,
          id,
          StepKind.ENTERPRISE_ACKNOWLEDGED,
          [CaseStatus.ANSWERED],
          CaseStatus.CLOSED,
          note,
          async (c, at) => {
            c.closedAt = at;
          },
          StepAudience.ENTERPRISE,
        )
      : this.step(
          viewer,
          scope,
          id,
          StepKind.REOPENED,
          [CaseStatus.ANSWERED],
          CaseStatus.VERIFYING,
          note,
          async (c, at, em) => {
            // Back to verification, now under the department's inspectors.
            c.escalatedAt = at;
            c.concludedAt = null;
            c.answerDueAt = null;
            await notify(em, {
              topic: 'case.reopened',
              message: `Doanh nghiệp chưa đồng ý với kết quả xử lý (hồ sơ số ${c.id}).`,
              caseId: c.id,
              at,
              audiences: [{ role: Role.INSPECTOR, scopeId: c.departmentId }],
            });
          },
          StepAudience.ENTERPRISE,
        );
  }

  /** Hands the case to another branch of the department — also one the routing rules had sent to the inspectors. */
  reassign(viewer: KnownViewer, scope: CaseScope, id: number, branchId: number, note: string) {
    return this.step(
      viewer,
      scope,
      id,
      StepKind.REASSIGNED,
      OPEN_STATES,
      null,
      `to branch ${branchId}: ${note}`,
      async (c, _at, em) => {
        const [branch] = await em.execute<{ department_id: number }[]>(
          'select department_id from branch where id = ?',
          [branchId],
        );
        if (!branch || Number(branch.department_id) !== c.departmentId)
          throw badInput('Reassign to a branch of the same department.', {
            invalid: [{ field: 'branchId', problems: ['Reassign to a branch of the same department.'] }],
          });
        c.responsibleBranchId = branchId;
        c.handler = CaseHandler.BRANCH;
      },
    );
  }

  /** A handler hands an open case up to the department's inspectors before its deadline passes. */
  escalate(viewer: KnownViewer, scope: CaseScope, id: number, note: string) {
    return this.step(
      viewer,
      scope,
      id,
      StepKind.ESCALATED,
      OPEN_STATES.filter((s) => s !== CaseStatus.ANSWERED),
      null,
      note,
      async (c, at, em) => {
        if (c.escalatedAt) throw conflict(`Case ${id} is already with the inspectors.`, { status: c.status });
        c.escalatedAt = at;
        await notify(em, {
          topic: 'case.escalated',
          message: `Hồ sơ phản ánh số ${c.id} được chuyển lên Thanh tra.`,
          caseId: c.id,
          at,
          audiences: [{ role: Role.INSPECTOR, scopeId: c.departmentId }],
        });
      },
    );
  }

  /**
   * The periodic job: escalates cases past a deadline to the department's inspectors (once), and
   * closes answered cases the enterprise did not react to within the auto-close period.
   */
  async runJobs(): Promise<{ escalated: number; closed: number }> {
    const at = this.now();
    const overdue = await this.em.find(ComplaintCase, {
      $and: [overdueCondition(at), { escalatedAt: null }],
    });
    for (const c of overdue) {
      c.escalatedAt = at;
      this.em.create(CaseStep, {
        caseId: c.id,
        kind: StepKind.ESCALATED,
        status: c.status,
        actor: 'system',
        at,
        note: 'Deadline passed.',
        audience: StepAudience.INTERNAL,
      });
      caseChanged(this.em, c.id, at);
      await notify(this.em, {
        topic: 'case.escalated',
        message: `Hồ sơ phản ánh số ${c.id} đã quá hạn và được chuyển lên Thanh tra.`,
        caseId: c.id,
        at,
        audiences: [{ role: Role.INSPECTOR, scopeId: c.departmentId }],
      });
    }
    let closed = 0;
    for (const c of await this.em.find(ComplaintCase, { status: CaseStatus.ANSWERED })) {
      if ((await autoCloseDeadline(this.em, this.settings, c.answeredAt!)) <= at) {
        c.status = CaseStatus.CLOSED;
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
        closed++;
      }
    }
    await this.em.flush();
    return { escalated: overdue.length, closed };
  }

  private async step(
    viewer: KnownViewer,
    scope: CaseScope,
    id: number,
    kind: StepKind,
    from: CaseStatus[],
    to: CaseStatus | null,
    note: string | null | undefined,
    apply?: (c: ComplaintCase, at: Date, em: EntityManager) => Promise<void>,
    audience: StepAudience = StepAudience.INTERNAL,
  ): Promise<ComplaintCase> {
    try {
      return await this.em.transactional(async (tx) => {
        const em = tx;
        const c = await em.findOne(ComplaintCase, {
          $and: [{ id }, ...scopeConditions(scope)],
        });
        if (!c) throw notFound(`No case ${id} is yours to act on.`);
        if (viewer.scope.officerId !== null && c.ratedOfficerId === viewer.scope.officerId) {
          throw forbidden('This case is about you: it is handled by others.');
        }
        if (!from.includes(c.status)) {
          throw conflict(`Case ${id} is ${c.status}; this step needs it to be ${from.join(' or ')}.`, {
            status: c.status,
          });
        }
        const at = this.now();
        await apply?.(c, at, em);
        if (to) c.status = to;
        em.create(CaseStep, {
          caseId: c.id,
          kind,
          status: c.status,
          actor: actorOf(viewer),
          at,
          note: note?.trim() || null,
          audience,
        });
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
 * Cases waiting on the viewer's own unit: for a branch's managers every case of the branch; for
 * the department's inspectors (and administrators) those routed to them or escalated to them.
 */
function assignedToViewer(scope: CaseScope): FilterQuery<ComplaintCase> {
  if (scope.branchId !== null) return { handler: CaseHandler.BRANCH };
  return { $or: [{ handler: CaseHandler.INSPECTORS }, { escalatedAt: { $ne: null } }] };
}

/** Past the deadline of its current step. */
function overdueCondition(at: Date): FilterQuery<ComplaintCase> {
  return {
    $or: [
      { status: CaseStatus.OPEN, acknowledgeDueAt: { $lt: at } },
      { status: { $in: [CaseStatus.ACKNOWLEDGED, CaseStatus.VERIFYING] }, concludeDueAt: { $lt: at } },
      { status: CaseStatus.CONCLUDED, answerDueAt: { $lt: at } },
    ],
  };
}
