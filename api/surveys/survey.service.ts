/**
 * Campaigns and the enterprise's response: a campaign is open between opensAt and closesAt unless
 * closed early; an enterprise keeps one response per campaign, saved as a draft as often as it
 * likes and submitted once. Every save replaces the draft's answers and branches in one
 * transaction, so a refused save changes nothing.
 */
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Branch } from '../catalog/branch.entity.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { badInput, conflict, notFound } from '../errors.js';
import { parseId, parseIds } from '../graphql/ids.js';
import { QuestionKind, SurveyCampaignStatus, SurveyResponseStatus } from './survey.enums.js';
import {
  SurveyAnswer,
  SurveyCampaign,
  SurveyIndicator,
  SurveyResponse,
  SurveyResponseBranch,
  SurveySection,
} from './survey.entity.js';
import type {
  CreateSurveyCampaignInput,
  UpdateSurveyCampaignInput,
  SurveyAnswerView,
  SurveyResponseInput,
  SurveyResponseView,
  SurveySectionWithIndicators,
} from './survey.types.js';

/** How far back an enterprise's declarations make a branch one it "dealt with" for a campaign. */
const DEALT_WITH_DAYS = 365;

export function campaignStatus(campaign: SurveyCampaign, now: Date): SurveyCampaignStatus {
  if (campaign.closedAt || now >= campaign.closesAt) return SurveyCampaignStatus.CLOSED;
  return now < campaign.opensAt ? SurveyCampaignStatus.UPCOMING : SurveyCampaignStatus.OPEN;
}

/** The active questions (or, for reports, every one ever asked, retired ones included), by section, in their order. */
export async function surveyCatalogue(
  em: EntityManager,
  { withRetired = false } = {},
): Promise<SurveySectionWithIndicators[]> {
  const [sections, indicators] = await Promise.all([
    em.find(SurveySection, {}, { orderBy: { sortOrder: 'asc' } }),
    em.find(SurveyIndicator, withRetired ? {} : { active: true }, { orderBy: { sortOrder: 'asc' } }),
  ]);
  return sections.map((section) => ({ section, indicators: indicators.filter((i) => i.section.id === section.id) }));
}

export async function createCampaign(
  em: EntityManager,
  input: CreateSurveyCampaignInput,
  actor: string,
  now: Date,
): Promise<SurveyCampaign> {
  if (input.opensAt >= input.closesAt) throw badInput('A campaign must open before it closes.');
  const campaign = em.create(SurveyCampaign, {
    ...input,
    title: input.title.trim(),
    titleEn: input.titleEn?.trim() || null,
    description: input.description ?? null,
    createdBy: actor,
    createdAt: now,
  });
  await em.flush();
  return campaign;
}

/**
 * Edits a campaign that is not closed: its titles and description at any time, its opening only
 * before it opens (enterprises may have answered since), its end to any time after it opens and
 * not in the past (closing now is closeCampaign's).
 */
export async function updateCampaign(
  em: EntityManager,
  id: string,
  input: UpdateSurveyCampaignInput,
  now: Date,
): Promise<SurveyCampaign> {
  const campaign = await findCampaign(em, id);
  if (campaignStatus(campaign, now) === SurveyCampaignStatus.CLOSED)
    throw conflict('A closed campaign cannot be edited.', { reason: 'CAMPAIGN_CLOSED' });
  const opensAt = input.opensAt ?? campaign.opensAt;
  const closesAt = input.closesAt ?? campaign.closesAt;
  if (input.opensAt && input.opensAt.getTime() !== campaign.opensAt.getTime() && campaign.opensAt <= now)
    throw conflict('The campaign is open already: its opening can no longer change.', {
      reason: 'CAMPAIGN_OPEN',
      field: 'opensAt',
    });
  if (opensAt >= closesAt) throw badInput('A campaign must open before it closes.', { field: 'closesAt' });
  if (input.closesAt && closesAt <= now) throw badInput('The end must be in the future.', { field: 'closesAt' });
  if (input.title !== undefined && input.title !== null) campaign.title = input.title.trim();
  if (input.titleEn !== undefined) campaign.titleEn = input.titleEn?.trim() || null;
  if (input.description !== undefined) campaign.description = input.description?.trim() || null;
  campaign.opensAt = opensAt;
  campaign.closesAt = closesAt;
  await em.flush();
  return campaign;
}

