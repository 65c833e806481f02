/**
 * The working calendar entered by an administrator is the one every case deadline uses; and the
 * outbox prune deletes only what the relay is done with, once, even when relays prune together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdministrator } from '../../api/accounts/first-admin.js';
import { OutboxFactSource } from '../../api/relay/outbox-fact-source.js';
import { pruneDeliveredOutbox } from '../../api/relay/outbox-retention.js';
import { relayOnce } from '../../api/relay/relay-loop.js';
import { orgChartXlsx } from '../support/org-chart-file.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { openTestStores, type TestStores } from '../support/stores.js';

let stores: TestStores;
let server: TestServer;
let admin: string;
// Friday 28 August 2026, 10:00 in Hải Phòng.
const NOW = new Date('2026-08-28T10:00:00+07:00');

beforeAll(async () => {
  stores = await openTestStores();
  await createAdministrator(stores.em(), { login: 'quantri', password: 'Quan-tri-2026!' });
  server = await startTestServer(stores, undefined, () => NOW);
  admin = await server.login('quantri', 'Quan-tri-2026!');
  await ok('mutation($c: String!) { importOrgChart(input: { format: XLSX, content: $c }) { applied } }', {
    c: (await orgChartXlsx()).toString('base64'),
  });
});

afterAll(async () => {
  await server?.close();
  await stores?.close();
});

const ok = async (query: string, variables: Record<string, unknown> = {}, token = admin) => {
  const res = await server.gql(query, variables, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};

describe('holidays', () => {
  it('are imported for a year with a note, idempotently, and refused whole on a bad line', async () => {
    const IMPORT = 'mutation($c: String!) { importHolidays(csv: $c) { created updated unchanged } }';
    const bad = await server.gql(IMPORT, { c: 'day,note\n2026-08-31,Nghỉ bù\n2026-02-30,Sai\n' }, admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalid: [{ field: 'rows[1].day' }] });
    expect((await ok('{ holidays(year: 2026) { day } }')).holidays).toEqual([]);
    const list = 'day,note\n2026-08-31,Nghỉ bù Quốc khánh (thử)\n2026-09-02,Quốc khánh\n';
    expect((await ok(IMPORT, { c: list })).importHolidays).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await ok(IMPORT, { c: list })).importHolidays).toEqual({ created: 0, updated: 0, unchanged: 2 });
    await ok('mutation { setHoliday(day: "2026-01-01", note: "Tết Dương lịch") { day } }');
    expect((await ok('{ holidays(year: 2026) { day name } }')).holidays).toEqual([
      { day: '2026-01-01', name: 'Tết Dương lịch' },
      { day: '2026-08-31', name: 'Nghỉ bù Quốc khánh (thử)' },
      { day: '2026-09-02', name: 'Quốc khánh' },
    ]);
    expect(await ok('mutation { removeHoliday(day: "2026-01-01") }')).toEqual({ removeHoliday: true });
  });

  it("set a new case's deadlines: a 1★ rating on Friday is due to be acknowledged on Tuesday", async () => {
    const key = (await ok('mutation { createApiKey(input: { name: "feed", role: SYSTEM }) { key } }')).createApiKey.key;
    const at = (minutes: number) => new Date(NOW.getTime() - 2 * 3_600_000 + minutes * 60_000).toISOString();
    await ok(
      'mutation($i: RecordDeclarationInput!) { recordDeclaration(input: $i) { number } }',
      {
        i: {
          number: '105700000201',
          enterprise: { taxCode: '5700100256', name: 'Công ty TNHH Than Cẩm Phả' },
          branchCode: 'QNCP',
          direction: 'EXPORT',
          typeCode: 'B11',
          channel: 'GREEN',
          status: 'RELEASED',
          registeredAt: at(0),
          releasedAt: at(30),
          handling: [
            { stageCode: 'TNHS', teamCode: 'QNCP-TT', officerCode: 'QN00001', startedAt: at(5), finishedAt: at(20) },
          ],
        },
      },
      key,
    );
    const account = await ok(
      'mutation { createEnterpriseAccount(input: { taxCode: "5700100256" }) { invitation { url } } }',
    );
    const enterprise = (
      await ok('mutation($t: String!) { acceptInvitation(token: $t, password: "Than-cam-pha-2026") { token } }', {
        t: account.createEnterpriseAccount.invitation.url.split('#token=')[1],
      })
    ).acceptInvitation.token;
    const [branch] = await stores.em().execute<{ id: number }[]>(`select id from branch where code = 'QNCP'`);
    await ok(
      'mutation($i: RecordAssessmentInput!) { submitAssessment(input: $i, idempotencyKey: "calendar-1") { id } }',
      {
        i: {
          declarationNumber: '105700000201',
          phase: 'AFTER',
          items: [{ subjectKind: 'BRANCH', subjectId: String(branch.id), level: 1, comment: 'Chậm.' }],
        },
      },
      enterprise,
    );
    const [c] = await stores
      .em()
      .execute<{ ack: Date; conclude: Date }[]>(
        'select acknowledge_due_at as ack, conclude_due_at as conclude from complaint_case',
      );
    // Saturday, Sunday and the Monday holiday do not count; nor does Wednesday 2 September.
    expect(new Date(c.ack).toISOString()).toBe(new Date('2026-09-01T10:00:00+07:00').toISOString());
    // Ten working days: 1, 3, 4, 7, 8, 9, 10, 11, 14, 15 September.
    expect(new Date(c.conclude).toISOString()).toBe(new Date('2026-09-15T10:00:00+07:00').toISOString());
  });
});

describe('outbox retention', () => {
  it('deletes delivered batches and events past the retention, once, with two relays pruning together', async () => {
    const source = new OutboxFactSource(stores.db.orm.em);
    await relayOnce(stores.analytics, source);
    const em = stores.em();
    const count = async (sql: string) => Number((await em.execute<{ n: string }[]>(sql))[0].n);
    const delivered = await count('select count(*) as n from relay_batch where delivered_at is not null');
    expect(delivered).toBeGreaterThan(0);
    // A pending event (not yet relayed) must survive any prune.
    await em.execute(
      `insert into outbox_event (topic, aggregate_id, payload, created_at) values ('assessment.sent', '0', '{}', now() - interval '90 days')`,
    );
    // Nothing is old enough yet.
    expect(await pruneDeliveredOutbox(stores.db.orm.em, 30)).toEqual({ batches: 0, events: 0 });
    await em.execute(`update relay_batch set delivered_at = now() - interval '31 days' where delivered_at is not null`);
    await em.execute(
      `update outbox_event set processed_at = now() - interval '31 days' where processed_at is not null`,
    );
    const events = await count('select count(*) as n from outbox_event where processed_at is not null');
    const results = await Promise.all([
      pruneDeliveredOutbox(stores.db.orm.em, 30),
      pruneDeliveredOutbox(stores.db.orm.em, 30),
    ]);
    expect(results.reduce((n, r) => n + r.batches, 0)).toBe(delivered);
    expect(results.reduce((n, r) => n + r.events, 0)).toBe(events);
    expect(await count('select count(*) as n from relay_batch')).toBe(0);
    expect(await count('select count(*) as n from outbox_event')).toBe(1);
    // The relay carries on with what is left.
    await relayOnce(stores.analytics, source);
    expect(await count('select count(*) as n from outbox_event where processed_at is null')).toBe(0);
  });
});
