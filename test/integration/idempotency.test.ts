/**
 * Idempotency keys are bound to the request they were first used for: the same key and request
 * answer with the same form; the same key with any other request is refused with
 * IDEMPOTENCY_KEY_REUSED and nothing is written, sent or queued for analytics.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISE_ID } from '../../api/db/seed/demo-seed.js';
import { FIXED_UNTIL, tableCounts } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';
import { ENTERPRISE_KEY, SYSTEM_KEY, declarationInput, testDeclarationNumber } from '../support/sends.js';

const now = new Date(FIXED_UNTIL.getTime() - 3_600_000);
const api = useSeededApi({ clock: () => now });
const em = () => api.stores.em();

const RECORD_DECLARATION = `mutation($input: RecordDeclarationInput!) { recordDeclaration(input: $input) { number rateableSubjects { kind id } } }`;
const SUBMIT = `mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id status } }`;
const RECORD = `mutation($input: RecordAssessmentInput!, $key: String) { recordAssessment(input: $input, idempotencyKey: $key) { id status } }`;
const SEND = `mutation($id: ID!, $key: String) { sendAssessment(id: $id, idempotencyKey: $key) { id status } }`;

let serial = 0;
/** A new released declaration of the demo enterprise; returns its number and its branch's id. */
async function newDeclaration(): Promise<{ number: string; branch: string; officer: string }> {
  const [enterprise] = await em().execute<{ tax_code: string; name: string }[]>(
    'select tax_code, name from enterprise where id = ?',
    [DEMO_ENTERPRISE_ID],
  );
  const number = testDeclarationNumber(++serial, 8);
  const res = await api.server.gql(
    RECORD_DECLARATION,
    { input: declarationInput(number, { taxCode: enterprise.tax_code, name: enterprise.name }, now) },
    SYSTEM_KEY,
  );
  expect(res.errors).toBeUndefined();
  const subjects: { kind: string; id: string }[] = res.data!.recordDeclaration.rateableSubjects;
  return {
    number,
    branch: subjects.find((s) => s.kind === 'BRANCH')!.id,
    officer: subjects.find((s) => s.kind === 'OFFICER')!.id,
  };
}

const form = (d: { number: string; branch: string }, level: number, extra: Record<string, unknown> = {}) => ({
  declarationNumber: d.number,
  phase: 'AFTER',
  items: [{ subjectKind: 'BRANCH', subjectId: d.branch, level, ...(level <= 2 ? { comment: 'Quá chậm' } : {}) }],
  ...extra,
});

/** Every table a form, a case or an analytics event could land in. */
async function counts() {
  const [cases] = await em().execute<{ n: string }[]>('select count(*) as n from complaint_case');
  return { ...(await tableCounts(em())), complaint_case: Number(cases.n) };
}

function expectReused(res: { errors?: { extensions?: Record<string, unknown> }[] }) {
  expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
  expect(res.errors?.[0].extensions?.reason).toBe('IDEMPOTENCY_KEY_REUSED');
}

async function formsOf(number: string) {
  return em().execute<{ id: number; status: string }[]>(
    'select a.id, a.status from assessment a join declaration d on d.id = a.declaration_id where d.number = ?',
    [number],
  );
}