export async function closeCampaign(em: EntityManager, id: string, now: Date): Promise<SurveyCampaign> {
  const campaign = await findCampaign(em, id);
  if (campaignStatus(campaign, now) === SurveyCampaignStatus.CLOSED)
    throw conflict('This campaign is already closed.', { reason: 'CAMPAIGN_CLOSED' });
  campaign.closedAt = now;
  await em.flush();
  return campaign;
}

export async function findCampaign(em: EntityManager, id: string): Promise<SurveyCampaign> {
  const campaign = await em.findOne(SurveyCampaign, { id: parseId(id, 'campaign id') });
  if (!campaign) throw notFound('No such survey campaign.');
  return campaign;
}

/** The branches that handled the enterprise's declarations in the year before the campaign closes. */
export async function branchOptions(
  em: EntityManager,
  enterpriseId: number,
  campaign: SurveyCampaign,
): Promise<Branch[]> {
  const since = new Date(campaign.closesAt.getTime() - DEALT_WITH_DAYS * 86_400_000);
  const rows = await em.execute<{ branch_id: number }[]>(
    'select distinct branch_id from declaration where enterprise_id = ? and registered_at >= ? and registered_at < ?',
    [enterpriseId, since, campaign.closesAt],
  );
  if (rows.length === 0) return [];
  return em.find(Branch, { id: { $in: rows.map((r) => Number(r.branch_id)) } }, { orderBy: { code: 'asc' } });
}

export async function findResponse(
  em: EntityManager,
  campaignId: number,
  enterpriseId: number,
): Promise<SurveyResponseView | null> {
  const response = await em.findOne(
    SurveyResponse,
    { campaign: campaignId, enterprise: enterpriseId },
    { populate: ['answers', 'branches'] },
  );
  return response ? view(response) : null;
}

function view(response: SurveyResponse): SurveyResponseView {
  const answers: SurveyAnswerView[] = response.answers
    .getItems()
    .map((a) => ({
      indicatorId: String(a.indicator.id),
      rating: a.rating ?? null,
      timeliness: a.timeliness ?? null,
      comment: a.comment ?? null,
    }))
    .sort((a, b) => Number(a.indicatorId) - Number(b.indicatorId));
  return {
    id: String(response.id),
    status: response.status,
    branchIds: response.branches
      .getItems()
      .map((b) => String(b.branch.id))
      .sort((a, b) => Number(a) - Number(b)),
    answers,
    updatedAt: response.updatedAt,
    submittedAt: response.submittedAt ?? null,
  };
}

/**
 * Saves the enterprise's draft, or saves and submits it. Refuses (changing nothing) a closed or
 * not yet open campaign, a response already submitted, an unknown or retired indicator, an
 * answer of the wrong kind or off the scale, and a branch the enterprise did not deal with.
 */
export async function saveResponse(
  rootEm: EntityManager,
  args: {
    campaignId: string;
    enterpriseId: number;
    input: SurveyResponseInput;
    submit: boolean;
    actor: string;
    now: Date;
  },
): Promise<SurveyResponseView> {
  const campaignId = parseId(args.campaignId, 'campaign id');
  const branchIds = [...new Set(parseIds(args.input.branchIds, 'branch id') ?? [])];
  try {
    return await saveInTransaction(rootEm, { ...args, campaignId, branchIds });
  } catch (error) {
    // Two first saves of the same response at once: the unique (campaign, enterprise) lets one win.
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict(
        'Your enterprise’s response was being saved at the same moment elsewhere; reload it and try again.',
        { reason: 'CONCURRENT_SAVE' },
      );
    }
    throw error;
  }
}

