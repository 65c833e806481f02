/**
 * Named handlers and the queue: "waiting on me" lists only open cases whose next step is the
 * viewer's (checked against an independent SQL reading of the lifecycle), most urgent first;
 * assigning a case to a person of its handling unit; bulk acknowledge and assign, all or none;
 * and the append-only history of a case concluded, reopened, concluded again and answered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApi } from '../support/server.js';

let now = new Date('2026-06-26T16:00:00+07:00');
const api = useSeededApi({ clock: () => now });
const sql = <T>(query: string, params: unknown[] = []) => api.stores.em().execute<T[]>(query, params);
const KEY = 'sqa_demo_declaration_software';

const QUEUE = `query($after: String) { cases(first: 100, after: $after, filter: { waitingOnMe: true }, order: DEADLINE) {
  totalCount edges { node { id status dueAt overdue availableSteps assignee { id displayName } } } pageInfo { hasNextPage endCursor } } }`;

let inspector: string;
let inspector2: string;
let supervisor: string;
let inspectorId: number;
let inspector2Id: number;
let supervisorId: number;
let branchId: string;
let declarations: { number: string; releasedAt: string | null; rateableSubjects: { kind: string; id: string }[] }[];

const pool: string[] = [];

/** A new open case of the branch: the declaration software rates every subject of a declaration 1★, which opens several. */
async function openCase(): Promise<string> {
  while (pool.length === 0) {
    const node = declarations.shift()!;
    const res = await api.server.gql(
      'mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id } }',
      {
        input: {
          declarationNumber: node.number,
          phase: node.releasedAt ? 'AFTER' : 'DURING',
          items: node.rateableSubjects.map((x) => ({
            subjectKind: x.kind,
            subjectId: x.id,
            level: 1,
            comment: 'Chậm.',
          })),
        },
        key: `queue-${node.number}`,
      },
      KEY,
    );
    expect(res.errors).toBeUndefined();
    const cases = await sql<{ id: number }>(
      'select id from complaint_case where assessment_id = ? and responsible_branch_id = ? order by id',
      [Number(res.data!.submitAssessment.id), Number(branchId)],
    );
    pool.push(...cases.map((c) => String(c.id)));
  }
  return pool.shift()!;
}

async function queue(token: string) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const res: any = await api.server.gql(QUEUE, { after }, token);
    expect(res.errors).toBeUndefined();
    nodes.push(...res.data.cases.edges.map((e: any) => e.node));
    if (!res.data.cases.pageInfo.hasNextPage) return { nodes, total: res.data.cases.totalCount as number };
    after = res.data.cases.pageInfo.endCursor;
  }
}

/** Sessions last 8 hours of the test clock: sign in again after moving it. */
async function signInAll(): Promise<void> {
  inspector = await api.server.login('inspector');
  inspector2 = await api.server.login('inspector2');
  supervisor = await api.server.login('supervisor2');
}

const gql = (query: string, variables: Record<string, unknown>, token: string) =>
  api.server.gql(query, variables, token);

beforeAll(async () => {
  const [source] = await sql<{ id: number; password_hash: string; department_id: number }>(
    "select id, password_hash, department_id from account where login = 'inspector'",
  );
  inspectorId = source.id;
  await sql(
    `insert into account (login, password_hash, display_name, role, department_id, created_at) values ('inspector2', ?, 'Thanh tra viên B', 'INSPECTOR', ?, now())`,
    [source.password_hash, source.department_id],
  );
  [{ id: inspector2Id }] = await sql<{ id: number }>("select id from account where login = 'inspector2'");
  const list = await api.server.gql(
    `{ unratedDeclarations(first: 100) { edges { node { number releasedAt rateableSubjects { kind id } } } } }`,
    {},
    KEY,
  );
  // The declarations of one branch, and a supervisor of that branch.
  const nodes = list.data!.unratedDeclarations.edges.map((e: any) => e.node);
  const branchOf = (n: any) => n.rateableSubjects.find((x: any) => x.kind === 'BRANCH').id as string;
  branchId = branchOf(nodes[0]);
  declarations = nodes.filter((n: any) => branchOf(n) === branchId);
  await sql(
    `insert into account (login, password_hash, display_name, role, branch_id, created_at) values ('supervisor2', ?, 'Lãnh đạo Chi cục B', 'SUPERVISOR', ?, now())`,
    [source.password_hash, Number(branchId)],
  );
  [{ id: supervisorId }] = await sql<{ id: number }>("select id from account where login = 'supervisor2'");
  await signInAll();
});

