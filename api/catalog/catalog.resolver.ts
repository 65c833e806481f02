/** GraphQL entry points of the catalog: departments, branches, teams, stages, officers, enterprises. */
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { ConnectionType, PageArgs } from '../graphql/connection.js';
import { parseId } from '../graphql/ids.js';
import { Branch } from './branch.entity.js';
import { BranchFilter, EnterpriseFilter, OfficerFilter, TeamFilter } from './catalog.args.js';
import { CatalogService } from './catalog.service.js';
import { Department } from './department.entity.js';
import { Enterprise } from './enterprise.entity.js';
import { OfficerAssignment } from './officer-assignment.entity.js';
import { Officer } from './officer.entity.js';
import { Stage } from './stage.entity.js';
import { Team } from './team.entity.js';

export const BranchConnection = ConnectionType(Branch);
export const TeamConnection = ConnectionType(Team);
export const OfficerConnection = ConnectionType(Officer);
export const EnterpriseConnection = ConnectionType(Enterprise);

@Resolver()
export class CatalogQueries {
  @Query(() => [Department], { description: 'Every department (Cục Hải quan).' })
  departments(@Ctx() ctx: Context) {
    authorize(ctx.viewer, 'catalog:read');
    return new CatalogService(ctx.em).departments();
  }

  @Query(() => [Stage], { description: 'Every professional stage, in the usual order of clearance.' })
  stages(@Ctx() ctx: Context) {
    authorize(ctx.viewer, 'catalog:read');
    return new CatalogService(ctx.em).stages();
  }

  @Query(() => Branch)
  branch(@Arg('id', () => ID) id: number, @Ctx() ctx: Context) {
    authorize(ctx.viewer, 'catalog:read');
    return new CatalogService(ctx.em).one(Branch, Number(id), 'branch');
  }

  @Query(() => BranchConnection)
  async branches(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => BranchFilter, { nullable: true }) filter: BranchFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    authorize(ctx.viewer, 'catalog:read');
    return BranchConnection.of(await new CatalogService(ctx.em).branches(filter, page));
  }

  @Query(() => Team)
  team(@Arg('id', () => ID) id: number, @Ctx() ctx: Context) {
    authorize(ctx.viewer, 'catalog:read');
    return new CatalogService(ctx.em).one(Team, Number(id), 'team');
  }

  @Query(() => TeamConnection)
  async teams(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => TeamFilter, { nullable: true }) filter: TeamFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    authorize(ctx.viewer, 'catalog:read');
    return TeamConnection.of(await new CatalogService(ctx.em).teams(filter, page));
  }

  @Query(() => Officer)
  officer(@Arg('id', () => ID) id: number, @Ctx() ctx: Context) {
    authorize(ctx.viewer, 'catalog:read');
    return new CatalogService(ctx.em).one(Officer, Number(id), 'officer');
  }

  @Query(() => OfficerConnection)
  async officers(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => OfficerFilter, { nullable: true }) filter: OfficerFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    authorize(ctx.viewer, 'catalog:read');
    return OfficerConnection.of(await new CatalogService(ctx.em).officers(filter, page));
  }

  @Query(() => Enterprise, { description: 'One enterprise by id.' })
  enterprise(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    authorize(ctx.viewer, 'enterprise:read');
    return new CatalogService(ctx.em).one(Enterprise, parseId(id, 'id'), 'enterprise');
  }

  @Query(() => EnterpriseConnection)
  async enterprises(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    authorize(ctx.viewer, 'enterprise:read');
    return EnterpriseConnection.of(await new CatalogService(ctx.em).enterprises(filter, page));
  }
}

@Resolver(() => Department)
export class DepartmentFields {
  @FieldResolver(() => [Branch])
  branches(@Root() department: Department, @Ctx() ctx: Context) {
    return ctx.loaders.branchesOfDepartment.load(department.id);
  }
}

@Resolver(() => Branch)
export class BranchFields {
  @FieldResolver(() => Department)
  department(@Root() branch: Branch, @Ctx() ctx: Context) {
    return ctx.loaders.department.load(branch.department.id);
  }

  @FieldResolver(() => [Team])
  teams(@Root() branch: Branch, @Ctx() ctx: Context) {
    return ctx.loaders.teamsOfBranch.load(branch.id);
  }

  @FieldResolver(() => Int, { description: 'Declarations registered at this branch, all time.' })
  declarationCount(@Root() branch: Branch, @Ctx() ctx: Context) {
    return ctx.loaders.declarationCountOfBranch.load(branch.id);
  }
}

@Resolver(() => Team)
export class TeamFields {
  @FieldResolver(() => Branch)
  branch(@Root() team: Team, @Ctx() ctx: Context) {
    return ctx.loaders.branch.load(team.branch.id);
  }

  @FieldResolver(() => [Officer], { description: 'Officers currently in the team.' })
  async officers(@Root() team: Team, @Ctx() ctx: Context) {
    const assignments = await ctx.loaders.currentAssignmentsOfTeam.load(team.id);
    const officers = await ctx.loaders.officer.loadMany(assignments.map((a) => a.officer.id));
    return officers.filter((o): o is Officer => o instanceof Officer);
  }

  @FieldResolver(() => Int, { description: 'Number of officers currently in the team.' })
  officerCount(@Root() team: Team, @Ctx() ctx: Context) {
    return ctx.loaders.officerCountOfTeam.load(team.id);
  }
}

@Resolver(() => Officer)
export class OfficerFields {
  @FieldResolver(() => [OfficerAssignment], { description: 'Team history, oldest first.' })
  assignments(@Root() officer: Officer, @Ctx() ctx: Context) {
    return ctx.loaders.assignmentsOfOfficer.load(officer.id);
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team the officer is in today.' })
  async currentTeam(@Root() officer: Officer, @Ctx() ctx: Context) {
    const assignments = await ctx.loaders.assignmentsOfOfficer.load(officer.id);
    const current = assignments.find((a) => !a.validTo);
    return current ? ctx.loaders.team.load(current.team.id) : null;
  }
}

@Resolver(() => OfficerAssignment)
export class OfficerAssignmentFields {
  @FieldResolver(() => Team)
  team(@Root() assignment: OfficerAssignment, @Ctx() ctx: Context) {
    return ctx.loaders.team.load(assignment.team.id);
  }
}

export const catalogResolvers = [
  CatalogQueries,
  DepartmentFields,
  BranchFields,
  TeamFields,
  OfficerFields,
  OfficerAssignmentFields,
] as const;
