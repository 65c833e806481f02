/**
 * The access policy, proven from the built schema:
 * 1. every field of every object type (root fields included) has a rule in auth/permissions.ts,
 *    and every rule names a real field — a field added without a rule fails here;
 * 2. every root field, called by every kind of viewer, is refused or let through exactly as its
 *    rule says (the rules are the expected outcomes; what is checked is that the running server
 *    enforces them on every entry point);
 * 3. hiding (null instead of an error) is only ever declared on nullable fields.
 * The paths from a form or a case to the enterprise are in access-policy.paths.test.ts.
 */
import {
  getNamedType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { can, FIELD_RULES, fieldRule, permissionsOf } from '../../api/auth/permissions.js';
import { ANONYMOUS } from '../../api/auth/viewer.js';
import { buildAppSchema } from '../../api/graphql/schema.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';
import { signInEveryone, VIEWER_KINDS, type ViewerInfo, type ViewerKind } from '../support/viewers.js';

// Every root field for every viewer is a few thousand requests in a minute: above the default request limits.
const api = useSeededApi({
  clock: () => new Date(FIXED_UNTIL.getTime() - 3_600_000),
  settings: () => ({ rateLimits: { perKeyPerMinute: 100_000, perIpPerMinute: 100_000 } }),
});
let schema: GraphQLSchema;
let viewers: Record<ViewerKind, ViewerInfo>;

beforeAll(async () => {
  schema = await buildAppSchema();
  viewers = await signInEveryone(api);
});

function objectTypes(s: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(s.getTypeMap()).filter(
    (t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'),
  );
}

describe('every field has a rule', () => {
  it('no object field of the schema is without a rule', () => {
    const missing = objectTypes(schema).flatMap((t) =>
      Object.keys(t.getFields())
        .filter((f) => fieldRule(t.name, f) === undefined)
        .map((f) => `${t.name}.${f}`),
    );
    expect(missing).toEqual([]);
  });

  it('every rule names a field that exists', () => {
    const stale = Object.entries(FIELD_RULES).flatMap(([type, fields]) => {
      const t = schema.getType(type);
      if (!t || !isObjectType(t)) return [`${type} (no such type)`];
      return Object.keys(fields)
        .filter((f) => !(f in t.getFields()))
        .map((f) => `${type}.${f}`);
    });
    expect(stale).toEqual([]);
  });

  it('a rule that hides (null without an error) is only on nullable fields', () => {
    const wrong = Object.entries(FIELD_RULES).flatMap(([type, fields]) =>
      Object.entries(fields)
        .filter(([, rule]) => typeof rule === 'object' && rule.otherwise === 'hide')
        .filter(([f]) => {
          const t = schema.getType(type) as GraphQLObjectType;
          return isNonNullType(t.getFields()[f].type);
        })
        .map(([f]) => `${type}.${f}`),
    );
    expect(wrong).toEqual([]);
  });
});

/** Arguments for root fields that have required ones: well-formed, naming nothing that exists, so nothing changes. */
const ARGS: Record<string, string> = {
  assessment: '(id: "999999")',
  branch: '(id: "999999")',
  cdciDepartmentAssessments: '(period: "2026-Q1")',
  cdciRanking: '(period: "2026-Q1")',
  complaintCase: '(id: "999999")',
  declaration: '(number: "999999999999")',
  evaluationScorecards: '(from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z", unit: BRANCH)',
  officer: '(id: "999999")',
  ratingKpis: '(from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z")',
  ratingRanking: '(dimension: BRANCH)',
  surveyCampaign: '(id: "999999")',
  surveyReport: '(period: "2026-Q1")',
  team: '(id: "999999")',
  acknowledgeCase: '(id: "999999")',
  addCaseNote: '(id: "999999", note: "x", audience: INTERNAL)',
  answerCase: '(id: "999999", answer: "x")',
  closeSurveyCampaign: '(id: "999999")',
  concludeCase: '(id: "999999", input: { finding: NOT_SUBSTANTIATED, actions: [], note: "x" })',
  correctCaseFinding: '(id: "999999", finding: NOT_SUBSTANTIATED, note: "x")',
  createApiKey: '(input: { name: "matrix", role: ENTERPRISE, enterpriseId: "999999" })',
  createCaseRoutingRule: '(input: { priority: 1, target: BRANCH, branchId: "999999", targetBranchId: "999999" })',
  createSurveyCampaign:
    '(input: { title: "matrix", opensAt: "2026-02-01T00:00:00Z", closesAt: "2026-01-01T00:00:00Z" })',
  createWebhook: '(input: { url: "not a url", eventTypes: ["case.opened"] })',
  deleteCaseRoutingRule: '(id: "999999")',
  escalateCase: '(id: "999999", note: "x")',
  login: '(login: "nobody-matrix", password: "x")',
  markNoticesRead: '(ids: ["999999"])',
  markNotificationsRead: '(ids: ["999999"])',
  publishNotice:
    '(input: { documentNumber: "", issuedOn: "bad", issuer: "", sourceUrl: "bad", summary: "", titleVi: "" })',
  reassignCase: '(id: "999999", branchId: "999999", note: "x")',
  recordAssessment:
    '(input: { declarationNumber: "999999999999", phase: AFTER, items: [{ subjectKind: BRANCH, subjectId: "1", level: 5 }] })',
  recordDeclaration:
    '(input: { number: "bad", enterprise: { taxCode: "bad", name: "X" }, branchCode: "NONE", direction: IMPORT, typeCode: "A11", channel: GREEN, status: REGISTERED, registeredAt: "2026-06-01T00:00:00Z", handling: [] })',
  respondToCase: '(id: "999999", resolved: true)',
  revokeApiKey: '(id: "999999")',
  saveSurveyResponse: '(campaignId: "999999", input: { answers: [], branchIds: [] })',
  sendAssessment: '(id: "999999")',
  setCdciDepartmentAssessments: '(input: { period: "bad", scores: [] })',
  setCdciWeights: '(weights: { survey: 10, satisfaction: 10, departmentAssessment: 10, caseTimeliness: 10 })',
  setSurveyImprovementMeasure:
    '(input: { period: "bad", branchId: "999999", indicatorId: "999999", measure: "x", owner: "x", beyondBranchAuthority: false })',
  startCaseVerification: '(id: "999999")',
  submitAssessment:
    '(idempotencyKey: "matrix-key-1", input: { declarationNumber: "999999999999", phase: AFTER, items: [{ subjectKind: BRANCH, subjectId: "1", level: 5 }] })',
  submitSurveyResponse: '(campaignId: "999999", input: { answers: [], branchIds: [] })',
  updateAssessment: '(id: "999999", input: { items: [{ subjectKind: BRANCH, subjectId: "1", level: 5 }] })',
  updateCaseRoutingRule: '(id: "999999", input: { priority: 1, target: BRANCH })',
  ratingComments: '(search: "matrix")',
  commentsAboutMe: '(from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z")',
  distinctiveCommentTerms: '(path: [{ dimension: BRANCH, id: "999999" }])',
  caseAssignees: '(id: "999999")',
  periodReportFile: '(id: "999999", format: PDF)',
  holidays: '(year: 2026)',
  decideRatingAnomaly: '(id: "999999", decision: DISMISS, note: "matrix")',
  acknowledgeCases: '(ids: ["999999"])',
  assignCase: '(id: "999999", accountId: null)',
  assignCases: '(ids: ["999999"], accountId: null)',
  setMessagePreferences: '(input: { locale: "xx", inApp: true, byEmail: false })',
  createAlertRule: '(input: { name: "", kind: CSAT_BELOW, threshold: -1 })',
  deleteAlertRule: '(id: "999999")',
  saveView: '(input: { name: "", path: "/nowhere" })',
  enterprise: '(id: "999999")',
  caseBacklog: '(from: "2026-04-01T00:00:00+07:00", to: "2026-07-01T00:00:00+07:00")',
  caseBacklogTrend: '(from: "2026-04-01T00:00:00+07:00", to: "2026-07-01T00:00:00+07:00")',
  gradeBands: '(period: "2026-Q2")',
  setGradeBands: '(period: "2026-Q2", excellent: 1, good: 2, pass: 3)',
  surveyComments: '(period: "2026-Q1")',
  updateSurveyCampaign: '(id: "999999", input: { title: "" })',
  deleteSavedView: '(id: "999999")',
  subscribeToReports: '(unitKind: BRANCH, unitId: "999999")',
  unsubscribeFromReports: '(unitKind: BRANCH, unitId: "999999")',
  pauseWebhook: '(id: "999999")',
  resumeWebhook: '(id: "999999")',
  deleteWebhook: '(id: "999999")',
  rotateWebhookSecret: '(id: "999999")',
  sendTestWebhook: '(id: "999999")',
  createStaffAccount: '(input: { login: "", displayName: "", role: OFFICER })',
  createEnterpriseAccount: '(input: { taxCode: "bad" })',
  createEnterpriseAccounts: '(list: "bad")',
  inviteAccount: '(id: "999999")',
  resetAccountPassword: '(id: "999999")',
  deactivateAccount: '(id: "999999")',
  reactivateAccount: '(id: "999999")',
  acceptInvitation: '(token: "not-a-token", password: "x")',
  changePassword: '(currentPassword: "wrong-matrix", newPassword: "x")',
  setHoliday: '(day: "bad", note: "")',
  removeHoliday: '(day: "bad")',
  importHolidays: '(csv: "bad")',
  createDepartment: '(input: { code: "", name: "" })',
  updateDepartment: '(id: "999999", input: { code: "", name: "" })',
  createBranch: '(input: { code: "", name: "", departmentId: "999999" })',
  updateBranch: '(id: "999999", input: { code: "", name: "" })',
  createTeam: '(input: { code: "", name: "", branchId: "999999" })',
  updateTeam: '(id: "999999", input: { code: "", name: "" })',
  createStage: '(input: { code: "", nameVi: "", nameEn: "", sortOrder: -1 })',
  updateStage: '(id: "999999", input: { code: "", nameVi: "", nameEn: "", sortOrder: -1 })',
  createReason: '(input: { code: "", nameVi: "", nameEn: "", minLevel: 9, maxLevel: 0, sortOrder: -1 })',
  updateReason: '(id: "999999", input: { code: "", nameVi: "", nameEn: "", minLevel: 9, maxLevel: 0, sortOrder: -1 })',
  createOfficer: '(input: { code: "", fullName: "", teamId: "999999" })',
  updateOfficer: '(id: "999999", input: { code: "", fullName: "" })',
  moveOfficer: '(id: "999999", input: { teamId: "999999" })',
  deactivateOrgChartEntry: '(id: "999999", kind: BRANCH)',
  reactivateOrgChartEntry: '(id: "999999", kind: BRANCH)',
  importOrgChart: '(input: { format: CSV, content: "bad", dryRun: true })',
};

/**
 * Refusals that are business rules of a call the viewer's role may make, not of the policy: an
 * enterprise's declaration software (a key) may list its enterprise's keys but not mint more.
 */
const BUSINESS_REFUSALS: Record<string, string> = {
  'createApiKey as enterpriseKey': 'FORBIDDEN',
  // Reports of a unit outside the viewer's reach (an unknown unit is outside every reach).
  ...Object.fromEntries(
    ['supervisor', 'otherBranchSupervisor', 'officerSupervisor', 'inspector', 'otherDepartmentInspector'].map(
      (kind) => [`subscribeToReports as ${kind}`, 'FORBIDDEN'],
    ),
  ),
  // How a person is told, and what it subscribes to, are a person's: a key has no inbox. (Setting
  // preferences, creating an alert rule or saving a view checks its input first: those answer BAD_USER_INPUT here.)
  ...Object.fromEntries(
    ['enterpriseKey', 'adminKey', 'systemKey', 'analyticsKey'].flatMap((key) =>
      ['messagePreferences', 'reportSubscriptions', 'subscribeToReports', 'unsubscribeFromReports', 'alertRules']
        .concat(['deleteAlertRule', 'savedViews', 'deleteSavedView'])
        .map((field) => [`${field} as ${key}`, 'FORBIDDEN']),
    ),
  ),
};

function call(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  const selection = isObjectType(named) ? ' { __typename }' : '';
  return `${operation} { ${field.name}${ARGS[field.name] ?? ''}${selection} }`;
}

/** What the policy says a viewer gets from a root field: through, or refused with a code. */
function expected(root: 'Query' | 'Mutation', field: string, viewer: ViewerInfo): 'through' | string {
  const rule = fieldRule(root, field);
  if (rule === 'open') return 'through';
  if (typeof rule !== 'string') throw new Error(`root rules are actions: ${root}.${field}`);
  if (viewer.role === null) return can(ANONYMOUS, rule) ? 'through' : 'UNAUTHENTICATED';
  return (permissionsOf(viewer.role) as string[]).includes(rule) ? 'through' : 'FORBIDDEN';
}

describe('every root field × every kind of viewer', () => {
  for (const root of ['Query', 'Mutation'] as const) {
    it(`${root}: each field is refused or let through as its rule says, for each viewer`, async () => {
      const type = (root === 'Query' ? schema.getQueryType() : schema.getMutationType())!;
      const fields = Object.values(type.getFields()).filter((f) => f.name !== 'logout');
      const required = fields.filter((f) => f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined));
      expect(required.filter((f) => !(f.name in ARGS)).map((f) => f.name)).toEqual([]);
      const mismatches: string[] = [];
      for (const field of fields) {
        const query = call(root === 'Query' ? 'query' : 'mutation', field);
        for (const kind of VIEWER_KINDS) {
          const viewer = viewers[kind];
          const res = await api.server.gql(query, {}, viewer.credential);
          // A wrong password (or an unknown invitation link) is the business answer of login (or of
          // accepting an invitation), not a refusal of the caller.
          const errors = (res.errors ?? []).filter(
            (e) => !['BAD_CREDENTIALS', 'INVITATION_INVALID'].includes(String(e.extensions?.reason)),
          );
          const codes = errors.map((e) => String(e.extensions?.code));
          const want = BUSINESS_REFUSALS[`${field.name} as ${kind}`] ?? expected(root, field.name, viewer);
          const refusedWith = codes.find((c) => c === 'UNAUTHENTICATED' || c === 'FORBIDDEN');
          const ok = want === 'through' ? refusedWith === undefined : refusedWith === want;
          if (codes.includes('INTERNAL_SERVER_ERROR')) mismatches.push(`${field.name} as ${kind}: internal error`);
          else if (!ok) mismatches.push(`${field.name} as ${kind}: wanted ${want}, got ${codes.join(',') || 'data'}`);
        }
      }
      expect(mismatches).toEqual([]);
    }, 240_000);
  }

  it('logout: every signed-in account may sign out, nobody else', async () => {
    const anonymous = await api.server.gql('mutation { logout }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const token = await api.server.login('leader');
    expect((await api.server.gql('mutation { logout }', {}, token)).data?.logout).toBe(true);
    expect((await api.server.gql('{ me { role } }', {}, token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('me { permissions } is the policy', () => {
  it('each viewer reads exactly its role’s actions', async () => {
    for (const kind of VIEWER_KINDS) {
      const viewer = viewers[kind];
      const res = await api.server.gql('{ me { role permissions } }', {}, viewer.credential);
      if (viewer.role === null) expect(res.data?.me).toBeNull();
      else expect([...res.data!.me.permissions].sort()).toEqual([...permissionsOf(viewer.role)].sort());
    }
    const supervisor = await api.server.gql('{ me { permissions } }', {}, viewers.supervisor.credential);
    expect(supervisor.data!.me.permissions).toContain('case:handle');
    expect(supervisor.data!.me.permissions).not.toContain('assessment:seeRater');
  });
});