describe('an idempotency key is bound to its request', () => {
  it('refuses a key used for a 5★ form of A when it comes back with a 1★ form of B, and writes nothing', async () => {
    const a = await newDeclaration();
    const b = await newDeclaration();
    const first = await api.server.gql(SUBMIT, { input: form(a, 5), key: 'reuse-key-0001' }, ENTERPRISE_KEY);
    expect(first.errors).toBeUndefined();
    const before = await counts();
    const other = await api.server.gql(SUBMIT, { input: form(b, 1), key: 'reuse-key-0001' }, ENTERPRISE_KEY);
    expectReused(other);
    expect(await counts()).toEqual(before);
    expect(await formsOf(b.number)).toEqual([]);
  });

  it('answers the same request again with the same form, whatever the order of items and blanks', async () => {
    const a = await newDeclaration();
    const items = [
      { subjectKind: 'BRANCH', subjectId: a.branch, level: 4, reasonCodes: [] },
      { subjectKind: 'OFFICER', subjectId: a.officer, level: 5, comment: 'Nhanh ' },
    ];
    const input = { declarationNumber: a.number, phase: 'AFTER', items };
    const first = await api.server.gql(SUBMIT, { input, key: 'same-request-01' }, ENTERPRISE_KEY);
    expect(first.errors).toBeUndefined();
    const before = await counts();
    const retry = await api.server.gql(
      SUBMIT,
      { input: { ...input, items: [{ ...items[1], comment: 'Nhanh' }, items[0]] }, key: 'same-request-01' },
      ENTERPRISE_KEY,
    );
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.submitAssessment.id).toBe(first.data!.submitAssessment.id);
    expect(await counts()).toEqual(before);
  });

  it('refuses the same key for the same declaration with another level, or another phase', async () => {
    const a = await newDeclaration();
    expect((await api.server.gql(SUBMIT, { input: form(a, 5), key: 'same-decl-0001' }, ENTERPRISE_KEY)).errors).toBe(
      undefined,
    );
    const before = await counts();
    expectReused(await api.server.gql(SUBMIT, { input: form(a, 2), key: 'same-decl-0001' }, ENTERPRISE_KEY));
    expectReused(
      await api.server.gql(SUBMIT, { input: form(a, 5, { phase: 'DURING' }), key: 'same-decl-0001' }, ENTERPRISE_KEY),
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses to send a draft through submitAssessment with the key that recorded it', async () => {
    const a = await newDeclaration();
    const draft = await api.server.gql(RECORD, { input: form(a, 5), key: 'draft-key-0001' }, ENTERPRISE_KEY);
    expect(draft.errors).toBeUndefined();
    const before = await counts();
    expectReused(await api.server.gql(SUBMIT, { input: form(a, 5), key: 'draft-key-0001' }, ENTERPRISE_KEY));
    expectReused(await api.server.gql(RECORD, { input: form(a, 3), key: 'draft-key-0001' }, ENTERPRISE_KEY));
    expectReused(
      await api.server.gql(SEND, { id: draft.data!.recordAssessment.id, key: 'draft-key-0001' }, ENTERPRISE_KEY),
    );
    expect(await counts()).toEqual(before);
    expect(await formsOf(a.number)).toEqual([{ id: Number(draft.data!.recordAssessment.id), status: 'RECORDED' }]);
    // The same record again is a retry: the same draft.
    const retry = await api.server.gql(RECORD, { input: form(a, 5), key: 'draft-key-0001' }, ENTERPRISE_KEY);
    expect(retry.data!.recordAssessment.id).toBe(draft.data!.recordAssessment.id);
  });

  it('refuses a send key used for one form when it comes with another form, which stays a draft', async () => {
    const a = await newDeclaration();
    const b = await newDeclaration();
    const draftA = (await api.server.gql(RECORD, { input: form(a, 4) }, ENTERPRISE_KEY)).data!.recordAssessment.id;
    const draftB = (await api.server.gql(RECORD, { input: form(b, 4) }, ENTERPRISE_KEY)).data!.recordAssessment.id;
    const sent = await api.server.gql(SEND, { id: draftA, key: 'send-once-0001' }, ENTERPRISE_KEY);
    expect(sent.data!.sendAssessment.status).toBe('SENT');
    const before = await counts();
    expectReused(await api.server.gql(SEND, { id: draftB, key: 'send-once-0001' }, ENTERPRISE_KEY));
    expectReused(await api.server.gql(SUBMIT, { input: form(b, 4), key: 'send-once-0001' }, ENTERPRISE_KEY));
    expect(await counts()).toEqual(before);
    expect((await formsOf(b.number))[0].status).toBe('RECORDED');
    const retry = await api.server.gql(SEND, { id: draftA, key: 'send-once-0001' }, ENTERPRISE_KEY);
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.sendAssessment).toEqual({ id: draftA, status: 'SENT' });
  });
});
