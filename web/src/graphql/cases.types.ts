/** Names the case console gives to parts of its operations' results, derived from generated.ts. */
import type * as G from './generated';

export type {
  AcknowledgeCaseMutation,
  AnswerCaseMutation,
  CaseAction,
  CaseDetailInspectorQuery,
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
export type CaseForm = G.CaseFormFieldsFragment & Partial<Pick<G.CaseDetailInspectorQuery['complaintCase']['assessment'], 'enterprise' | 'contactName' | 'contactPhone'>>;
/** A case with its form; who rated (enterprise, contact) only for inspection staff. */
export type CaseDetail = G.CaseFieldsFragment & { assessment: CaseForm };
export interface CaseDetailResult {
  complaintCase: CaseDetail;
  reasons: G.CaseReasonFragment[];
  departments: G.CaseDetailQuery['departments'];
}
export type FormCase = G.FormCasesQuery['assessment']['cases'][number];
export type InboxNotification = G.NotificationInboxQuery['notifications']['edges'][number]['node'];
export type { CaseRoutingRuleInput, CaseRoutingRulesQuery, CreateCaseRoutingRuleMutation, DeleteCaseRoutingRuleMutation, UpdateCaseRoutingRuleMutation } from './generated';
export type RoutingRule = G.RoutingRuleFieldsFragment;
