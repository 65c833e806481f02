/** GraphQL entry point of the flexible drill-down: filter × group by → satisfaction figures. */
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { statisticsScope } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { StatisticsService } from './statistics.service.js';
import { GroupDimension, GroupKey, RatingFilterInput, RatingStatistics } from './statistics.types.js';

@Resolver()
export class StatisticsResolver {
  @Query(() => RatingStatistics, {
    description: 'Ratings filtered by any dimension and period, grouped by up to three dimensions or one time grain and two dimensions.',
    complexity: 50,
  })
  ratingStatistics(
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Arg('groupBy', () => [GroupDimension], { defaultValue: [] }) groupBy: GroupDimension[],
    @Arg('minCount', () => Int, { defaultValue: 10, description: 'Groups with fewer ratings are marked belowMinimum.' }) minCount: number,
    @Ctx() ctx: Context,
  ) {
    return new StatisticsService(ctx.analytics).statistics(statisticsScope(ctx.viewer), filter ?? {}, groupBy, minCount);
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

export const statisticsResolvers = [StatisticsResolver, GroupKeyFields] as const;
