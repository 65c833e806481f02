/** The grade thresholds of the scorecards: read by those who review, set by administrators. */
import { Arg, Ctx, Float, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer } from '../auth/permissions.js';
import { actorName, recordAudit } from '../audit/audit-log.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { parseReviewPeriod } from '../periods.js';
import { bandsFor, DEFAULT_PERIOD, GradeBands } from './grade-bands.js';

const periodKey = (period: string) =>
  period.trim() === DEFAULT_PERIOD ? DEFAULT_PERIOD : parseReviewPeriod(period).key;

@Resolver(() => GradeBands)
export class GradeBandsResolver {
  @Query(() => GradeBands, {
    description: 'The grade thresholds in force for a review period (its own, else the default "*").',
  })
  async gradeBands(@Arg('period', () => String) period: string, @Ctx() ctx: Context): Promise<GradeBands> {
    requireViewer(ctx.viewer, 'scorecard:review');
    const key = periodKey(period);
    const bands = await bandsFor(ctx.em, key === DEFAULT_PERIOD ? null : key);
    const row = await ctx.em.findOne(GradeBands, { period: bands.period });
    return row ?? ({ ...bands, updatedBy: '', updatedAt: null } as unknown as GradeBands);
  }

  @Mutation(() => GradeBands, {
    description:
      'Sets the CSAT % thresholds of a review period (or "*", every other): 0 ≤ pass < good < excellent ≤ 100.',
  })
  async setGradeBands(
    @Arg('period', () => String) period: string,
    @Arg('excellent', () => Float) excellent: number,
    @Arg('good', () => Float) good: number,
    @Arg('pass', () => Float) pass: number,
    @Ctx() ctx: Context,
  ): Promise<GradeBands> {
    const viewer = requireViewer(ctx.viewer, 'scorecard:grade');
    const key = periodKey(period);
    if (!(pass >= 0 && pass < good && good < excellent && excellent <= 100))
      throw badInput('Thresholds must rise: 0 ≤ pass < good < excellent ≤ 100 (CSAT %).', {
        invalid: [{ field: 'pass', problems: ['0 ≤ pass < good < excellent ≤ 100'] }],
      });
    const at = ctx.clock();
    return ctx.em.transactional(async (em) => {
      const row =
        (await em.findOne(GradeBands, { period: key })) ??
        em.create(GradeBands, { period: key, excellent, good, pass, updatedBy: '', updatedAt: at });
      Object.assign(row, { excellent, good, pass, updatedBy: actorName(viewer), updatedAt: at });
      recordAudit(em, viewer, 'gradeBands.set', { kind: 'gradeBands', id: key }, { excellent, good, pass }, at);
      return row;
    });
  }
}
