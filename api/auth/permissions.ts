/**
 * Every authorisation decision, in one place. Resolvers ask `authorize(viewer, action)`; which
 * rows a viewer may see (declarations, forms) is decided by the scope functions here, never in
 * resolvers or services.
 */
import { forbidden, unauthenticated } from '../errors.js';
import { Role } from './roles.js';
import type { KnownViewer, Viewer } from './viewer.js';

export type Action =
  | 'catalog:read'
  | 'enterprise:read'
  | 'declaration:read'
  | 'declaration:record'
  | 'assessment:rate'
  | 'assessment:read'
  | 'assessment:seeRater'
  | 'apiKey:manage'
  | 'apiKey:setBudget'
  | 'reminder:run'
  | 'statistics:read'
  | 'case:read'
  | 'case:handle'
  | 'case:respond'
  | 'case:readInternal'
  | 'survey:read'
  | 'survey:answer'
  | 'survey:manage'
  | 'survey:report'
  | 'survey:measure'
  | 'cdci:read'
  | 'cdci:manage'
  | 'routing:manage'
  | 'orgChart:manage'
  | 'account:manage'
  | 'account:changePassword'
  | 'calendar:read'
  | 'calendar:manage'
  | 'audit:read'
  | 'anomaly:read'
  | 'anomaly:decide'
  | 'anomaly:seeRaters'
  | 'anomaly:seeForms'
  | 'comment:read'
  | 'webhook:manage'
  | 'message:preferences'
  | 'message:readOutgoing'
  | 'report:read'
  | 'alert:manage';

const STAFF: Role[] = [Role.OFFICER, Role.SUPERVISOR, Role.INSPECTOR, Role.LEADER, Role.ADMIN];
const MANAGERS: Role[] = [Role.SUPERVISOR, Role.INSPECTOR, Role.LEADER, Role.ADMIN];

const rules: Record<Action, Role[] | 'everyone'> = {
  // The organisation tree, stages and officers' names are what enterprises rate: public.
  'catalog:read': 'everyone',
  'enterprise:read': [...STAFF, Role.SYSTEM, Role.ANALYTICS],
  'declaration:read': [...STAFF, Role.SYSTEM, Role.ENTERPRISE],
  'declaration:record': [Role.SYSTEM, Role.ADMIN],
  // Only an enterprise (its users or its declaration software) rates, and only its own declarations.
  'assessment:rate': [Role.ENTERPRISE],
  // Officers are rated; they see their own aggregates (analytics), never individual forms.
  'assessment:read': [Role.ENTERPRISE, ...MANAGERS],
  // Who rated (enterprise, contact) is for the inspection staff handling complaints, and the rater.
  'assessment:seeRater': [Role.ENTERPRISE, Role.INSPECTOR, Role.ADMIN],
  'apiKey:manage': [Role.ADMIN, Role.ENTERPRISE],
  // A key's hourly cost budget is a platform decision: enterprises cannot raise their own.
  'apiKey:setBudget': [Role.ADMIN],
  'reminder:run': [Role.ADMIN, Role.SYSTEM],
  // Aggregates: every staff role within its scope (an officer sees only its own), and analytics clients.
  'statistics:read': [...STAFF, Role.ANALYTICS],
  // Cases are handled by the responsible branch's managers and the department's inspectors;
  // officers never see them (a case may be about them), enterprises see and answer their own.
  'case:read': [Role.SUPERVISOR, Role.INSPECTOR, Role.LEADER, Role.ADMIN, Role.ENTERPRISE],
  'case:handle': [Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN],
  'case:respond': [Role.ENTERPRISE],
  // What the handlers record (each finding and action list of the trail, who the case is assigned
  // to and who may take it) is internal: the enterprise sees the status, deadlines and the answer.
  'case:readInternal': [Role.SUPERVISOR, Role.INSPECTOR, Role.LEADER, Role.ADMIN],
  // The CSD survey: enterprises answer (their own response only); managers run campaigns.
  'survey:read': [...STAFF, Role.ENTERPRISE],
  'survey:answer': [Role.ENTERPRISE],
  'survey:manage': [Role.LEADER, Role.ADMIN],
  // Reports are aggregates within the viewer's scope, never one enterprise's answers.
  'survey:report': MANAGERS,
  // Improvement measures for low-mark items: the branch's supervisors and the inspection staff.
  'survey:measure': [Role.SUPERVISOR, Role.INSPECTOR, Role.LEADER, Role.ADMIN],
  // The CDCI ranking is meant to be seen by the branches it ranks; its inputs are the leaders'.
  'cdci:read': MANAGERS,
  'cdci:manage': [Role.LEADER, Role.ADMIN],
  // Where new cases go is the organisation's decision, not a unit's.
  'routing:manage': [Role.ADMIN],
  // Bringing a department live and keeping it right (org chart, accounts, holidays) is the
  // administrators' job; every such action lands in the audit log, which only they read.
  'orgChart:manage': [Role.ADMIN],
  'account:manage': [Role.ADMIN],
  // Every person changes their own password (machines have keys, not passwords).
  'account:changePassword': [...STAFF, Role.ENTERPRISE],
  'calendar:read': [...STAFF, Role.ENTERPRISE, Role.SYSTEM],
  'calendar:manage': [Role.ADMIN],
  'audit:read': [Role.ADMIN],
  // Rating anomaly flags: every staff role within its statistics scope (an officer the flags about
  // itself, so it knows its page is being looked at), never enterprises.
  'anomaly:read': STAFF,
  // Confirming a flag can take ratings out of an officer's scorecard: the inspection staff's call.
  'anomaly:decide': [Role.INSPECTOR, Role.ADMIN],
  // A flag's raters are who rated: like `assessment:seeRater`, the inspection staff only.
  'anomaly:seeRaters': [Role.INSPECTOR, Role.ADMIN],
  // A flag's forms lead to single ratings: those who may read forms, never officers.
  'anomaly:seeForms': MANAGERS,
  // Comments are the text of forms: those who may read forms, never officers (a comment may name the rater).
  'comment:read': MANAGERS,
  // Webhooks: administrators for any event; an enterprise (its users or its software's key) for
  // its own events only (webhookScope below).
  'webhook:manage': [Role.ADMIN, Role.ENTERPRISE],
  // How a person is told (language, e-mail address, channels): every signed-in account, for itself.
  'message:preferences': [...STAFF, Role.ENTERPRISE],
  // Outgoing e-mail and webhook bodies name enterprises and cases: administrators only.
  'message:readOutgoing': [Role.ADMIN],
  // Period reports are aggregates of the units the viewer may see (reportScope below).
  'report:read': MANAGERS,
  // Alert rules are set by the inspection staff and leaders (and administrators).
  'alert:manage': [Role.INSPECTOR, Role.LEADER, Role.ADMIN],
};

