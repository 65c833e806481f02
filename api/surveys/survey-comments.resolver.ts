/** The survey's comments for the staff who read its report (see survey-comments.ts). */
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { surveyScope } from '../auth/permissions.js';
import { Branch } from '../catalog/branch.entity.js';
import type { Context } from '../context.js';
import { parseId } from '../graphql/ids.js';
import { parseReviewPeriod } from '../periods.js';
import { surveyComments } from './survey-comments.js';
import { SurveyIndicator } from './survey.entity.js';

@ObjectType({ description: 'What enterprises wrote about one indicator for one branch: the text only.' })
export class SurveyCommentGroup {
  @Field(() => Branch)
  branch!: Branch;

  @Field(() => SurveyIndicator)
  indicator!: SurveyIndicator;

  @Field(() => Int, { description: 'Enterprises that answered about the branch in the period.' })
  respondents!: number;

  @Field(() => Int, { description: 'Comments in all; `comments` holds the first 50 in alphabetical order.' })
  total!: number;

  @Field(() => [String], { description: 'In alphabetical order, never with who wrote them or when.' })
  comments!: string[];
}

@Resolver()
export class SurveyCommentsResolver {
  @Query(() => [SurveyCommentGroup], {
    description:
      'Survey comments of a period by branch and indicator, within your reach; a branch with fewer respondents than the report minimum shows none.',
  })
  async surveyComments(
    @Arg('period', () => String, { description: '"2026-Q2", "2026-H1" or "2026".' }) periodKey: string,
    @Arg('branchId', () => ID, { nullable: true }) branchId: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<SurveyCommentGroup[]> {
    const scope = surveyScope(ctx.viewer);
    const rows = await surveyComments(
      ctx.em,
      parseReviewPeriod(periodKey),
      scope,
      ctx.settings.surveys.minRespondents,
      branchId ? parseId(branchId, 'branchId') : null,
    );
    const indicators = new Map(
      (await ctx.em.find(SurveyIndicator, { id: { $in: [...new Set(rows.map((r) => r.indicatorId))] } })).map((i) => [
        i.id,
        i,
      ]),
    );
    const branches = await Promise.all(rows.map((r) => ctx.loaders.branch.load(r.branchId)));
    return rows.flatMap((r, i) => {
      const branch = branches[i];
      const indicator = indicators.get(r.indicatorId);
      return branch && indicator ? [{ ...r, branch, indicator }] : [];
    });
  }
}
