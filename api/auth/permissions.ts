/**
 * Every authorisation decision, in one place: which role may take which action, which rows a
 * viewer may see (the scope functions), and which field of which object type a viewer may read
 * (FIELD_RULES, applied to every field of the schema by one resolver wrapper, `graphql/field-policy.ts`,
 * whatever path a query took to reach it). Resolvers may also ask `authorize(viewer, action)`.
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
  | 'comment:readOwn'
  | 'webhook:manage'
  | 'message:preferences'
  | 'message:readOutgoing'
  | 'report:read'
  | 'alert:manage'
  | 'view:save'
  | 'notice:read'
  | 'notice:publish'
  | 'notice:markRead'
  | 'self:read'
  | 'scorecard:review'
  | 'scorecard:grade';

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
  // What enterprises wrote about oneself, without who or when (small groups only): every rated person.
  'comment:readOwn': [Role.OFFICER, Role.SUPERVISOR],
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
  // Saved views are one's own bookmarks of statistics pages: every staff account.
  'view:save': STAFF,
  // Notices of legal documents are addressed to enterprises; administrators publish them.
  'notice:read': [Role.ENTERPRISE, Role.ADMIN],
  'notice:publish': [Role.ADMIN],
  'notice:markRead': [Role.ENTERPRISE],
  // One's own inbox, session and permissions: anyone signed in or keyed.
  'self:read': [...STAFF, Role.ENTERPRISE, Role.SYSTEM, Role.ANALYTICS],
  // The units' scorecards for the emulation, reward and discipline reviews (the console's page).
  'scorecard:review': MANAGERS,
  // Where the grades start is an organisation-wide decision, set once per period.
  'scorecard:grade': [Role.ADMIN],
};

/** Every action a role may take: `me { permissions }`, so the console never re-declares role lists. */
export function permissionsOf(role: Role): Action[] {
  return (Object.keys(rules) as Action[]).filter((action) => {
    const allowed = rules[action];
    return allowed === 'everyone' || allowed.includes(role);
  });
}

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
  'comment:readOwn': 'read the comments about yourself',
  'webhook:manage': 'manage webhooks',
  'message:preferences': 'set notification preferences',
  'message:readOutgoing': 'read outgoing messages',
  'report:read': 'read period reports',
  'alert:manage': 'manage alert rules',
  'view:save': 'save views of the statistics pages',
  'notice:read': 'read notices of legal documents',
  'notice:publish': 'publish notices',
  'notice:markRead': 'mark notices read',
  'self:read': 'use a signed-in session',
  'scorecard:review': 'review the units’ scorecards',
  'scorecard:grade': 'set the grade thresholds of the scorecards',
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
  /**
   * The viewer's own officer id when it is itself rated (an officer, or a supervisor who is also
   * an officer): figures about it are under small-group protection (`statistics/small-groups.ts`).
   */
  selfOfficerId: number | null;
}

/**
 * Everything of a viewer that the rules of this file read: its kind, role and scope. Two viewers
 * with the same access key are allowed and refused exactly the same fields and see the same
 * statistics and case scopes, so an answer computed for one may be served to the other (the
 * GraphQL answer cache keys on it). A rule that starts reading anything else of the viewer (its
 * id, its login) must add it here.
 */
export function accessKey(viewer: KnownViewer): string {
  return JSON.stringify([viewer.kind, viewer.role, viewer.scope]);
}

