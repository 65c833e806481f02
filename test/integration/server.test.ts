import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestStores, type TestStores } from '../support/stores.js';
import { startTestServer, type TestServer } from '../support/server.js';

let stores: TestStores;
let server: TestServer;
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-web-'));

beforeAll(async () => {
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>console</title><div id="app"></div>');
  stores = await openTestStores();
  server = await startTestServer(stores, webDir);
});
afterAll(async () => {
  await server?.close();
  await stores?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

it('answers /healthz and /readyz with JSON', async () => {
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok' });
  const ready = await fetch(`${server.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({
    status: 'ready',
    postgres: true,
    clickhouse: true,
    relay: { pendingEvents: 0, lagSeconds: 0 },
  });
});

it('exposes Prometheus metrics, with the relay backlog', async () => {
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).toMatch(/^sqa_relay_pending_events 0$/m);
  expect(text).toMatch(/^sqa_relay_lag_seconds 0$/m);
  expect(text).toContain('sqa_process_cpu_seconds_total');
});

it('serves the console for client-side routes', async () => {
  const res = await fetch(`${server.url}/catalog/some/deep/link`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('<div id="app">');
});

it('masks internal errors: no SQL, no stack, a stable code', async () => {
  // Break the store under a running server: the next query fails inside the driver.
  await stores.em().getConnection().execute('alter table stage rename to stage_gone');
  try {
    const res = await server.gql('{ stages { code } }');
    expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const body = JSON.stringify(res);
    expect(body).not.toMatch(/stage_gone|select|relation|at .*\.(ts|js)/i);
    expect(server.logged.join('\n')).toContain('graphql.internal_error');
  } finally {
    await stores.em().getConnection().execute('alter table stage_gone rename to stage');
  }
});

it('reports not ready when a store stops answering', async () => {
  await stores.analytics.close();
  const res = await fetch(`${server.url}/readyz`);
  expect(res.status).toBe(503);
  expect(await res.json()).toMatchObject({
    status: 'not_ready',
    postgres: true,
    clickhouse: false,
    relay: { pendingEvents: 0 },
  });
});

it('refuses malformed GraphQL with a 400 and a parse error code', async () => {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ stages { ' }),
  });
  expect(res.status).toBe(400);
  const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
  expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
});
