import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const now = new Date(FIXED_UNTIL.getTime() - 3_600_000);
const api = useSeededApi({ clock: () => now });
const em = () => api.stores.em();
const KEY = 'sqa_demo_declaration_software';

const RULE_FIELDS =
  'id priority subjectKind target active note department { id } branch { id } stage { id } targetBranch { id }';
const CREATE = `mutation($input: CaseRoutingRuleInput!) { createCaseRoutingRule(input: $input) { ${RULE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: CaseRoutingRuleInput!) { updateCaseRoutingRule(id: $id, input: $input) { ${RULE_FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteCaseRoutingRule(id: $id) }';

let admin: string;
let inspector: string;
let supervisor: string;
/** Declarations of the demo enterprise not rated yet, taken one per test send. */
let unrated: { number: string; releasedAt: string | null; rateableSubjects: { kind: string; id: string }[] }[];
let home: { branchId: number; departmentId: number };
let sibling: number;
let foreign: number;
let departmentOf: Map<number, number>;

async function counts() {
  const [row] = await em().execute<{ rules: string; cases: string; steps: string; notes: string }[]>(
    `select (select count(*) from case_routing_rule) as rules, (select count(*) from complaint_case) as cases,
            (select count(*) from complaint_case_step) as steps, (select count(*) from message_event where type = 'case.opened') as notes`,
  );
  return { rules: Number(row.rules), cases: Number(row.cases), steps: Number(row.steps), notes: Number(row.notes) };
}

const branchOf = (n: (typeof unrated)[number]) => Number(n.rateableSubjects.find((s) => s.kind === 'BRANCH')!.id);

/**
 * Sends a form rating a declaration's branch 2★ and its first officer 1★ (or records, then sends
 * it): a declaration of the supervisor's branch, or of another branch of its department.
 */
async function sendBadRating(where: 'home' | 'elsewhere', viaDraft = false) {
  const at = unrated.findIndex((n) =>
    where === 'home'
      ? branchOf(n) === home.branchId
      : branchOf(n) !== home.branchId && departmentOf.get(branchOf(n)) === home.departmentId,
  );
  expect(at, `an unrated declaration (${where})`).toBeGreaterThanOrEqual(0);
  const [node] = unrated.splice(at, 1);
  const officer = node.rateableSubjects.find((s) => s.kind === 'OFFICER')!;
  const branch = node.rateableSubjects.find((s) => s.kind === 'BRANCH')!;
  const input = {
    declarationNumber: node.number,
    phase: node.releasedAt ? 'AFTER' : 'DURING',
    items: [
      { subjectKind: 'BRANCH', subjectId: branch.id, level: 2, comment: 'Thủ tục rườm rà.' },
      { subjectKind: 'OFFICER', subjectId: officer.id, level: 1, reasonCodes: ['SLOW'] },
    ],
  };
  let formId: string;
  if (viaDraft) {
    const draft = await api.server.gql(
      'mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id } }',
      { input },
      KEY,
    );
    expect(draft.errors).toBeUndefined();
    formId = draft.data!.recordAssessment.id;
    const sent = await api.server.gql(
      'mutation($id: ID!) { sendAssessment(id: $id) { id status } }',
      { id: formId },
      KEY,
    );
    expect(sent.errors).toBeUndefined();
  } else {
    const res = await api.server.gql(
      'mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id } }',
      { input, key: `routing-${node.number}` },
      KEY,
    );
    expect(res.errors).toBeUndefined();
    formId = res.data!.submitAssessment.id;
  }
  const rows = await em().execute<
    {
      id: number;
      subject_kind: string;
      responsible_branch_id: number;
      handler: string;
      routing_rule_id: number | null;
    }[]
  >(
    'select id, subject_kind, responsible_branch_id, handler, routing_rule_id from complaint_case where assessment_id = ? order by id',
    [Number(formId)],
  );
  const byKind = Object.fromEntries(
    rows.map((r) => [
      r.subject_kind,
      {
        ...r,
        responsible_branch_id: Number(r.responsible_branch_id),
        routing_rule_id: r.routing_rule_id === null ? null : Number(r.routing_rule_id),
      },
    ]),
  );
  return { branchCase: byKind.BRANCH, officerCase: byKind.OFFICER };
}

const rule = (over: Record<string, unknown>) => ({ priority: 10, target: 'INSPECTORS', ...over });

beforeAll(async () => {
  admin = await api.server.login('admin');
  inspector = await api.server.login('inspector');
  supervisor = await api.server.login('supervisor');
  const nodes: any[] = [];
  let after: string | null = null;
  do {
    const page: any = await api.server.gql(
      'query($after: String) { unratedDeclarations(first: 100, after: $after) { edges { node { number releasedAt rateableSubjects { kind id } } } pageInfo { endCursor hasNextPage } } }',
      { after },
      KEY,
    );
    nodes.push(...page.data!.unratedDeclarations.edges.map((e: any) => e.node));
    after = page.data!.unratedDeclarations.pageInfo.hasNextPage
      ? page.data!.unratedDeclarations.pageInfo.endCursor
      : null;
  } while (after);
  // Only declarations of the supervisor's branch (branch 1), so the supervisor's view can be checked.
  const [sup] = await em().execute<{ branch_id: number; department_id: number }[]>(
    `select a.branch_id, b.department_id from account a join branch b on b.id = a.branch_id where a.login = 'supervisor'`,
  );
  home = { branchId: Number(sup.branch_id), departmentId: Number(sup.department_id) };
  unrated = nodes.filter((n: any) => n.rateableSubjects.some((s: any) => s.kind === 'OFFICER'));
  const branches = await em().execute<{ id: number; department_id: number }[]>('select id, department_id from branch');
  departmentOf = new Map(branches.map((b) => [Number(b.id), Number(b.department_id)]));
  const [s] = await em().execute<{ id: number }[]>(
    'select id from branch where department_id = ? and id <> ? order by id limit 1',
    [home.departmentId, home.branchId],
  );
  // The seed has one department; a second one (with a branch) for the cross-department checks.
  const [d] = await em().execute<{ id: number }[]>(
    `insert into department (code, name) values ('TEST', 'Cục Hải quan thử nghiệm') returning id`,
  );
  const [f] = await em().execute<{ id: number }[]>(
    `insert into branch (code, name, department_id) values ('TEST01', 'Chi cục thử nghiệm', ?) returning id`,
    [d.id],
  );
  sibling = Number(s.id);
  foreign = Number(f.id);
});

describe('routing of new cases', () => {
  it('by default sends a case to the branch of the rated subject', async () => {
    const { branchCase, officerCase } = await sendBadRating('elsewhere');
    expect(branchCase).toMatchObject({ handler: 'BRANCH', routing_rule_id: null });
    expect(branchCase.responsible_branch_id).not.toBe(home.branchId);
    expect(officerCase).toMatchObject({
      responsible_branch_id: branchCase.responsible_branch_id,
      handler: 'BRANCH',
      routing_rule_id: null,
    });
  });

  it("sends the next matching case to the department's inspectors once an administrator adds a rule", async () => {
    const created = await api.server.gql(
      CREATE,
      {
        input: rule({
          subjectKind: 'OFFICER',
          branchId: String(home.branchId),
          note: 'Phản ánh về công chức do Thanh tra xử lý.',
        }),
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const r = created.data!.createCaseRoutingRule;
    expect(r).toMatchObject({
      subjectKind: 'OFFICER',
      target: 'INSPECTORS',
      active: true,
      branch: { id: String(home.branchId) },
      targetBranch: null,
    });

    const before = await counts();
    const { branchCase, officerCase } = await sendBadRating('home');
    // Only the officer item matches the rule; the branch item keeps the default.
    expect(officerCase).toMatchObject({
      handler: 'INSPECTORS',
      routing_rule_id: Number(r.id),
      responsible_branch_id: home.branchId,
    });
    expect(branchCase).toMatchObject({ handler: 'BRANCH', routing_rule_id: null });
    // Supervisors hear of the branch case only; inspectors of both.
    const after = await counts();
    expect(after.cases - before.cases).toBe(2);
    // Each opened case tells its readers through one case.opened message (delivered by the message relay).
    expect(after.notes - before.notes).toBe(2);

    const q = 'query($id: ID!) { complaintCase(id: $id) { id handler } }';
    expect((await api.server.gql(q, { id: String(officerCase.id) }, inspector)).data!.complaintCase.handler).toBe(
      'INSPECTORS',
    );
    expect((await api.server.gql(q, { id: String(officerCase.id) }, supervisor)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    const ack = await api.server.gql(
      'mutation($id: ID!) { acknowledgeCase(id: $id) { id } }',
      { id: String(officerCase.id) },
      supervisor,
    );
    expect(ack.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await api.server.gql(q, { id: String(branchCase.id) }, supervisor)).data!.complaintCase.handler).toBe(
      'BRANCH',
    );

    const mine = await api.server.gql(
      '{ cases(first: 100, filter: { waitingOnMe: true, handler: INSPECTORS }) { edges { node { id handler } } } }',
      {},
      inspector,
    );
    expect(mine.data!.cases.edges.map((e: any) => e.node.id)).toContain(String(officerCase.id));
  });

  it('lets a higher-priority rule send cases to another branch of the department, on the draft-then-send path too', async () => {
    const created = await api.server.gql(
      CREATE,
      {
        input: rule({
          priority: 1,
          departmentId: String(home.departmentId),
          target: 'BRANCH',
          targetBranchId: String(sibling),
        }),
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const { branchCase, officerCase } = await sendBadRating('elsewhere', true);
    expect(branchCase).toMatchObject({
      handler: 'BRANCH',
      responsible_branch_id: sibling,
      routing_rule_id: Number(created.data!.createCaseRoutingRule.id),
    });
    expect(officerCase).toMatchObject({ handler: 'BRANCH', responsible_branch_id: sibling });
    const rules = await api.server.gql(`{ caseRoutingRules { id priority } }`, {}, admin);
    expect(rules.data!.caseRoutingRules.map((x: any) => x.priority)).toEqual([1, 10]);
    // Deactivated, it no longer applies: the officer rule (priority 10) is next.
    const off = await api.server.gql(
      UPDATE,
      {
        id: created.data!.createCaseRoutingRule.id,
        input: rule({
          priority: 1,
          departmentId: String(home.departmentId),
          target: 'BRANCH',
          targetBranchId: String(sibling),
          active: false,
        }),
      },
      admin,
    );
    expect(off.errors).toBeUndefined();
    const next = await sendBadRating('home');
    expect(next.branchCase).toMatchObject({ handler: 'BRANCH', responsible_branch_id: home.branchId });
    expect(next.officerCase).toMatchObject({ handler: 'INSPECTORS' });
  });

  it('goes back to the default when the rules are deleted', async () => {
    const rules = await api.server.gql(`{ caseRoutingRules { id } }`, {}, admin);
    expect(rules.data!.caseRoutingRules.length).toBeGreaterThan(0);
    for (const r of rules.data!.caseRoutingRules)
      expect((await api.server.gql(DELETE, { id: r.id }, admin)).data!.deleteCaseRoutingRule).toBe(true);
    expect(
      (await api.server.gql(DELETE, { id: rules.data!.caseRoutingRules[0].id }, admin)).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    const { officerCase } = await sendBadRating('elsewhere');
    expect(officerCase).toMatchObject({ handler: 'BRANCH', routing_rule_id: null });
    expect(officerCase.responsible_branch_id).not.toBe(home.branchId);
  });
});

describe('bad rules', () => {
  it('refuses them with BAD_USER_INPUT naming each field, and writes nothing', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [rule({ target: 'BRANCH', departmentId: String(home.departmentId) }), 'targetBranchId'],
      [rule({ target: 'BRANCH', targetBranchId: String(sibling) }), 'targetBranchId'],
      [rule({ target: 'BRANCH', branchId: String(home.branchId), targetBranchId: String(foreign) }), 'targetBranchId'],
      [rule({ target: 'INSPECTORS', targetBranchId: String(sibling) }), 'targetBranchId'],
      [rule({ stageId: '999999' }), 'stageId'],
      [rule({ branchId: '999999' }), 'branchId'],
      [rule({ branchId: String(foreign), departmentId: String(home.departmentId) }), 'branchId'],
      [rule({ priority: -1 }), 'priority'],
    ];
    for (const [input, field] of cases) {
      const res = await api.server.gql(CREATE, { input }, admin);
      expect(res.errors?.[0].extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect((res.errors?.[0].extensions?.invalid as { field: string }[]).map((p) => p.field)).toContain(field);
    }
    const bad = await api.server.gql(CREATE, { input: rule({ branchId: 'abc' }) }, admin);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);
  });

  it('keeps the old rule whole when an update is refused', async () => {
    const created = await api.server.gql(CREATE, { input: rule({ subjectKind: 'STAGE', note: 'giữ nguyên' }) }, admin);
    const id = created.data!.createCaseRoutingRule.id;
    const res = await api.server.gql(UPDATE, { id, input: rule({ subjectKind: 'TEAM', target: 'BRANCH' }) }, admin);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const [row] = await em().execute<{ subject_kind: string; target: string; note: string }[]>(
      'select subject_kind, target, note from case_routing_rule where id = ?',
      [Number(id)],
    );
    expect(row).toEqual({ subject_kind: 'STAGE', target: 'INSPECTORS', note: 'giữ nguyên' });
    expect((await api.server.gql(UPDATE, { id: '999999', input: rule({}) }, admin)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    await api.server.gql(DELETE, { id }, admin);
  });

  it('is for administrators only', async () => {
    const before = await counts();
    for (const token of [inspector, supervisor, await api.server.login('leader')]) {
      expect((await api.server.gql(CREATE, { input: rule({}) }, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.server.gql('{ caseRoutingRules { id } }', {}, token)).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
    }
    expect((await api.server.gql(CREATE, { input: rule({}) })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
  });
});

describe('escalation by hand', () => {
  it('hands a case to the inspectors once, audited and notified', async () => {
    const { branchCase } = await sendBadRating('home');
    const id = String(branchCase.id);
    const m =
      'mutation($id: ID!, $note: String!) { escalateCase(id: $id, note: $note) { id escalatedAt steps { kind note } } }';
    const empty = await api.server.gql(m, { id, note: '  ' }, supervisor);
    expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const res = await api.server.gql(m, { id, note: 'Vượt thẩm quyền Chi cục.' }, supervisor);
    expect(res.errors).toBeUndefined();
    expect(res.data!.escalateCase.steps.at(-1)).toEqual({ kind: 'ESCALATED', note: 'Vượt thẩm quyền Chi cục.' });
    expect((await api.server.gql(m, { id, note: 'lần nữa' }, supervisor)).errors?.[0].extensions?.code).toBe(
      'CONFLICT',
    );
    const mine = await api.server.gql(
      '{ cases(first: 100, filter: { waitingOnMe: true }) { edges { node { id } } } }',
      {},
      inspector,
    );
    expect(mine.data!.cases.edges.map((e: any) => e.node.id)).toContain(id);
  });
});

describe('the inbox API', () => {
  it('filters by level and subject kind, and gives the working time left and who took each step', async () => {
    const q = `query($filter: CaseFilterInput) { cases(first: 100, filter: $filter) { totalCount edges { node { id level subjectKind itemId dueAt overdue workingMinutesLeft
      steps { kind actor actorName } } } } }`;
    const all = await api.server.gql(q, {}, inspector);
    expect(all.errors).toBeUndefined();
    const ones = await api.server.gql(q, { filter: { level: 1, subjectKind: 'OFFICER' } }, inspector);
    const nodes = ones.data!.cases.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: any) => n.level === 1 && n.subjectKind === 'OFFICER')).toBe(true);
    expect(ones.data!.cases.totalCount).toBeLessThan(all.data!.cases.totalCount);
    const bad = await api.server.gql(q, { filter: { level: 3 } }, inspector);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    // A case opened an hour ago (the clock stands still) is due in one working day less an hour, or more over a weekend.
    const fresh = nodes.find((n: any) => n.dueAt && !n.overdue);
    expect(fresh.workingMinutesLeft).toBeGreaterThan(0);
    expect(fresh.workingMinutesLeft).toBeLessThanOrEqual(24 * 60);
    const escalated = all
      .data!.cases.edges.map((e: any) => e.node)
      .find((n: any) => n.steps.some((s: any) => s.kind === 'ESCALATED' && s.actor.startsWith('account:')));
    expect(escalated.steps.find((s: any) => s.kind === 'ESCALATED').actorName).toBeTruthy();
    expect(escalated.steps[0]).toMatchObject({ kind: 'OPENED', actor: 'system', actorName: null });
  });
});
