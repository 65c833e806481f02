import { beforeAll, describe, expect, it } from 'vitest';
import { forgetHolidays } from '../../api/cases/calendar.js';
import { tableCounts } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

// Friday 26 June 2026, 16:00 in Hải Phòng; Monday 29 June is made a holiday below.
let now = new Date('2026-06-26T16:00:00+07:00');
const api = useSeededApi({ clock: () => now });
const em = () => api.stores.em();
const KEY = 'sqa_demo_declaration_software';

const CASE = `query($id: ID!) { complaintCase(id: $id) { id status level subjectKind dueAt overdue finding actions answer
  acknowledgeDueAt concludeDueAt answerDueAt escalatedAt responsibleBranch { id } steps { kind status actor note } } }`;
const STEP = (name: string, extra = '') =>
  `mutation($id: ID!${extra ? ', ' + extra.split('|')[0] : ''}) { ${name}(id: $id${extra ? ', ' + extra.split('|')[1] : ''}) { id status } }`;

let inspector: string;
let caseId: string;
let formId: string;

async function submitBadRating(): Promise<{ formId: string; branchId: string }> {
  const list = await api.server.gql(
    `{ unratedDeclarations(first: 1) { edges { node { number releasedAt rateableSubjects { kind id } } } } }`,
    {},
    KEY,
  );
  const node = list.data!.unratedDeclarations.edges[0].node;
  const officer = node.rateableSubjects.find((s: any) => s.kind === 'OFFICER');
  const res = await api.server.gql(
    'mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id } }',
    {
      input: {
        declarationNumber: node.number,
        phase: node.releasedAt ? 'AFTER' : 'DURING',
        items: [
          { subjectKind: 'BRANCH', subjectId: node.rateableSubjects[0].id, level: 5 },
          { subjectKind: 'OFFICER', subjectId: officer.id, level: 2, reasonCodes: ['SLOW'], comment: 'Chờ quá lâu.' },
        ],
        contactPhone: '0912345678',
      },
      key: `case-test-${node.number}`,
    },
    KEY,
  );
  expect(res.errors).toBeUndefined();
  return { formId: res.data!.submitAssessment.id, branchId: node.rateableSubjects[0].id };
}

beforeAll(async () => {
  await em().execute(`insert into holiday (day, name) values ('2026-06-29', 'Ngày nghỉ bù (test)')`);
  forgetHolidays();
  inspector = await api.server.login('inspector');
});

