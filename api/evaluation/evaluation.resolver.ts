/**
 * Period scorecards for the emulation, reward and discipline reviews: per officer, team or
 * branch, the ratings (with the shrunk mean and minimum n) beside the cases and their timeliness,
 * optionally with the previous period's for comparison.
 */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { statisticsScope } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { checkCount } from '../graphql/counts.js';
import { GroupDimension, RatingFilterInput } from '../statistics/statistics.types.js';
import type { EvaluatedUnit } from './case-counts.js';
import { EvaluationService } from './evaluation.service.js';
import { Scorecard } from './evaluation.types.js';

const UNITS: Partial<Record<GroupDimension, EvaluatedUnit>> = {
  [GroupDimension.BRANCH]: 'branch',
  [GroupDimension.TEAM]: 'team',
  [GroupDimension.OFFICER]: 'officer',
};

@Resolver()
export class EvaluationResolver {
  @Query(() => [Scorecard], {
    description: 'Scorecards of branches, teams or officers for a period (a quarter, half-year or year).',
    complexity: 1000,
  })
  async evaluationScorecards(
    @Arg('unit', () => GroupDimension) unit: GroupDimension,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Arg('minCount', () => Int, { defaultValue: 10 }) minCount: number,
    @Arg('withPrevious', () => Boolean, {
      defaultValue: false,
      description:
        "Also compute each unit's scorecard for the period before (as long, or as many calendar months), in `previous`.",
    })
    withPrevious: boolean,
    @Ctx() ctx: Context,
  ): Promise<Scorecard[]> {
    const evaluated = UNITS[unit];
    if (!evaluated) throw badInput('Evaluate BRANCH, TEAM or OFFICER.');
    if (from >= to) throw badInput('`from` must be before `to`.');
    checkCount(minCount, 'minCount');
    const scope = statisticsScope(ctx.viewer);
    return new EvaluationService(ctx.em, ctx.analytics, ctx.settings.privacy).scorecards(
      scope,
      { unit, evaluated, from, to, filter, minCount },
      withPrevious,
    );
  }
}
