import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISE_ID } from '../../api/db/seed/demo-seed.js';
import { FIXED_UNTIL, tableCounts } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

// The seed ends on FIXED_UNTIL; the API's clock stands just before it, and tests may move it.
let now = new Date(FIXED_UNTIL.getTime() - 3_600_000);
const api = useSeededApi({ clock: () => now });

const RECORD = `mutation($input: RecordAssessmentInput!, $key: String) {
  recordAssessment(input: $input, idempotencyKey: $key) { id status phase items { subject { kind id } level reasonCodes comment } contactPhone } }`;
const SEND = `mutation($id: ID!, $key: String) { sendAssessment(id: $id, idempotencyKey: $key) { id status sentAt } }`;
const UNRATED = `{ unratedDeclarations(first: 100) { totalCount edges { node { number releasedAt rateableSubjects { kind id code name } } } } }`;

let token: string;
let subjectsOf: Map<string, { kind: string; id: string }[]>;
let released: string[];

const rated = () => api.stores.em().getConnection();
const counts = () => tableCounts(api.stores.em());

beforeAll(async () => {
  token = await api.server.login('enterprise');
  const res = await api.server.gql(UNRATED, {}, token);
  const nodes = res.data!.unratedDeclarations.edges.map((e: any) => e.node);
  subjectsOf = new Map(nodes.map((n: any) => [n.number, n.rateableSubjects]));
  released = nodes.filter((n: any) => n.releasedAt).map((n: any) => n.number);
});

function form(number: string, items: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return { declarationNumber: number, phase: released.includes(number) ? 'AFTER' : 'DURING', items, ...extra };
}
function subject(number: string, kind: string, nth = 0) {
  const found = subjectsOf.get(number)!.filter((s) => s.kind === kind)[nth];
  return { subjectKind: kind, subjectId: found.id };
}

describe('unrated declarations', () => {
  it("lists the enterprise's recent declarations without a sent form, with their rateable subjects", async () => {
    const res = await api.server.gql(UNRATED, {}, token);
    const { totalCount, edges } = res.data!.unratedDeclarations;
    const [expected] = await rated().execute<{ n: string }[]>(
      `select count(*) as n from declaration d where d.enterprise_id = ? and d.registered_at >= ? and d.status <> 'CANCELLED'
       and not exists (select 1 from assessment a where a.declaration_id = d.id and a.status = 'SENT')`,
      [DEMO_ENTERPRISE_ID, new Date(now.getTime() - 30 * 86_400_000)],
    );
    expect(totalCount).toBe(Number(expected.n));
    expect(totalCount).toBeGreaterThan(3);
    expect(released.length).toBeGreaterThan(1);
    const first = edges[0].node;
    const kinds = first.rateableSubjects.map((s: any) => s.kind);
    expect(kinds[0]).toBe('BRANCH');
    expect(kinds).toContain('OFFICER');
    const [handlers] = await rated().execute<{ n: string }[]>(
      'select count(distinct officer_id) as n from handling_record h join declaration d on d.id = h.declaration_id where d.number = ?',
      [first.number],
    );
    expect(kinds.filter((k: string) => k === 'OFFICER')).toHaveLength(Number(handlers.n));
  });
});

