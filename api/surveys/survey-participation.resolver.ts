/**
 * Which survey campaigns an enterprise took part in, for its page in the console: each recent
 * campaign with the enterprise's response status (none, draft, submitted), never its answers.
 * Who answered a survey is like who rated: the field's rule in the policy keeps it to inspection
 * staff and the enterprise itself.
 */
import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Enterprise } from '../catalog/enterprise.entity.js';
import type { Context } from '../context.js';
import { SurveyCampaign, SurveyResponse } from './survey.entity.js';
import { SurveyResponseStatus } from './survey.enums.js';

const RECENT_CAMPAIGNS = 20;

@ObjectType({ description: "An enterprise's part in one survey campaign." })
export class SurveyParticipation {
  @Field(() => SurveyCampaign)
  campaign!: SurveyCampaign;

  @Field(() => SurveyResponseStatus, { nullable: true, description: 'Null: the enterprise has not started.' })
  status!: SurveyResponseStatus | null;

  @Field(() => Date, { nullable: true })
  submittedAt!: Date | null;
}

@Resolver(() => Enterprise)
export class SurveyParticipationResolver {
  @FieldResolver(() => [SurveyParticipation], {
    description: `The latest ${RECENT_CAMPAIGNS} campaigns, newest first, with this enterprise's response status.`,
  })
  async surveyParticipation(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<SurveyParticipation[]> {
    const campaigns = await ctx.em.find(
      SurveyCampaign,
      {},
      { orderBy: { opensAt: 'desc', id: 'desc' }, limit: RECENT_CAMPAIGNS },
    );
    const responses = await ctx.em.find(SurveyResponse, {
      enterprise: enterprise.id,
      campaign: { $in: campaigns.map((c) => c.id) },
    });
    const byCampaign = new Map(responses.map((r) => [r.campaign.id, r]));
    return campaigns.map((campaign) => {
      const response = byCampaign.get(campaign.id);
      return { campaign, status: response?.status ?? null, submittedAt: response?.submittedAt ?? null };
    });
  }
}
