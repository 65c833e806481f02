/**
 * Every operation × every kind of viewer. "ok" means authorisation let the call through (it may
 * still fail later for a business reason, which must then not be UNAUTHENTICATED or FORBIDDEN).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi({ clock: () => new Date(FIXED_UNTIL.getTime() - 3_600_000) });

const VIEWERS = [
  'anonymous',
  'enterprise',
  'enterpriseKey',
  'officer',
  'supervisor',
  'inspector',
  'leader',
  'admin',
  'systemKey',
  'analyticsKey',
] as const;
type ViewerName = (typeof VIEWERS)[number];
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';

const credentials = {} as Record<ViewerName, string | undefined>;

beforeAll(async () => {
  for (const login of ['enterprise', 'officer', 'supervisor', 'inspector', 'leader', 'admin'] as const)
    credentials[login] = await api.server.login(login);
  credentials.enterpriseKey = 'sqa_demo_declaration_software';
  credentials.systemKey = 'sqa_demo_system_feed';
  credentials.analyticsKey = 'sqa_demo_analytics';
});

const U: Outcome = 'UNAUTHENTICATED';
const F: Outcome = 'FORBIDDEN';
const ok: Outcome = 'ok';

/** Outcomes in the order of VIEWERS. */
const MATRIX: [string, string, Record<string, unknown>, Outcome[]][] = [
  [
    'catalog',
    '{ departments { code } stages { code } officers(first: 1) { totalCount } }',
    {},
    [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  ],
  ['enterprises', '{ enterprises(first: 1) { totalCount } }', {}, [U, F, F, ok, ok, ok, ok, ok, ok, ok]],
  ['declarations', '{ declarations(first: 1) { totalCount } }', {}, [U, ok, ok, ok, ok, ok, ok, ok, ok, F]],
  [
    'recordDeclaration',
    'mutation($i: RecordDeclarationInput!) { recordDeclaration(input: $i) { id } }',
    {
      i: {
        number: '100000000001',
        enterprise: { taxCode: '0200000001', name: 'X' },
        branchCode: 'NONE',
        direction: 'IMPORT',
        typeCode: 'A11',
        channel: 'GREEN',
        status: 'REGISTERED',
        registeredAt: '2026-06-01T00:00:00Z',
        handling: [],
      },
    },
    [U, F, F, F, F, F, F, ok, ok, F],
  ],
  ['unratedDeclarations', '{ unratedDeclarations(first: 1) { totalCount } }', {}, [U, ok, ok, F, F, F, F, F, F, F]],
  [
    'recordAssessment',
    'mutation($i: RecordAssessmentInput!) { recordAssessment(input: $i) { id } }',
    {
      i: {
        declarationNumber: '999999999999',
        phase: 'AFTER',
        items: [{ subjectKind: 'BRANCH', subjectId: '1', level: 5 }],
      },
    },
    [U, ok, ok, F, F, F, F, F, F, F],
  ],
  ['sendAssessment', 'mutation { sendAssessment(id: 999999) { id } }', {}, [U, ok, ok, F, F, F, F, F, F, F]],
  [
    'assessments',
    '{ assessments(first: 1) { totalCount edges { node { id items { level } } } } }',
    {},
    [U, ok, ok, F, ok, ok, ok, ok, F, F],
  ],
  [
    'who rated',
    '{ assessments(first: 1) { edges { node { enterprise { taxCode } contactPhone } } } }',
    {},
    [U, ok, ok, F, F, ok, F, ok, F, F],
  ],
  ['reasons', '{ reasons(level: 2) { code } }', {}, [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok]],
  ['ratingLimits', '{ ratingLimits { commentMaxLength } }', {}, [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok]],
  ['apiKeys', '{ apiKeys { id } }', {}, [U, ok, ok, F, F, F, F, ok, F, F]],
  ['runRatingReminders', 'mutation { runRatingReminders }', {}, [U, F, F, F, F, F, F, ok, ok, F]],
  ['me', '{ me { role } }', {}, [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok]],
  ['cases', '{ cases(first: 1) { totalCount } }', {}, [U, ok, ok, F, ok, ok, ok, ok, F, F]],
  ['acknowledgeCase', 'mutation { acknowledgeCase(id: 999999) { id } }', {}, [U, F, F, F, ok, ok, F, ok, F, F]],
  ['acknowledgeCases', 'mutation { acknowledgeCases(ids: [999999]) { id } }', {}, [U, F, F, F, ok, ok, F, ok, F, F]],
  ['assignCase', 'mutation { assignCase(id: 999999) { id } }', {}, [U, F, F, F, ok, ok, F, ok, F, F]],
  ['assignCases', 'mutation { assignCases(ids: [999999]) { id } }', {}, [U, F, F, F, ok, ok, F, ok, F, F]],
  ['caseAssignees', '{ caseAssignees(id: 999999) { id } }', {}, [U, F, F, F, ok, ok, F, ok, F, F]],
  [
    'respondToCase',
    'mutation { respondToCase(id: 999999, resolved: true) { id } }',
    {},
    [U, ok, ok, F, F, F, F, F, F, F],
  ],
  ['caseStatistics', '{ caseStatistics { cases } }', {}, [U, F, F, ok, ok, ok, ok, ok, F, ok]],
  ['runCaseJobs', 'mutation { runCaseJobs { escalated } }', {}, [U, F, F, F, F, F, F, ok, ok, F]],
  ['webhooks', '{ webhooks { id } }', {}, [U, ok, ok, F, F, F, F, ok, F, F]],
  [
    'createWebhook',
    'mutation { createWebhook(input: { url: "ftp://example.vn/", eventTypes: ["rating.reminder"] }) { secret } }',
    {},
    [U, ok, ok, F, F, F, F, ok, F, F],
  ],
  ['messagePreferences', '{ messagePreferences { locale } }', {}, [U, ok, F, ok, ok, ok, ok, ok, F, F]],
  ['outgoingMessages', '{ outgoingMessages(first: 1) { totalCount } }', {}, [U, F, F, F, F, F, F, ok, F, F]],
  ['alertRules', '{ alertRules { id } }', {}, [U, F, F, F, F, ok, ok, ok, F, F]],
  ['periodReports', '{ periodReports(first: 1) { totalCount } }', {}, [U, F, F, F, ok, ok, ok, ok, F, F]],
  [
    'ratingStatistics',
    '{ ratingStatistics(groupBy: [BRANCH]) { overall { count } } }',
    {},
    [U, F, F, ok, ok, ok, ok, ok, F, ok],
  ],
  [
    'statistics by enterprise',
    '{ ratingStatistics(groupBy: [ENTERPRISE]) { overall { count } } }',
    {},
    [U, F, F, F, F, ok, F, ok, F, F],
  ],
  // Bringing a department live (issue 15): administrators only; the calendar is read by those who count deadlines.
  ['accounts', '{ accounts(first: 1) { totalCount } }', {}, [U, F, F, F, F, F, F, ok, F, F]],
  ['auditLog', '{ auditLog(first: 1) { totalCount } }', {}, [U, F, F, F, F, F, F, ok, F, F]],
  [
    'createStaffAccount',
    'mutation { createStaffAccount(input: { login: "", displayName: "", role: ADMIN }) { account { id } } }',
    {},
    [U, F, F, F, F, F, F, ok, F, F],
  ],
  [
    'createDepartment',
    'mutation { createDepartment(input: { code: "", name: "" }) { id } }',
    {},
    [U, F, F, F, F, F, F, ok, F, F],
  ],
  [
    'importOrgChart',
    'mutation { importOrgChart(input: { format: CSV, content: "x", dryRun: true }) { applied } }',
    {},
    [U, F, F, F, F, F, F, ok, F, F],
  ],
  ['holidays', '{ holidays(year: 2026) { day } }', {}, [U, ok, ok, ok, ok, ok, ok, ok, ok, F]],
  [
    'setHoliday',
    'mutation { setHoliday(day: "2099-01-02", note: "Ngày thử quyền") { day } }',
    {},
    [U, F, F, F, F, F, F, ok, F, F],
  ],
  [
    'changePassword',
    'mutation { changePassword(currentPassword: "wrong-password", newPassword: "whatever-long-1") }',
    {},
    [U, ok, ok, ok, ok, ok, ok, ok, F, F],
  ],
  ['ratingAnomalies', '{ ratingAnomalies(first: 1) { totalCount } }', {}, [U, F, F, ok, ok, ok, ok, ok, F, F]],
  [
    'decideRatingAnomaly',
    'mutation { decideRatingAnomaly(id: "999999", decision: DISMISS, note: "x") { id } }',
    {},
    [U, F, F, F, F, ok, F, ok, F, F],
  ],
];

describe.each(MATRIX)('%s', (_name, query, variables, outcomes) => {
  it.each(VIEWERS.map((viewer, i) => [viewer, outcomes[i]] as const))('as %s → %s', async (viewer, expected) => {
    const res = await api.server.gql(query, variables, credentials[viewer]);
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    if (expected === 'ok') {
      expect(codes).not.toContain('UNAUTHENTICATED');
      expect(codes).not.toContain('FORBIDDEN');
    } else {
      expect(codes).toContain(expected);
    }
  });
});

describe('scopes', () => {
  it('a supervisor sees only the declarations and forms of its branch', async () => {
    const res = await api.server.gql(
      '{ declarations(first: 100) { totalCount edges { node { branch { id } } } } assessments(first: 100) { edges { node { branch { id } } } } }',
      {},
      credentials.supervisor,
    );
    expect(new Set(res.data!.declarations.edges.map((e: any) => e.node.branch.id))).toEqual(new Set(['1']));
    expect(new Set(res.data!.assessments.edges.map((e: any) => e.node.branch.id))).toEqual(new Set(['1']));
    const [row] = await api.stores
      .em()
      .getConnection()
      .execute<{ n: string }[]>('select count(*) as n from declaration where branch_id = 1');
    expect(res.data!.declarations.totalCount).toBe(Number(row.n));
  });

  it('an enterprise user sees only its own forms, and an enterprise key likewise', async () => {
    for (const viewer of ['enterprise', 'enterpriseKey'] as const) {
      const res = await api.server.gql(
        '{ assessments(first: 100) { edges { node { enterprise { id } } } } }',
        {},
        credentials[viewer],
      );
      expect(new Set(res.data!.assessments.edges.map((e: any) => e.node.enterprise.id))).toEqual(new Set(['1']));
    }
  });

  it('an officer is never shown who rated: forms are refused, field by field too', async () => {
    const forms = await api.server.gql('{ assessments(first: 1) { edges { node { id } } } }', {}, credentials.officer);
    expect(forms.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [declaration] = await api.stores
      .em()
      .getConnection()
      .execute<{ number: string }[]>(
        `select d.number from declaration d join assessment a on a.declaration_id = d.id where d.branch_id = 1 limit 1`,
      );
    const through = await api.server.gql(
      'query($n: String!) { declaration(number: $n) { assessments { enterprise { id } } } }',
      { n: declaration.number },
      credentials.officer,
    );
    expect(through.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(through.data)).not.toMatch(/taxCode|enterprise":\{/);
  });
});