export function statisticsScope(viewer: Viewer): StatisticsScope {
  const known = requireViewer(viewer, 'statistics:read');
  const { scope } = known;
  const enterprises = can(known, 'assessment:seeRater');
  const selfOfficerId = known.role === Role.OFFICER ? (scope.officerId ?? -1) : scope.officerId;
  switch (known.role) {
    case Role.OFFICER:
      return { officerId: scope.officerId ?? -1, branchId: null, departmentId: null, enterprises, selfOfficerId };
    case Role.SUPERVISOR:
      return { officerId: null, branchId: scope.branchId ?? -1, departmentId: null, enterprises, selfOfficerId };
    case Role.INSPECTOR:
    case Role.LEADER:
      return { officerId: null, branchId: null, departmentId: scope.departmentId, enterprises, selfOfficerId };
    default:
      return { officerId: null, branchId: null, departmentId: null, enterprises, selfOfficerId };
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

/** The same case scope as a predicate, for cases reached from a form rather than queried. */
export function caseInScope(
  scope: CaseScope,
  c: {
    enterpriseId: number;
    responsibleBranchId: number;
    departmentId: number;
    handler: string;
    ratedOfficerId?: number | null;
  },
): boolean {
  if (scope.enterpriseId !== null && c.enterpriseId !== scope.enterpriseId) return false;
  if (scope.branchId !== null && c.responsibleBranchId !== scope.branchId) return false;
  if (scope.branchHandledOnly && c.handler !== 'BRANCH') return false;
  if (scope.departmentId !== null && c.departmentId !== scope.departmentId) return false;
  if (scope.officerId !== null && c.ratedOfficerId === scope.officerId) return false;
  return true;
}

/*
 * Field rules. Every field of every object type of the schema has one here (the generated
 * matrix test fails on a field without one, and the field wrapper refuses it). A rule says what a
 * viewer that reached the parent object may see of the field:
 * - 'open': whatever may reach the parent may read it (the parent's own rule, or the root
 *   field's, already decided);
 * - an Action: only viewers that may take it; others get FORBIDDEN;
 * - { action, otherwise: 'hide' }: others get null without an error (nullable fields only);
 * - a function of the viewer and the site (the parent value and the types the path went through).
 * Root fields (Query, Mutation) are rules like any other: the action a viewer needs to call them.
 */
export type FieldDecision = 'allow' | 'deny' | 'hide';

export interface FieldSite {
  type: string;
  field: string;
  /** The object the field is read from. */
  parent: unknown;
  /** Type names of the objects the query went through to get here, root first. */
  ancestors: readonly string[];
}

export type FieldRule =
  'open' | Action | { action: Action; otherwise: 'hide' } | ((viewer: Viewer, site: FieldSite) => FieldDecision);

const RATER: Action = 'assessment:seeRater';
const INTERNAL: Action = 'case:readInternal';

/** Types through which a declaration is a form's (or a case's) declaration, not a declaration in its own right. */
const FORM_CONTEXT = new Set(['Assessment', 'AssessmentItem', 'ComplaintCase', 'CaseStep', 'CaseMessage']);

/**
 * What identifies a declaration, and through it the enterprise (its number, its id, its exact
 * times, its handling records): open in declaration work, but when reached from a form or a
 * case only for viewers who may see who rated.
 */
const identifiesRater: FieldRule = (viewer, site) =>
  site.ancestors.some((t) => FORM_CONTEXT.has(t)) && !can(viewer, RATER) ? 'deny' : 'allow';

/** A step the enterprise took (its acknowledgement, its objection): its actor is the rater. */
const ENTERPRISE_STEPS = new Set(['ENTERPRISE_ACKNOWLEDGED', 'REOPENED']);
const stepActor: FieldRule = (viewer, site) =>
  ENTERPRISE_STEPS.has((site.parent as { kind?: string }).kind ?? '') && !can(viewer, RATER) ? 'hide' : 'allow';

/** Where a declaration's rating stands: for the enterprise that rates it and those who may see who rated. */
const ratingProgress: FieldRule = (viewer) => (can(viewer, 'assessment:rate') || can(viewer, RATER) ? 'allow' : 'deny');

/**
 * Which surveys an enterprise answered: like who rated, for inspection staff, and for the
 * enterprise itself about itself only.
 */
const ownOrRater: FieldRule = (viewer, site) => {
  if (viewer.kind === 'anonymous' || !can(viewer, RATER)) return 'deny';
  return viewer.role !== Role.ENTERPRISE || viewer.scope.enterpriseId === (site.parent as { id?: number }).id
    ? 'allow'
    : 'deny';
};

/**
 * A complaint's contact: always for those who may see who rated (inspection staff, the enterprise
 * itself); for the unit handling the case only when the enterprise agreed to be contacted by it.
 */
const contactByConsent: FieldRule = (viewer, site) =>
  can(viewer, RATER) || (can(viewer, 'case:handle') && (site.parent as { consent?: boolean }).consent === true)
    ? 'allow'
    : 'hide';

/** Several fields with one rule. */
function same(rule: FieldRule, fields: string): Record<string, FieldRule> {
  return Object.fromEntries(fields.split(/\s+/).map((f) => [f, rule]));
}
const open = (fields: string) => same('open', fields);

export const FIELD_RULES: Record<string, Record<string, FieldRule>> = {
  Query: {
    ...same('catalog:read', 'branch branches departments officer officers reasons stages team teams'),
    me: 'open',
    apiKeys: 'apiKey:manage',
    ...same('assessment:read', 'assessment assessments'),
    unratedDeclarations: 'assessment:rate',
    caseRoutingRules: 'routing:manage',
    ...same('case:read', 'cases complaintCase'),
    ...same('statistics:read', 'caseStatistics evaluationScorecards ratingDrillDown ratingKpis ratingRanking'),
    ...same('statistics:read', 'ratingReasons ratingStatistics'),
    ...same('cdci:read', 'cdciDepartmentAssessments cdciRanking cdciWeights'),
    ...same('declaration:read', 'declaration declarations'),
    ...same('enterprise:read', 'enterprise enterprises'),
    ...same('notice:read', 'notices'),
    unreadNoticeCount: 'notice:markRead',
    ...same('self:read', 'notifications unreadNotificationCount'),
    ...same('survey:read', 'surveyCampaign surveyCampaigns surveyCatalogue'),
    ...same('survey:report', 'surveyReport surveyComments'),
    ratingLimits: 'catalog:read',
    ratingAnomalies: 'anomaly:read',
    ...same('comment:read', 'ratingComments distinctiveCommentTerms'),
    commentsAboutMe: 'comment:readOwn',
    gradeBands: 'scorecard:review',
    caseAssignees: 'case:handle',
    caseBacklog: 'case:readInternal',
    caseBacklogTrend: 'case:readInternal',
    messagePreferences: 'message:preferences',
    outgoingMessages: 'message:readOutgoing',
    alertRules: 'alert:manage',
    savedViews: 'view:save',
    ...same('report:read', 'periodReports periodReportFile reportSubscriptions'),
    ...same('webhook:manage', 'webhookEventTypes webhooks'),
    accounts: 'account:manage',
    auditLog: 'audit:read',
    holidays: 'calendar:read',
  },
  Mutation: {
    login: 'open',
    logout: 'self:read',
    ...same('case:handle', 'acknowledgeCase answerCase concludeCase correctCaseFinding escalateCase'),
    ...same('case:handle', 'reassignCase startCaseVerification addCaseNote'),
    respondToCase: 'case:respond',
    ...same('survey:manage', 'closeSurveyCampaign createSurveyCampaign updateSurveyCampaign'),
    ...same('apiKey:manage', 'createApiKey revokeApiKey'),
    ...same('routing:manage', 'createCaseRoutingRule deleteCaseRoutingRule updateCaseRoutingRule'),
    createWebhook: 'webhook:manage',
    markNoticesRead: 'notice:markRead',
    markNotificationsRead: 'self:read',
    publishNotice: 'notice:publish',
    ...same('assessment:rate', 'recordAssessment sendAssessment submitAssessment updateAssessment'),
    recordDeclaration: 'declaration:record',
    ...same('reminder:run', 'runCaseJobs runRatingReminders'),
    ...same('survey:answer', 'saveSurveyResponse submitSurveyResponse'),
    ...same('cdci:manage', 'setCdciDepartmentAssessments setCdciWeights'),
    setSurveyImprovementMeasure: 'survey:measure',
    decideRatingAnomaly: 'anomaly:decide',
    ...same('case:handle', 'acknowledgeCases assignCase assignCases'),
    setMessagePreferences: 'message:preferences',
    ...same('alert:manage', 'createAlertRule deleteAlertRule'),
    ...same('view:save', 'saveView deleteSavedView'),
    setGradeBands: 'scorecard:grade',
    ...same('report:read', 'subscribeToReports unsubscribeFromReports'),
    ...same('webhook:manage', 'pauseWebhook resumeWebhook deleteWebhook rotateWebhookSecret sendTestWebhook'),
    ...same('account:manage', 'createStaffAccount createEnterpriseAccount createEnterpriseAccounts inviteAccount'),
    ...same('account:manage', 'resetAccountPassword deactivateAccount reactivateAccount'),
    // The invitation's token is the credential: whoever holds the link sets the password.
    acceptInvitation: 'open',
    changePassword: 'account:changePassword',
    ...same('calendar:manage', 'setHoliday removeHoliday importHolidays'),
    ...same('orgChart:manage', 'createDepartment updateDepartment createBranch updateBranch createTeam updateTeam'),
    ...same('orgChart:manage', 'createStage updateStage createReason updateReason createOfficer updateOfficer'),
    ...same('orgChart:manage', 'moveOfficer deactivateOrgChartEntry reactivateOrgChartEntry importOrgChart'),
  },

  // A form: its content is open to whoever may read it; who sent it is not.
  Assessment: {
    ...open('createdAt id items phase sentAt status updatedAt channel branch'),
    ...same(RATER, 'enterprise contactName contactPhone contactConsent'),
    // A form's declaration names the enterprise (its number resolves to it): only for those who
    // may see who rated; the others get the declaration's branch and channel on the form itself.
    declaration: { action: RATER, otherwise: 'hide' },
    // Also narrowed to the viewer's case scope by its resolver.
    cases: 'case:read',
  },
  AssessmentItem: open('comment id level reasonCodes subject subjectKind'),
  ComplaintCase: {
    ...open('acknowledgeDueAt answer answerDueAt answeredAt closedAt concludeDueAt concludedAt dueAt id itemId'),
    ...open('level openedAt overdue status subject subjectKind workingMinutesLeft responsibleBranch assessment'),
    // That a case went up to the inspectors is the enterprise's to know (it may ask for it by objecting).
    ...open('messages escalatedAt'),
    // The internal case file: the trail with its notes and actors, the finding, the actions, the routing.
    ...same(INTERNAL, 'actions finding handler steps'),
    // Who handles it inside the unit is internal too; what the viewer may do now is its own to know.
    assignee: { action: INTERNAL, otherwise: 'hide' },
    availableSteps: 'open',
    // Whether and how to reach the enterprise: those who may see who rated, and the handlers.
    contact: (viewer) => (can(viewer, RATER) || can(viewer, 'case:handle') ? 'allow' : 'deny'),
  },
  CaseBacklogRow: open('branch open ageing concluded reopened reopenRate'),
  CaseBacklogMonth: open('month from to running opened openAtEnd concluded reopened reopenRate'),
  CaseContact: {
    consent: 'open',
    ...same(contactByConsent, 'name phone'),
  },
  CaseStep: {
    ...open('at id kind note status audience'),
    ...same({ action: INTERNAL, otherwise: 'hide' }, 'finding actions'),
    actor: stepActor,
    actorName: stepActor,
  },
  CaseMessage: open('at fromEnterprise id kind text'),
  Declaration: {
    ...open('branch channel direction status typeCode'),
    ...same(identifiesRater, 'enterprise id number registeredAt releasedAt handlingRecords rateableSubjects'),
    lastRemindedAt: identifiesRater,
    // Whether (and when) a declaration was rated ties it to a form: the enterprise rating it, and inspection staff.
    ...same(ratingProgress, 'ratingState phaseToRate'),
    // The forms of a declaration whose enterprise is visible would name who rated them.
    assessments: RATER,
  },
  Enterprise: { ...open('address id name taxCode'), surveyParticipation: ownOrRater },
  SurveyParticipation: open('campaign status submittedAt'),
  GradeBands: open('period excellent good pass updatedAt'),
  SurveyCommentGroup: open('branch indicator respondents total comments'),
  HandlingRecord: open('finishedAt id officer stage startedAt team'),
  Me: open('branchId departmentId displayName enterpriseId id kind login officerId role permissions'),
  LoginResult: open('expiresAt me token'),
  ApiKeyInfo: open('costBudgetPerHour createdAt enterpriseId id lastUsedAt name prefix revokedAt role'),
  CreatedApiKey: open('apiKey key'),
  CreatedWebhook: open('secret subscription'),
  LegalNotice: {
    ...open(
      'documentNumber effectiveOn forAllEnterprises id issuedOn issuer publishedAt sourceUrl summary titleEn titleVi',
    ),
    ...same({ action: 'notice:publish', otherwise: 'hide' }, 'audienceSize enterprises readCount'),
    read: { action: 'notice:markRead', otherwise: 'hide' },
  },
  Notification: open('caseId createdAt id messageKey params link topic'),
  MessageParam: open('name value'),
  MessagePreferences: open('locale email inApp byEmail'),
  // Outgoing messages (their root field is the administrators') and an enterprise's own webhook deliveries.
  MessageDelivery: open(
    'id eventType channel recipient subject body html status attempts createdAt deliveredAt lastError attemptLog',
  ),
  MessageAttempt: open('attempt at ok statusCode error durationMs'),
  WebhookEventType: open('type description forEnterprises'),
  WebhookSubscription: open('id url description eventTypes createdAt pausedAt deliveries'),
  AlertRule: open('id name kind departmentId branchId threshold days minRatings active createdAt incidents raised'),
  AlertIncident: open('id subjectKind subjectId value raisedAt clearedAt'),
  SavedView: open('id name path createdAt updatedAt'),
  PeriodReport: open('id periodKey periodKind unitKind unitId unitName from to generatedAt'),
  ReportFile: open('filename contentType base64'),
  ReportUnitSubscription: open('unitKind unitId'),
  AccountInfo: open(
    'id login displayName role enterpriseId officerId branchId departmentId passwordSet createdAt disabledAt',
  ),
  AccountWithInvitation: open('account invitation'),
  InvitationType: open('url expiresAt delivery'),
  EnterpriseAccountsResult: open('created skipped'),
  AuditEntry: open('id at actor action targetKind targetId details'),
  Holiday: open('day name'),
  HolidayImportResult: open('created updated unchanged'),
  OrgChartImportReportType: open('applied rows created updated moved unchanged errors'),
  ImportRowErrorType: open('sheet row field message'),
  CaseAssignee: open('id displayName'),
  RatingLimits: open('commentMaxLength contactNameMaxLength itemsMax reasonCodesMax windowDays'),
  // Anomaly flags: an officer sees the flags about itself, never who rated nor the forms.
  RatingAnomaly: {
    ...open('id kind status firstRatedAt lastRatedAt detectedAt excludeRatings subject branch ratingCount'),
    ...open('formCount figures'),
    raters: { action: 'anomaly:seeRaters', otherwise: 'hide' },
    ...same({ action: 'anomaly:seeForms', otherwise: 'hide' }, 'formIds decisions'),
  },
  AnomalyFigure: open('name value'),
  RatingAnomalyDecision: open('id decision excludeRatings note at'),
  // Comment search and terms: their root fields are for those who may read forms.
  RatingCommentSearch: open('totalCount comments'),
  OwnComments: open('totalCount belowMinimum comments'),
  OwnComment: open('level comment'),
  RatingComment: open('formId subjectKind subjectId level ratedAt comment'),
  DistinctiveCommentTerms: open('ratings restRatings terms'),
  CommentTerm: open('term count restCount logOdds z'),
  CsatComparison: open('difference z pValue significant'),
  // The catalog is public; statistics are aggregates already scoped by their root field.
  Branch: open('code deactivatedAt declarationCount department id name teams'),
  Department: open('branches code deactivatedAt id name'),
  Team: open('branch code deactivatedAt id name officerCount officers'),
  Officer: open('assignments code currentTeam deactivatedAt fullName id'),
  OfficerAssignment: open('id team validFrom validTo'),
  Stage: open('code deactivatedAt id nameEn nameVi sortOrder'),
  Reason: open('active code id levels nameEn nameVi'),
  RateableSubject: {
    ...open('code id kind name nameEn stage team'),
    // When an officer handled the declaration pins the declaration down, like its own times.
    handledAt: identifiesRater,
  },
  CaseRoutingRule: open(
    'active branch department id note priority stage subjectKind target targetBranch updatedAt updatedBy',
  ),
  CaseJobResult: open('closed escalated'),
  CaseStatisticsGroup: open(
    'cases concluded concludedOnTime escalated key medianHoursToConclude onTimeRate open substantiated',
  ),
  GroupKey: open('dimension label value'),
  RatingDrillDown: open('breadcrumbs childDimension children node'),
  RatingGroup: open(
    'belowMinimum comparedWithParent count csat csatHigh csatLow dissatisfied excludedRatings keys levelCounts mean shrunkMean',
  ),
  RatingKpis: open(
    'comparedUntil csatChange current forms from isRunning previous previousForms previousFrom previousResponseRate previousTo ratedDeclarations releasedDeclarations responseRate to',
  ),
  RatingStatistics: open('groups overall'),
  ReasonCount: open('code count reason'),
  Scorecard: open(
    'branchName cases code concluded concludedOnTime csatChange excludedRatings previous ratings substantiated teamName timeliness unit stageAdjustedMean grade',
  ),
  CdciComponentValue: open('basis component symbol value weight'),
  CdciDepartmentScoreView: open('branch note score'),
  CdciRanking: open('formula from isRunning period previousPeriod rows to weights'),
  CdciRow: open('branch change components index previousIndex previousRank rank'),
  CdciWeightsView: open('appliesTo caseTimeliness departmentAssessment satisfaction survey'),
  // An enterprise's own survey answers: the campaign's myResponse and branchOptions ask survey:answer.
  SurveyCampaign: {
    ...open('closedAt closesAt createdAt description id opensAt status submittedCount title titleEn'),
    ...same('survey:answer', 'branchOptions myResponse'),
  },
  SurveyResponseView: open('answers branchIds id status submittedAt updatedAt'),
  SurveyAnswerView: open('comment indicatorId rating timeliness'),
  SurveyImprovementMeasureView: open('beyondBranchAuthority branchId indicatorId measure owner period updatedAt'),
  SurveyIndicator: open('active code commitmentEn commitmentVi id kind nameEn nameVi sortOrder'),
  SurveyIndicatorFigures: open(
    'answers asCommittedShare fasterShare indicator low mean satisfiedShare score slowerShare',
  ),
  SurveyLowMark: open('beyondBranchAuthority branch canEdit indicator measure owner score section updatedAt'),
  SurveyReport: open('branches from lowMarkThreshold lowMarks minRespondents overall period to'),
  SurveySection: open('code id nameEn nameVi sortOrder'),
  SurveySectionFigures: open('indicators score section'),
  SurveySectionWithIndicators: open('indicators section'),
  SurveyUnitReport: open('belowMinimum branch respondents score sections'),
  PageInfo: open('endCursor hasNextPage'),
};

/** Connections and their edges only wrap what their root field or parent field already allowed. */
const WRAPPER = /(Connection|Edge)$/;

/** The rule of one field, or undefined when it has none (the field wrapper then refuses it). */
export function fieldRule(type: string, field: string): FieldRule | undefined {
  const rule = FIELD_RULES[type]?.[field];
  if (rule !== undefined) return rule;
  if (WRAPPER.test(type) && ['edges', 'node', 'cursor', 'pageInfo', 'totalCount'].includes(field)) return 'open';
  return undefined;
}

/** May this viewer read field `site.field` of an object of type `site.type`, reached through `site.ancestors`? */
export function decideField(viewer: Viewer, site: FieldSite): FieldDecision {
  const rule = fieldRule(site.type, site.field);
  if (rule === undefined) return 'deny';
  if (rule === 'open') return 'allow';
  if (typeof rule === 'string') return can(viewer, rule) ? 'allow' : 'deny';
  if (typeof rule === 'function') return rule(viewer, site);
  return can(viewer, rule.action) ? 'allow' : rule.otherwise;
}

/** The refusal for a denied field: UNAUTHENTICATED for nobody, FORBIDDEN naming the field otherwise. */
export function fieldRefusal(viewer: Viewer, site: Pick<FieldSite, 'type' | 'field'>) {
  const rule = fieldRule(site.type, site.field);
  if (typeof rule === 'string' && rule !== 'open')
    return viewer.kind === 'anonymous' ? unauthenticated() : refusal(viewer, rule);
  if (viewer.kind === 'anonymous' && (site.type === 'Query' || site.type === 'Mutation')) return unauthenticated();
  return forbidden(`You may not read ${site.type}.${site.field}.`);
}

function refusal(viewer: KnownViewer, action: Action) {
  return forbidden(`Your role (${viewer.role}) may not ${DESCRIPTIONS[action]}.`);
}
