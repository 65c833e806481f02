import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverWebhooks, signature } from '../../api/notifications/webhook-dispatcher.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const now = new Date(FIXED_UNTIL.getTime() - 3_600_000);
const api = useSeededApi({ clock: () => now });
const em = () => api.stores.em();

// A receiving system: refuses the first delivery, accepts the next ones.
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let refuseNext = true;
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.statusCode = refuseNext ? 500 : 204;
    refuseNext = false;
    res.end();
  });
});

let secret: string;
let inspector: string;
let caseId: number;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const admin = await api.server.login('admin');
  const hook = await api.server.gql(
    'mutation($url: String!) { createWebhook(url: $url, topics: ["case.opened", "case.answered"]) { id secret } }',
    { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks` },
    admin,
  );
  expect(hook.errors).toBeUndefined();
  secret = hook.data!.createWebhook.secret;
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
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

it("puts a new case in the inboxes of the department's inspectors and the branch's supervisors", async () => {
  const inbox = await api.server.gql(
    '{ unreadNotificationCount notifications(first: 5) { edges { node { id topic message caseId } } } }',
    {},
    inspector,
  );
  expect(inbox.errors).toBeUndefined();
  const [latest] = inbox.data!.notifications.edges.map((e: any) => e.node);
  expect(latest).toMatchObject({ topic: 'case.opened', caseId: String(caseId) });
  expect(latest.message).toContain('1★');
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

it('delivers webhooks signed with the subscription secret, retrying after a failure', async () => {
  const first = await deliverWebhooks(em(), now);
  expect(first).toEqual({ delivered: 0, failed: 1 });
  expect((await deliverWebhooks(em(), now)).failed).toBe(0); // not due again yet: backing off
  const second = await deliverWebhooks(em(), new Date(now.getTime() + 61_000));
  expect(second).toEqual({ delivered: 1, failed: 0 });
  const last = received.at(-1)!;
  expect(last.headers['x-sqa-topic']).toBe('case.opened');
  expect(last.headers['x-sqa-signature']).toBe(signature(secret, last.body));
  expect(JSON.parse(last.body)).toMatchObject({ topic: 'case.opened', caseId, level: 1 });
  expect(received).toHaveLength(2);
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
  const inbox = await api.server.gql(
    '{ notifications(first: 5, unreadOnly: true) { edges { node { topic caseId } } } }',
    {},
    enterprise,
  );
  expect(inbox.data!.notifications.edges[0].node).toEqual({ topic: 'case.answered', caseId: String(caseId) });
  const machines = await api.server.gql('{ unreadNotificationCount }', {}, 'sqa_demo_declaration_software');
  expect(machines.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});
