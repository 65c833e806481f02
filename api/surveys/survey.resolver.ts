/**
 * The CSD survey over GraphQL: the catalogue and campaigns (enterprises and staff), the
 * enterprise's own response (save a draft, resume, submit once), campaign management
 * (leaders, administrators), the period report (aggregates only) and improvement measures.
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { authorize, can, enterpriseOf, requireViewer, surveyScope } from '../auth/permissions.js';
import { actorOf } from '../auth/viewer.js';
import { Branch } from '../catalog/branch.entity.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { parseIds } from '../graphql/ids.js';
import { parseReviewPeriod } from '../periods.js';
import { mayWriteMeasure, setImprovementMeasure } from './improvement-measures.js';
import { SurveyCampaignStatus } from './survey.enums.js';
import { SurveyCampaign } from './survey.entity.js';
import { surveyReport } from './survey-report.js';
import {
  branchOptions,
  campaignStatus,
  closeCampaign,
  updateCampaign,
  createCampaign,
  findCampaign,
  findResponse,
  saveResponse,
  surveyCatalogue,
} from './survey.service.js';
import {
  CreateSurveyCampaignInput,
  UpdateSurveyCampaignInput,
  ImprovementMeasureInput,
  SurveyImprovementMeasureView,
  SurveyReport,
  SurveyResponseInput,
  SurveyResponseView,
  SurveySectionWithIndicators,
} from './survey.types.js';

@Resolver(() => SurveyCampaign)
export class SurveyResolver {
  @Query(() => [SurveySectionWithIndicators], { description: 'The survey’s questions by section.' })
  async surveyCatalogue(@Ctx() ctx: Context) {
    authorize(ctx.viewer, 'survey:read');
    return surveyCatalogue(ctx.em);
  }

  @Query(() => [SurveyCampaign], { description: 'Survey campaigns, newest first.' })
  async surveyCampaigns(@Ctx() ctx: Context) {
    authorize(ctx.viewer, 'survey:read');
    return ctx.em.find(SurveyCampaign, {}, { orderBy: { opensAt: 'desc', id: 'desc' }, limit: 100 });
  }

  @Query(() => SurveyCampaign)
  async surveyCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    authorize(ctx.viewer, 'survey:read');
    return findCampaign(ctx.em, id);
  }

  @FieldResolver(() => SurveyCampaignStatus)
  status(@Root() campaign: SurveyCampaign, @Ctx() ctx: Context) {
    return campaignStatus(campaign, ctx.clock());
  }

  @FieldResolver(() => SurveyResponseView, {
    nullable: true,
    description: 'Your enterprise’s response (enterprises only).',
  })
  async myResponse(@Root() campaign: SurveyCampaign, @Ctx() ctx: Context) {
    const viewer = requireViewer(ctx.viewer, 'survey:answer');
    return findResponse(ctx.em, campaign.id, enterpriseOf(viewer));
  }

  @FieldResolver(() => [Branch], {
    description:
      'The branches your enterprise may answer about: those that handled its declarations in the year before the campaign closes.',
  })
  async branchOptions(@Root() campaign: SurveyCampaign, @Ctx() ctx: Context) {
    const viewer = requireViewer(ctx.viewer, 'survey:answer');
    return branchOptions(ctx.em, enterpriseOf(viewer), campaign);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Submitted responses (managers of campaigns only).' })
  async submittedCount(@Root() campaign: SurveyCampaign, @Ctx() ctx: Context) {
    if (!can(ctx.viewer, 'survey:manage')) return null;
    return ctx.loaders.submittedCountOfCampaign.load(campaign.id);
  }

  @Mutation(() => SurveyCampaign, { description: 'Open a survey campaign (leaders, administrators).' })
  async createSurveyCampaign(
    @Arg('input', () => CreateSurveyCampaignInput) input: CreateSurveyCampaignInput,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx.viewer, 'survey:manage');
    return createCampaign(ctx.em, input, actorOf(viewer), ctx.clock());
  }

  @Mutation(() => SurveyCampaign, {
    description: 'Edit a campaign that is not closed: titles, description, its end; its opening only before it opens.',
  })
  async updateSurveyCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateSurveyCampaignInput) input: UpdateSurveyCampaignInput,
    @Ctx() ctx: Context,
  ) {
    requireViewer(ctx.viewer, 'survey:manage');
    return updateCampaign(ctx.em, id, input, ctx.clock());
  }

  @Mutation(() => SurveyCampaign, { description: 'Close a campaign before its end (leaders, administrators).' })
  async closeSurveyCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    requireViewer(ctx.viewer, 'survey:manage');
    return closeCampaign(ctx.em, id, ctx.clock());
  }

  @Mutation(() => SurveyResponseView, {
    description: 'Save your enterprise’s answers as a draft (replaces the previous draft).',
  })
  async saveSurveyResponse(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('input', () => SurveyResponseInput) input: SurveyResponseInput,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx.viewer, 'survey:answer');
    return saveResponse(ctx.em, {
      campaignId,
      enterpriseId: enterpriseOf(viewer),
      input,
      submit: false,
      actor: actorOf(viewer),
      now: ctx.clock(),
    });
  }

  @Mutation(() => SurveyResponseView, {
    description: 'Save and submit your enterprise’s answers; a submission is final.',
  })
  async submitSurveyResponse(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('input', () => SurveyResponseInput) input: SurveyResponseInput,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx.viewer, 'survey:answer');
    return saveResponse(ctx.em, {
      campaignId,
      enterpriseId: enterpriseOf(viewer),
      input,
      submit: true,
      actor: actorOf(viewer),
      now: ctx.clock(),
    });
  }

  @Query(() => SurveyReport, {
    description:
      'Survey figures of a quarter, half-year or year, by branch, section and indicator; never one enterprise’s answers.',
    complexity: 500,
  })
  async surveyReport(
    @Arg('period', () => String, { description: '"2026-Q2", "2026-H1" or "2026".' }) periodKey: string,
    @Arg('branchIds', () => [ID], { nullable: true }) branchIds: string[] | undefined,
    @Arg('minRespondents', () => Int, {
      nullable: true,
      description: 'Hide groups with fewer respondents; branch staff cannot go below the configured minimum.',
    })
    minRespondents: number | undefined,
    @Ctx() ctx: Context,
  ): Promise<SurveyReport> {
    const scope = surveyScope(ctx.viewer);
    const period = parseReviewPeriod(periodKey);
    const configured = ctx.settings.surveys.minRespondents;
    if (minRespondents !== undefined && minRespondents !== null && (minRespondents < 1 || minRespondents > 1000))
      throw badInput('minRespondents must be between 1 and 1000.');
    const minimum =
      minRespondents == null
        ? configured
        : scope.mayLowerMinimum
          ? minRespondents
          : Math.max(configured, minRespondents);
    const measureScope = can(ctx.viewer, 'survey:measure') ? surveyScope(ctx.viewer, 'survey:measure') : null;
    return surveyReport(ctx.em, {
      period,
      scope,
      branchIds: parseIds(branchIds, 'branchIds') ?? null,
      minRespondents: minimum,
      lowMarkThreshold: ctx.settings.surveys.lowMarkPercent,
      canEdit: (branchId, departmentId) =>
        measureScope !== null && mayWriteMeasure(measureScope, branchId, departmentId),
    });
  }

  @Mutation(() => SurveyImprovementMeasureView, {
    description: 'Record (or correct) the improvement measure for a branch’s low-mark item in a period.',
  })
  async setSurveyImprovementMeasure(
    @Arg('input', () => ImprovementMeasureInput) input: ImprovementMeasureInput,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx.viewer, 'survey:measure');
    return setImprovementMeasure(ctx.em, surveyScope(viewer, 'survey:measure'), input, actorOf(viewer), ctx.clock());
  }
}

export const surveyResolvers = [SurveyResolver] as const;
