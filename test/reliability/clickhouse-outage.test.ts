// ClickHouse unreachable for a while, server mode: the API reaches ClickHouse over HTTP through a
// TCP proxy that the test cuts (connections reset, new ones refused) and later restores. Sends must
// keep succeeding (Postgres alone takes them, the outbox keeps the events), and the relay must
// catch up once ClickHouse is back, with Postgres and ClickHouse agreeing and nothing twice.
//
// The ClickHouse behind the proxy is the chDB HTTP stand-in (support/chdb-http-server.mjs): the real
// ClickHouse engine behind the parts of the HTTP interface our client uses, since no ClickHouse
// server can be installed here. What is tested is our side: client, relay, outbox, lease.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openClickHouse, type AnalyticsStore } from '../../analytics/clickhouse.js';
import { sendNewForm, testDeclarationNumber } from '../support/sends.js';
import { compareStores, duplicateForms } from './support/compare.js';
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
import { startChdbHttp, startProxy, type CuttableProxy, type StandIn } from './support/network.js';

const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 20) * 1000;

let db: TestDatabase | undefined;
let server: ServerProcess | undefined;
let standIn: StandIn | undefined;
let proxy: CuttableProxy | undefined;
let ch: AnalyticsStore | undefined;
afterAll(async () => {
  await ch?.close();
  await server?.kill9();
  await proxy?.close();
  await standIn?.stop();
  await db?.drop();
});

const pending = async () =>
  Number((await db!.query<{ n: string }>('select count(*) as n from outbox_event where processed_at is null'))[0].n);

describe('ClickHouse unreachable', () => {
  it('keeps taking sends, and the relay catches up when ClickHouse is back', async () => {
    db = await freshDatabase('outage');
    const dir = tempDir('outage');
    fs.mkdirSync(path.join(dir, 'ch'));
    standIn = await startChdbHttp(path.join(dir, 'ch'));
    proxy = await startProxy(standIn.port);
    server = await startServerProcess(demoServerEnv(db, dir, { CLICKHOUSE_URL: `http://127.0.0.1:${proxy.port}` }));
    const enterprise = await demoEnterprise(db);
    const at = new Date();
    let serial = 0;
    for (let i = 0; i < 3; i++)
      await sendNewForm(server.gql, testDeclarationNumber(++serial), enterprise, at, 2 + (i % 4));
    await eventually(async () => (await pending()) === 0, 30_000, 'the relay to deliver over HTTP');

    await proxy.cut();
    const outageStarted = Date.now();
    let sentDuringOutage = 0;
    while (Date.now() - outageStarted < OUTAGE_MS) {
      await sendNewForm(server.gql, testDeclarationNumber(++serial), enterprise, at, 1 + (serial % 5));
      sentDuringOutage++;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const waiting = await pending();
    console.log(
      `ClickHouse cut for ${Math.round((Date.now() - outageStarted) / 1000)} s: ${sentDuringOutage} forms sent, all accepted; ${waiting} outbox events waiting`,
    );
    expect(waiting).toBeGreaterThanOrEqual(sentDuringOutage);
    expect(server.stderr()).toMatch(/relay pass failed/);

    await proxy.restore();
    const restored = Date.now();
    await eventually(async () => (await pending()) === 0, 60_000, 'the relay to catch up');
    console.log(`relay caught up ${((Date.now() - restored) / 1000).toFixed(1)} s after ClickHouse came back`);

    ch = await openClickHouse({
      mode: 'server',
      url: `http://127.0.0.1:${standIn.port}`,
      database: 'customs_sqa',
      username: 'default',
      password: '',
    });
    const agreement = await compareStores(db, ch);
    console.log('outage agreement', agreement);
    expect(agreement).toMatchObject({
      mismatchedItems: 0,
      strayItems: 0,
      duplicates: 0,
      duplicatesFinal: 0,
      mismatchedCases: 0,
    });
    expect(agreement.clickhouseRows).toBe(agreement.postgresItems);
    expect(agreement.clickhouseCasesFinal).toBe(agreement.postgresCases);
    expect(await duplicateForms(db)).toBe(0);
  });
});