describe('a dissatisfied rating opens a case', () => {
  it('opens one case per 1–2★ item, in the same transaction, with deadlines in working days', async () => {
    const before = await tableCounts(em());
    ({ formId } = await submitBadRating());
    const cases = await em().execute<
      { id: number; level: number; subject_kind: string; rated_officer_id: number | null }[]
    >('select id, level, subject_kind, rated_officer_id from complaint_case where assessment_id = ?', [Number(formId)]);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ level: 2, subject_kind: 'OFFICER' });
    caseId = String(cases[0].id);
    const res = await api.server.gql(CASE, { id: caseId }, inspector);
    const c = res.data!.complaintCase;
    expect(c.status).toBe('OPEN');
    // Friday 16:00 + 1 working day, skipping the weekend and the Monday holiday: Tuesday 16:00.
    expect(new Date(c.acknowledgeDueAt).toISOString()).toBe(new Date('2026-06-30T16:00:00+07:00').toISOString());
    // + 10 working days: Tue 30/6 … Fri 3/7, Mon 6/7 … Fri 10/7 (9), Mon 13/7 (10).
    expect(new Date(c.concludeDueAt).toISOString()).toBe(new Date('2026-07-13T16:00:00+07:00').toISOString());
    expect(c.steps).toEqual([{ kind: 'OPENED', status: 'OPEN', actor: 'system', note: null }]);
    const after = await tableCounts(em());
    expect(after.assessment).toBe(before.assessment + 1);
  });

  it('is never assigned to the rated officer, and officers cannot see cases at all', async () => {
    const officer = await api.server.login('officer');
    const res = await api.server.gql(CASE, { id: caseId }, officer);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const list = await api.server.gql('{ cases(first: 5) { totalCount } }', {}, officer);
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the workflow', () => {
  it('refuses steps out of order with CONFLICT and changes nothing', async () => {
    const before = await tableCounts(em());
    const conclude = await api.server.gql(
      'mutation($id: ID!) { concludeCase(id: $id, input: { finding: SUBSTANTIATED, actions: [TRAINING], note: "x" }) { id } }',
      { id: caseId },
      inspector,
    );
    expect(conclude.errors?.[0].extensions?.code).toBe('CONFLICT');
    const answer = await api.server.gql(
      'mutation($id: ID!) { answerCase(id: $id, answer: "x") { id } }',
      { id: caseId },
      inspector,
    );
    expect(answer.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await tableCounts(em())).toEqual(before);
  });

  it('refuses a supervisor of another branch, and the enterprise, as handlers', async () => {
    const [c] = await em().execute<{ responsible_branch_id: number }[]>(
      'select responsible_branch_id from complaint_case where id = ?',
      [Number(caseId)],
    );
    const supervisor = await api.server.login('supervisor'); // branch 1
    const res = await api.server.gql(STEP('acknowledgeCase'), { id: caseId }, supervisor);
    expect(res.errors?.[0].extensions?.code).toBe(Number(c.responsible_branch_id) === 1 ? undefined : 'NOT_FOUND');
    const enterprise = await api.server.login('enterprise');
    const byEnterprise = await api.server.gql(STEP('acknowledgeCase'), { id: caseId }, enterprise);
    expect(byEnterprise.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('goes open → acknowledged → verifying → concluded → answered, each step audited', async () => {
    const [state] = await em().execute<{ status: string }[]>('select status from complaint_case where id = ?', [
      Number(caseId),
    ]);
    if (state.status === 'OPEN')
      expect((await api.server.gql(STEP('acknowledgeCase'), { id: caseId }, inspector)).errors).toBeUndefined();
    expect((await api.server.gql(STEP('startCaseVerification'), { id: caseId }, inspector)).errors).toBeUndefined();
    const noAction = await api.server.gql(
      'mutation($id: ID!) { concludeCase(id: $id, input: { finding: SUBSTANTIATED, note: "Đúng phản ánh" }) { id } }',
      { id: caseId },
      inspector,
    );
    expect(noAction.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const concluded = await api.server.gql(
      'mutation($id: ID!) { concludeCase(id: $id, input: { finding: SUBSTANTIATED, actions: [TRAINING, GUIDANCE], note: "Đúng phản ánh: kiểm tra hồ sơ chậm 3 giờ." }) { status } }',
      { id: caseId },
      inspector,
    );
    expect(concluded.data!.concludeCase.status).toBe('CONCLUDED');
    const twice = await api.server.gql(
      'mutation($id: ID!) { concludeCase(id: $id, input: { finding: NOT_SUBSTANTIATED, note: "x" }) { id } }',
      { id: caseId },
      inspector,
    );
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
    await api.server.gql(
      'mutation($id: ID!) { correctCaseFinding(id: $id, finding: PARTLY_SUBSTANTIATED, note: "Một phần do doanh nghiệp nộp thiếu chứng từ.") { id } }',
      { id: caseId },
      inspector,
    );
    const answered = await api.server.gql(
      'mutation($id: ID!) { answerCase(id: $id, answer: "Chi cục đã chấn chỉnh và tập huấn lại công chức.") { status } }',
      { id: caseId },
      inspector,
    );
    expect(answered.data!.answerCase.status).toBe('ANSWERED');
    const c = (await api.server.gql(CASE, { id: caseId }, inspector)).data!.complaintCase;
    expect(c.steps.map((s: any) => s.kind)).toEqual([
      'OPENED',
      'ACKNOWLEDGED',
      'VERIFICATION_STARTED',
      'CONCLUDED',
      'CORRECTED',
      'ANSWERED',
    ]);
    expect(c.steps[3].note).toContain('chậm 3 giờ');
    expect(c.finding).toBe('PARTLY_SUBSTANTIATED');
    expect(c.actions.sort()).toEqual(['GUIDANCE', 'TRAINING']);
    expect(c.steps.slice(1).every((s: any) => s.actor.startsWith('account:'))).toBe(true);
  });

  it('shows the answer to the enterprise on its form, and closes when the enterprise acknowledges', async () => {
    const res = await api.server.gql(
      `query($id: ID!) { assessment(id: $id) { cases { id status answer } } }`,
      { id: formId },
      KEY,
    );
    expect(res.data!.assessment.cases).toEqual([
      { id: caseId, status: 'ANSWERED', answer: 'Chi cục đã chấn chỉnh và tập huấn lại công chức.' },
    ]);
    const closed = await api.server.gql(
      'mutation($id: ID!) { respondToCase(id: $id, resolved: true) { status } }',
      { id: caseId },
      KEY,
    );
    expect(closed.data!.respondToCase.status).toBe('CLOSED');
  });
});

describe('deadlines and the case job', () => {
  it('reopens to the inspectors when the enterprise says it is not resolved', async () => {
    const { formId: form } = await submitBadRating();
    const [c] = await em().execute<{ id: number }[]>('select id from complaint_case where assessment_id = ?', [
      Number(form),
    ]);
    const id = String(c.id);
    for (const m of ['acknowledgeCase', 'startCaseVerification']) await api.server.gql(STEP(m), { id }, inspector);
    await api.server.gql(
      'mutation($id: ID!) { concludeCase(id: $id, input: { finding: NOT_SUBSTANTIATED, note: "Không đúng." }) { id } }',
      { id },
      inspector,
    );
    await api.server.gql(
      'mutation($id: ID!) { answerCase(id: $id, answer: "Không có sai phạm.") { id } }',
      { id },
      inspector,
    );
    const reopened = await api.server.gql(
      'mutation($id: ID!) { respondToCase(id: $id, resolved: false, note: "Chưa thỏa đáng") { status escalatedAt } }',
      { id },
      KEY,
    );
    expect(reopened.data!.respondToCase.status).toBe('VERIFYING');
    expect(reopened.data!.respondToCase.escalatedAt).not.toBeNull();
  });

  it('escalates overdue cases once, after the weekend and the holiday are counted', async () => {
    const { formId: form } = await submitBadRating();
    const [c] = await em().execute<{ id: number }[]>('select id from complaint_case where assessment_id = ?', [
      Number(form),
    ]);
    const RUN = 'mutation { runCaseJobs { escalated closed } }';
    const saved = now;
    try {
      now = new Date('2026-06-29T18:00:00+07:00'); // the Monday holiday: not overdue yet
      expect((await api.server.gql(CASE, { id: String(c.id) }, 'sqa_demo_admin')).data!.complaintCase.overdue).toBe(
        false,
      );
      now = new Date('2026-06-30T16:30:00+07:00'); // Tuesday, past the acknowledge deadline
      const first = await api.server.gql(RUN, {}, 'sqa_demo_system_feed');
      expect(first.data!.runCaseJobs.escalated).toBeGreaterThanOrEqual(1);
      const again = await api.server.gql(RUN, {}, 'sqa_demo_system_feed');
      expect(again.data!.runCaseJobs.escalated).toBe(0);
      const row = (await api.server.gql(CASE, { id: String(c.id) }, 'sqa_demo_admin')).data!.complaintCase;
      expect(row.overdue).toBe(true);
      expect(row.steps.map((s: any) => s.kind)).toContain('ESCALATED');
    } finally {
      now = saved;
    }
  });
});
