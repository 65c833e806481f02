/**
 * Period scorecards for the emulation, reward and discipline reviews: per officer, team or
 * branch, the ratings (with the shrunk mean and minimum n) beside the cases and their timeliness.
 */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { statisticsScope } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import { GroupDimension, RatingFilterInput, RatingGroup } from '../statistics/statistics.types.js';
import { caseCounts, type EvaluatedUnit } from './case-counts.js';
import { Scorecard } from './evaluation.types.js';

const UNITS: Partial<Record<GroupDimension, EvaluatedUnit>> = {
  [GroupDimension.BRANCH]: 'branch',
  [GroupDimension.TEAM]: 'team',
  [GroupDimension.OFFICER]: 'officer',
};

@Resolver()
export class EvaluationResolver {
  @Query(() => [Scorecard], { description: 'Scorecards of branches, teams or officers for a period (a quarter, half-year or year).', complexity: 1000 })
  async evaluationScorecards(
    @Arg('unit', () => GroupDimension) unit: GroupDimension,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Arg('minCount', () => Int, { defaultValue: 10 }) minCount: number,
    @Ctx() ctx: Context,
  ): Promise<Scorecard[]> {
    const evaluated = UNITS[unit];
    if (!evaluated) throw badInput('Evaluate BRANCH, TEAM or OFFICER.');
    if (from >= to) throw badInput('`from` must be before `to`.');
    const scope = statisticsScope(ctx.viewer);
    const [ratings, cases] = await Promise.all([
      new StatisticsService(ctx.analytics).statistics(scope, { ...filter, from, to }, [unit], minCount),
      caseCounts(ctx.em, evaluated, scope, from, to),
    ]);
    const byUnit = new Map(ratings.groups.map((g) => [Number(g.keys[0].value), g]));
    const units = [...new Set([...byUnit.keys(), ...cases.keys()])].sort((a, b) => a - b);
    return units.map((id) => {
      const c = cases.get(id) ?? { cases: 0, substantiated: 0, concluded: 0, concludedOnTime: 0 };
      const group = byUnit.get(id) ?? emptyGroup(unit, id, minCount);
      return {
        unit: { dimension: unit, value: String(id), label: null },
        ratings: group as RatingGroup,
        ...c,
        timeliness: c.concluded > 0 ? c.concludedOnTime / c.concluded : null,
      };
    });
  }
}

function emptyGroup(unit: GroupDimension, id: number, minCount: number) {
  return {
    keys: [{ dimension: unit, value: String(id) }],
    count: 0,
    levelCounts: [0, 0, 0, 0, 0],
    mean: null,
    csat: null,
    csatLow: null,
    csatHigh: null,
    dissatisfied: null,
    shrunkMean: null,
    belowMinimum: minCount > 0,
  };
}
