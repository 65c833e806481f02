/** GraphQL entry points of the rating flow: reasons, drafts, sending, forms and unrated declarations. */
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assessmentScope, authorize, can, enterpriseOf, requireViewer } from '../auth/permissions.js';
import { Branch } from '../catalog/branch.entity.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { Channel } from '../declarations/declaration.enums.js';
import type { Context } from '../context.js';
import { Declaration } from '../declarations/declaration.entity.js';
import { DeclarationConnection } from '../declarations/declaration.resolver.js';
import { badInput, forbidden } from '../errors.js';
import { ConnectionType, PageArgs } from '../graphql/connection.js';
import { AssessmentFilter } from './assessment.args.js';
import { AssessmentItem } from './assessment-item.entity.js';
import { Assessment } from './assessment.entity.js';
import {
  AssessmentContentInput,
  COMMENT_MAX_LENGTH,
  CONTACT_NAME_MAX_LENGTH,
  ITEMS_MAX,
  REASON_CODES_MAX,
  RecordAssessmentInput,
} from './assessment.input.js';
import { AssessmentService } from './assessment.service.js';
import { rateableSubjects, ratingStateOf } from './rating-rules.js';
import { Phase, RatingState } from './assessment.enums.js';
import { RateableSubject, RatingLimits } from './assessment.types.js';
import { Reason } from './reason.entity.js';
import { sendRatingReminders } from './reminders.js';
import { describeSubject } from './subjects.js';

export const AssessmentConnection = ConnectionType(Assessment);

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Query(() => [Reason], { description: 'Reasons an enterprise may pick, for one level or all.' })
  reasons(@Arg('level', () => Int, { nullable: true }) level: number | undefined, @Ctx() ctx: Context) {
    authorize(ctx.viewer, 'catalog:read');
    return ctx.em.find(
      Reason,
      level ? { active: true, minLevel: { $lte: level }, maxLevel: { $gte: level } } : { active: true },
      { orderBy: { sortOrder: 'asc' } },
    );
  }

  @Query(() => RatingLimits, { description: 'Limits of a form: text lengths, list sizes and the rating window.' })
  ratingLimits(@Ctx() ctx: Context): RatingLimits {
    authorize(ctx.viewer, 'catalog:read');
    return {
      commentMaxLength: COMMENT_MAX_LENGTH,
      contactNameMaxLength: CONTACT_NAME_MAX_LENGTH,
      itemsMax: ITEMS_MAX,
      reasonCodesMax: REASON_CODES_MAX,
      windowDays: ctx.settings.rating.windowDays,
    };
  }

  @Query(() => DeclarationConnection, {
    description: 'Your declarations of the last days that have no sent form yet, newest first.',
  })
  async unratedDeclarations(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    const viewer = requireViewer(ctx.viewer, 'assessment:rate');
    const result = await ratingService(ctx).unrated(enterpriseOf(viewer), ctx.settings.rating.windowDays, page);
    return DeclarationConnection.of(result);
  }

  @Query(() => AssessmentConnection, { description: 'Assessment forms visible to you, newest first.' })
  async assessments(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AssessmentFilter, { nullable: true }) filter: AssessmentFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    if (filter?.enterpriseId) seeRater(ctx);
    return AssessmentConnection.of(await ratingService(ctx).list(assessmentScope(ctx.viewer), filter ?? {}, page));
  }

  @Query(() => Assessment)
  assessment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ratingService(ctx).byId(assessmentScope(ctx.viewer), Number(id));
  }

  @Mutation(() => Assessment, { description: 'Save a draft form for review. Nothing is sent to customs yet.' })
  recordAssessment(
    @Arg('input', () => RecordAssessmentInput) input: RecordAssessmentInput,
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: 'Retrying with the same key returns the same draft.',
    })
    key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return ratingService(ctx).record(requireViewer(ctx.viewer, 'assessment:rate'), input, checkKey(key));
  }

  @Mutation(() => Assessment, { description: 'Replace the content of a draft form.' })
  updateAssessment(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AssessmentContentInput) input: AssessmentContentInput,
    @Ctx() ctx: Context,
  ) {
    return ratingService(ctx).update(requireViewer(ctx.viewer, 'assessment:rate'), Number(id), input);
  }

  @Mutation(() => Assessment, { description: 'Send a draft form to customs. A sent form cannot be changed.' })
  sendAssessment(
    @Arg('id', () => ID) id: string,
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: 'Retrying with the same key returns the sent form instead of an error.',
    })
    key: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return ratingService(ctx).send(requireViewer(ctx.viewer, 'assessment:rate'), Number(id), checkKey(key));
  }

  @Mutation(() => Assessment, {
    description: 'Record and send a form in one step (declaration software). The key makes retries safe.',
  })
  submitAssessment(
    @Arg('input', () => RecordAssessmentInput) input: RecordAssessmentInput,
    @Arg('idempotencyKey', () => String) key: string,
    @Ctx() ctx: Context,
  ) {
    return ratingService(ctx).submit(requireViewer(ctx.viewer, 'assessment:rate'), input, checkKey(key)!);
  }

  @Mutation(() => Int, { description: 'Run the reminder job now; returns how many reminders were recorded.' })
  runRatingReminders(@Ctx() ctx: Context) {
    authorize(ctx.viewer, 'reminder:run');
    return sendRatingReminders(ctx.em, ctx.settings.rating, ctx.clock());
  }

  @FieldResolver(() => Declaration, {
    nullable: true,
    description:
      'The declaration rated. Its number names the enterprise, so it is null for viewers who may not see who rated; they get `branch` and `channel`.',
  })
  declaration(@Root() form: Assessment, @Ctx() ctx: Context) {
    return ctx.loaders.declaration.load(form.declaration.id);
  }

  @FieldResolver(() => Branch, { description: 'The branch that cleared the declaration.' })
  async branch(@Root() form: Assessment, @Ctx() ctx: Context) {
    const declaration = await ctx.loaders.declaration.load(form.declaration.id);
    return ctx.loaders.branch.load(declaration!.branch.id);
  }

  @FieldResolver(() => Channel, { description: "The declaration's channel (green, yellow, red)." })
  async channel(@Root() form: Assessment, @Ctx() ctx: Context) {
    return (await ctx.loaders.declaration.load(form.declaration.id))!.channel;
  }

  @FieldResolver(() => [AssessmentItem])
  items(@Root() form: Assessment, @Ctx() ctx: Context) {
    return ctx.loaders.itemsOfAssessment.load(form.id);
  }

  @FieldResolver(() => Enterprise, {
    description: 'Who rated. Only the enterprise itself and inspection staff may see it.',
  })
  enterprise(@Root() form: Assessment, @Ctx() ctx: Context) {
    seeRater(ctx);
    return ctx.loaders.enterprise.load(form.enterprise.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Only the enterprise itself and inspection staff may see it.',
  })
  contactName(@Root() form: Assessment, @Ctx() ctx: Context) {
    seeRater(ctx);
    return form.contactName ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Only the enterprise itself and inspection staff may see it.',
  })
  contactPhone(@Root() form: Assessment, @Ctx() ctx: Context) {
    seeRater(ctx);
    return form.contactPhone ?? null;
  }
}

