/** GraphQL view of how cases are handled, answered from ClickHouse for the analytics console. */
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Arg, Ctx, Field, Float, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { caseStatistics, type CaseGrouping } from '../../analytics/queries/caseStatistics.js';
import { statisticsScope } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { narrowToScope, parseIds } from '../graphql/ids.js';
import { aboutSelf, checkSelfQuestion } from '../statistics/small-groups.js';
import { GroupDimension } from '../statistics/statistics.types.js';

@InputType()
class CaseStatisticsFilter {
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(500) departmentIds?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(500) branchIds?: string[];
  @Field(() => [ID], { nullable: true, description: 'Cases about these officers.' })
  @IsOptional()
  @ArrayMaxSize(500)
  officerIds?: string[];
  @Field(() => Date, { nullable: true, description: 'Opened at or after.' }) from?: Date;
  @Field(() => Date, { nullable: true, description: 'Opened before.' }) to?: Date;
}

@ObjectType()
class CaseStatisticsGroup {
  @Field(() => String, {
    nullable: true,
    description: 'Branch, team or officer id, month (YYYY-MM-DD), status or finding; null for all.',
  })
  key!: string | null;
  @Field(() => Int) cases!: number;
  @Field(() => Int, { description: 'Not closed yet.' }) open!: number;
  @Field(() => Int) concluded!: number;
  @Field(() => Int) concludedOnTime!: number;
  @Field(() => Float, { nullable: true }) onTimeRate!: number | null;
  @Field(() => Int, { description: 'Substantiated or partly substantiated.' }) substantiated!: number;
  @Field(() => Int) escalated!: number;
  @Field(() => Float, { nullable: true }) medianHoursToConclude!: number | null;
}

const GROUPS: Partial<Record<GroupDimension, CaseGrouping>> = {
  [GroupDimension.BRANCH]: 'branch',
  [GroupDimension.TEAM]: 'team',
  [GroupDimension.OFFICER]: 'officer',
  [GroupDimension.MONTH]: 'month',
};

@Resolver()
export class CaseStatisticsResolver {
  @Query(() => [CaseStatisticsGroup], {
    description: 'How complaint cases are handled: volumes, timeliness, findings.',
    complexity: 1000,
  })
  async caseStatistics(
    @Arg('filter', () => CaseStatisticsFilter, { nullable: true }) filter: CaseStatisticsFilter | undefined,
    @Arg('groupBy', () => GroupDimension, {
      nullable: true,
      description: 'BRANCH, TEAM, OFFICER or MONTH; none for the total.',
    })
    groupBy: GroupDimension | undefined,
    @Ctx() ctx: Context,
  ) {
    const scope = statisticsScope(ctx.viewer);
    const grouping = groupBy ? GROUPS[groupBy] : null;
    if (grouping === undefined) throw badInput('Group cases by BRANCH, TEAM, OFFICER or MONTH.');
    const branchIds = narrowToScope(parseIds(filter?.branchIds, 'branchIds'), scope.branchId);
    const departmentIds = narrowToScope(parseIds(filter?.departmentIds, 'departmentIds'), scope.departmentId);
    const officerIds = narrowToScope(parseIds(filter?.officerIds, 'officerIds'), scope.officerId);
    if (branchIds === null || departmentIds === null || officerIds === null) return [];
    // Cases about oneself (an officer's, or a supervisor's filtered to itself): no window or group too small.
    const self = aboutSelf(scope.selfOfficerId, officerIds);
    if (self) checkSelfQuestion(ctx.settings.privacy, { groupBy: [], from: filter?.from, to: filter?.to }, ctx.clock());
    const rows = await caseStatistics(
      ctx.analytics,
      { branchIds, departmentIds, officerIds, from: filter?.from, to: filter?.to },
      grouping,
    );
    const shown = rows.filter(
      (r) =>
        r.cases >= ctx.settings.privacy.minGroup ||
        !(self || (grouping === 'officer' && r.key === String(scope.selfOfficerId))),
    );
    return shown.map((r) => ({ ...r, onTimeRate: r.concluded > 0 ? r.concludedOnTime / r.concluded : null }));
  }
}
