/** Catalog queries: filters become MikroORM conditions here, not in resolvers. */
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../errors.js';
import { paginate, type PageArgs } from '../graphql/connection.js';
import type { BranchFilter, EnterpriseFilter, OfficerFilter, TeamFilter } from './catalog.args.js';
import { Branch } from './branch.entity.js';
import { Department } from './department.entity.js';
import { Enterprise } from './enterprise.entity.js';
import { Officer } from './officer.entity.js';
import { Stage } from './stage.entity.js';
import { Team } from './team.entity.js';

/** A LIKE pattern that matches `text` literally anywhere. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `where`, narrowed (when a search is given) to rows where one of `fields` contains it, ignoring case. */
function withSearch<T>(
  where: FilterQuery<T>,
  search: string | undefined,
  fields: (keyof T & string)[],
): FilterQuery<T> {
  if (!search) return where;
  const anyField = { $or: fields.map((field) => ({ [field]: { $ilike: containing(search) } })) };
  return { $and: [where, anyField] } as FilterQuery<T>;
}

export class CatalogService {
  constructor(private readonly em: EntityManager) {}

  departments() {
    return this.em.find(Department, {}, { orderBy: { code: 'asc' } });
  }

  stages() {
    return this.em.find(Stage, {}, { orderBy: { sortOrder: 'asc', id: 'asc' } });
  }

  async one<T extends { id: number }>(entity: new () => T, id: number, label: string): Promise<T> {
    const found = await this.em.findOne(entity, { id });
    if (!found) throw notFound(`No ${label} has id ${id}.`);
    return found;
  }

  branches(filter: BranchFilter = {}, page: PageArgs) {
    const where: FilterQuery<Branch> = {};
    if (filter.departmentId) where.department = filter.departmentId;
    return paginate(this.em, Branch, withSearch<Branch>(where, filter.search, ['code', 'name']), page);
  }

  teams(filter: TeamFilter = {}, page: PageArgs) {
    const where: FilterQuery<Team> = {};
    if (filter.branchId) where.branch = filter.branchId;
    return paginate(this.em, Team, withSearch<Team>(where, filter.search, ['code', 'name']), page);
  }

  officers(filter: OfficerFilter = {}, page: PageArgs) {
    const where: FilterQuery<Officer> = {};
    if (filter.teamId || filter.branchId) {
      // Team membership is a dated history: only the current assignment counts here.
      const team: Record<string, unknown> = {};
      if (filter.teamId) team.id = filter.teamId;
      if (filter.branchId) team.branch = filter.branchId;
      where.assignments = { validTo: null, team };
    }
    return paginate(this.em, Officer, withSearch<Officer>(where, filter.search, ['code', 'fullName']), page);
  }

  enterprises(filter: EnterpriseFilter = {}, page: PageArgs) {
    const where: FilterQuery<Enterprise> = {};
    if (filter.taxCode) where.taxCode = filter.taxCode;
    return paginate(this.em, Enterprise, withSearch<Enterprise>(where, filter.search, ['taxCode', 'name']), page);
  }
}
