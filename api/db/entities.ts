/** Every MikroORM entity, listed explicitly (folder discovery is slow and fragile across builds). */
import { AccountInvitation } from '../accounts/invitation.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { RatingAnomaly, RatingAnomalyDecision } from '../anomalies/rating-anomaly.entity.js';
import { ApiKey } from '../auth/api-key.entity.js';
import { Account } from '../auth/account.entity.js';
import { LoginThrottle } from '../auth/login-throttle.entity.js';
import { Session } from '../auth/session.entity.js';
import { AssessmentItem } from '../assessments/assessment-item.entity.js';
import { Assessment } from '../assessments/assessment.entity.js';
import { Reason } from '../assessments/reason.entity.js';
import { RatingReminder } from '../assessments/reminder.entity.js';
import { OutboxEvent } from '../outbox/outbox-event.entity.js';
import { RelayBatch } from '../relay/relay-batch.entity.js';
import { CaseStep } from '../cases/case-step.entity.js';
import { ComplaintCase } from '../cases/case.entity.js';
import { Holiday } from '../cases/holiday.entity.js';
import { CaseRoutingRule } from '../cases/routing-rule.entity.js';
import { LegalNotice, LegalNoticeRead } from '../notices/notice.entity.js';
import { NotificationRead } from '../notifications/notification-read.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { WebhookSubscription } from '../webhooks/webhook.entity.js';
import { MessageEvent } from '../messages/message-event.entity.js';
import { MessageAttempt, MessageDelivery } from '../messages/message-delivery.entity.js';
import { MessagePreference } from '../messages/message-preference.entity.js';
import { AlertIncident, AlertRule } from '../alerts/alert.entity.js';
import { SavedView } from '../views/saved-view.entity.js';
import { GradeBands } from '../evaluation/grade-bands.js';
import { PeriodReport, ReportSubscription } from '../reports/period-report.entity.js';
import { Branch } from '../catalog/branch.entity.js';
import { CdciDepartmentAssessment, CdciWeights } from '../cdci/cdci.entity.js';
import {
  SurveyAnswer,
  SurveyCampaign,
  SurveyImprovementMeasure,
  SurveyIndicator,
  SurveyResponse,
  SurveyResponseBranch,
  SurveySection,
} from '../surveys/survey.entity.js';
import { Department } from '../catalog/department.entity.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { OfficerAssignment } from '../catalog/officer-assignment.entity.js';
import { Officer } from '../catalog/officer.entity.js';
import { Stage } from '../catalog/stage.entity.js';
import { Team } from '../catalog/team.entity.js';
import { Declaration } from '../declarations/declaration.entity.js';
import { HandlingRecord } from '../declarations/handling-record.entity.js';

export const entities = [
  Department,
  Branch,
  Team,
  Stage,
  Officer,
  OfficerAssignment,
  Enterprise,
  Declaration,
  HandlingRecord,
  ApiKey,
  Account,
  Session,
  LoginThrottle,
  Reason,
  Assessment,
  AssessmentItem,
  RatingReminder,
  OutboxEvent,
  RelayBatch,
  ComplaintCase,
  CaseStep,
  Holiday,
  CaseRoutingRule,
  Notification,
  NotificationRead,
  WebhookSubscription,
  MessageEvent,
  MessageDelivery,
  MessageAttempt,
  MessagePreference,
  AlertRule,
  AlertIncident,
  SavedView,
  GradeBands,
  PeriodReport,
  ReportSubscription,
  LegalNotice,
  LegalNoticeRead,
  SurveySection,
  SurveyIndicator,
  SurveyCampaign,
  SurveyResponse,
  SurveyResponseBranch,
  SurveyAnswer,
  SurveyImprovementMeasure,
  CdciWeights,
  CdciDepartmentAssessment,
  AccountInvitation,
  AuditEntry,
  RatingAnomaly,
  RatingAnomalyDecision,
];
