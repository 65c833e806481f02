/**
 * The issue's "Done when": a reminder reaches the enterprise's inbox, a real SMTP server's
 * mailbox (in the user's language, with a link to the rate page) and a webhook receiver that
 * verifies the Standard Webhooks signature and refuses a replay; an enterprise key subscribes to
 * its own events and is refused others'.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendRatingReminders } from '../../api/assessments/reminders.js';
import { createMessageRelay, type MessageRelay } from '../../api/messages/message-relay.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';
import {
  replay,
  startMailbox,
  startWebhookReceiver,
  type Mailbox,
  type WebhookReceiver,
} from '../support/receivers.js';

const now = new Date(FIXED_UNTIL.getTime() - 3_600_000);
const api = useSeededApi({
  clock: () => now,
  settings: (config) => ({ messages: { ...config.messages, allowPrivateWebhookTargets: true } }),
});
const SOFTWARE = 'sqa_demo_declaration_software';
const EMAIL = 'ketoan@doanhnghiep.example.vn';

let mailbox: Mailbox;
let receiver: WebhookReceiver;
let relay: MessageRelay;
let enterpriseUser: string;
let enterpriseId: number;

beforeAll(async () => {
  mailbox = await startMailbox();
  receiver = await startWebhookReceiver(() => now.getTime() / 1000);
  const config = api.stores.config;
  relay = createMessageRelay(
    api.stores.db.orm.em,
    { ...config, messages: { ...config.messages, smtpUrl: mailbox.url, allowPrivateWebhookTargets: true } },
    { clock: () => now },
  );
  enterpriseUser = await api.server.login('enterprise');
  const [row] = await api.stores
    .em()
    .execute<{ enterprise_id: number }[]>(`select enterprise_id from account where login = 'enterprise'`);
  enterpriseId = Number(row.enterprise_id);
});
afterAll(async () => {
  await mailbox?.close();
  await receiver?.close();
});

it('lets an enterprise key subscribe to its own events and refuses the others', async () => {
  const create = (input: Record<string, unknown>, key = SOFTWARE) =>
    api.server.gql(
      `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret subscription { id url eventTypes } } }`,
      { input },
      key,
    );
  for (const refused of [
    { url: receiver.url, eventTypes: ['alert.raised'] },
    { url: receiver.url, eventTypes: ['rating.reminder', 'report.ready'] },
    { url: receiver.url, eventTypes: ['rating.reminder'], enterpriseId: String(enterpriseId + 1) },
  ]) {
    const res = await create(refused);
    expect(res.errors?.[0].extensions?.code, JSON.stringify(refused)).toBe('FORBIDDEN');
  }
  expect((await create({ url: receiver.url, eventTypes: ['no.such'] })).errors?.[0].extensions?.code).toBe(
    'BAD_USER_INPUT',
  );
  // Loopback is refused unless the setting allows it (this test's server allows it).
  const made = await create({ url: receiver.url, eventTypes: ['rating.reminder'], description: 'ECUS' });
  expect(made.errors).toBeUndefined();
  expect(made.data!.createWebhook.secret).toMatch(/^whsec_/);
  receiver.secret = made.data!.createWebhook.secret;
  // Only its own subscriptions are listed; an administrator sees them all.
  const mine = await api.server.gql('{ webhooks { id eventTypes } }', {}, SOFTWARE);
  expect(mine.data!.webhooks).toEqual([
    { id: made.data!.createWebhook.subscription.id, eventTypes: ['rating.reminder'] },
  ]);
  const admin = await api.server.gql('{ webhooks { id } }', {}, 'sqa_demo_admin');
  expect(admin.data!.webhooks.length).toBeGreaterThanOrEqual(1);
  // An administrator may subscribe to staff events.
  const staff = await create({ url: receiver.url, eventTypes: ['alert.raised', 'report.ready'] }, 'sqa_demo_admin');
  expect(staff.errors).toBeUndefined();
  // …and another enterprise's key cannot touch this subscription.
  const other = await api.server.gql(
    'mutation($id: ID!) { pauseWebhook(id: $id) { id } }',
    { id: staff.data!.createWebhook.subscription.id },
    SOFTWARE,
  );
  expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  await api.server.gql(
    'mutation($id: ID!) { deleteWebhook(id: $id) }',
    { id: staff.data!.createWebhook.subscription.id },
    'sqa_demo_admin',
  );
});

it('delivers a reminder to the inbox, the SMTP mailbox and the webhook receiver, which refuses a replay', async () => {
  const prefs = await api.server.gql(
    `mutation { setMessagePreferences(input: { locale: "en", email: "${EMAIL}", inApp: true, byEmail: true }) { locale email byEmail } }`,
    {},
    enterpriseUser,
  );
  expect(prefs.errors).toBeUndefined();
  const count = await sendRatingReminders(api.stores.em(), api.stores.config.rating, now);
  expect(count).toBeGreaterThan(0);
  const reminded = await api.stores
    .em()
    .execute<{ number: string }[]>(
      `select d.number from rating_reminder r join declaration d on d.id = r.declaration_id where r.enterprise_id = ? order by d.number`,
      [enterpriseId],
    );
  expect(reminded.length).toBeGreaterThan(0);
  const numbers = reminded.map((r) => r.number);

  const pass = await relay.flush(now);
  expect(pass.dispatched).toBe(count);

  // 1. The inbox: one message per reminder of this enterprise, a key with parameters and a link to the rate page.
  const inbox = await api.server.gql(
    `{ notifications(first: 100) { totalCount edges { node { topic messageKey params { name value } link } } } }`,
    {},
    enterpriseUser,
  );
  expect(inbox.errors).toBeUndefined();
  const reminders = inbox
    .data!.notifications.edges.map((e: any) => e.node)
    .filter((n: any) => n.topic === 'rating.reminder');
  expect(reminders.map((n: any) => n.params[0].value).sort()).toEqual(numbers);
  expect(reminders[0]).toMatchObject({ messageKey: 'rating.reminder' });
  expect(reminders[0].link).toBe(`/declarations/${reminders[0].params[0].value}/rate`);

  // 2. The SMTP mailbox: one e-mail per reminder, in English, HTML and text, linking to the rate page.
  expect(mailbox.mails.map((m) => m.subject).sort()).toEqual(numbers.map((n) => `Please rate declaration ${n}`).sort());
  const mail = mailbox.mails[0];
  expect((mail.to as { text: string }).text).toBe(EMAIL);
  const number = mail.subject!.split(' ').at(-1)!;
  const link = `${api.stores.config.messages.publicUrl}/declarations/${number}/rate`;
  expect(mail.text).toContain(link);
  expect(mail.html).toContain(`href="${link}"`);
  expect(mail.text).not.toMatch(/Tờ khai/);

  // 3. The webhook receiver: one signed envelope per reminder, each verified and accepted.
  const accepted = receiver.received.filter((r) => r.status === 204);
  expect(accepted).toHaveLength(numbers.length);
  const envelope = JSON.parse(accepted[0].body);
  expect(Object.keys(envelope).sort()).toEqual(['data', 'id', 'occurredAt', 'type', 'version']);
  expect(envelope).toMatchObject({ type: 'rating.reminder', version: 1 });
  expect(numbers).toContain(envelope.data.declarationNumber);
  expect(accepted[0].headers['webhook-id']).toBe(envelope.id);
  expect(accepted[0].headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  // A captured delivery sent again is refused; so is one whose body was changed.
  expect(await replay(receiver.url, accepted[0])).toBe(409);
  expect(
    await replay(receiver.url, { ...accepted[0], body: accepted[0].body.replace('"version":1', '"version":2') }),
  ).toBe(401);

  // Within the frequency cap nothing is sent again.
  expect(await sendRatingReminders(api.stores.em(), api.stores.config.rating, now)).toBe(0);
  const again = await relay.flush(now);
  expect(again).toEqual({ dispatched: 0, delivered: 0, failed: 0 });
  expect(mailbox.mails).toHaveLength(numbers.length);
});

it('retries a failed webhook with backoff, records each attempt, and shows the deliveries to the owner', async () => {
  const [hook] = (await api.server.gql('{ webhooks { id } }', {}, SOFTWARE)).data!.webhooks;
  receiver.failNext = 1;
  const sent = await api.server.gql('mutation($id: ID!) { sendTestWebhook(id: $id) }', { id: hook.id }, SOFTWARE);
  expect(sent.data!.sendTestWebhook).toMatch(/^evt_\d+$/);
  expect((await relay.flush(now)).failed).toBe(1);
  expect((await relay.flush(now)).failed).toBe(0); // backing off: not due yet
  const later = new Date(now.getTime() + 61_000);
  expect((await relay.flush(later)).delivered).toBe(1);
  const list = await api.server.gql(
    `{ webhooks { deliveries(first: 1) { eventType status attempts lastError attemptLog { attempt ok statusCode } } } }`,
    {},
    SOFTWARE,
  );
  expect(list.data!.webhooks[0].deliveries[0]).toEqual({
    eventType: 'webhook.test',
    status: 'DELIVERED',
    attempts: 2,
    lastError: null,
    attemptLog: [
      { attempt: 1, ok: false, statusCode: 500 },
      { attempt: 2, ok: true, statusCode: 204 },
    ],
  });
});

it('rotates the secret (the old one still signs for a day), pauses and resumes', async () => {
  const [hook] = (await api.server.gql('{ webhooks { id } }', {}, SOFTWARE)).data!.webhooks;
  const old = receiver.secret;
  const rotated = await api.server.gql(
    'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
    { id: hook.id },
    SOFTWARE,
  );
  expect(rotated.data!.rotateWebhookSecret.secret).not.toBe(old);
  await api.server.gql('mutation($id: ID!) { sendTestWebhook(id: $id) }', { id: hook.id }, SOFTWARE);
  await relay.flush(now);
  expect(receiver.received.at(-1)!.status).toBe(204); // verified with the old secret
  expect(String(receiver.received.at(-1)!.headers['webhook-signature']).split(' ')).toHaveLength(2);
  receiver.secret = rotated.data!.rotateWebhookSecret.secret;

  const paused = await api.server.gql(
    'mutation($id: ID!) { pauseWebhook(id: $id) { pausedAt } }',
    { id: hook.id },
    SOFTWARE,
  );
  expect(paused.data!.pauseWebhook.pausedAt).not.toBeNull();
  const before = receiver.received.length;
  await sendRatingReminders(api.stores.em(), api.stores.config.rating, new Date(now.getTime() + 4 * 86_400_000));
  await relay.flush(now);
  expect(receiver.received).toHaveLength(before);
  const resumed = await api.server.gql(
    'mutation($id: ID!) { resumeWebhook(id: $id) { pausedAt } }',
    { id: hook.id },
    SOFTWARE,
  );
  expect(resumed.data!.resumeWebhook.pausedAt).toBeNull();
});
