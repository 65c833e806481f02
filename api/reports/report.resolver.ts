/**
 * Period reports in the console and the API: listed within the viewer's report scope,
 * downloaded as XLSX or PDF (base64, the same scope), and subscribed to per unit.
 */
import { Arg, Args, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { reportScope, requireViewer, type ReportScope } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { badInput, forbidden, notFound } from '../errors.js';
import { ConnectionType, PageArgs, paginate } from '../graphql/connection.js';
import { parseId } from '../graphql/ids.js';
import { PeriodReport, ReportPeriodKind, ReportSubscription, ReportUnitKind } from './period-report.entity.js';

export enum ReportFormat {
  XLSX = 'XLSX',
  PDF = 'PDF',
}
registerEnumType(ReportFormat, { name: 'ReportFormat' });

@ObjectType()
class ReportFile {
  @Field(() => String)
  filename!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => String, { description: 'The file, base64.' })
  base64!: string;
}

@ObjectType()
class ReportUnitSubscription {
  @Field(() => ReportUnitKind)
  unitKind!: ReportUnitKind;

  @Field(() => ID)
  unitId!: string;
}

const PeriodReportConnection = ConnectionType(PeriodReport);

function scopeWhere(scope: ReportScope): Record<string, unknown> {
  if (scope.branchId !== null) return { unitKind: ReportUnitKind.BRANCH, unitId: scope.branchId };
  if (scope.departmentId !== null) return { departmentId: scope.departmentId };
  return {};
}

/** Whether a unit lies within the scope: a supervisor's branch, an inspector's department and its branches. */
async function mayRead(ctx: Context, scope: ReportScope, unitKind: ReportUnitKind, unitId: number): Promise<boolean> {
  if (scope.branchId !== null) return unitKind === ReportUnitKind.BRANCH && unitId === scope.branchId;
  if (scope.departmentId === null) return true;
  if (unitKind === ReportUnitKind.DEPARTMENT) return unitId === scope.departmentId;
  const [row] = await ctx.em.execute<{ department_id: number }[]>('select department_id from branch where id = ?', [
    unitId,
  ]);
  return row !== undefined && Number(row.department_id) === scope.departmentId;
}

@Resolver()
export class ReportResolver {
  @Query(() => PeriodReportConnection, { description: 'Period reports of the units you may see, newest first.' })
  async periodReports(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('periodKind', () => ReportPeriodKind, { nullable: true }) periodKind: ReportPeriodKind | null,
    @Ctx() ctx: Context,
  ) {
    const where: Record<string, unknown> = scopeWhere(reportScope(ctx.viewer));
    if (periodKind) where.periodKind = periodKind;
    return PeriodReportConnection.of(await paginate(ctx.em, PeriodReport, where, page, 'desc'));
  }

  @Query(() => ReportFile, { description: 'A report’s file, base64 (XLSX for Excel, PDF to print).' })
  async periodReportFile(
    @Arg('id', () => ID) id: string,
    @Arg('format', () => ReportFormat) format: ReportFormat,
    @Ctx() ctx: Context,
  ): Promise<ReportFile> {
    const scope = reportScope(ctx.viewer);
    const report = await ctx.em.findOne(
      PeriodReport,
      { id: parseId(id, 'id'), ...scopeWhere(scope) },
      { populate: [format === ReportFormat.XLSX ? 'xlsx' : 'pdf'] as never },
    );
    if (!report) throw notFound(`No report ${id} is visible to you.`);
    const name = `bao-cao-${report.periodKey}-${report.unitKind.toLowerCase()}-${report.unitId}`;
    return format === ReportFormat.XLSX
      ? {
          filename: `${name}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          base64: Buffer.from(report.xlsx).toString('base64'),
        }
      : { filename: `${name}.pdf`, contentType: 'application/pdf', base64: Buffer.from(report.pdf).toString('base64') };
  }

  @Query(() => [ReportUnitSubscription], { description: 'The units whose reports reach you (report.ready).' })
  async reportSubscriptions(@Ctx() ctx: Context) {
    const accountId = subscriber(ctx);
    const rows = await ctx.em.find(ReportSubscription, { accountId }, { orderBy: { unitKind: 'asc', unitId: 'asc' } });
    return rows.map((r) => ({ unitKind: r.unitKind, unitId: String(r.unitId) }));
  }

  @Mutation(() => Boolean, { description: 'Receive the reports of a unit you may see (in-app, and e-mail if chosen).' })
  async subscribeToReports(
    @Arg('unitKind', () => ReportUnitKind) unitKind: ReportUnitKind,
    @Arg('unitId', () => ID) unitIdText: string,
    @Ctx() ctx: Context,
  ) {
    const accountId = subscriber(ctx);
    const unitId = parseId(unitIdText, 'unitId');
    if (!(await mayRead(ctx, reportScope(ctx.viewer), unitKind, unitId)))
      throw forbidden('Subscribe only to the units you may see.');
    const [exists] = await ctx.em.execute<{ ok: boolean }[]>(
      `select exists(select 1 from ${unitKind === ReportUnitKind.BRANCH ? 'branch' : 'department'} where id = ?) as ok`,
      [unitId],
    );
    if (!exists.ok) throw badInput(`No ${unitKind.toLowerCase()} ${unitId}.`);
    await ctx.em.execute(
      'insert into report_subscription (account_id, unit_kind, unit_id, created_at) values (?, ?, ?, ?) on conflict do nothing',
      [accountId, unitKind, unitId, ctx.clock()],
    );
    return true;
  }

  @Mutation(() => Boolean)
  async unsubscribeFromReports(
    @Arg('unitKind', () => ReportUnitKind) unitKind: ReportUnitKind,
    @Arg('unitId', () => ID) unitId: string,
    @Ctx() ctx: Context,
  ) {
    const accountId = subscriber(ctx);
    await ctx.em.execute('delete from report_subscription where account_id = ? and unit_kind = ? and unit_id = ?', [
      accountId,
      unitKind,
      parseId(unitId, 'unitId'),
    ]);
    return true;
  }
}

function subscriber(ctx: Context): number {
  const viewer = requireViewer(ctx.viewer, 'report:read');
  if (viewer.kind !== 'account') throw forbidden('Report subscriptions belong to signed-in accounts.');
  return viewer.id;
}
