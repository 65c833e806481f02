/** Per-request DataLoaders for survey campaigns: a list of campaigns counts its submissions in one query. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { countLoader } from '../graphql/loaders.js';

export function createSurveyLoaders(em: EntityManager) {
  return {
    submittedCountOfCampaign: countLoader(em, 'survey_response', 'campaign_id', "and status = 'SUBMITTED'"),
  };
}
