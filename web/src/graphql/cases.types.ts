/** Names the case console gives to parts of its operations' results, derived from generated.ts. */
import type * as G from './generated';

export type {
  AcknowledgeCaseMutation,
  AnswerCaseMutation,
  CaseAction,
  CaseDetailQuery,
  CaseFilterInput,
  CaseHandler,
  CasesQuery,
  CaseStatus,
  CaseStepKind,
  ConcludeCaseMutation,
  EscalateCaseMutation,
  Finding,
  FormCasesQuery,
  MarkNotificationsReadMutation,
  NotificationInboxQuery,
  ReassignCaseMutation,
  RespondToCaseMutation,
  StartCaseVerificationMutation,
  UnreadNotificationCountQuery,
} from './generated';

export type CaseRow = G.CaseRowFragment;
export type CaseStep = G.CaseFieldsFragment['steps'][number];
/** A case with its form; who rated (enterprise, contact) only when asked `withRater` (inspection staff). */
export type CaseDetail = G.CaseDetailQuery['complaintCase'];
export type CaseForm = CaseDetail['assessment'];
export type CaseDetailResult = G.CaseDetailQuery;
export type FormCase = G.FormCasesQuery['assessment']['cases'][number];
export type InboxNotification = G.NotificationInboxQuery['notifications']['edges'][number]['node'];
export type {
  CaseRoutingRuleInput,
  CaseRoutingRulesQuery,
  CreateCaseRoutingRuleMutation,
  DeleteCaseRoutingRuleMutation,
  UpdateCaseRoutingRuleMutation,
} from './generated';
export type RoutingRule = G.RoutingRuleFieldsFragment;
