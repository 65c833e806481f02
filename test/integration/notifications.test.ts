/**
 * In-app notifications and administrators' webhooks for case events, through the message outbox:
 * messages are keys with parameters (no sentence, no raw code), and without an SMTP server every
 * e-mail is kept for administrators to read.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMessageRelay, type MessageRelay } from '../../api/messages/message-relay.js';
import { sendMessage } from '../../api/messages/publish.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/receivers.js';

const now = new Date(FIXED_UNTIL.getTime() - 3_600_000);
const api = useSeededApi({
  clock: () => now,
  settings: (config) => ({ messages: { ...config.messages, allowPrivateWebhookTargets: true } }),
});
const em = () => api.stores.em();

let receiver: WebhookReceiver;
let relay: MessageRelay;
let inspector: string;
let caseId: number;

beforeAll(async () => {
  receiver = await startWebhookReceiver(() => now.getTime() / 1000);
  receiver.failNext = 1;
  const config = api.stores.config;
  // No SMTP server: e-mail is HELD.
  relay = createMessageRelay(
    api.stores.db.orm.em,
    { ...config, messages: { ...config.messages, smtpUrl: null, allowPrivateWebhookTargets: true } },
    { clock: () => now },
  );
  const admin = await api.server.login('admin');
  const hook = await api.server.gql(
    'mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["case.opened", "case.answered"] }) { secret } }',
    { url: receiver.url },
    admin,
  );
  expect(hook.errors).toBeUndefined();
  receiver.secret = hook.data!.createWebhook.secret;
  inspector = await api.server.login('inspector');
  const list = await api.server.gql(
    `{ unratedDeclarations(first: 1) { edges { node { number releasedAt rateableSubjects { kind id } } } } }`,
    {},
    'sqa_demo_declaration_software',
  );
  const node = list.data!.unratedDeclarations.edges[0].node;
  const sent = await api.server.gql(
    'mutation($input: RecordAssessmentInput!) { submitAssessment(input: $input, idempotencyKey: "notify-test-1") { id } }',
    {
      input: {
        declarationNumber: node.number,
        phase: node.releasedAt ? 'AFTER' : 'DURING',
        items: [{ subjectKind: 'BRANCH', subjectId: node.rateableSubjects[0].id, level: 1, comment: 'Rất chậm.' }],
      },
    },
    'sqa_demo_declaration_software',
  );
  const [c] = await em().execute<{ id: number }[]>('select id from complaint_case where assessment_id = ?', [
    Number(sent.data!.submitAssessment.id),
  ]);
  caseId = Number(c.id);
  await relay.flush(now);
});
afterAll(() => receiver?.close());

it("puts a new case in the inboxes of the department's inspectors and the branch's supervisors", async () => {
  const inbox = await api.server.gql(
    '{ unreadNotificationCount notifications(first: 5) { edges { node { id topic messageKey params { name value } link caseId } } } }',
    {},
    inspector,
  );
  expect(inbox.errors).toBeUndefined();
  const [latest] = inbox.data!.notifications.edges.map((e: any) => e.node);
  expect(latest).toMatchObject({
    topic: 'case.opened',
    messageKey: 'case.opened',
    caseId: String(caseId),
    link: `/cases/${caseId}`,
    params: [
      { name: 'caseId', value: String(caseId) },
      { name: 'level', value: '1' },
      { name: 'subjectKind', value: 'BRANCH' },
    ],
  });
  const count = inbox.data!.unreadNotificationCount;
  expect(count).toBeGreaterThan(0);
  const marked = await api.server.gql(
    'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }',
    { ids: [latest.id] },
    inspector,
  );
  expect(marked.data!.markNotificationsRead).toBe(1);
  expect((await api.server.gql('{ unreadNotificationCount }', {}, inspector)).data!.unreadNotificationCount).toBe(
    count - 1,
  );
  const [row] = await em().execute<{ responsible_branch_id: number }[]>(
    'select responsible_branch_id from complaint_case where id = ?',
    [caseId],
  );
  const supervisor = await api.server.login('supervisor'); // branch 1
  const theirs = await api.server.gql('{ notifications(first: 50) { edges { node { caseId } } } }', {}, supervisor);
  const sees = theirs.data!.notifications.edges.some((e: any) => e.node.caseId === String(caseId));
  expect(sees).toBe(Number(row.responsible_branch_id) === 1);
});

it('delivers Standard Webhooks envelopes to an administrator’s subscription, retrying after a failure', async () => {
  expect(receiver.received.map((r) => r.status)).toEqual([500]);
  expect((await relay.flush(now)).delivered).toBe(0); // backing off
  expect((await relay.flush(new Date(now.getTime() + 61_000))).delivered).toBe(1);
  const last = receiver.received.at(-1)!;
  expect(last.status).toBe(204);
  const envelope = JSON.parse(last.body);
  expect(envelope).toMatchObject({ type: 'case.opened', version: 1, data: { caseId, level: 1, status: 'OPEN' } });
  expect(last.headers['webhook-id']).toBe(envelope.id);
});

it('tells the enterprise when its case is answered', async () => {
  for (const m of ['acknowledgeCase', 'startCaseVerification'])
    await api.server.gql(`mutation($id: ID!) { ${m}(id: $id) { id } }`, { id: caseId }, inspector);
  await api.server.gql(
    'mutation($id: ID!) { concludeCase(id: $id, input: { finding: SUBSTANTIATED, actions: [GUIDANCE], note: "Đúng." }) { id } }',
    { id: caseId },
    inspector,
  );
  await api.server.gql(
    'mutation($id: ID!) { answerCase(id: $id, answer: "Đã chấn chỉnh.") { id } }',
    { id: caseId },
    inspector,
  );
  const enterprise = await api.server.login('enterprise');
  await api.server.gql(
    'mutation { setMessagePreferences(input: { locale: "vi", email: "dn@example.vn", inApp: true, byEmail: true }) { byEmail } }',
    {},
    enterprise,
  );
  await relay.flush(now);
  const inbox = await api.server.gql(
    '{ notifications(first: 5, unreadOnly: true) { edges { node { topic caseId link } } } }',
    {},
    enterprise,
  );
  expect(inbox.data!.notifications.edges[0].node).toMatchObject({ topic: 'case.answered', caseId: String(caseId) });
  const envelope = receiver.received.at(-1)!;
  expect(JSON.parse(envelope.body)).toMatchObject({
    type: 'case.answered',
    data: { caseId, answer: 'Đã chấn chỉnh.' },
  });
  // No SMTP server: the e-mail is kept, in Vietnamese, for administrators to read.
  const outgoing = await api.server.gql(
    '{ outgoingMessages(first: 5, channel: EMAIL) { edges { node { eventType recipient subject body html status } } } }',
    {},
    'sqa_demo_admin',
  );
  expect(outgoing.errors).toBeUndefined();
  const [mail] = outgoing.data!.outgoingMessages.edges.map((e: any) => e.node);
  expect(mail).toMatchObject({
    eventType: 'case.answered',
    recipient: 'dn@example.vn',
    status: 'HELD',
    subject: `Hải quan đã trả lời phản ánh số ${caseId}`,
  });
  expect(mail.body).toContain(`/assessments?form=`);
  const refused = await api.server.gql('{ outgoingMessages(first: 5) { totalCount } }', {}, enterprise);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const machines = await api.server.gql('{ unreadNotificationCount }', {}, 'sqa_demo_declaration_software');
  expect(machines.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

it('sends a message to an address with no account (sendMessage), by e-mail only, in its language', async () => {
  const em = api.stores.em();
  sendMessage(em, {
    to: [{ email: 'moi@doanhnghiep.example.vn', locale: 'en' }],
    key: 'account.invitation',
    params: { displayName: 'Nguyễn Văn A' },
    link: '/login',
    at: now,
  });
  await em.flush();
  await relay.flush(now);
  const outgoing = await api.server.gql(
    '{ outgoingMessages(first: 1, channel: EMAIL) { edges { node { eventType recipient subject body status } } } }',
    {},
    'sqa_demo_admin',
  );
  expect(outgoing.data!.outgoingMessages.edges[0].node).toMatchObject({
    eventType: 'message.direct',
    recipient: 'moi@doanhnghiep.example.vn',
    subject: 'Your invitation to the Customs service-quality system',
    status: 'HELD',
  });
  expect(outgoing.data!.outgoingMessages.edges[0].node.body).toContain('Nguyễn Văn A is invited');
  expect(() => sendMessage(em, { to: [], key: 'no.such', params: {}, link: null, at: now })).toThrow();
});