@Resolver(() => AssessmentItem)
export class AssessmentItemFields {
  @FieldResolver(() => RateableSubject)
  subject(@Root() item: AssessmentItem, @Ctx() ctx: Context) {
    return describeSubject(ctx.loaders, item.subjectKind, item.subjectId, {
      teamId: item.teamId ?? null,
      stageId: item.stageId ?? null,
      handledAt: null,
    });
  }
}

@Resolver(() => Declaration)
export class DeclarationRatingFields {
  @FieldResolver(() => [RateableSubject], {
    description:
      'The branch, teams, stages and officers that handled it, what may be rated: an officer once per stage it handled (officer, stage, team, when).',
  })
  async rateableSubjects(@Root() declaration: Declaration, @Ctx() ctx: Context) {
    const records = await ctx.loaders.handlingRecordsOfDeclaration.load(declaration.id);
    const facts = records.map((r) => ({
      id: r.id,
      stageId: r.stage.id,
      teamId: r.team.id,
      officerId: r.officer.id,
      startedAt: r.startedAt,
    }));
    return Promise.all(
      rateableSubjects(declaration.branch.id, facts).map((s) => describeSubject(ctx.loaders, s.kind, s.id, s)),
    );
  }

  @FieldResolver(() => RatingState, {
    description: 'Where its rating stands, by the one phase rule the unrated list, the badge and the reminders use.',
  })
  async ratingState(@Root() declaration: Declaration, @Ctx() ctx: Context): Promise<RatingState> {
    return (await this.rating(declaration, ctx)).state;
  }

  @FieldResolver(() => Phase, {
    nullable: true,
    description:
      'The phase a new form would have now (DURING before release, AFTER after), or null when no new form is accepted (that phase has a form, the window closed, cancelled).',
  })
  async phaseToRate(@Root() declaration: Declaration, @Ctx() ctx: Context): Promise<Phase | null> {
    return (await this.rating(declaration, ctx)).phaseToRate;
  }

  private async rating(declaration: Declaration, ctx: Context) {
    assessmentScope(ctx.viewer);
    const forms = await ctx.loaders.assessmentsOfDeclaration.load(declaration.id);
    return ratingStateOf(declaration, forms, ctx.clock(), ctx.settings.rating.windowDays);
  }

  @FieldResolver(() => [Assessment], { description: 'Its assessment forms (at most one per phase).' })
  assessments(@Root() declaration: Declaration, @Ctx() ctx: Context) {
    assessmentScope(ctx.viewer);
    return ctx.loaders.assessmentsOfDeclaration.load(declaration.id);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the enterprise was last reminded to rate it.' })
  lastRemindedAt(@Root() declaration: Declaration, @Ctx() ctx: Context) {
    return ctx.loaders.lastReminderOfDeclaration.load(declaration.id);
  }
}

function ratingService(ctx: Context): AssessmentService {
  return new AssessmentService(ctx.em, ctx.clock, ctx.settings.cases, ctx.settings.rating.windowDays);
}

function seeRater(ctx: Context) {
  if (!can(ctx.viewer, 'assessment:seeRater'))
    throw forbidden('Who rated is visible only to the enterprise itself and to inspection staff.');
}

/** Idempotency keys: 8 to 64 URL-safe characters (a UUID fits). */
function checkKey(key: string | undefined | null): string | null {
  if (key === undefined || key === null) return null;
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(key)) {
    throw badInput('idempotencyKey must be 8 to 64 letters, digits, "-" or "_" (a UUID fits).');
  }
  return key;
}

export const assessmentResolvers = [AssessmentResolver, AssessmentItemFields, DeclarationRatingFields] as const;
