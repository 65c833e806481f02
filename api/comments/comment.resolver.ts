/**
 * Comment search for the roles that may read forms: every word of the search must be in the
 * comment, accents and case ignored ("kiem tra" finds "Kiểm tra"), within the viewer's scope and
 * the filter; computed in ClickHouse over the normalised comment text.
 */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { authorize, statisticsScope } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import { DRILL_ORDER, narrowByPath } from '../statistics/drill-path.js';
import { DrillStep, GroupDimension, RatingFilterInput } from '../statistics/statistics.types.js';
import { DistinctiveCommentTerms, OwnComments, RatingCommentSearch } from './comment.types.js';

@Resolver()
export class CommentResolver {
  @Query(() => OwnComments, {
    description:
      'The comments about you (an officer), without who wrote them or when: only from a period of at least PRIVACY_MIN_WINDOW_DAYS and at least PRIVACY_MIN_GROUP ratings and comments.',
    complexity: 500,
  })
  async commentsAboutMe(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<OwnComments> {
    if (from >= to) throw badInput('`from` must be before `to`.');
    if (first < 1 || first > 100) throw badInput('first must be between 1 and 100.');
    const found = await new StatisticsService(ctx.analytics, ctx.settings.privacy).ownComments(
      statisticsScope(ctx.viewer),
      { from, to },
      first,
    );
    return { totalCount: found.total, belowMinimum: found.belowMinimum, comments: found.rows };
  }

  @Query(() => RatingCommentSearch, {
    description: 'Ratings whose comment holds every word of `search` (with or without diacritics), newest first.',
    complexity: 1000,
  })
  async ratingComments(
    @Arg('search', () => String) search: string,
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<RatingCommentSearch> {
    authorize(ctx.viewer, 'comment:read');
    const text = search.trim();
    if (text.length < 2 || text.length > 100) throw badInput('Search for 2 to 100 characters.');
    if (first < 1 || first > 100) throw badInput('first must be between 1 and 100.');
    const found = await new StatisticsService(ctx.analytics, ctx.settings.privacy).comments(
      statisticsScope(ctx.viewer),
      filter ?? {},
      text,
      first,
    );
    return {
      totalCount: found.total,
      comments: found.rows.map((r) => ({
        formId: String(r.formId),
        subjectKind: r.subjectKind as RatingCommentSearch['comments'][number]['subjectKind'],
        subjectId: String(r.subjectId),
        level: r.level,
        ratedAt: r.ratedAt,
        comment: r.comment,
      })),
    };
  }

  @Query(() => DistinctiveCommentTerms, {
    description:
      "The terms that distinguish the comments of the node at the end of `path` (a drill-down path) from the rest of its parent's.",
    complexity: 1000,
  })
  async distinctiveCommentTerms(
    @Arg('path', () => [DrillStep]) path: DrillStep[],
    @Arg('filter', () => RatingFilterInput, { nullable: true }) filter: RatingFilterInput | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<DistinctiveCommentTerms> {
    authorize(ctx.viewer, 'comment:read');
    if (path.length < 1 || path.length > 5) throw badInput('Give the path to a unit, stage or officer (1 to 5 steps).');
    if (first < 1 || first > 100) throw badInput('first must be between 1 and 100.');
    // Distinctive terms compare a unit with its parent unit: only unit steps make sense here.
    const units: readonly GroupDimension[] = DRILL_ORDER;
    if (path.some((step) => !units.includes(step.dimension)))
      throw badInput('A path names departments, branches, teams, stages or officers.');
    const narrow = (steps: DrillStep[]): RatingFilterInput => narrowByPath({ ...filter }, steps);
    return new StatisticsService(ctx.analytics, ctx.settings.privacy).terms(
      statisticsScope(ctx.viewer),
      narrow(path.slice(0, -1)),
      narrow(path),
      first,
    );
  }
}
