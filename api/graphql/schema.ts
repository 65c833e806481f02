/** Builds the executable GraphQL schema from every capability's resolvers. */
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { assessmentResolvers } from '../assessments/assessment.resolver.js';
import { AnomalyResolver } from '../anomalies/anomaly.resolver.js';
import { CommentResolver } from '../comments/comment.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { CaseStatisticsResolver } from '../cases/case-statistics.resolver.js';
import { caseResolvers } from '../cases/case.resolver.js';
import { RoutingResolver } from '../cases/routing.resolver.js';
import { EvaluationResolver } from '../evaluation/evaluation.resolver.js';
import { NoticeResolver } from '../notices/notice.resolver.js';
import { NotificationResolver } from '../notifications/notification.resolver.js';
import { MessageResolver } from '../messages/message.resolver.js';
import { AlertResolver } from '../alerts/alert.resolver.js';
import { SavedViewResolver } from '../views/saved-view.resolver.js';
import { SurveyParticipationResolver } from '../surveys/survey-participation.resolver.js';
import { SurveyCommentsResolver } from '../surveys/survey-comments.resolver.js';
import { GradeBandsResolver } from '../evaluation/grade-bands.resolver.js';
import { ReportResolver } from '../reports/report.resolver.js';
import { MessageDeliveryResolver, WebhookResolver } from '../webhooks/webhook.resolver.js';
import { catalogResolvers } from '../catalog/catalog.resolver.js';
import { declarationResolvers } from '../declarations/declaration.resolver.js';
import { statisticsResolvers } from '../statistics/statistics.resolver.js';
import { cdciResolvers } from '../cdci/cdci.resolver.js';
import { surveyResolvers } from '../surveys/survey.resolver.js';
import { AccountResolver } from '../accounts/account.resolver.js';
import { HolidayResolver } from '../cases/holiday.resolver.js';
import { OrgChartResolver } from '../orgchart/org-chart.resolver.js';
import { applyFieldPolicy } from './field-policy.js';

export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      AuthResolver,
      ...catalogResolvers,
      ...declarationResolvers,
      ...assessmentResolvers,
      ...statisticsResolvers,
      ...caseResolvers,
      CaseStatisticsResolver,
      RoutingResolver,
      EvaluationResolver,
      NotificationResolver,
      MessageResolver,
      WebhookResolver,
      MessageDeliveryResolver,
      AlertResolver,
      SavedViewResolver,
      SurveyParticipationResolver,
      SurveyCommentsResolver,
      GradeBandsResolver,
      ReportResolver,
      NoticeResolver,
      ...surveyResolvers,
      ...cdciResolvers,
      OrgChartResolver,
      AccountResolver,
      HolidayResolver,
      AnomalyResolver,
      CommentResolver,
    ],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  // The access policy first: a refused field never sees its arguments checked or its resolver run.
  return applyFieldPolicy(schema);
}

/** The SDL committed as schema/schema.graphql: sorted, so that diffs show real changes only. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