export function can(viewer: Viewer, action: Action): boolean {
  const allowed = rules[action];
  if (allowed === 'everyone') return true;
  return viewer.kind !== 'anonymous' && allowed.includes(viewer.role);
}

/** Throws UNAUTHENTICATED for nobody and FORBIDDEN for a viewer whose role may not do this. */
export function authorize(viewer: Viewer, action: Action): void {
  if (can(viewer, action)) return;
  throw viewer.kind === 'anonymous'
    ? unauthenticated()
    : forbidden(`Your role (${viewer.role}) may not ${DESCRIPTIONS[action]}.`);
}

/** Like `authorize`, for actions only a signed-in or keyed viewer can take. */
export function requireViewer(viewer: Viewer, action: Action): KnownViewer {
  authorize(viewer, action);
  if (viewer.kind === 'anonymous') throw unauthenticated();
  return viewer;
}

/** An enterprise viewer's enterprise; refuses an enterprise account or key bound to none. */
export function enterpriseOf(viewer: KnownViewer): number {
  if (viewer.role !== Role.ENTERPRISE || viewer.scope.enterpriseId === null) {
    throw forbidden('Only an enterprise user or its declaration software can do this.');
  }
  return viewer.scope.enterpriseId;
}

/**
 * Which declarations (and their forms) a viewer may see. Each non-null field narrows the rows:
 * an enterprise sees its own, a supervisor its branch, an inspector or leader their department.
 */
export interface RowScope {
  enterpriseId: number | null;
  branchId: number | null;
  departmentId: number | null;
}

const ALL: RowScope = { enterpriseId: null, branchId: null, departmentId: null };

function rowScope(viewer: KnownViewer): RowScope {
  const { scope } = viewer;
  switch (viewer.role) {
    case Role.ENTERPRISE:
      // A key or account bound to no enterprise sees nothing rather than everything.
      return { ...ALL, enterpriseId: scope.enterpriseId ?? -1 };
    case Role.SUPERVISOR:
      return { ...ALL, branchId: scope.branchId ?? -1 };
    case Role.INSPECTOR:
    case Role.LEADER:
      return { ...ALL, departmentId: scope.departmentId };
    case Role.OFFICER:
      return { ...ALL, branchId: scope.branchId ?? -1 };
    default:
      return ALL;
  }
}

export function declarationScope(viewer: Viewer): RowScope {
  return rowScope(requireViewer(viewer, 'declaration:read'));
}

export function assessmentScope(viewer: Viewer): RowScope {
  return rowScope(requireViewer(viewer, 'assessment:read'));
}