describe('record → review → edit → send', () => {
  let id: string;
  let number: string;

  it('records a draft and returns what will be sent, writing no outbox event', async () => {
    number = released[0];
    const before = await counts();
    const res = await api.server.gql(
      RECORD,
      {
        input: form(
          number,
          [
            { ...subject(number, 'BRANCH'), level: 5, reasonCodes: ['FAST'] },
            { ...subject(number, 'OFFICER'), level: 2, reasonCodes: ['SLOW'], comment: 'Chờ kiểm tra hồ sơ quá lâu.' },
          ],
          { contactName: 'Nguyễn Văn A', contactPhone: '0912 345 678' },
        ),
        key: 'record-key-0001',
      },
      token,
    );
    expect(res.errors).toBeUndefined();
    const draft = res.data!.recordAssessment;
    id = draft.id;
    expect(draft).toMatchObject({ status: 'RECORDED', phase: 'AFTER', contactPhone: '0912345678' });
    expect(draft.items.map((i: any) => [i.subject.kind, i.level])).toEqual([
      ['BRANCH', 5],
      ['OFFICER', 2],
    ]);
    const after = await counts();
    expect(after.assessment).toBe(before.assessment + 1);
    expect(after.outbox_event).toBe(before.outbox_event);
  });

  it('returns the same draft when recording is retried with the same key and content, and refuses other content', async () => {
    const retry = await api.server.gql(
      RECORD,
      {
        input: form(
          number,
          [
            { ...subject(number, 'BRANCH'), level: 5, reasonCodes: ['FAST'] },
            { ...subject(number, 'OFFICER'), level: 2, reasonCodes: ['SLOW'], comment: 'Chờ kiểm tra hồ sơ quá lâu.' },
          ],
          { contactName: 'Nguyễn Văn A', contactPhone: '0912 345 678' },
        ),
        key: 'record-key-0001',
      },
      token,
    );
    expect(retry.data!.recordAssessment.id).toBe(id);
    expect(retry.data!.recordAssessment.items).toHaveLength(2);
    const other = await api.server.gql(
      RECORD,
      { input: form(number, [{ ...subject(number, 'BRANCH'), level: 3 }]), key: 'record-key-0001' },
      token,
    );
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('refuses a second form for the same declaration and phase with CONFLICT', async () => {
    const res = await api.server.gql(
      RECORD,
      { input: form(number, [{ ...subject(number, 'BRANCH'), level: 4 }]) },
      token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0].message).toContain('draft');
  });

  it('edits the draft', async () => {
    const res = await api.server.gql(
      `mutation($id: ID!, $input: AssessmentContentInput!) { updateAssessment(id: $id, input: $input) { status items { level subject { kind } } contactPhone } }`,
      {
        id,
        input: {
          items: [
            { ...subject(number, 'BRANCH'), level: 4 },
            { ...subject(number, 'STAGE'), level: 5 },
          ],
          contactPhone: null,
        },
      },
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateAssessment.items.map((i: any) => [i.subject.kind, i.level])).toEqual([
      ['BRANCH', 4],
      ['STAGE', 5],
    ]);
    const [items] = await rated().execute<{ n: string }[]>(
      'select count(*) as n from assessment_item where assessment_id = ?',
      [Number(id)],
    );
    expect(Number(items.n)).toBe(2);
  });

  it('sends it: the form, its items and one outbox event, in one go', async () => {
    const before = await counts();
    const res = await api.server.gql(SEND, { id, key: 'send-key-00001' }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.sendAssessment.status).toBe('SENT');
    const after = await counts();
    expect(after.outbox_event).toBe(before.outbox_event + 1);
    const [event] = await rated().execute<{ topic: string; payload: any }[]>(
      'select topic, payload from outbox_event where aggregate_id = ?',
      [id],
    );
    expect(event.topic).toBe('assessment.sent');
    const payload = typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload;
    expect(payload).toMatchObject({ assessmentId: Number(id), enterpriseId: DEMO_ENTERPRISE_ID, phase: 'AFTER' });
  });

  it('answers a retried send with the same key with the sent form, and a double send with CONFLICT', async () => {
    const before = await counts();
    const retry = await api.server.gql(SEND, { id, key: 'send-key-00001' }, token);
    expect(retry.data!.sendAssessment).toMatchObject({ id, status: 'SENT' });
    const again = await api.server.gql(SEND, { id }, token);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('keeps sent forms immutable', async () => {
    const res = await api.server.gql(
      `mutation($id: ID!, $input: AssessmentContentInput!) { updateAssessment(id: $id, input: $input) { id } }`,
      { id, input: { items: [{ ...subject(number, 'BRANCH'), level: 1, comment: 'x' }] } },
      token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
    const [row] = await rated().execute<{ level: number }[]>(
      `select level from assessment_item where assessment_id = ? and subject_kind = 'BRANCH'`,
      [Number(id)],
    );
    expect(row.level).toBe(4);
  });

  it('drops the declaration from the unrated list', async () => {
    const res = await api.server.gql(UNRATED, {}, token);
    expect(res.data!.unratedDeclarations.edges.map((e: any) => e.node.number)).not.toContain(number);
  });

  it("lists the enterprise's forms with their status", async () => {
    const res = await api.server.gql(
      `{ assessments(first: 5) { totalCount edges { node { id status declaration { number } enterprise { id } } } } }`,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.assessments.edges[0].node).toMatchObject({
      id,
      status: 'SENT',
      declaration: { number },
      enterprise: { id: String(DEMO_ENTERPRISE_ID) },
    });
    const [own] = await rated().execute<{ n: string }[]>(
      'select count(*) as n from assessment where enterprise_id = ?',
      [DEMO_ENTERPRISE_ID],
    );
    expect(res.data!.assessments.totalCount).toBe(Number(own.n));
  });
});

describe('submitAssessment (declaration software, one step)', () => {
  const KEY = 'sqa_demo_declaration_software';
  const SUBMIT = `mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id status } }`;

  it('records and sends at once; a retry with the same key returns the same form', async () => {
    const number = released[1];
    const before = await counts();
    const input = form(number, [{ ...subject(number, 'BRANCH'), level: 5 }]);
    const first = await api.server.gql(SUBMIT, { input, key: 'software-0000001' }, KEY);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitAssessment.status).toBe('SENT');
    const retry = await api.server.gql(SUBMIT, { input, key: 'software-0000001' }, KEY);
    expect(retry.data!.submitAssessment.id).toBe(first.data!.submitAssessment.id);
    const after = await counts();
    expect(after.assessment).toBe(before.assessment + 1);
    expect(after.outbox_event).toBe(before.outbox_event + 1);
  });

  it('rates during clearance with phase DURING, and refuses AFTER before release', async () => {
    // The customs system reports a declaration still under inspection for the demo enterprise.
    const [enterprise] = await rated().execute<{ tax_code: string; name: string }[]>(
      'select tax_code, name from enterprise where id = ?',
      [DEMO_ENTERPRISE_ID],
    );
    const number = '109999000001';
    const at = new Date(now.getTime() - 2 * 3_600_000).toISOString();
    const fed = await api.server.gql(
      `mutation($input: RecordDeclarationInput!) { recordDeclaration(input: $input) { rateableSubjects { kind id } } }`,
      {
        input: {
          number,
          enterprise: { taxCode: enterprise.tax_code, name: enterprise.name },
          branchCode: 'HPKV1',
          direction: 'IMPORT',
          typeCode: 'A11',
          channel: 'RED',
          status: 'UNDER_INSPECTION',
          registeredAt: at,
          handling: [{ stageCode: 'KTTT', teamCode: 'HPKV1-KT', officerCode: 'HP00010', startedAt: at }],
        },
      },
      'sqa_demo_system_feed',
    );
    expect(fed.errors).toBeUndefined();
    subjectsOf.set(number, fed.data!.recordDeclaration.rateableSubjects);
    const wrong = await api.server.gql(
      SUBMIT,
      {
        input: { ...form(number, [{ ...subject(number, 'OFFICER'), level: 4 }]), phase: 'AFTER' },
        key: 'software-0000002',
      },
      KEY,
    );
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].extensions?.invalid[0].field).toBe('phase');
    const right = await api.server.gql(
      SUBMIT,
      { input: form(number, [{ ...subject(number, 'OFFICER'), level: 4 }]), key: 'software-0000003' },
      KEY,
    );
    expect(right.errors).toBeUndefined();
    const [row] = await rated().execute<{ phase: string }[]>(
      'select a.phase from assessment a join declaration d on d.id = a.declaration_id where d.number = ?',
      [number],
    );
    expect(row.phase).toBe('DURING');
  });
});

describe('bad input gets a clear error and stores nothing', () => {
  const cases: [string, () => Record<string, unknown>, string, string?][] = [
    [
      'an unknown declaration',
      () => form('999999999999', [{ subjectKind: 'BRANCH', subjectId: '1', level: 5 }]),
      'NOT_FOUND',
    ],
    [
      'a subject that did not handle the declaration',
      () => form(released[2], [{ subjectKind: 'OFFICER', subjectId: '99999', level: 5 }]),
      'BAD_USER_INPUT',
      'items[0].subjectId',
    ],
    [
      'a level outside 1–5',
      () => form(released[2], [{ ...subject(released[2], 'BRANCH'), level: 6 }]),
      'BAD_USER_INPUT',
      'items[0].level',
    ],
    [
      'an unknown reason code',
      () => form(released[2], [{ ...subject(released[2], 'BRANCH'), level: 5, reasonCodes: ['NOPE'] }]),
      'BAD_USER_INPUT',
      'items[0].reasonCodes',
    ],
    [
      'a reason for another level',
      () => form(released[2], [{ ...subject(released[2], 'BRANCH'), level: 5, reasonCodes: ['SLOW'] }]),
      'BAD_USER_INPUT',
      'items[0].reasonCodes',
    ],
    [
      'a 1★ rating without reason or comment',
      () => form(released[2], [{ ...subject(released[2], 'BRANCH'), level: 1 }]),
      'BAD_USER_INPUT',
      'items[0].reasonCodes',
    ],
    [
      'a comment too long',
      () => form(released[2], [{ ...subject(released[2], 'BRANCH'), level: 5, comment: 'x'.repeat(1001) }]),
      'BAD_USER_INPUT',
      'items[0].comment',
    ],
    [
      'a malformed phone',
      () =>
        form(released[2], [{ ...subject(released[2], 'BRANCH'), level: 2, reasonCodes: ['SLOW'] }], {
          contactPhone: '12345',
        }),
      'BAD_USER_INPUT',
      'contactPhone',
    ],
    [
      'the same subject twice',
      () =>
        form(released[2], [
          { ...subject(released[2], 'BRANCH'), level: 5 },
          { ...subject(released[2], 'BRANCH'), level: 4 },
        ]),
      'BAD_USER_INPUT',
      'items[1].subjectId',
    ],
    ['no subject at all', () => form(released[2], []), 'BAD_USER_INPUT', 'items'],
  ];

  it.each(cases)('refuses %s', async (_label, input, code, field) => {
    const before = await counts();
    const res = await api.server.gql(RECORD, { input: input() }, token);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    if (field) expect(res.errors?.[0].extensions?.invalid.map((p: any) => p.field)).toContain(field);
    expect(res.errors?.[0].message.length).toBeGreaterThan(10);
    expect(await counts()).toEqual(before);
  });

  it("refuses someone else's declaration as if it did not exist", async () => {
    const [foreign] = await rated().execute<{ number: string }[]>(
      'select number from declaration where enterprise_id <> ? and released_at is not null limit 1',
      [DEMO_ENTERPRISE_ID],
    );
    const before = await counts();
    const res = await api.server.gql(
      RECORD,
      {
        input: {
          declarationNumber: foreign.number,
          phase: 'AFTER',
          items: [{ subjectKind: 'BRANCH', subjectId: '1', level: 5 }],
        },
      },
      token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('refuses an expired token with UNAUTHENTICATED', async () => {
    const saved = now;
    now = new Date(now.getTime() + 9 * 3_600_000);
    try {
      const before = await counts();
      const res = await api.server.gql(
        RECORD,
        { input: form(released[2], [{ ...subject(released[2], 'BRANCH'), level: 5 }]) },
        token,
      );
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
      expect(res.status).toBe(401);
      expect(await counts()).toEqual(before);
    } finally {
      now = saved;
    }
  });

  it('refuses a revoked key with UNAUTHENTICATED', async () => {
    const user = await api.server.login('enterprise');
    const created = await api.server.gql(
      'mutation { createApiKey(input: { name: "old ECUS", role: ENTERPRISE }) { key apiKey { id } } }',
      {},
      user,
    );
    const { key, apiKey } = created.data!.createApiKey;
    await api.server.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: apiKey.id }, user);
    const before = await counts();
    const res = await api.server.gql(
      RECORD,
      { input: form(released[2], [{ ...subject(released[2], 'BRANCH'), level: 5 }]) },
      key,
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'API_KEY_INVALID' });
    expect(await counts()).toEqual(before);
  });

  it('leaves nothing behind when the send transaction fails half-way', async () => {
    const number = released[2];
    const draft = await api.server.gql(
      RECORD,
      { input: form(number, [{ ...subject(number, 'BRANCH'), level: 5 }]) },
      token,
    );
    const id = draft.data!.recordAssessment.id;
    const before = await counts();
    // Break the outbox: the form flips to SENT, then the event insert fails inside the same transaction.
    await rated().execute('alter table outbox_event rename to outbox_event_gone');
    try {
      const res = await api.server.gql(SEND, { id }, token);
      expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await rated().execute('alter table outbox_event_gone rename to outbox_event');
    }
    expect(await counts()).toEqual(before);
    const [row] = await rated().execute<{ status: string; sent_at: string | null }[]>(
      'select status, sent_at from assessment where id = ?',
      [Number(id)],
    );
    expect(row).toEqual({ status: 'RECORDED', sent_at: null });
    const retry = await api.server.gql(SEND, { id }, token);
    expect(retry.data!.sendAssessment.status).toBe('SENT');
  });
});

describe('reminders', () => {
  it('reminds each unrated declaration at most once per interval', async () => {
    const admin = 'sqa_demo_system_feed'; // a key, not a session: it outlives the clock jump below
    const RUN = 'mutation { runRatingReminders }';
    const first = await api.server.gql(RUN, {}, admin);
    expect(first.errors, JSON.stringify(first.errors) + api.server.logged.join('\n')).toBeUndefined();
    const [unrated] = await rated().execute<{ n: string }[]>(
      `select count(*) as n from declaration d where d.registered_at >= ? and d.registered_at <= ? and d.status <> 'CANCELLED'
       and not exists (select 1 from assessment a where a.declaration_id = d.id and a.status = 'SENT')`,
      [new Date(now.getTime() - 30 * 86_400_000), now],
    );
    expect(first.data!.runRatingReminders).toBe(Number(unrated.n));
    expect((await api.server.gql(RUN, {}, admin)).data!.runRatingReminders).toBe(0);
    const saved = now;
    now = new Date(now.getTime() + 3 * 86_400_000 + 60_000);
    try {
      const later = await api.server.gql(RUN, {}, admin);
      expect(later.data!.runRatingReminders).toBeGreaterThan(0);
    } finally {
      now = saved;
    }
    const res = await api.server.gql(
      `{ unratedDeclarations(first: 1) { edges { node { lastRemindedAt } } } }`,
      {},
      token,
    );
    expect(res.data!.unratedDeclarations.edges[0].node.lastRemindedAt).not.toBeNull();
  });
});
