/** GraphQL entry point of the flexible drill-down: filter × group by → satisfaction figures. */
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { Reason } from '../assessments/reason.entity.js';
import { statisticsScope } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { checkCount } from '../graphql/counts.js';
import { childOf, isTimeGrain, narrowByPath } from './drill-path.js';
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
import { ratingKpis, responseRate as rate } from './rating-kpis.js';
import { excludedRatingItems } from '../anomalies/anomaly.service.js';
import { csatComparison, restOf } from '../../analytics/stats/significance.js';

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
      checkCount(minCount, 'minCount'),
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
    return ratingKpis(
      ctx.em,
      ctx.analytics,
      ctx.settings.privacy,
      statisticsScope(ctx.viewer),
      from,
      to,
      filter,
      ctx.clock(),
    );
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
    checkCount(minCount, 'minCount');
    const scope = statisticsScope(ctx.viewer);
    const service = new StatisticsService(ctx.analytics, ctx.settings.privacy);
    // Ratings of confirmed anomaly flags leave the ranking, and each group says how many.
    const excluded = await excludedRatingItems(ctx.em, filter?.from, filter?.to);
    const [result, left] = await Promise.all([
      service.statistics(scope, filter ?? {}, [dimension], minCount, { excludeItemIds: excluded }),
      excluded.length > 0
        ? service.statistics(scope, filter ?? {}, [dimension], 0, { itemIds: excluded })
        : Promise.resolve({ groups: [] }),
    ]);
    const excludedBy = new Map(left.groups.map((g) => [g.keys[0].value, g.count]));
    return rankGroups(result.groups, order)
      .slice(0, first)
      .map((g) => ({ ...g, excludedRatings: excludedBy.get(g.keys[0].value) ?? 0 }));
  }
}

@Resolver()
export class DrillDownResolver {
  @Query(() => RatingDrillDown, {
    description:
      'One node of the drill-down with its breadcrumbs and its children. A step is a unit, stage, officer or enterprise id, a level, a channel, phase or subject kind, or the first day of a time grain; the child dimension is any dimension or grain not on the path (enterprise for inspection staff only). Time children come in time order, the others ranked by shrunk mean with small groups last.',
    complexity: STATISTICS_COST,
  })
  async ratingDrillDown(
    @Arg('path', () => [DrillStep], { defaultValue: [] }) path: DrillStep[],
    @Arg('childDimension', () => GroupDimension, { nullable: true }) childDimension: GroupDimension | undefined,
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Arg('minCount', () => Int, { defaultValue: 10 }) minCount: number,
    @Ctx() ctx: Context,
  ): Promise<RatingDrillDown> {
    checkCount(minCount, 'minCount');
    const narrowed = narrowByPath(filter ?? {}, path);
    const next = childOf(path, childDimension ?? undefined);
    const result = await new StatisticsService(ctx.analytics, ctx.settings.privacy).statistics(
      statisticsScope(ctx.viewer),
      narrowed,
      next ? [next] : [],
      minCount,
    );
    const children =
      next && isTimeGrain(next)
        ? [...result.groups].sort((a, b) => a.keys[0].value.localeCompare(b.keys[0].value))
        : rankGroups(result.groups, 'BEST');
    return {
      breadcrumbs: path.map((s) => ({ dimension: s.dimension, value: s.id, label: null })),
      node: result.overall as RatingGroup,
      childDimension: next,
      // At the bottom of the path there are no children (the ungrouped answer is the node itself).
      children: (next ? children : []).map((child) => ({
        ...child,
        comparedWithParent: csatComparison(child.levelCounts, restOf(result.overall.levelCounts, child.levelCounts)),
      })) as RatingGroup[],
    };
  }
}

/** The previous period's forms and response rate, counted only when a client asks for them. */
@Resolver(() => RatingKpis)
export class PreviousKpiFields {
  @FieldResolver(() => Int, { description: 'Forms sent in the previous period.' })
  previousForms(@Root() kpis: RatingKpis, @Ctx() ctx: Context): Promise<number> {
    return new StatisticsService(ctx.analytics, ctx.settings.privacy).formCount(statisticsScope(ctx.viewer), {
      ...kpis.filter,
      from: kpis.previousFrom,
      to: kpis.previousTo,
    });
  }

  @FieldResolver(() => Float, { nullable: true, description: "The previous period's response rate." })
  async previousResponseRate(@Root() kpis: RatingKpis, @Ctx() ctx: Context): Promise<number | null> {
    return rate(
      await releasedAndRated(ctx.em, statisticsScope(ctx.viewer), kpis.filter, kpis.previousFrom, kpis.previousTo),
    );
  }
}

@Resolver(() => GroupKey)
export class GroupKeyFields {
  @FieldResolver(() => String, { nullable: true })
  async label(@Root() key: GroupKey, @Ctx() ctx: Context): Promise<string | null> {
    const id = Number(key.value);
    switch (key.dimension) {
      case GroupDimension.DEPARTMENT:
        return ctx.catalogNames.name(ctx.em, 'department', id);
      case GroupDimension.BRANCH:
        return ctx.catalogNames.name(ctx.em, 'branch', id);
      case GroupDimension.TEAM:
        return ctx.catalogNames.name(ctx.em, 'team', id);
      case GroupDimension.STAGE:
        return ctx.catalogNames.name(ctx.em, 'stage', id);
      case GroupDimension.OFFICER:
        return ctx.catalogNames.name(ctx.em, 'officer', id);
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
