/**
 * Administration of case routing rules. A rule is checked as a whole before it is stored (every
 * problem named per field), and each change is one transaction, so the send path — which reads
 * the rules in the same statement that opens the cases — only ever sees complete rules.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { KnownViewer } from '../auth/viewer.js';
import { actorOf } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit-log.js';
import { badInput, notFound } from '../errors.js';
import type { SubjectKind } from '../assessments/assessment.enums.js';
import { CaseHandler } from './case.enums.js';
import { CaseRoutingRule } from './routing-rule.entity.js';

export interface RoutingRuleData {
  priority: number;
  subjectKind: SubjectKind | null;
  departmentId: number | null;
  branchId: number | null;
  stageId: number | null;
  target: CaseHandler;
  targetBranchId: number | null;
  active: boolean;
  note: string | null;
}

export class RoutingService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  list(): Promise<CaseRoutingRule[]> {
    return this.em.find(CaseRoutingRule, {}, { orderBy: { priority: 'asc', id: 'asc' } });
  }

  create(viewer: KnownViewer, data: RoutingRuleData): Promise<CaseRoutingRule> {
    return this.em.transactional(async (tx) => {
      const em = tx;
      await checkRule(em, data);
      const rule = em.create(CaseRoutingRule, { ...data, updatedBy: actorOf(viewer), updatedAt: this.now() });
      await em.flush();
      recordAudit(em, viewer, 'routingRule.create', { kind: 'routingRule', id: rule.id }, { ...data }, this.now());
      return rule;
    });
  }

  update(viewer: KnownViewer, id: number, data: RoutingRuleData): Promise<CaseRoutingRule> {
    return this.em.transactional(async (tx) => {
      const em = tx;
      const rule = await em.findOne(CaseRoutingRule, { id });
      if (!rule) throw notFound(`No routing rule ${id}.`);
      await checkRule(em, data);
      em.assign(rule, { ...data, updatedBy: actorOf(viewer), updatedAt: this.now() });
      recordAudit(em, viewer, 'routingRule.update', { kind: 'routingRule', id }, { ...data }, this.now());
      await em.flush();
      return rule;
    });
  }

  /** Cases already opened keep the handler they got; only new cases are affected. */
  remove(viewer: KnownViewer, id: number): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const removed = await em.nativeDelete(CaseRoutingRule, { id });
      if (removed === 0) throw notFound(`No routing rule ${id}.`);
      recordAudit(em, viewer, 'routingRule.delete', { kind: 'routingRule', id }, {}, this.now());
      return true;
    });
  }
}

/**
 * A rule must name units that exist, and may send cases to a branch only within one department
 * (a case stays in the department of the rated subject: its inspectors oversee it), so a
 * branch-targeted rule is confined to that department by its branch or department condition.
 */
async function checkRule(em: EntityManager, data: RoutingRuleData): Promise<void> {
  const problems: { field: string; problems: string[] }[] = [];
  const add = (field: string, message: string) => problems.push({ field, problems: [message] });
  if (!Number.isInteger(data.priority) || data.priority < 0 || data.priority > 10_000)
    add('priority', 'priority must be a whole number from 0 to 10000.');
  if (data.note && data.note.length > 500) add('note', 'note must be at most 500 characters.');

  const [found] = await em.execute<
    { branch_dept: number | null; dept: number | null; stage: number | null; target_dept: number | null }[]
  >(
    `select (select department_id from branch where id = ?) as branch_dept,
            (select id from department where id = ?) as dept,
            (select id from stage where id = ?) as stage,
            (select department_id from branch where id = ?) as target_dept`,
    [data.branchId ?? 0, data.departmentId ?? 0, data.stageId ?? 0, data.targetBranchId ?? 0],
  );
  const branchDept = found.branch_dept === null ? null : Number(found.branch_dept);
  const targetDept = found.target_dept === null ? null : Number(found.target_dept);
  if (data.branchId !== null && branchDept === null) add('branchId', `No branch ${data.branchId}.`);
  if (data.departmentId !== null && found.dept === null) add('departmentId', `No department ${data.departmentId}.`);
  if (data.stageId !== null && found.stage === null) add('stageId', `No stage ${data.stageId}.`);
  if (data.branchId !== null && data.departmentId !== null && branchDept !== null && branchDept !== data.departmentId) {
    add('branchId', `Branch ${data.branchId} is not in department ${data.departmentId}.`);
  }

  if (data.target === CaseHandler.INSPECTORS && data.targetBranchId !== null) {
    add('targetBranchId', 'A rule sending cases to the inspectors names no target branch.');
  }
  if (data.target === CaseHandler.BRANCH) {
    const ruleDept = data.departmentId ?? branchDept;
    if (data.targetBranchId === null) add('targetBranchId', 'Name the branch that handles the matching cases.');
    else if (targetDept === null) add('targetBranchId', `No branch ${data.targetBranchId}.`);
    else if (data.departmentId === null && data.branchId === null) {
      add(
        'targetBranchId',
        "A rule sending cases to a branch must be limited to that branch's department (set departmentId or branchId).",
      );
    } else if (ruleDept !== null && ruleDept !== targetDept) {
      add('targetBranchId', `Branch ${data.targetBranchId} is in another department than the cases this rule matches.`);
    }
  }
  if (problems.length > 0)
    throw badInput(`The routing rule was not saved: ${problems.map((p) => p.problems[0]).join(' ')}`, {
      invalid: problems,
    });
}
