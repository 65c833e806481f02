/**
 * The CDCI over GraphQL: the ranking of a period (components, change, formula), its weights and
 * the department's assessment inputs (leaders and administrators set them).
 */
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { cdciScope, requireViewer, type CdciScope } from '../auth/permissions.js';
import { actorOf } from '../auth/viewer.js';
import { Branch } from '../catalog/branch.entity.js';
import type { Context } from '../context.js';
import { forbidden } from '../errors.js';
import { parseReviewPeriod } from '../periods.js';
import { CdciDepartmentAssessment } from './cdci.entity.js';
import { cdciRanking, DEFAULT_WEIGHTS_KEY, setDepartmentAssessments, setWeights, weightsFor } from './cdci.service.js';
import {
  CdciDepartmentAssessmentInput,
  CdciDepartmentScoreView,
  CdciRanking,
  CdciWeightsInput,
  CdciWeightsView,
} from './cdci.types.js';

async function departmentOf(ctx: Context, scope: CdciScope): Promise<number | null> {
  if (scope.departmentOfBranchId === null) return scope.departmentId;
  const branch = await ctx.em.findOne(Branch, { id: scope.departmentOfBranchId });
  return branch ? branch.department.id : -1;
}

@Resolver()
export class CdciResolver {
  @Query(() => CdciRanking, {
    description:
      'The CDCI of every branch for a quarter, half-year or year, ranked, with its components and the change since the period before.',
    complexity: 1000,
  })
  async cdciRanking(@Arg('period', () => String) periodKey: string, @Ctx() ctx: Context) {
    const departmentId = await departmentOf(ctx, cdciScope(ctx.viewer));
    const period = parseReviewPeriod(periodKey);
    const now = ctx.clock();
    const ranking = await cdciRanking(ctx.em, ctx.analytics, period, departmentId, ctx.settings.surveys.minRespondents);
    return { ...ranking, isRunning: period.from <= now && now < period.to };
  }

  @Query(() => CdciWeightsView, { description: 'The weights of a period (its own or the default).' })
  async cdciWeights(
    @Arg('period', () => String, { nullable: true }) periodKey: string | undefined,
    @Ctx() ctx: Context,
  ) {
    cdciScope(ctx.viewer);
    return weightsFor(ctx.em, periodKey ? parseReviewPeriod(periodKey).key : DEFAULT_WEIGHTS_KEY);
  }

  @Mutation(() => CdciWeightsView, {
    description: 'Set the weights (percent, adding up to 100) of one period, or the default when no period is given.',
  })
  async setCdciWeights(
    @Arg('period', () => String, { nullable: true }) periodKey: string | undefined,
    @Arg('weights', () => CdciWeightsInput) weights: CdciWeightsInput,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx.viewer, 'cdci:manage');
    return setWeights(
      ctx.em,
      periodKey ? parseReviewPeriod(periodKey).key : DEFAULT_WEIGHTS_KEY,
      weights,
      actorOf(viewer),
      ctx.clock(),
    );
  }

  @Query(() => [CdciDepartmentScoreView], { description: 'The department’s assessment scores of a period.' })
  async cdciDepartmentAssessments(@Arg('period', () => String) periodKey: string, @Ctx() ctx: Context) {
    const departmentId = await departmentOf(ctx, cdciScope(ctx.viewer));
    const period = parseReviewPeriod(periodKey);
    const rows = await ctx.em.find(
      CdciDepartmentAssessment,
      { periodKey: period.key, ...(departmentId !== null ? { branch: { department: departmentId } } : {}) },
      { populate: ['branch'], orderBy: { branch: { code: 'asc' } } },
    );
    return rows.map((r) => ({ branch: r.branch, score: r.score, note: r.note ?? null }));
  }

  @Mutation(() => [CdciDepartmentScoreView], {
    description: 'Record the department’s assessment scores (0–100) of branches for a period; all or none.',
  })
  async setCdciDepartmentAssessments(
    @Arg('input', () => CdciDepartmentAssessmentInput) input: CdciDepartmentAssessmentInput,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx.viewer, 'cdci:manage');
    const departmentId = await departmentOf(ctx, cdciScope(viewer, 'cdci:manage'));
    const period = parseReviewPeriod(input.period);
    const saved = await setDepartmentAssessments(
      ctx.em,
      period,
      input,
      (b) => departmentId === null || b.department.id === departmentId,
      actorOf(viewer),
      ctx.clock(),
    );
    if (saved.length !== input.scores.length) throw forbidden();
    return saved.map((r) => ({ branch: r.branch, score: r.score, note: r.note ?? null }));
  }
}

export const cdciResolvers = [CdciResolver] as const;
