/**
 * Every way to reach the enterprise (or what names it) from a form or a case, for each kind of
 * viewer; the case's internal file against the enterprise's view; the case scope on a form's
 * cases; internal notes against messages to the enterprise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';
import { signInEveryone, VIEWER_KINDS, type ViewerInfo, type ViewerKind } from '../support/viewers.js';

const api = useSeededApi({ clock: () => new Date(FIXED_UNTIL.getTime() - 3_600_000) });
let viewers: Record<ViewerKind, ViewerInfo>;
/** A case of the demo enterprise in branch 1, handled by the branch, with its form and declaration. */
let subject: { caseId: string; formId: string; number: string; taxCode: string };

const sql = <T>(text: string, params: unknown[] = []) => api.stores.em().getConnection().execute<T[]>(text, params);

beforeAll(async () => {
  viewers = await signInEveryone(api);
  const [row] = await sql<{ case_id: number; form_id: number; number: string; tax_code: string }>(
    `select c.id as case_id, c.assessment_id as form_id, d.number, e.tax_code
       from complaint_case c join declaration d on d.id = c.declaration_id join enterprise e on e.id = c.enterprise_id
      where c.enterprise_id = 1 and c.responsible_branch_id = 1 and c.handler = 'BRANCH'
        and c.rated_officer_id is distinct from $1
      order by c.id limit 1`.replace('$1', String(viewers.officerSupervisor.officerId)),
  );
  subject = { caseId: String(row.case_id), formId: String(row.form_id), number: row.number, taxCode: row.tax_code };
  // The seeded case may already be closed: open it again so the workflow can run on it.
  await sql(
    `update complaint_case set status = 'OPEN', finding = null, actions = '{}', answer = null, concluded_at = null,
            answered_at = null, closed_at = null, escalated_at = null, answer_due_at = null where id = ${row.case_id}`,
  );
});

/** The ways from a form or a case to the enterprise, or to the declaration number that names it. */
const PATHS: [string, string][] = [
  ['Assessment.enterprise', 'query($f: ID!) { assessment(id: $f) { id enterprise { taxCode } } }'],
  ['Assessment.contactPhone', 'query($f: ID!) { assessment(id: $f) { id contactPhone } }'],
  [
    'Assessment.declaration.enterprise',
    'query($f: ID!) { assessment(id: $f) { id declaration { enterprise { taxCode } } } }',
  ],
  ['Assessment.declaration.number', 'query($f: ID!) { assessment(id: $f) { id declaration { number } } }'],
  [
    'assessments → declaration.enterprise',
    '{ assessments(first: 100) { edges { node { id declaration { number enterprise { taxCode name } } } } } }',
  ],
  [
    'complaintCase → assessment.declaration.enterprise',
    'query($c: ID!) { complaintCase(id: $c) { id assessment { id declaration { number enterprise { taxCode } } } } }',
  ],
  [
    'complaintCase → assessment.enterprise',
    'query($c: ID!) { complaintCase(id: $c) { id assessment { enterprise { taxCode } } } }',
  ],
  [
    'Assessment.cases → assessment.declaration.enterprise',
    'query($f: ID!) { assessment(id: $f) { id cases { id assessment { declaration { enterprise { taxCode } } } } } }',
  ],
  [
    'declarations(filter: taxCode) → assessments',
    'query($t: String!) { declarations(first: 5, filter: { taxCode: $t }) { edges { node { number enterprise { taxCode } assessments { id } } } } }',
  ],
  [
    'declaration(number) → assessments',
    'query($n: String!) { declaration(number: $n) { enterprise { taxCode } assessments { id } } }',
  ],
];

/** May this kind of viewer see who rated this form? The demo enterprise itself and inspection staff of its department. */
const SEES_RATER: Partial<Record<ViewerKind, boolean>> = {
  enterprise: true,
  enterpriseKey: true,
  inspector: true,
  admin: true,
  adminKey: true,
};