async function saveInTransaction(
  rootEm: EntityManager,
  args: {
    campaignId: number;
    branchIds: number[];
    enterpriseId: number;
    input: SurveyResponseInput;
    submit: boolean;
    actor: string;
    now: Date;
  },
): Promise<SurveyResponseView> {
  const { enterpriseId, input, submit, actor, now, campaignId, branchIds } = args;
  return rootEm.transactional(async (em) => {
    const campaign = await em.findOne(SurveyCampaign, { id: campaignId });
    if (!campaign) throw notFound('No such survey campaign.');
    const status = campaignStatus(campaign, now);
    if (status === SurveyCampaignStatus.CLOSED)
      throw conflict('This survey campaign is closed: answers are no longer accepted.', { reason: 'CAMPAIGN_CLOSED' });
    if (status === SurveyCampaignStatus.UPCOMING)
      throw conflict('This survey campaign is not open yet.', { reason: 'CAMPAIGN_NOT_OPEN' });

    const answers = await validAnswers(em, input);
    const allowed = new Set((await branchOptions(em, enterpriseId, campaign)).map((b) => b.id));
    const foreign = branchIds.filter((id) => !allowed.has(id));
    if (foreign.length > 0)
      throw badInput('Choose only branches that handled your declarations in the period.', {
        field: 'branchIds',
        branchIds: foreign.map(String),
      });
    if (submit && branchIds.length === 0)
      throw badInput('Choose at least one branch your answers are about.', { field: 'branchIds' });
    if (submit && answers.length === 0)
      throw badInput('Answer at least one question before submitting.', { field: 'answers' });

    // The row lock makes two concurrent saves of the same response take turns.
    let response = await em.findOne(
      SurveyResponse,
      { campaign: campaignId, enterprise: enterpriseId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (response?.status === SurveyResponseStatus.SUBMITTED) {
      throw conflict('Your enterprise has already submitted its answers to this campaign; a submission is final.', {
        reason: 'ALREADY_SUBMITTED',
      });
    }
    if (!response) {
      response = em.create(SurveyResponse, {
        campaign,
        enterprise: em.getReference(Enterprise, enterpriseId),
        status: SurveyResponseStatus.DRAFT,
        updatedBy: actor,
        createdAt: now,
        updatedAt: now,
      });
    } else {
      await em.populate(response, ['answers', 'branches']);
      response.answers.removeAll();
      response.branches.removeAll();
      // Old rows go before new ones so that the unique (response, indicator) never sees both.
      await em.flush();
    }
    for (const a of answers) em.create(SurveyAnswer, { response, ...a });
    for (const id of branchIds) em.create(SurveyResponseBranch, { response, branch: em.getReference(Branch, id) });
    response.updatedAt = now;
    response.updatedBy = actor;
    if (submit) {
      response.status = SurveyResponseStatus.SUBMITTED;
      response.submittedAt = now;
    }
    await em.flush();
    await em.populate(response, ['answers', 'branches'], { refresh: true });
    return view(response);
  });
}

async function validAnswers(em: EntityManager, input: SurveyResponseInput) {
  const ids =
    parseIds(
      input.answers.map((a) => a.indicatorId),
      'indicator id',
    ) ?? [];
  if (new Set(ids).size !== ids.length) throw badInput('Answer each indicator at most once.');
  const indicators = new Map(
    (await em.find(SurveyIndicator, { id: { $in: ids }, active: true })).map((i) => [i.id, i]),
  );
  return input.answers.map((a, index) => {
    const indicator = indicators.get(ids[index]);
    if (!indicator)
      throw badInput(`Indicator ${a.indicatorId} is not asked in this survey.`, { indicatorId: a.indicatorId });
    const comment = a.comment?.trim() || null;
    if (indicator.kind === QuestionKind.RATING) {
      if (a.timeliness != null)
        throw badInput(`"${indicator.nameVi}" is rated 1–5, not faster/slower.`, { indicatorId: a.indicatorId });
      if (a.rating == null && comment === null)
        throw badInput(`"${indicator.nameVi}" needs a level 1–5.`, { indicatorId: a.indicatorId });
      if (a.rating != null && (!Number.isInteger(a.rating) || a.rating < 1 || a.rating > 5))
        throw badInput(`A level is a whole number from 1 to 5, not ${a.rating}.`, { indicatorId: a.indicatorId });
      return { indicator, rating: a.rating ?? null, timeliness: null, comment };
    }
    if (a.rating != null)
      throw badInput(`"${indicator.nameVi}" is answered faster / as / slower than committed, not with a level.`, {
        indicatorId: a.indicatorId,
      });
    if (a.timeliness == null && comment === null)
      throw badInput(`"${indicator.nameVi}" needs faster, as or slower than committed.`, {
        indicatorId: a.indicatorId,
      });
    return { indicator, rating: null, timeliness: a.timeliness ?? null, comment };
  });
}