describe('"waiting on me"', () => {
  it('lists only open cases whose next step is the viewer’s, most urgent first', async () => {
    // Three new cases escalated to the inspectors at different times, so their deadlines differ; one assigned to the other inspector.
    const ids: string[] = [];
    for (const hours of [0, 30, 2]) {
      now = new Date(new Date('2026-06-26T16:00:00+07:00').getTime() + hours * 3_600_000);
      await signInAll();
      const id = await openCase();
      const up = await gql(
        'mutation($id: ID!) { escalateCase(id: $id, note: "Cần Thanh tra") { id } }',
        { id },
        supervisor,
      );
      expect(up.errors, JSON.stringify(up.errors)).toBeUndefined();
      ids.push(id);
    }
    now = new Date('2026-07-01T09:00:00+07:00');
    await signInAll();
    const other = await gql(
      'mutation($id: ID!, $a: ID) { assignCase(id: $id, accountId: $a) { id } }',
      { id: ids[2], a: String(inspector2Id) },
      inspector,
    );
    expect(other.errors).toBeUndefined();

    const { nodes, total } = await queue(inspector);
    // Independently: open, the handlers' turn, the inspectors' (routed or escalated), the department's, nobody's or mine.
    const expected = await sql<{ id: number }>(
      `select c.id from complaint_case c, account a where a.id = ? and c.department_id = a.department_id
         and c.status in ('OPEN', 'ACKNOWLEDGED', 'VERIFYING', 'CONCLUDED')
         and (c.handler = 'INSPECTORS' or c.escalated_at is not null)
         and (c.assignee_id is null or c.assignee_id = a.id)`,
      [inspectorId],
    );
    expect(total).toBe(expected.length);
    expect(nodes.map((n) => Number(n.id)).sort((a, b) => a - b)).toEqual(
      expected.map((r) => Number(r.id)).sort((a, b) => a - b),
    );
    expect(nodes.map((n) => n.id)).toContain(ids[0]);
    expect(nodes.map((n) => n.id)).toContain(ids[1]);
    expect(nodes.map((n) => n.id)).not.toContain(ids[2]);
    expect(nodes.every((n) => !['ANSWERED', 'CLOSED'].includes(n.status))).toBe(true);
    // Most urgent first: deadlines never go down the list, overdue ones on top.
    const due = nodes.map((n) => (n.dueAt ? new Date(n.dueAt).getTime() : Infinity));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const firstNotOverdue = nodes.findIndex((n) => !n.overdue);
    if (firstNotOverdue >= 0) expect(nodes.slice(firstNotOverdue).every((n) => !n.overdue)).toBe(true);
    expect(nodes.findIndex((n) => n.id === ids[0])).toBeLessThan(nodes.findIndex((n) => n.id === ids[1]));

    // The other inspector's queue has the case assigned to them; the supervisor's has none of the escalated ones.
    expect((await queue(inspector2)).nodes.map((n) => n.id)).toContain(ids[2]);
    const branchQueue = (await queue(supervisor)).nodes.map((n) => n.id);
    for (const id of ids) expect(branchQueue).not.toContain(id);
  });

  it('assigns only to a person of the handling unit', async () => {
    const id = await openCase();
    const wrong = await gql(
      'mutation($id: ID!, $a: ID) { assignCase(id: $id, accountId: $a) { id } }',
      { id, a: String(inspectorId) },
      supervisor,
    );
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const assignees = await gql('query($id: ID!) { caseAssignees(id: $id) { id displayName } }', { id }, supervisor);
    expect(assignees.data!.caseAssignees.map((a: any) => Number(a.id))).toEqual([supervisorId]);
    const ok = await gql(
      'mutation($id: ID!, $a: ID) { assignCase(id: $id, accountId: $a) { id assignee { id } steps { kind } } }',
      { id, a: String(supervisorId) },
      supervisor,
    );
    expect(ok.data!.assignCase.assignee.id).toBe(String(supervisorId));
    expect(ok.data!.assignCase.steps.map((s: any) => s.kind)).toEqual(['OPENED', 'ASSIGNED']);
    // The enterprise never sees who handles its case.
    const seen = await gql(
      'query($id: ID!) { complaintCase(id: $id) { assignee { id } availableSteps } }',
      { id },
      KEY,
    );
    expect(seen.data!.complaintCase).toEqual({ assignee: null, availableSteps: [] });
  });
});