describe.each(PATHS)('path %s', (_name, query) => {
  // Every signed-in person and the analytics key (the other keys have no path to a form).
  const kinds: ViewerKind[] = VIEWER_KINDS.filter(
    (k) => !['anonymous', 'enterpriseKey', 'adminKey', 'systemKey'].includes(k),
  );
  it.each(kinds)('as %s', async (kind) => {
    const vars = { f: subject.formId, c: subject.caseId, n: subject.number, t: subject.taxCode };
    const res = await api.server.gql(query, vars, viewers[kind].credential);
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    const text = JSON.stringify(res.data ?? null);
    // What links the form to its enterprise: the tax code, or the number of the form's declaration.
    const formLinked =
      text.includes(subject.taxCode) && (text.includes('"assessments":[{') || /"(enterprise|contactPhone)"/.test(text));
    const linked = formLinked || (/"assessment(s)?"/.test(text) && text.includes(subject.number));
    if (SEES_RATER[kind]) {
      expect(codes).not.toContain('FORBIDDEN');
      expect(codes).not.toContain('UNAUTHENTICATED');
    } else {
      expect(linked, `${kind} got ${text.slice(0, 300)}`).toBe(false);
      expect(text).not.toContain(subject.taxCode);
    }
  });
});

describe('a supervisor or leader sees the form, without its declaration', () => {
  it('gets the branch and channel of the form, and a null declaration without an error', async () => {
    for (const kind of ['supervisor', 'leader'] as const) {
      const res = await api.server.gql(
        'query($f: ID!) { assessment(id: $f) { id channel branch { id } declaration { number } items { level } } }',
        { f: subject.formId },
        viewers[kind].credential,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.assessment).toMatchObject({ id: subject.formId, branch: { id: '1' }, declaration: null });
    }
    const inspector = await api.server.gql(
      'query($f: ID!) { assessment(id: $f) { declaration { number } } }',
      { f: subject.formId },
      viewers.inspector.credential,
    );
    expect(inspector.data!.assessment.declaration.number).toBe(subject.number);
  });
});

describe('Assessment.cases keeps the case scope', () => {
  it('a supervisor does not see a case routed to the inspectors, nor, as a rated officer, a case about itself', async () => {
    const [routed] = await sql<{ form_id: number; id: number }>(
      `select assessment_id as form_id, id from complaint_case where responsible_branch_id = 1 and handler = 'INSPECTORS' limit 1`,
    );
    if (!routed)
      await sql(
        `update complaint_case set handler = 'INSPECTORS' where id = (select max(id) from complaint_case where responsible_branch_id = 1 and handler = 'BRANCH')`,
      );
    const [inspectors] = await sql<{ form_id: number; id: number }>(
      `select assessment_id as form_id, id from complaint_case where responsible_branch_id = 1 and handler = 'INSPECTORS' limit 1`,
    );
    const q = 'query($f: ID!) { assessment(id: $f) { cases { id } } }';
    const asSupervisor = await api.server.gql(q, { f: String(inspectors.form_id) }, viewers.supervisor.credential);
    expect(asSupervisor.data!.assessment.cases.map((c: { id: string }) => c.id)).not.toContain(String(inspectors.id));
    const asInspector = await api.server.gql(q, { f: String(inspectors.form_id) }, viewers.inspector.credential);
    expect(asInspector.data!.assessment.cases.map((c: { id: string }) => c.id)).toContain(String(inspectors.id));

    const [aboutSelf] = await sql<{ form_id: number; id: number }>(
      `select assessment_id as form_id, id from complaint_case where responsible_branch_id = 1 and handler = 'BRANCH' and rated_officer_id = ${viewers.officerSupervisor.officerId} limit 1`,
    );
    const mine = await api.server.gql(q, { f: String(aboutSelf.form_id) }, viewers.officerSupervisor.credential);
    expect(mine.data!.assessment.cases.map((c: { id: string }) => c.id)).not.toContain(String(aboutSelf.id));
    const other = await api.server.gql(q, { f: String(aboutSelf.form_id) }, viewers.supervisor.credential);
    expect(other.data!.assessment.cases.map((c: { id: string }) => c.id)).toContain(String(aboutSelf.id));
  });
});

