/**
 * Changes to the org chart by administrators: departments, branches, teams, professional stages,
 * officers and rating reasons. Each call is one transaction with its audit entry. Nothing is ever
 * deleted (declarations, ratings and cases point at these rows): entries are deactivated, and an
 * officer's move closes the current team assignment and opens a new one, so a rating stays with
 * the team the officer was in when they handled the declaration.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Reason } from '../assessments/reason.entity.js';
import { recordAudit, type Actor } from '../audit/audit-log.js';
import { Account } from '../auth/account.entity.js';
import { Branch } from '../catalog/branch.entity.js';
import { Department } from '../catalog/department.entity.js';
import { OfficerAssignment } from '../catalog/officer-assignment.entity.js';
import { Officer } from '../catalog/officer.entity.js';
import { Stage } from '../catalog/stage.entity.js';
import { Team } from '../catalog/team.entity.js';
import { badInput, conflict, notFound } from '../errors.js';
import { vietnamDate } from '../time.js';
import { dayBefore, Problems } from './org-chart.rules.js';

export enum OrgChartKind {
  DEPARTMENT = 'DEPARTMENT',
  BRANCH = 'BRANCH',
  TEAM = 'TEAM',
  STAGE = 'STAGE',
  OFFICER = 'OFFICER',
  REASON = 'REASON',
}

export interface UnitData {
  code: string;
  name: string;
}
export interface StageData {
  code: string;
  nameVi: string;
  nameEn: string;
  sortOrder: number;
}
export interface ReasonData extends StageData {
  minLevel: number;
  maxLevel: number;
}
export interface OfficerData {
  code: string;
  fullName: string;
}

type Coded = typeof Department | typeof Branch | typeof Team | typeof Stage | typeof Officer | typeof Reason;

export class OrgChartService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  createDepartment(actor: Actor, input: UnitData): Promise<Department> {
    return this.em.transactional(async (em) => {
      const data = await checkUnit(em, Department, input, null);
      const department = em.create(Department, data);
      await em.flush();
      recordAudit(em, actor, 'department.create', { kind: 'department', id: department.id }, { ...data }, this.clock());
      return department;
    });
  }

  updateDepartment(actor: Actor, id: number, input: UnitData): Promise<Department> {
    return this.em.transactional(async (em) => {
      const department = await find(em, Department, id, 'department');
      const data = await checkUnit(em, Department, input, id);
      recordAudit(em, actor, 'department.update', { kind: 'department', id }, changes(department, data), this.clock());
      return em.assign(department, data);
    });
  }

  createBranch(actor: Actor, input: UnitData & { departmentId: number }): Promise<Branch> {
    return this.em.transactional(async (em) => {
      const problems = new Problems();
      const department = await activeParent(em, Department, input.departmentId, 'departmentId', problems);
      const data = await checkUnit(em, Branch, input, null, problems);
      const branch = em.create(Branch, { ...data, department: department! });
      await em.flush();
      recordAudit(
        em,
        actor,
        'branch.create',
        { kind: 'branch', id: branch.id },
        { ...data, department: department!.code },
        this.clock(),
      );
      return branch;
    });
  }

  updateBranch(actor: Actor, id: number, input: UnitData): Promise<Branch> {
    return this.em.transactional(async (em) => {
      const branch = await find(em, Branch, id, 'branch');
      const data = await checkUnit(em, Branch, input, id);
      recordAudit(em, actor, 'branch.update', { kind: 'branch', id }, changes(branch, data), this.clock());
      return em.assign(branch, data);
    });
  }

  createTeam(actor: Actor, input: UnitData & { branchId: number }): Promise<Team> {
    return this.em.transactional(async (em) => {
      const problems = new Problems();
      const branch = await activeParent(em, Branch, input.branchId, 'branchId', problems);
      const data = await checkUnit(em, Team, input, null, problems);
      const team = em.create(Team, { ...data, branch: branch! });
      await em.flush();
      recordAudit(
        em,
        actor,
        'team.create',
        { kind: 'team', id: team.id },
        { ...data, branch: branch!.code },
        this.clock(),
      );
      return team;
    });
  }

  updateTeam(actor: Actor, id: number, input: UnitData): Promise<Team> {
    return this.em.transactional(async (em) => {
      const team = await find(em, Team, id, 'team');
      const data = await checkUnit(em, Team, input, id);
      recordAudit(em, actor, 'team.update', { kind: 'team', id }, changes(team, data), this.clock());
      return em.assign(team, data);
    });
  }

  createStage(actor: Actor, input: StageData): Promise<Stage> {
    return this.em.transactional(async (em) => {
      const data = await checkStage(em, Stage, input, null);
      const stage = em.create(Stage, data);
      await em.flush();
      recordAudit(em, actor, 'stage.create', { kind: 'stage', id: stage.id }, { ...data }, this.clock());
      return stage;
    });
  }

  updateStage(actor: Actor, id: number, input: StageData): Promise<Stage> {
    return this.em.transactional(async (em) => {
      const stage = await find(em, Stage, id, 'stage');
      const data = await checkStage(em, Stage, input, id);
      recordAudit(em, actor, 'stage.update', { kind: 'stage', id }, changes(stage, data), this.clock());
      return em.assign(stage, data);
    });
  }

  createReason(actor: Actor, input: ReasonData): Promise<Reason> {
    return this.em.transactional(async (em) => {
      const data = await checkReason(em, input, null);
      const reason = em.create(Reason, { ...data, active: true });
      await em.flush();
      recordAudit(em, actor, 'reason.create', { kind: 'reason', id: reason.id }, { ...data }, this.clock());
      return reason;
    });
  }

  updateReason(actor: Actor, id: number, input: ReasonData): Promise<Reason> {
    return this.em.transactional(async (em) => {
      const reason = await find(em, Reason, id, 'reason');
      const data = await checkReason(em, input, reason);
      recordAudit(em, actor, 'reason.update', { kind: 'reason', id }, changes(reason, data), this.clock());
      return em.assign(reason, data);
    });
  }

  createOfficer(actor: Actor, input: OfficerData & { teamId: number; validFrom?: string | null }): Promise<Officer> {
    return this.em.transactional(async (em) => {
      const problems = new Problems();
      const team = await activeParent(em, Team, input.teamId, 'teamId', problems);
      const validFrom = input.validFrom ? problems.day('validFrom', input.validFrom) : vietnamDate(this.clock());
      const data = await checkOfficer(em, input, null, problems);
      const officer = em.create(Officer, data);
      em.create(OfficerAssignment, { officer, team: team!, validFrom, validTo: null });
      await em.flush();
      recordAudit(
        em,
        actor,
        'officer.create',
        { kind: 'officer', id: officer.id },
        { ...data, team: team!.code, validFrom },
        this.clock(),
      );
      return officer;
    });
  }

  updateOfficer(actor: Actor, id: number, input: OfficerData): Promise<Officer> {
    return this.em.transactional(async (em) => {
      const officer = await find(em, Officer, id, 'officer');
      const data = await checkOfficer(em, input, id);
      recordAudit(em, actor, 'officer.update', { kind: 'officer', id }, changes(officer, data), this.clock());
      return em.assign(officer, data);
    });
  }

  /** Moves an officer to another team from `validFrom` (default today); the history keeps the old team. */
  moveOfficer(actor: Actor, id: number, input: { teamId: number; validFrom?: string | null }): Promise<Officer> {
    return this.em.transactional(async (em) => {
      const officer = await find(em, Officer, id, 'officer');
      const problems = new Problems();
      const team = await activeParent(em, Team, input.teamId, 'teamId', problems);
      const validFrom = input.validFrom ? problems.day('validFrom', input.validFrom) : vietnamDate(this.clock());
      problems.throwIfAny('The officer was not moved');
      const moved = await placeOfficer(em, officer, team!, validFrom);
      if (typeof moved === 'string')
        throw badInput(`The officer was not moved: ${moved}.`, {
          invalid: [{ field: 'validFrom', problems: [moved] }],
        });
      if (moved) recordAudit(em, actor, 'officer.move', { kind: 'officer', id }, { ...moved, validFrom }, this.clock());
      return officer;
    });
  }

  /** Deactivates (or reactivates) an entry. A unit still holding active members cannot be deactivated. */
  setActive(actor: Actor, kind: OrgChartKind, id: number, active: boolean): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const now = this.clock();
      const label = kind.toLowerCase();
      if (kind === OrgChartKind.REASON) {
        const reason = await find(em, Reason, id, label);
        if (reason.active === active) return true;
        reason.active = active;
      } else {
        const entity = ENTITY_OF[kind];
        const row = (await find(em, entity as new () => object, id, label)) as { deactivatedAt?: Date | null };
        if (!row.deactivatedAt === active) return true;
        if (!active) await refuseIfStillInUse(em, kind, id);
        row.deactivatedAt = active ? null : now;
        if (kind === OrgChartKind.OFFICER && !active) {
          // An officer who leaves leaves their team that day; the history stays.
          await em.nativeUpdate(OfficerAssignment, { officer: id, validTo: null }, { validTo: vietnamDate(now) });
        }
      }
      recordAudit(em, actor, `${label}.${active ? 'reactivate' : 'deactivate'}`, { kind: label, id }, {}, now);
      return true;
    });
  }
}