describe('bulk steps', () => {
  it('acknowledges and assigns several cases at once, and all or none', async () => {
    const a = await openCase();
    const b = await openCase();
    const done = await gql(
      'mutation($ids: [ID!]!) { acknowledgeCases(ids: $ids) { id status } }',
      { ids: [a, b] },
      supervisor,
    );
    expect(done.data!.acknowledgeCases.map((c: any) => c.status)).toEqual(['ACKNOWLEDGED', 'ACKNOWLEDGED']);

    const c = await openCase();
    const before = await sql<{ n: string }>('select count(*) as n from complaint_case_step');
    // `a` is no longer open: the whole batch is refused and `c` stays open.
    const refused = await gql(
      'mutation($ids: [ID!]!) { acknowledgeCases(ids: $ids) { id } }',
      { ids: [c, a] },
      supervisor,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    const [{ status }] = await sql<{ status: string }>('select status from complaint_case where id = ?', [Number(c)]);
    expect(status).toBe('OPEN');
    expect(await sql<{ n: string }>('select count(*) as n from complaint_case_step')).toEqual(before);

    const assigned = await gql(
      'mutation($ids: [ID!]!, $a: ID) { assignCases(ids: $ids, accountId: $a) { id assignee { id } } }',
      { ids: [a, b, c], a: String(supervisorId) },
      supervisor,
    );
    expect(assigned.data!.assignCases.map((x: any) => x.assignee.id)).toEqual([
      String(supervisorId),
      String(supervisorId),
      String(supervisorId),
    ]);
  });
});

describe('append-only history', () => {
  it('keeps every finding and answer of a case concluded, reopened, concluded again and answered', async () => {
    const id = await openCase();
    const step = (q: string, token = supervisor) => gql(`mutation($id: ID!) { ${q} { id } }`, { id }, token);
    for (const q of [
      'acknowledgeCase(id: $id)',
      'startCaseVerification(id: $id)',
      'concludeCase(id: $id, input: { finding: NOT_SUBSTANTIATED, note: "Lần 1: không đúng." })',
      'answerCase(id: $id, answer: "Trả lời lần 1.")',
    ])
      expect((await step(q)).errors).toBeUndefined();
    expect((await step('respondToCase(id: $id, resolved: false, note: "Chưa thỏa đáng")', KEY)).errors).toBeUndefined();
    for (const q of [
      'concludeCase(id: $id, input: { finding: SUBSTANTIATED, actions: [TRAINING], note: "Lần 2: đúng." })',
      'correctCaseFinding(id: $id, finding: PARTLY_SUBSTANTIATED, note: "Đính chính: đúng một phần.")',
      'answerCase(id: $id, answer: "Trả lời lần 2.")',
    ])
      expect((await step(q, inspector)).errors).toBeUndefined();

    const TRAIL = 'query($id: ID!) { complaintCase(id: $id) { finding answer steps { kind note finding actions } } }';
    const c = (await gql(TRAIL, { id }, inspector)).data!.complaintCase;
    expect(c.steps.map((s: any) => s.kind)).toEqual([
      'OPENED',
      'ACKNOWLEDGED',
      'VERIFICATION_STARTED',
      'CONCLUDED',
      'ANSWERED',
      'REOPENED',
      'ESCALATED',
      'CONCLUDED',
      'CORRECTED',
      'ANSWERED',
    ]);
    const recorded = c.steps.filter((s: any) => s.finding || s.kind === 'ANSWERED');
    expect(recorded.map((s: any) => [s.kind, s.finding, s.actions, s.note])).toEqual([
      ['CONCLUDED', 'NOT_SUBSTANTIATED', [], 'Lần 1: không đúng.'],
      ['ANSWERED', null, null, 'Trả lời lần 1.'],
      ['CONCLUDED', 'SUBSTANTIATED', ['TRAINING'], 'Lần 2: đúng.'],
      ['CORRECTED', 'PARTLY_SUBSTANTIATED', null, 'Đính chính: đúng một phần.'],
      ['ANSWERED', null, null, 'Trả lời lần 2.'],
    ]);
    expect(c).toMatchObject({ finding: 'PARTLY_SUBSTANTIATED', answer: 'Trả lời lần 2.' });
    // The findings, actions and trail are internal: the enterprise reads its answers, in order, as messages.
    const trail = await gql(TRAIL, { id }, KEY);
    expect(trail.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    const theirs = (
      await gql('query($id: ID!) { complaintCase(id: $id) { finding messages { kind text } } }', { id }, KEY)
    ).data!.complaintCase;
    expect(theirs.messages.filter((m: any) => m.kind === 'ANSWERED').map((m: any) => m.text)).toEqual([
      'Trả lời lần 1.',
      'Trả lời lần 2.',
    ]);
  });

  it('records every automatic escalation as a step', async () => {
    const id = await openCase();
    now = new Date('2026-08-20T09:00:00+07:00');
    const admin = await api.server.login('admin');
    const run = await gql('mutation { runCaseJobs { escalated } }', {}, admin);
    expect(run.data!.runCaseJobs.escalated).toBeGreaterThanOrEqual(1);
    const [missing] = await sql<{ n: string }>(
      `select count(*) as n from complaint_case c where c.escalated_at is not null
         and not exists (select 1 from complaint_case_step s where s.case_id = c.id and s.kind = 'ESCALATED')`,
    );
    expect(Number(missing.n)).toBe(0);
    const steps = await sql<{ kind: string; actor: string }>(
      'select kind, actor from complaint_case_step where case_id = ? order by id',
      [Number(id)],
    );
    expect(steps.at(-1)).toEqual({ kind: 'ESCALATED', actor: 'system' });
  });
});