const DESCRIPTIONS: Record<Action, string> = {
  'catalog:read': 'read the catalog',
  'enterprise:read': 'read enterprises',
  'declaration:read': 'read declarations',
  'declaration:record': 'record declarations',
  'assessment:rate': 'rate declarations',
  'assessment:read': 'read assessment forms',
  'assessment:seeRater': 'see who rated',
  'apiKey:manage': 'manage API keys',
  'apiKey:setBudget': "set an API key's cost budget",
  'reminder:run': 'run the reminder job',
  'statistics:read': 'read rating statistics',
  'case:read': 'read complaint cases',
  'case:handle': 'handle complaint cases',
  'case:respond': 'answer for the enterprise',
  'case:readInternal': "read a case's internal records",
  'survey:read': 'read survey campaigns',
  'survey:answer': 'answer surveys',
  'survey:manage': 'manage survey campaigns',
  'survey:report': 'read survey reports',
  'survey:measure': 'record improvement measures',
  'cdci:read': 'read the CDCI',
  'cdci:manage': 'set CDCI weights and department assessments',
  'routing:manage': 'manage case routing rules',
  'orgChart:manage': 'change the org chart',
  'account:manage': 'manage accounts',
  'account:changePassword': 'change a password',
  'calendar:read': 'read the working calendar',
  'calendar:manage': 'change the working calendar',
  'audit:read': 'read the audit log',
  'anomaly:read': 'read rating anomaly flags',
  'anomaly:decide': 'confirm or dismiss rating anomaly flags',
  'anomaly:seeRaters': "see a rating anomaly flag's raters",
  'anomaly:seeForms': "see a rating anomaly flag's forms",
  'comment:read': 'read or search comments',
  'webhook:manage': 'manage webhooks',
  'message:preferences': 'set notification preferences',
  'message:readOutgoing': 'read outgoing messages',
  'report:read': 'read period reports',
  'alert:manage': 'manage alert rules',
};

/**
 * What a viewer's statistics are limited to: an officer its own ratings, a supervisor its
 * branch, an inspector or leader its department. Null fields do not limit.
 */
export interface StatisticsScope {
  officerId: number | null;
  branchId: number | null;
  departmentId: number | null;
  /** Whether the viewer may group or filter by enterprise (that reveals who rated). */
  enterprises: boolean;
}

export function statisticsScope(viewer: Viewer): StatisticsScope {
  const known = requireViewer(viewer, 'statistics:read');
  const { scope } = known;
  const enterprises = can(known, 'assessment:seeRater');
  switch (known.role) {
    case Role.OFFICER:
      return { officerId: scope.officerId ?? -1, branchId: null, departmentId: null, enterprises };
    case Role.SUPERVISOR:
      return { officerId: null, branchId: scope.branchId ?? -1, departmentId: null, enterprises };
    case Role.INSPECTOR:
    case Role.LEADER:
      return { officerId: null, branchId: null, departmentId: scope.departmentId, enterprises };
    default:
      return { officerId: null, branchId: null, departmentId: null, enterprises };
  }
}

/** Which cases a viewer may see: by responsible branch, department or enterprise; null does not limit. */
export interface CaseScope {
  enterpriseId: number | null;
  branchId: number | null;
  departmentId: number | null;
  /** The viewer's own officer id: cases about that officer are never theirs to see. */
  officerId: number | null;
  /** Only cases handled by the branch: one routed to the inspectors is not the branch's to see. */
  branchHandledOnly: boolean;
}

export function caseScope(
  viewer: Viewer,
  action: 'case:read' | 'case:handle' | 'case:respond' = 'case:read',
): CaseScope {
  const known = requireViewer(viewer, action);
  const { scope } = known;
  const base = {
    enterpriseId: null,
    branchId: null,
    departmentId: null,
    officerId: scope.officerId,
    branchHandledOnly: false,
  };
  switch (known.role) {
    case Role.ENTERPRISE:
      return { ...base, enterpriseId: scope.enterpriseId ?? -1 };
    case Role.SUPERVISOR:
      return { ...base, branchId: scope.branchId ?? -1, branchHandledOnly: true };
    case Role.INSPECTOR:
    case Role.LEADER:
      return { ...base, departmentId: scope.departmentId };
    default:
      return base;
  }
}

/**
 * Which branches' survey figures (and improvement measures) a viewer may see or write: a
 * supervisor its branch, an inspector or leader its department; null does not limit. Branch
 * staff must not lower the minimum number of respondents below the configured one, so that a
 * figure never reveals a single enterprise's answers.
 */
export interface SurveyScope {
  branchId: number | null;
  departmentId: number | null;
  mayLowerMinimum: boolean;
}