const ENTITY_OF: Record<Exclude<OrgChartKind, OrgChartKind.REASON>, Coded> = {
  DEPARTMENT: Department,
  BRANCH: Branch,
  TEAM: Team,
  STAGE: Stage,
  OFFICER: Officer,
};

async function refuseIfStillInUse(em: EntityManager, kind: OrgChartKind, id: number): Promise<void> {
  const active = async (sql: string) => Number((await em.execute<{ n: string }[]>(sql, [id]))[0].n);
  let n = 0;
  let what = '';
  if (kind === OrgChartKind.DEPARTMENT) {
    n = await active('select count(*) as n from branch where department_id = ? and deactivated_at is null');
    what = 'active branches';
  } else if (kind === OrgChartKind.BRANCH) {
    n = await active('select count(*) as n from team where branch_id = ? and deactivated_at is null');
    what = 'active teams';
  } else if (kind === OrgChartKind.TEAM) {
    n = await active('select count(*) as n from officer_assignment where team_id = ? and valid_to is null');
    what = 'officers in it today (move them first)';
  }
  if (n > 0) throw conflict(`It still has ${n} ${what}.`, { reason: 'STILL_IN_USE' });
}

/**
 * Puts an officer in `team` from `validFrom`: nothing when already there; otherwise the current
 * assignment ends the day before and a new one begins, and an officer account follows to the new
 * branch. Returns what changed, null for nothing, or a problem (a string).
 */
