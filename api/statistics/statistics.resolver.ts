/** GraphQL entry point of the flexible drill-down: filter × group by → satisfaction figures. */
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { Reason } from '../assessments/reason.entity.js';
import { statisticsScope } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { previousPeriod } from '../time.js';
import { StatisticsService, rankGroups } from './statistics.service.js';
import {
  DrillStep,
  GroupDimension,
  GroupKey,
  RankingOrder,
  RatingDrillDown,
  RatingFilterInput,
  RatingGroup,
  RatingKpis,
  RatingStatistics,
  ReasonCount,
} from './statistics.types.js';
import { releasedAndRated } from './response-rate.js';

/**
 * A statistics question can scan every rating of the nation: each costs a twentieth of the
 * per-request budget, so one request cannot fan out into hundreds of scans through aliases.
 */
const STATISTICS_COST = 1000;

@Resolver()
export class StatisticsResolver {
  @Query(() => RatingStatistics, {
    description:
      'Ratings filtered by any dimension and period, grouped by up to three dimensions or one time grain and two dimensions.',
    complexity: STATISTICS_COST,
  })
  ratingStatistics(
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Arg('groupBy', () => [GroupDimension], { defaultValue: [] }) groupBy: GroupDimension[],
    @Arg('minCount', () => Int, { defaultValue: 10, description: 'Groups with fewer ratings are marked belowMinimum.' })
    minCount: number,
    @Ctx() ctx: Context,
  ) {
    return new StatisticsService(ctx.analytics, ctx.settings.privacy).statistics(
      statisticsScope(ctx.viewer),
      filter ?? {},
      groupBy,
      minCount,
    );
  }
}

@Resolver()
export class ReasonStatisticsResolver {
  @Query(() => [ReasonCount], {
    description: 'How often each reason was given among the filtered ratings, most frequent first.',
    complexity: STATISTICS_COST,
  })
  async ratingReasons(
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Ctx() ctx: Context,
  ): Promise<ReasonCount[]> {
    const rows = await new StatisticsService(ctx.analytics, ctx.settings.privacy).reasons(
      statisticsScope(ctx.viewer),
      filter ?? {},
    );
    const reasons = rows.length ? await ctx.em.find(Reason, { code: { $in: rows.map((r) => r.code) } }) : [];
    const byCode = new Map(reasons.map((r) => [r.code, r]));
    return rows.map((r) => ({ ...r, reason: byCode.get(r.code) ?? null }));
  }
}

@Resolver()
export class KpiResolver {
  @Query(() => RatingKpis, {
    description: 'Headline figures of a period and of the period before it.',
    complexity: STATISTICS_COST,
  })
  async ratingKpis(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Ctx() ctx: Context,
  ): Promise<RatingKpis> {
    if (from >= to) throw badInput('`from` must be before `to`.');
    const scope = statisticsScope(ctx.viewer);
    const service = new StatisticsService(ctx.analytics, ctx.settings.privacy);
    const previousFrom = previousPeriod(from, to);
    const [current, previous, forms, declarations] = await Promise.all([
      service.statistics(scope, { ...filter, from, to }, [], 0),
      service.statistics(scope, { ...filter, from: previousFrom, to: from }, [], 0),
      service.formCount(scope, { ...filter, from, to }),
      releasedAndRated(ctx.em, scope, filter ?? {}, from, to),
    ]);
    return {
      from,
      to,
      previousFrom,
      current: current.overall as RatingGroup,
      previous: previous.overall as RatingGroup,
      forms,
      ...declarations,
      responseRate: rate(declarations),
      filter: filter ?? {},
    };
  }

  @Query(() => [RatingGroup], {
    description: 'Units, stages or officers ranked by their shrunk mean; those below minCount come last.',
    complexity: STATISTICS_COST,
  })
  async ratingRanking(
    @Arg('dimension', () => GroupDimension) dimension: GroupDimension,
    @Arg('order', () => RankingOrder, { defaultValue: RankingOrder.BEST }) order: RankingOrder,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Arg('minCount', () => Int, { defaultValue: 10 }) minCount: number,
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Ctx() ctx: Context,
  ) {
    const rankable = [
      GroupDimension.DEPARTMENT,
      GroupDimension.BRANCH,
      GroupDimension.TEAM,
      GroupDimension.STAGE,
      GroupDimension.OFFICER,
    ];
    if (!rankable.includes(dimension)) throw badInput('Rank by DEPARTMENT, BRANCH, TEAM, STAGE or OFFICER.');
    if (first < 1 || first > 100) throw badInput('first must be between 1 and 100.');
    const result = await new StatisticsService(ctx.analytics, ctx.settings.privacy).statistics(
      statisticsScope(ctx.viewer),
      filter ?? {},
      [dimension],
      minCount,
    );
    return rankGroups(result.groups, order).slice(0, first);
  }
}