describe("the enterprise's view of its case, and the trail's internal notes", () => {
  it('staff write internal notes and messages; the enterprise reads the messages only, and never the case file', async () => {
    const id = subject.caseId;
    const inspector = viewers.inspector.credential;
    const step = async (mutation: string, vars: Record<string, unknown> = {}) => {
      const res = await api.server.gql(mutation, { id, ...vars }, inspector);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    };
    await step('mutation($id: ID!) { acknowledgeCase(id: $id, note: "Received; internal triage.") { id } }');
    await step(
      'mutation($id: ID!) { addCaseNote(id: $id, note: "Officer interviewed: delay confirmed.", audience: INTERNAL) { id } }',
    );
    await step(
      'mutation($id: ID!) { addCaseNote(id: $id, note: "We are checking; answer within 10 working days.", audience: ENTERPRISE) { id } }',
    );
    await step('mutation($id: ID!) { startCaseVerification(id: $id) { id } }');
    await step(
      'mutation($id: ID!) { concludeCase(id: $id, input: { finding: SUBSTANTIATED, actions: [DISCIPLINE_REFERRAL], note: "Officer at fault." }) { id } }',
    );
    await step('mutation($id: ID!) { answerCase(id: $id, answer: "You were right; we apologise.") { id } }');

    const enterprise = viewers.enterprise.credential;
    const view = await api.server.gql(
      'query($id: ID!) { complaintCase(id: $id) { status answer concludeDueAt dueAt messages { kind text fromEnterprise } } }',
      { id },
      enterprise,
    );
    expect(view.errors).toBeUndefined();
    expect(view.data!.complaintCase.messages.map((m: { text: string }) => m.text)).toEqual([
      'We are checking; answer within 10 working days.',
      'You were right; we apologise.',
    ]);
    expect(JSON.stringify(view.data)).not.toMatch(/interviewed|Officer at fault|triage/);
    for (const internal of ['finding', 'actions', 'handler', 'steps { note actor actorName }']) {
      const res = await api.server.gql(
        `query($id: ID!) { complaintCase(id: $id) { id ${internal} } }`,
        { id },
        enterprise,
      );
      expect(res.errors?.[0].extensions?.code, internal).toBe('FORBIDDEN');
      expect(JSON.stringify(res.data)).not.toMatch(/SUBSTANTIATED|DISCIPLINE|interviewed|account:/);
    }
    const viaForm = await api.server.gql(
      'query($f: ID!) { assessment(id: $f) { cases { id status messages { text } finding } } }',
      { f: subject.formId },
      enterprise,
    );
    expect(viaForm.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(viaForm.data)).not.toContain('SUBSTANTIATED');
    const escalated = await api.server.gql(
      'query($id: ID!) { complaintCase(id: $id) { escalatedAt } }',
      { id },
      enterprise,
    );
    expect(escalated.errors).toBeUndefined();
    expect(escalated.data!.complaintCase.escalatedAt).toBeNull();

    // The enterprise objects: its step names it; supervisors and leaders see the step without its actor.
    const reopened = await api.server.gql(
      'mutation($id: ID!) { respondToCase(id: $id, resolved: false, note: "Not resolved.") { id } }',
      { id },
      enterprise,
    );
    expect(reopened.errors).toBeUndefined();
    const trail = 'query($id: ID!) { complaintCase(id: $id) { steps { kind audience actor actorName note } } }';
    for (const kind of ['supervisor', 'leader'] as const) {
      const res = await api.server.gql(trail, { id }, viewers[kind].credential);
      expect(res.errors).toBeUndefined();
      const step = res.data!.complaintCase.steps.find((s: { kind: string }) => s.kind === 'REOPENED');
      expect(step).toMatchObject({ audience: 'ENTERPRISE', actor: null, actorName: null, note: 'Not resolved.' });
      const internal = res.data!.complaintCase.steps.filter((s: { audience: string }) => s.audience === 'INTERNAL');
      expect(internal.map((s: { note: string | null }) => s.note)).toContain('Officer interviewed: delay confirmed.');
    }
    const asInspector = await api.server.gql(trail, { id }, inspector);
    const theirs = asInspector.data!.complaintCase.steps.find((s: { kind: string }) => s.kind === 'REOPENED');
    expect(theirs.actor).toMatch(/^account:\d+$/);
  });
});
