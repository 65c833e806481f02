/** The vocabularies of the CSD survey. */
import { registerEnumType } from 'type-graphql';

export enum QuestionKind {
  /** 5 Rất hài lòng … 1 Rất không hài lòng. */
  RATING = 'RATING',
  /** Nhanh hơn / đúng / chậm hơn cam kết. */
  TIMELINESS = 'TIMELINESS',
}

export enum Timeliness {
  FASTER = 'FASTER',
  AS_COMMITTED = 'AS_COMMITTED',
  SLOWER = 'SLOWER',
}

export enum SurveyResponseStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
}

export enum SurveyCampaignStatus {
  UPCOMING = 'UPCOMING',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

registerEnumType(QuestionKind, {
  name: 'QuestionKind',
  description: 'RATING: five levels; TIMELINESS: faster than, as, or slower than committed.',
});
registerEnumType(Timeliness, { name: 'Timeliness' });
registerEnumType(SurveyResponseStatus, { name: 'SurveyResponseStatus' });
registerEnumType(SurveyCampaignStatus, { name: 'SurveyCampaignStatus' });