export async function placeOfficer(
  em: EntityManager,
  officer: Officer,
  team: Team,
  validFrom: string,
): Promise<{ fromTeam: string | null; toTeam: string } | null | string> {
  const current = await em.findOne(OfficerAssignment, { officer, validTo: null }, { populate: ['team'] });
  if (current && current.team.id === team.id) return null;
  if (current && validFrom <= current.validFrom)
    return `validFrom ${validFrom} must be after the current assignment began (${current.validFrom})`;
  const last = await em.findOne(OfficerAssignment, { officer }, { orderBy: { validFrom: 'desc' } });
  if (!current && last?.validTo && validFrom <= last.validTo)
    return `validFrom ${validFrom} must be after the last assignment ended (${last.validTo})`;
  if (current) current.validTo = dayBefore(validFrom);
  em.create(OfficerAssignment, { officer, team, validFrom, validTo: null });
  await em.nativeUpdate(Account, { officerId: officer.id }, { branchId: team.branch.id });
  return { fromTeam: current?.team.code ?? null, toTeam: team.code };
}

async function find<T extends object>(em: EntityManager, entity: new () => T, id: number, label: string): Promise<T> {
  const row = await em.findOne(entity, { id });
  if (!row) throw notFound(`No ${label} has id ${id}.`);
  return row as T;
}

async function activeParent<T extends { id: number; code: string; deactivatedAt?: Date | null }>(
  em: EntityManager,
  entity: new () => T,
  id: number,
  field: string,
  problems: Problems,
): Promise<T | null> {
  const row = (await em.findOne(entity, { id })) as T | null;
  if (!row) problems.add(field, `no ${entity.name.toLowerCase()} has id ${id}`);
  else if (row.deactivatedAt) problems.add(field, `${entity.name.toLowerCase()} ${row.code} is deactivated`);
  return row;
}

async function codeTaken(em: EntityManager, entity: Coded, code: string, exceptId: number | null): Promise<boolean> {
  const row: { id: number } | null = await em.findOne(entity as typeof Department, { code });
  return row !== null && row.id !== exceptId;
}

async function checkUnit(
  em: EntityManager,
  entity: Coded,
  input: UnitData,
  id: number | null,
  problems = new Problems(),
): Promise<UnitData> {
  const data = { code: problems.code('code', input.code), name: problems.name('name', input.name) };
  if (data.code && (await codeTaken(em, entity, data.code, id))) problems.add('code', `${data.code} is already used`);
  problems.throwIfAny(`The ${entity.name.toLowerCase()} was not saved`);
  return data;
}

async function checkStage(
  em: EntityManager,
  entity: Coded,
  input: StageData,
  id: number | null,
  problems = new Problems(),
) {
  const data = {
    code: problems.code('code', input.code),
    nameVi: problems.name('nameVi', input.nameVi),
    nameEn: problems.name('nameEn', input.nameEn),
    sortOrder: problems.int('sortOrder', input.sortOrder, 0, 10_000),
  };
  if (data.code && (await codeTaken(em, entity, data.code, id))) problems.add('code', `${data.code} is already used`);
  problems.throwIfAny(`The ${entity.name.toLowerCase()} was not saved`);
  return data;
}

async function checkReason(em: EntityManager, input: ReasonData, existing: Reason | null) {
  const problems = new Problems();
  const minLevel = problems.int('minLevel', input.minLevel, 1, 5);
  const maxLevel = problems.int('maxLevel', input.maxLevel, 1, 5);
  if (maxLevel < minLevel) problems.add('maxLevel', 'must not be below minLevel');
  // Sent forms keep reason codes as text: renaming a code would orphan them.
  if (existing && input.code !== existing.code) problems.add('code', 'cannot change once given (sent forms use it)');
  const data = await checkStage(em, Reason, input, existing?.id ?? null, problems);
  return { ...data, minLevel, maxLevel };
}

async function checkOfficer(em: EntityManager, input: OfficerData, id: number | null, problems = new Problems()) {
  const data = { code: problems.code('code', input.code), fullName: problems.name('fullName', input.fullName) };
  if (data.code && (await codeTaken(em, Officer, data.code, id))) problems.add('code', `${data.code} is already used`);
  problems.throwIfAny('The officer was not saved');
  return data;
}

/** The fields that change, old and new, for the audit log. */
function changes(row: object, data: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const old = (row as Record<string, unknown>)[key];
    if (old !== value) out[key] = { from: old, to: value };
  }
  return out;
}