export function surveyScope(viewer: Viewer, action: 'survey:report' | 'survey:measure' = 'survey:report'): SurveyScope {
  const known = requireViewer(viewer, action);
  const { scope } = known;
  const mayLowerMinimum = known.role === Role.INSPECTOR || known.role === Role.LEADER || known.role === Role.ADMIN;
  switch (known.role) {
    case Role.SUPERVISOR:
      return { branchId: scope.branchId ?? -1, departmentId: null, mayLowerMinimum };
    case Role.INSPECTOR:
    case Role.LEADER:
      return { branchId: null, departmentId: scope.departmentId, mayLowerMinimum };
    default:
      return { branchId: null, departmentId: null, mayLowerMinimum };
  }
}

/**
 * Which branches a CDCI ranking covers: an inspector's or leader's department (a leader without
 * one, the nation); a supervisor sees the ranking of its own branch's department, since the
 * index is meant to make branches compare. `branchId` asks the caller to resolve that department.
 */
export interface CdciScope {
  departmentId: number | null;
  departmentOfBranchId: number | null;
}

export function cdciScope(viewer: Viewer, action: 'cdci:read' | 'cdci:manage' = 'cdci:read'): CdciScope {
  const known = requireViewer(viewer, action);
  const { scope } = known;
  switch (known.role) {
    case Role.SUPERVISOR:
      return { departmentId: null, departmentOfBranchId: scope.branchId ?? -1 };
    case Role.INSPECTOR:
    case Role.LEADER:
      return { departmentId: scope.departmentId, departmentOfBranchId: null };
    default:
      return { departmentId: null, departmentOfBranchId: null };
  }
}

/**
 * Whether an account belongs to the unit that must handle a case now: the responsible branch's
 * supervisors, or the department's inspectors once the case is theirs; never the rated officer.
 * Assigning a case to a person checks this.
 */
export function handlesCaseUnit(
  account: { role: Role; branchId?: number | null; departmentId?: number | null; officerId?: number | null },
  c: { responsibleBranchId: number; departmentId: number; ratedOfficerId?: number | null },
  unit: 'BRANCH' | 'INSPECTORS',
): boolean {
  if (account.officerId != null && account.officerId === c.ratedOfficerId) return false;
  if (unit === 'BRANCH') return account.role === Role.SUPERVISOR && account.branchId === c.responsibleBranchId;
  return account.role === Role.INSPECTOR && account.departmentId === c.departmentId;
}

/**
 * Which anomaly flags a viewer may see: an officer the flags about itself, a supervisor its
 * branch's, an inspector or leader its department's; null does not limit.
 */
export interface AnomalyScope {
  officerId: number | null;
  branchId: number | null;
  departmentId: number | null;
}

export function anomalyScope(viewer: Viewer, action: 'anomaly:read' | 'anomaly:decide' = 'anomaly:read'): AnomalyScope {
  const known = requireViewer(viewer, action);
  const { scope } = known;
  switch (known.role) {
    case Role.OFFICER:
      return { officerId: scope.officerId ?? -1, branchId: null, departmentId: null };
    case Role.SUPERVISOR:
      return { officerId: null, branchId: scope.branchId ?? -1, departmentId: null };
    case Role.INSPECTOR:
    case Role.LEADER:
      return { officerId: null, branchId: null, departmentId: scope.departmentId };
    default:
      return { officerId: null, branchId: null, departmentId: null };
  }
}

/**
 * Which webhook subscriptions (and so which events) a viewer manages: an administrator every one
 * (`enterpriseId` null), an enterprise only those of its own enterprise, receiving only the event
 * types an enterprise may receive; asking for more is FORBIDDEN.
 */
export interface WebhookScope {
  enterpriseId: number | null;
  /** Event types this viewer may subscribe to; null: any. */
  eventTypes: readonly string[] | null;
}

export function webhookScope(viewer: Viewer, enterpriseEventTypes: readonly string[]): WebhookScope {
  const known = requireViewer(viewer, 'webhook:manage');
  if (known.role === Role.ADMIN) return { enterpriseId: null, eventTypes: null };
  return { enterpriseId: enterpriseOf(known), eventTypes: enterpriseEventTypes };
}

/**
 * Which units' period reports a viewer may read and subscribe to: a supervisor its branch, an
 * inspector or leader its department (its branches included); null does not limit.
 */
export interface ReportScope {
  branchId: number | null;
  departmentId: number | null;
}

export function reportScope(viewer: Viewer): ReportScope {
  const known = requireViewer(viewer, 'report:read');
  const { scope } = known;
  switch (known.role) {
    case Role.SUPERVISOR:
      return { branchId: scope.branchId ?? -1, departmentId: null };
    case Role.INSPECTOR:
    case Role.LEADER:
      return { branchId: null, departmentId: scope.departmentId };
    default:
      return { branchId: null, departmentId: null };
  }
}
