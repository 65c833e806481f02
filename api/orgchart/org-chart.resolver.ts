/** GraphQL mutations of the org chart (administrators only); the reads stay in the public catalog. */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Reason } from '../assessments/reason.entity.js';
import { requireViewer } from '../auth/permissions.js';
import { Branch } from '../catalog/branch.entity.js';
import { Department } from '../catalog/department.entity.js';
import { Officer } from '../catalog/officer.entity.js';
import { Stage } from '../catalog/stage.entity.js';
import { Team } from '../catalog/team.entity.js';
import type { Context } from '../context.js';
import { parseId } from '../graphql/ids.js';
import { importOrgChart } from './org-chart-import.js';
import { OrgChartKind, OrgChartService } from './org-chart.service.js';
import {
  CreateBranchInput,
  CreateOfficerInput,
  CreateTeamInput,
  ImportOrgChartInput,
  MoveOfficerInput,
  OfficerInput,
  OrgChartImportReportType,
  OrgUnitInput,
  ReasonInput,
  StageInput,
} from './org-chart.types.js';

const admin = (ctx: Context) => requireViewer(ctx.viewer, 'orgChart:manage');
const service = (ctx: Context) => new OrgChartService(ctx.em, ctx.clock);

@Resolver()
export class OrgChartResolver {
  @Mutation(() => Department)
  createDepartment(@Arg('input', () => OrgUnitInput) input: OrgUnitInput, @Ctx() ctx: Context) {
    return service(ctx).createDepartment(admin(ctx), input);
  }

  @Mutation(() => Department)
  updateDepartment(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => OrgUnitInput) input: OrgUnitInput,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).updateDepartment(admin(ctx), parseId(id, 'id'), input);
  }

  @Mutation(() => Branch)
  createBranch(@Arg('input', () => CreateBranchInput) input: CreateBranchInput, @Ctx() ctx: Context) {
    return service(ctx).createBranch(admin(ctx), {
      ...input,
      departmentId: parseId(input.departmentId, 'departmentId'),
    });
  }

  @Mutation(() => Branch, { description: 'Renames or recodes a branch; it stays in its department.' })
  updateBranch(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => OrgUnitInput) input: OrgUnitInput,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).updateBranch(admin(ctx), parseId(id, 'id'), input);
  }

  @Mutation(() => Team)
  createTeam(@Arg('input', () => CreateTeamInput) input: CreateTeamInput, @Ctx() ctx: Context) {
    return service(ctx).createTeam(admin(ctx), { ...input, branchId: parseId(input.branchId, 'branchId') });
  }

  @Mutation(() => Team, { description: 'Renames or recodes a team; it stays in its branch.' })
  updateTeam(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => OrgUnitInput) input: OrgUnitInput,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).updateTeam(admin(ctx), parseId(id, 'id'), input);
  }

  @Mutation(() => Stage)
  createStage(@Arg('input', () => StageInput) input: StageInput, @Ctx() ctx: Context) {
    return service(ctx).createStage(admin(ctx), input);
  }

  @Mutation(() => Stage)
  updateStage(@Arg('id', () => ID) id: string, @Arg('input', () => StageInput) input: StageInput, @Ctx() ctx: Context) {
    return service(ctx).updateStage(admin(ctx), parseId(id, 'id'), input);
  }

  @Mutation(() => Reason)
  createReason(@Arg('input', () => ReasonInput) input: ReasonInput, @Ctx() ctx: Context) {
    return service(ctx).createReason(admin(ctx), input);
  }

  @Mutation(() => Reason, { description: "Changes a reason's names, levels or order; its code stays." })
  updateReason(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ReasonInput) input: ReasonInput,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).updateReason(admin(ctx), parseId(id, 'id'), input);
  }

  @Mutation(() => Officer, { description: 'A new officer, in a team from validFrom.' })
  createOfficer(@Arg('input', () => CreateOfficerInput) input: CreateOfficerInput, @Ctx() ctx: Context) {
    return service(ctx).createOfficer(admin(ctx), { ...input, teamId: parseId(input.teamId, 'teamId') });
  }

  @Mutation(() => Officer)
  updateOfficer(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => OfficerInput) input: OfficerInput,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).updateOfficer(admin(ctx), parseId(id, 'id'), input);
  }

  @Mutation(() => Officer, {
    description: 'Moves an officer to another team: ratings before validFrom stay with the old team.',
  })
  moveOfficer(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => MoveOfficerInput) input: MoveOfficerInput,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).moveOfficer(admin(ctx), parseId(id, 'id'), {
      ...input,
      teamId: parseId(input.teamId, 'teamId'),
    });
  }

  @Mutation(() => Boolean, {
    description:
      'Deactivates an entry (never deleted). A unit with active members, or a team with officers, is refused (CONFLICT).',
  })
  deactivateOrgChartEntry(
    @Arg('kind', () => OrgChartKind) kind: OrgChartKind,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).setActive(admin(ctx), kind, parseId(id, 'id'), false);
  }

  @Mutation(() => Boolean)
  reactivateOrgChartEntry(
    @Arg('kind', () => OrgChartKind) kind: OrgChartKind,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).setActive(admin(ctx), kind, parseId(id, 'id'), true);
  }

  @Mutation(() => OrgChartImportReportType, {
    description:
      'Imports an org chart export (CSV or XLSX), keyed by codes: all rows or none, a report of every bad row; the same file twice changes nothing.',
  })
  importOrgChart(@Arg('input', () => ImportOrgChartInput) input: ImportOrgChartInput, @Ctx() ctx: Context) {
    const viewer = admin(ctx);
    const content = input.format === 'XLSX' ? Buffer.from(input.content, 'base64') : Buffer.from(input.content, 'utf8');
    return importOrgChart(
      ctx.em,
      viewer,
      { format: input.format, content, name: input.fileName },
      {
        dryRun: input.dryRun,
        now: ctx.clock(),
      },
    );
  }
}
