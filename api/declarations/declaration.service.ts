/**
 * Declarations: recording what the customs system sends (one transaction per declaration, all or
 * nothing) and listing them within the viewer's scope.
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, badInput, notFound } from '../errors.js';
import { paginate, type PageArgs } from '../graphql/connection.js';
import { Branch } from '../catalog/branch.entity.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { Officer } from '../catalog/officer.entity.js';
import { Stage } from '../catalog/stage.entity.js';
import { Team } from '../catalog/team.entity.js';
import type { RowScope } from '../auth/permissions.js';
import type { DeclarationFilter } from './declaration.args.js';
import { Declaration } from './declaration.entity.js';
import { followDeclaration, type FactSources } from '../assessments/follow-declaration.js';
import { type Channel, DeclarationStatus } from './declaration.enums.js';
import { HandlingRecord } from './handling-record.entity.js';
import type { RecordDeclarationInput } from './record-declaration.input.js';

export interface Problem {
  field: string;
  problems: string[];
}

const RELEASED_STATES = new Set([DeclarationStatus.RELEASED, DeclarationStatus.CLEARED]);

export class DeclarationService {
  constructor(private readonly em: EntityManager) {}

  list(scope: RowScope, filter: DeclarationFilter = {}, page: PageArgs) {
    const where: Record<string, unknown> = {};
    if (filter.number) where.number = filter.number;
    // Digits only (the argument's check), so no LIKE wildcard can come from the user.
    else if (filter.numberContains) where.number = { $like: `%${filter.numberContains}%` };
    if (filter.enterpriseId) where.enterprise = filter.enterpriseId;
    if (filter.taxCode) where.enterprise = { taxCode: filter.taxCode };
    if (filter.branchId) where.branch = filter.branchId;
    if (filter.channel) where.channel = filter.channel;
    if (filter.direction) where.direction = filter.direction;
    if (filter.status) where.status = filter.status;
    if (filter.registeredFrom || filter.registeredTo) {
      where.registeredAt = {
        ...(filter.registeredFrom ? { $gte: filter.registeredFrom } : {}),
        ...(filter.registeredTo ? { $lt: filter.registeredTo } : {}),
      };
    }
    // The viewer's scope and the filter must both hold.
    const and = [where, ...scopeConditions(scope)] as FilterQuery<Declaration>[];
    return paginate(this.em, Declaration, { $and: and }, page, 'desc');
  }

  async byNumber(scope: RowScope, number: string): Promise<Declaration> {
    const found = await this.em.findOne(Declaration, {
      $and: [{ number }, ...scopeConditions(scope)],
    });
    if (!found) throw notFound(`No declaration numbered ${number} is visible to you.`);
    return found;
  }

  /** Checks references against the catalog; returns every problem at once, not just the first. */
  async check(input: RecordDeclarationInput, em: EntityManager = this.em) {
    const problems: Problem[] = [];
    const add = (field: string, message: string) => problems.push({ field, problems: [message] });

    const branch = await em.findOne(Branch, { code: input.branchCode });
    if (!branch) add('branchCode', `Unknown branch code "${input.branchCode}".`);
    const codes = (key: 'stageCode' | 'teamCode' | 'officerCode') => [...new Set(input.handling.map((h) => h[key]))];
    const [stages, teams, officers] = await Promise.all([
      em.find(Stage, { code: { $in: codes('stageCode') } }),
      em.find(Team, { code: { $in: codes('teamCode') } }),
      em.find(Officer, { code: { $in: codes('officerCode') } }),
    ]);
    const stageByCode = new Map(stages.map((s) => [s.code, s]));
    const teamByCode = new Map(teams.map((t) => [t.code, t]));
    const officerByCode = new Map(officers.map((o) => [o.code, o]));

    if (input.releasedAt && input.releasedAt < input.registeredAt)
      add('releasedAt', 'releasedAt is before registeredAt.');
    if (RELEASED_STATES.has(input.status) && !input.releasedAt)
      add('releasedAt', `A ${input.status} declaration needs releasedAt.`);
    input.handling.forEach((h, i) => {
      const at = `handling[${i}]`;
      if (!stageByCode.has(h.stageCode)) add(`${at}.stageCode`, `Unknown stage code "${h.stageCode}".`);
      const team = teamByCode.get(h.teamCode);
      if (!team) add(`${at}.teamCode`, `Unknown team code "${h.teamCode}".`);
      else if (branch && team.branch.id !== branch.id)
        add(`${at}.teamCode`, `Team "${h.teamCode}" does not belong to branch "${input.branchCode}".`);
      const officer = officerByCode.get(h.officerCode);
      if (!officer) add(`${at}.officerCode`, `Unknown officer code "${h.officerCode}".`);
      // Deactivated entries keep their history, but nobody works there after the day they ended.
      else if (officer.deactivatedAt && h.startedAt >= officer.deactivatedAt)
        add(`${at}.officerCode`, `Officer "${h.officerCode}" was deactivated before this handling started.`);
      if (team?.deactivatedAt && h.startedAt >= team.deactivatedAt)
        add(`${at}.teamCode`, `Team "${h.teamCode}" was deactivated before this handling started.`);
      if (h.startedAt < input.registeredAt)
        add(`${at}.startedAt`, 'startedAt is before the declaration was registered.');
      if (h.finishedAt && h.finishedAt < h.startedAt) add(`${at}.finishedAt`, 'finishedAt is before startedAt.');
    });
    return { problems, branch, stageByCode, teamByCode, officerByCode };
  }

  /** Creates or updates a declaration and replaces its handling records, in one transaction. */
  async record(input: RecordDeclarationInput): Promise<Declaration> {
    return this.em.transactional(async (em) => {
      const { problems, branch, stageByCode, teamByCode, officerByCode } = await this.check(input, em);
      if (problems.length > 0 || !branch) {
        throw badInput(
          `The declaration ${input.number} was not recorded: ${problems.map((p) => p.problems[0]).join(' ')}`,
          { invalid: problems },
        );
      }
      let enterprise = await em.findOne(Enterprise, { taxCode: input.enterprise.taxCode });
      if (!enterprise) {
        enterprise = em.create(Enterprise, { taxCode: input.enterprise.taxCode, name: input.enterprise.name });
      }
      const existing = await em.findOne(Declaration, { number: input.number }, { populate: ['handlingRecords'] });
      if (existing && existing.enterprise.id !== enterprise.id) {
        throw new AppError('CONFLICT', `Declaration ${input.number} is already recorded for another enterprise.`);
      }
      const fields = {
        number: input.number,
        enterprise,
        branch,
        direction: input.direction,
        typeCode: input.typeCode,
        channel: input.channel,
        status: input.status,
        registeredAt: input.registeredAt,
        releasedAt: input.releasedAt ?? null,
      };
      let declaration: Declaration;
      const before = existing
        ? factSources(existing.channel, existing.branch.id, existing.handlingRecords.getItems())
        : null;
      if (existing) {
        for (const old of existing.handlingRecords.getItems()) em.remove(old);
        declaration = em.assign(existing, fields);
      } else {
        declaration = em.create(Declaration, fields);
      }
      const records = input.handling.map((h) =>
        em.create(HandlingRecord, {
          declaration,
          stage: stageByCode.get(h.stageCode)!,
          team: teamByCode.get(h.teamCode)!,
          officer: officerByCode.get(h.officerCode)!,
          startedAt: h.startedAt,
          finishedAt: h.finishedAt ?? null,
        }),
      );
      await em.flush();
      if (before)
        await followDeclaration(em, declaration.id, before, factSources(input.channel, branch.id, records), new Date());
      return declaration;
    });
  }
}

function factSources(channel: Channel, branchId: number, records: HandlingRecord[]): FactSources {
  return {
    channel,
    branchId,
    records: records.map((r) => ({
      id: r.id,
      stageId: r.stage.id,
      teamId: r.team.id,
      officerId: r.officer.id,
      startedAt: r.startedAt,
    })),
  };
}

/** The conditions on declarations that keep a viewer inside its row scope. */
export function scopeConditions(scope: RowScope): FilterQuery<Declaration>[] {
  const conditions: FilterQuery<Declaration>[] = [];
  if (scope.enterpriseId !== null) conditions.push({ enterprise: scope.enterpriseId });
  if (scope.branchId !== null) conditions.push({ branch: scope.branchId });
  if (scope.departmentId !== null) conditions.push({ branch: { department: scope.departmentId } });
  return conditions;
}
