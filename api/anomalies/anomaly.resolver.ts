/**
 * GraphQL entry points of rating anomaly flags: the page of flags (`ratingAnomalies`), an
 * inspector's confirmation or dismissal, and the fields the policy guards: a flag's forms (not
 * for officers) and its raters (inspection staff only).
 */
import { Args, Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RateableSubject } from '../assessments/assessment.types.js';
import { describeSubject } from '../assessments/subjects.js';
import { anomalyScope, requireViewer } from '../auth/permissions.js';
import { Branch } from '../catalog/branch.entity.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import type { Context } from '../context.js';
import { PageArgs } from '../graphql/connection.js';
import { parseId } from '../graphql/ids.js';
import { AnomalyService } from './anomaly.service.js';
import {
  AnomalyFigure,
  DecideRatingAnomalyArgs,
  RatingAnomalyConnection,
  RatingAnomalyFilter,
} from './anomaly.types.js';
import { RatingAnomaly, RatingAnomalyDecision } from './rating-anomaly.entity.js';

const service = (ctx: Context) => new AnomalyService(ctx.em, ctx.clock);

@Resolver(() => RatingAnomaly)
export class AnomalyResolver {
  @Query(() => RatingAnomalyConnection, {
    description: 'Rating anomaly flags in your scope, newest first (an officer sees the flags about itself).',
  })
  async ratingAnomalies(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => RatingAnomalyFilter, { nullable: true }) filter: RatingAnomalyFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return RatingAnomalyConnection.of(await service(ctx).list(anomalyScope(ctx.viewer), filter ?? {}, page));
  }

  @Mutation(() => RatingAnomaly, {
    description:
      'Confirm or dismiss a flag with a note (audited). A confirmation may exclude its ratings from scorecards and rankings.',
  })
  decideRatingAnomaly(@Args(() => DecideRatingAnomalyArgs) args: DecideRatingAnomalyArgs, @Ctx() ctx: Context) {
    const viewer = requireViewer(ctx.viewer, 'anomaly:decide');
    return service(ctx).decide(
      viewer,
      anomalyScope(viewer, 'anomaly:decide'),
      parseId(args.id, 'id'),
      args.decision,
      args.note,
      args.excludeRatings,
    );
  }

  @FieldResolver(() => RateableSubject, { description: 'The rated subject the flag is about.' })
  subject(@Root() flag: RatingAnomaly, @Ctx() ctx: Context) {
    return describeSubject(ctx.loaders, flag.subjectKind, flag.subjectId);
  }

  @FieldResolver(() => Branch, { description: 'The branch of the rated subject.' })
  branch(@Root() flag: RatingAnomaly, @Ctx() ctx: Context) {
    return ctx.loaders.branch.load(flag.branchId);
  }

  @FieldResolver(() => Int, { description: 'How many ratings the flag is about.' })
  ratingCount(@Root() flag: RatingAnomaly): number {
    return flag.itemIds.length;
  }

  @FieldResolver(() => Int, { description: 'How many forms those ratings are on.' })
  formCount(@Root() flag: RatingAnomaly): number {
    return flag.formIds.length;
  }

  @FieldResolver(() => [AnomalyFigure], { description: 'The figures that raised the flag.' })
  figures(@Root() flag: RatingAnomaly): AnomalyFigure[] {
    return Object.entries(flag.figures).map(([name, value]) => ({ name, value }));
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description: 'The forms involved (ids); null for viewers who may not read forms (officers).',
  })
  formIds(@Root() flag: RatingAnomaly): string[] {
    // Hidden from viewers who may not read forms by the field policy (auth/permissions.ts).
    return flag.formIds.map(String);
  }

  @FieldResolver(() => [Enterprise], {
    nullable: true,
    description: 'Who rated: for inspection staff only (null for everyone else).',
  })
  async raters(@Root() flag: RatingAnomaly, @Ctx() ctx: Context): Promise<Enterprise[]> {
    const found = await ctx.loaders.enterprise.loadMany(flag.enterpriseIds);
    return found.filter((e): e is Enterprise => e instanceof Enterprise);
  }

  @FieldResolver(() => [RatingAnomalyDecision], {
    nullable: true,
    description: 'Confirmations and dismissals, oldest first; null for officers.',
  })
  decisions(@Root() flag: RatingAnomaly, @Ctx() ctx: Context): Promise<RatingAnomalyDecision[]> {
    return ctx.em.find(RatingAnomalyDecision, { anomalyId: flag.id }, { orderBy: { id: 'asc' } });
  }
}
