/**
 * Observability through the real server: request ids in responses and in every log line of the
 * request (pino JSON), errors logged whole but masked to clients, Prometheus metrics after real
 * traffic, and the graceful stop (in-flight requests finish, new ones are refused).
 */
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { startTestServer, useSeededApi, type TestServer } from '../support/server.js';

const api = useSeededApi();

const KPIS = `query($from: DateTimeISO!, $to: DateTimeISO!) { ratingKpis(from: $from, to: $to) { forms current { count } } }`;

function lines(server: TestServer): Record<string, any>[] {
  return server.logged.map((line) => JSON.parse(line) as Record<string, any>);
}

describe('request ids and logs', () => {
  it('echoes a sane x-request-id, makes one up otherwise, and stamps it on every log line of the request', async () => {
    const server = await startTestServer(api.stores, undefined, undefined, { logLevel: 'info' });
    try {
      const given = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-42.a' },
        body: JSON.stringify({ query: '{ stages { code } }' }),
      });
      expect(given.headers.get('x-request-id')).toBe('trace-42.a');
      const made = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'no spaces <allowed>' },
        body: '{"query":"{ stages { code } }"}',
      });
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      // An internal error: logged whole with the request id, masked to the client.
      await api.stores.em().getConnection().execute('alter table stage rename to stage_hidden');
      let body: string;
      try {
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': 'broken-1' },
          body: JSON.stringify({ query: '{ stages { code } }' }),
        });
        body = await res.text();
      } finally {
        await api.stores.em().getConnection().execute('alter table stage_hidden rename to stage');
      }
      expect(body).toContain('INTERNAL_SERVER_ERROR');
      expect(body).not.toMatch(/stage_hidden|select|at .*\.(ts|js)/i);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the access line is written when the response closes
      const ofBroken = lines(server).filter((l) => l.requestId === 'broken-1');
      expect(ofBroken.map((l) => l.msg)).toEqual(['graphql.internal_error', 'request']);
      expect(ofBroken[0]).toMatchObject({ level: 'error', error: expect.stringMatching(/stage/) });
      expect(ofBroken[0].stack).toMatch(/at /);
      expect(ofBroken[1]).toMatchObject({
        level: 'info',
        method: 'POST',
        path: '/graphql',
        status: 200,
        operation: 'query',
        ms: expect.any(Number),
      });
      const first = lines(server).find((l) => l.requestId === 'trace-42.a');
      expect(first).toMatchObject({ msg: 'request', status: 200, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    } finally {
      await server.close();
    }
  });
});

describe('metrics', () => {
  it('counts requests by operation and status, errors by code, ClickHouse time and the relay backlog', async () => {
    await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
    const leader = await api.server.login('leader');
    const kpis = await api.server.gql(
      KPIS,
      { from: '2026-04-01T00:00:00+07:00', to: '2026-07-01T00:00:00+07:00' },
      leader,
    );
    expect(kpis.errors).toBeUndefined();
    await api.server.gql('{ nope }');
    await api.server.gql('{ stages { code } }');
    await api.server.gql('{ declarations(first: 5) { edges { node { id } } } }');
    const text = await (await fetch(`${api.server.url}/metrics`)).text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
    expect(
      value(/^sqa_http_requests_total\{route="graphql",operation="mutation",status="200"\} (\d+)$/m),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(/^sqa_http_requests_total\{route="graphql",operation="query",status="200"\} (\d+)$/m),
    ).toBeGreaterThanOrEqual(2);
    expect(
      value(/^sqa_http_request_duration_seconds_count\{route="graphql",operation="query",status="200"\} (\d+)$/m),
    ).toBeGreaterThanOrEqual(2);
    expect(value(/^sqa_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} (\d+)$/m)).toBe(1);
    expect(
      value(/^sqa_graphql_errors_total\{code="UNAUTHENTICATED"\} (\d+)$/m) ||
        value(/^sqa_graphql_errors_total\{code="FORBIDDEN"\} (\d+)$/m),
    ).toBeGreaterThanOrEqual(1);
    expect(value(/^sqa_clickhouse_query_duration_seconds_count\{outcome="ok"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^sqa_clickhouse_query_duration_seconds_sum\{outcome="ok"\} ([\d.e-]+)$/m)).toBeGreaterThan(0);
    expect(text).toMatch(/^sqa_relay_pending_events \d+$/m);
    expect(text).toMatch(/^sqa_relay_lag_seconds [\d.]+$/m);
    expect(text).toContain('# TYPE sqa_rejected_requests_total counter');
  });
});

describe('graceful stop', () => {
  it('lets a request in flight finish, reports draining, and refuses new connections', async () => {
    const server = await startTestServer(api.stores, undefined, undefined, { shutdownDrainSeconds: 10 });
    const body = JSON.stringify({ query: '{ stages { code } }' });
    // A request whose body is still arriving when the stop begins.
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${server.url}/graphql`,
        {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 400);
    });
    // A probe whose request line is in but whose headers are not finished yet.
    const probe = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => probe.once('connect', resolve));
    probe.write('GET /readyz HTTP/1.1\r\nHost: localhost\r\n');
    let probeAnswer = '';
    probe.on('data', (chunk) => (probeAnswer += chunk));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = Date.now();
    let stopped = false;
    const stopping = server.close().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    probe.write('\r\n');
    expect(stopped).toBe(false);

    const answered = await response;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body).data.stages.length).toBeGreaterThan(0);
    await stopping;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(probeAnswer).toMatch(/^HTTP\/1\.1 503/);
    expect(probeAnswer).toContain('"status":"draining"');
    probe.destroy();
  });

  it('cuts off requests still running after the drain period', async () => {
    const server = await startTestServer(api.stores, undefined, undefined, { shutdownDrainSeconds: 0.3 });
    let connected!: () => void;
    const connection = new Promise<void>((resolve) => (connected = resolve));
    const stuck = new Promise<string>((resolve) => {
      const req = http.request(`${server.url}/graphql`, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': 1000 },
      });
      req.on('error', (error) => resolve(error.message));
      req.on('response', () => resolve('answered'));
      req.on('socket', (socket) => socket.once('connect', connected));
      req.write('{"query":');
    });
    await connection;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await stuck).toMatch(/socket hang up|ECONNRESET/);
  });
});
