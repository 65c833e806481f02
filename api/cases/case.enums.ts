/** Enumerations of a complaint case (hồ sơ xử lý phản ánh), registered once for GraphQL. */
import { registerEnumType } from 'type-graphql';

export enum CaseStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  VERIFYING = 'VERIFYING',
  CONCLUDED = 'CONCLUDED',
  ANSWERED = 'ANSWERED',
  CLOSED = 'CLOSED',
}

export enum Finding {
  SUBSTANTIATED = 'SUBSTANTIATED',
  PARTLY_SUBSTANTIATED = 'PARTLY_SUBSTANTIATED',
  NOT_SUBSTANTIATED = 'NOT_SUBSTANTIATED',
}

export enum CaseAction {
  GUIDANCE = 'GUIDANCE',
  TRAINING = 'TRAINING',
  PROCESS_CHANGE = 'PROCESS_CHANGE',
  DISCIPLINE_REFERRAL = 'DISCIPLINE_REFERRAL',
}

/** Who handles a case: the responsible branch's managers, or the department's inspectors. */
export enum CaseHandler {
  BRANCH = 'BRANCH',
  INSPECTORS = 'INSPECTORS',
}

/** What a step of the audit trail did. */
export enum StepKind {
  OPENED = 'OPENED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  VERIFICATION_STARTED = 'VERIFICATION_STARTED',
  CONCLUDED = 'CONCLUDED',
  CORRECTED = 'CORRECTED',
  ANSWERED = 'ANSWERED',
  ENTERPRISE_ACKNOWLEDGED = 'ENTERPRISE_ACKNOWLEDGED',
  REOPENED = 'REOPENED',
  REASSIGNED = 'REASSIGNED',
  ASSIGNED = 'ASSIGNED',
  ESCALATED = 'ESCALATED',
  CLOSED = 'CLOSED',
  NOTE = 'NOTE',
}

/**
 * Who a step's note is for: INTERNAL (the case file: verification notes, findings, reassignment
 * reasons) or ENTERPRISE (a message to the enterprise, or one from it). The enterprise reads
 * only the ENTERPRISE ones (`ComplaintCase.messages`).
 */
export enum StepAudience {
  INTERNAL = 'INTERNAL',
  ENTERPRISE = 'ENTERPRISE',
}

registerEnumType(StepAudience, {
  name: 'CaseStepAudience',
  description: 'INTERNAL: the case file only; ENTERPRISE: a message to (or from) the enterprise, shown on its form.',
});
registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  description: 'open → acknowledged → verifying → concluded → answered → closed.',
});
registerEnumType(Finding, { name: 'Finding', description: 'The conclusion of the verification.' });
registerEnumType(CaseAction, { name: 'CaseAction', description: 'What was done about a substantiated complaint.' });
registerEnumType(CaseHandler, {
  name: 'CaseHandler',
  description: "BRANCH: the responsible branch; INSPECTORS: the department's inspectors.",
});
registerEnumType(StepKind, { name: 'CaseStepKind' });
