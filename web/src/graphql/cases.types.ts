/**
 * Names the case console gives to parts of its operations' results, derived from generated.ts.
 * Whole results and variables need no name: they follow from the typed document a call passes.
 */
import type * as G from './generated';

export type { CaseAction, CaseFilterInput, CaseHandler, CaseStatus, Finding } from './generated';

export type CaseStep = G.CaseFieldsFragment['steps'][number];
/** A case with its form; who rated (enterprise, contact) only when asked `withRater` (inspection staff). */
export type CaseDetail = G.CaseDetailQuery['complaintCase'];
export type FormCase = G.FormCasesQuery['assessment']['cases'][number];
export type InboxNotification = G.NotificationInboxQuery['notifications']['edges'][number]['node'];
export type { CaseRoutingRuleInput } from './generated';
export type RoutingRule = G.RoutingRuleFieldsFragment;
