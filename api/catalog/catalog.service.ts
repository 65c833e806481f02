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

export class CatalogService {
  constructor(private readonly em: EntityManager) {}

  departments() {
    return this.em.find(Department, {}, { orderBy: { code: 'asc' } });
  }

  stages() {
    return this.em.find(Stage, {}, { orderBy: { sortOrder: 'asc', id: 'asc' } });
  }

  async one<T extends { id: number }>(entity: new () => T, id: number, label: string): Promise<T> {
    const found = await this.em.findOne(entity, { id } as FilterQuery<T>);
    if (!found) throw notFound(`No ${label} has id ${id}.`);
    return found;
  }

  branches(filter: BranchFilter = {}, page: PageArgs) {
    const where: FilterQuery<Branch> = {};
    if (filter.departmentId) where.department = filter.departmentId;
    if (filter.search) where.$or = [{ code: { $ilike: containing(filter.search) } }, { name: { $ilike: containing(filter.search) } }];
    return paginate(this.em, Branch, where, page);
  }

  teams(filter: TeamFilter = {}, page: PageArgs) {
    const where: FilterQuery<Team> = {};
    if (filter.branchId) where.branch = filter.branchId;
    if (filter.search) where.$or = [{ code: { $ilike: containing(filter.search) } }, { name: { $ilike: containing(filter.search) } }];
    return paginate(this.em, Team, where, page);
  }

  officers(filter: OfficerFilter = {}, page: PageArgs) {
    const where: FilterQuery<Officer> = {};
    if (filter.teamId || filter.branchId) {
      // Team membership is a dated history: only the current assignment counts here.
      const team: Record<string, unknown> = {};
      if (filter.teamId) team.id = filter.teamId;
      if (filter.branchId) team.branch = filter.branchId;
      where.assignments = { validTo: null, team } as never;
    }
    if (filter.search) where.$or = [{ code: { $ilike: containing(filter.search) } }, { fullName: { $ilike: containing(filter.search) } }];
    return paginate(this.em, Officer, where, page);
  }

  enterprises(filter: EnterpriseFilter = {}, page: PageArgs) {
    const where: FilterQuery<Enterprise> = {};
    if (filter.taxCode) where.taxCode = filter.taxCode;
    if (filter.search) where.$or = [{ taxCode: { $ilike: containing(filter.search) } }, { name: { $ilike: containing(filter.search) } }];
    return paginate(this.em, Enterprise, where, page);
  }
}
