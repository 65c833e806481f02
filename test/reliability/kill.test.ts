// kill -9 of the built server (dist/api/main.js) at the two worst moments, then restarts:
//  1. during a relay batch: RELAY_FAULT=pause-before-ack stops the relay after ClickHouse took the
//     batch and before Postgres recorded it, and the test kills the process there;
//  2. during sends: 60 sends from 8 concurrent clients, killed after the first 15 answered.
// After a restart, the retried sends (same idempotency keys) and the relay's catch-up, Postgres and
// ClickHouse must agree on every form and item, with no row twice (with FINAL and without).
// Postgres is the server at DATABASE_URL; ClickHouse is the embedded chDB, killed with the process.
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import { sendNewForm, testDeclarationNumber } from '../support/sends.js';
import { compareStores, duplicateForms, openLeftChdb } from './support/compare.js';
import {
  demoEnterprise,
  demoServerEnv,
  eventually,
  freshDatabase,
  startServerProcess,
  tempDir,
  type ServerProcess,
  type TestDatabase,
} from './support/harness.js';

let db: TestDatabase | undefined;
let server: ServerProcess | undefined;
let ch: AnalyticsStore | undefined;
afterAll(async () => {
  await ch?.close();
  await server?.kill9();
  await db?.drop();
});

const pending = async () =>
  Number((await db!.query<{ n: string }>('select count(*) as n from outbox_event where processed_at is null'))[0].n);

describe('kill -9 and restart', () => {
  it('loses no form and stores none twice, killed mid-batch and mid-sends', async () => {
    db = await freshDatabase('kill');
    const dataDir = tempDir('kill');
    const at = new Date();
    const level = (i: number) => 1 + (i % 5); // 1-2★ open complaint cases: case facts travel too

    // 1. Killed between the ClickHouse insert and the acknowledgement.
    server = await startServerProcess(demoServerEnv(db, dataDir, { RELAY_FAULT: 'pause-before-ack' }));
    const enterprise = await demoEnterprise(db);
    const [{ n: seededForms }] = await db.query<{ n: string }>(
      `select count(*) as n from assessment where status = 'SENT'`,
    );
    for (let i = 1; i <= 6; i++) await sendNewForm(server.gql, testDeclarationNumber(i), enterprise, at, level(i));
    const [, batchId] = await server.waitForStderr(/RELAY_FAULT: batch (\d+) inserted/);
    await server.kill9();
    const [held] = await db.query<{ delivered_at: Date | null; events: number }>(
      'select delivered_at, events from relay_batch where id = $1',
      [Number(batchId)],
    );
    expect(held.delivered_at).toBeNull();
    expect(held.events).toBeGreaterThan(0);

    // 2. Killed while sends are in flight.
    server = await startServerProcess(demoServerEnv(db, dataDir));
    const numbers = Array.from({ length: 60 }, (_, i) => testDeclarationNumber(100 + i));
    const outcome = new Map<string, 'sent' | 'failed'>();
    let next = 0;
    let killed: Promise<void> | undefined;
    const client = async () => {
      while (next < numbers.length) {
        const number = numbers[next++];
        try {
          await sendNewForm(server!.gql, number, enterprise, at, level(next));
          outcome.set(number, 'sent');
        } catch {
          outcome.set(number, 'failed');
        }
        if (!killed && [...outcome.values()].filter((o) => o === 'sent').length >= 15) killed = server!.kill9();
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    await killed;
    const failed = numbers.filter((n) => outcome.get(n) !== 'sent');
    console.log(
      `kill during sends: ${numbers.length - failed.length} answered, ${failed.length} failed or unsent when killed`,
    );
    expect(failed.length).toBeGreaterThan(0);

    // 3. Restart: the declaration software retries what failed, the relay catches up.
    server = await startServerProcess(demoServerEnv(db, dataDir));
    for (const number of failed)
      await sendNewForm(server.gql, number, enterprise, at, level(numbers.indexOf(number) + 1));
    await eventually(async () => (await pending()) === 0, 60_000, 'the relay to drain the outbox');
    const [{ n: undelivered }] = await db.query<{ n: string }>(
      'select count(*) as n from relay_batch where delivered_at is null',
    );
    expect(Number(undelivered)).toBe(0);
    await server.kill9();
    server = undefined;

    ch = await openLeftChdb(dataDir);
    const agreement = await compareStores(db, ch);
    console.log('kill -9 agreement', agreement);
    expect(agreement.postgresForms).toBe(Number(seededForms) + 6 + 60);
    expect(agreement).toMatchObject({
      mismatchedItems: 0,
      strayItems: 0,
      duplicates: 0,
      duplicatesFinal: 0,
      mismatchedCases: 0,
    });
    expect(agreement.clickhouseRows).toBe(agreement.postgresItems);
    expect(agreement.clickhouseCasesFinal).toBe(agreement.postgresCases);
    expect(agreement.postgresCases).toBeGreaterThan(0);
    expect(await duplicateForms(db)).toBe(0);
  });
});