/** The usual path of a drill-down; a path may take these in any order, each once. */
const DRILL_ORDER = [
  GroupDimension.DEPARTMENT,
  GroupDimension.BRANCH,
  GroupDimension.TEAM,
  GroupDimension.STAGE,
  GroupDimension.OFFICER,
];
const DRILL_FILTER: Partial<Record<GroupDimension, keyof RatingFilterInput>> = {
  [GroupDimension.DEPARTMENT]: 'departmentIds',
  [GroupDimension.BRANCH]: 'branchIds',
  [GroupDimension.TEAM]: 'teamIds',
  [GroupDimension.STAGE]: 'stageIds',
  [GroupDimension.OFFICER]: 'officerIds',
};

@Resolver()
export class DrillDownResolver {
  @Query(() => RatingDrillDown, {
    description: 'One node of the drill-down with its breadcrumbs and its children.',
    complexity: STATISTICS_COST,
  })
  async ratingDrillDown(
    @Arg('path', () => [DrillStep], { defaultValue: [] }) path: DrillStep[],
    @Arg('childDimension', () => GroupDimension, { nullable: true }) childDimension: GroupDimension | undefined,
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Arg('minCount', () => Int, { defaultValue: 10 }) minCount: number,
    @Ctx() ctx: Context,
  ): Promise<RatingDrillDown> {
    const used = path.map((s) => s.dimension);
    if (new Set(used).size !== used.length || path.length > DRILL_ORDER.length)
      throw badInput('A drill-down path names each dimension once.');
    const narrowed: RatingFilterInput = { ...filter };
    for (const step of path) {
      const key = DRILL_FILTER[step.dimension];
      if (!key) throw badInput('Drill down by DEPARTMENT, BRANCH, TEAM, STAGE or OFFICER.');
      (narrowed[key] as string[] | undefined) = [step.id];
    }
    const next =
      childDimension ??
      DRILL_ORDER.find(
        (d) => !used.includes(d) && DRILL_ORDER.indexOf(d) > Math.max(-1, ...used.map((u) => DRILL_ORDER.indexOf(u))),
      ) ??
      null;
    if (next && (used.includes(next) || !DRILL_FILTER[next]))
      throw badInput('childDimension must be a unit, stage or officer not already on the path.');
    const result = await new StatisticsService(ctx.analytics, ctx.settings.privacy).statistics(
      statisticsScope(ctx.viewer),
      narrowed,
      next ? [next] : [],
      minCount,
    );
    return {
      breadcrumbs: path.map((s) => ({ dimension: s.dimension, value: s.id, label: null })),
      node: result.overall as RatingGroup,
      childDimension: next,
      children: rankGroups(result.groups, 'BEST') as RatingGroup[],
    };
  }
}

const rate = (d: { releasedDeclarations: number; ratedDeclarations: number }) =>
  d.releasedDeclarations > 0 ? d.ratedDeclarations / d.releasedDeclarations : null;

/** The previous period's forms and response rate, counted only when a client asks for them. */
@Resolver(() => RatingKpis)
export class PreviousKpiFields {
  @FieldResolver(() => Int, { description: 'Forms sent in the previous period.' })
  previousForms(@Root() kpis: RatingKpis, @Ctx() ctx: Context): Promise<number> {
    return new StatisticsService(ctx.analytics, ctx.settings.privacy).formCount(statisticsScope(ctx.viewer), {
      ...kpis.filter,
      from: kpis.previousFrom,
      to: kpis.from,
    });
  }

  @FieldResolver(() => Float, { nullable: true, description: "The previous period's response rate." })
  async previousResponseRate(@Root() kpis: RatingKpis, @Ctx() ctx: Context): Promise<number | null> {
    return rate(await releasedAndRated(ctx.em, statisticsScope(ctx.viewer), kpis.filter, kpis.previousFrom, kpis.from));
  }
}

@Resolver(() => GroupKey)
export class GroupKeyFields {
  @FieldResolver(() => String, { nullable: true })
  async label(@Root() key: GroupKey, @Ctx() ctx: Context): Promise<string | null> {
    const id = Number(key.value);
    switch (key.dimension) {
      case GroupDimension.DEPARTMENT:
        return (await ctx.loaders.department.load(id))?.name ?? null;
      case GroupDimension.BRANCH:
        return (await ctx.loaders.branch.load(id))?.name ?? null;
      case GroupDimension.TEAM:
        return (await ctx.loaders.team.load(id))?.name ?? null;
      case GroupDimension.STAGE:
        return (await ctx.loaders.stage.load(id))?.nameVi ?? null;
      case GroupDimension.OFFICER:
        return (await ctx.loaders.officer.load(id))?.fullName ?? null;
      case GroupDimension.ENTERPRISE:
        return (await ctx.loaders.enterprise.load(id))?.name ?? null;
      default:
        return null;
    }
  }
}

export const statisticsResolvers = [
  StatisticsResolver,
  ReasonStatisticsResolver,
  KpiResolver,
  PreviousKpiFields,
  DrillDownResolver,
  GroupKeyFields,
] as const;
