/**
 * The HTTP edge: security headers on the console (and no inline script in its build), /metrics
 * behind METRICS_TOKEN, a token whose subject is not its session's account, the bad-input
 * classes (lone surrogates, dates out of range, oversized variables objects), and a database
 * that is down.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, decodeJwt } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuthSecret } from '../../api/auth/auth-secret.js';
import { CONSOLE_CSP } from '../../api/http/edge.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { openTestStores, type TestStores } from '../support/stores.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let stores: TestStores;
let server: TestServer;
let webDir: string;
let dbClosed = false;

beforeAll(async () => {
  stores = await openTestStores();
  await stores.seed();
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-web-'));
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><div id="app"></div><script type="module" src="/a.js"></script>',
  );
  server = await startTestServer(stores, webDir, undefined, { metricsToken: METRICS_TOKEN });
});
afterAll(async () => {
  await server?.close();
  if (!dbClosed) return stores?.close();
  await stores?.analytics.close();
  if (stores.config.postgres.mode === 'server') {
    const name = new URL(stores.config.postgres.url).pathname.slice(1);
    await onServer(stores.config.postgres.url, `drop database if exists "${name}" with (force)`);
  }
});

/** Runs statements on the PostgreSQL server of `url`, from its maintenance database. */
async function onServer(url: string, ...statements: string[]): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('security headers', () => {
  it('the console is served with a CSP that allows no inline script, no framing, no referrer', async () => {
    const res = await fetch(`${server.url}/overview`);
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const api = await fetch(`${server.url}/healthz`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('no GraphQL answer may be kept by a cache on the way: computed, kept by the answer cache, refused or unparsable', async () => {
    const ask = (body: string, key = 'sqa_demo_analytics') =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
      });
    const drill = JSON.stringify({ query: '{ ratingStatistics(groupBy: [BRANCH]) { overall { count } } }' });
    const answers = [
      await ask(drill),
      await ask(drill),
      await ask(JSON.stringify({ query: '{ apiKeys { id } }' })),
      await ask('{ not json'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 400]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    // The same figures, the second from the answer cache (only the cost budget left differs).
    expect(JSON.parse(bodies[1]).data).toEqual(JSON.parse(bodies[0]).data);
    expect(JSON.parse(bodies[2]).errors[0].extensions.code).toBe('FORBIDDEN');
    for (const res of answers) expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('the built console has no inline script (when it is built)', () => {
    const built = path.resolve('dist/web/index.html');
    if (!fs.existsSync(built)) return;
    const html = fs.readFileSync(built, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('/metrics', () => {
  it('answers only with the metrics token', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('sqa_http_requests_total');
  });
});

describe('tokens', () => {
  it("refuses a token whose subject is not its session's account", async () => {
    const token = await server.login('supervisor');
    const { jti, exp, iat } = decodeJwt(token);
    const secret = resolveAuthSecret(stores.config);
    const [admin] = await stores
      .em()
      .getConnection()
      .execute<{ id: number }[]>(`select id from account where login = 'admin'`);
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('customs-sqa')
      .setSubject(String(admin.id))
      .setJti(String(jti))
      .setIssuedAt(iat)
      .setExpirationTime(exp!)
      .sign(secret);
    const res = await server.gql('{ me { role } }', {}, forged);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data?.me ?? null).toBeNull();
    expect((await server.gql('{ me { role } }', {}, token)).data!.me.role).toBe('SUPERVISOR');
  });
});

describe('bad input', () => {
  it('a lone UTF-16 surrogate in any string argument is BAD_USER_INPUT', async () => {
    const token = await server.login('admin');
    for (const [query, variables] of [
      ['query($t: String!) { declarations(first: 1, filter: { taxCode: $t }) { totalCount } }', { t: 'ab\ud800' }],
      ['query($n: String!) { declaration(number: $n) { id } }', { n: '\udc00' }],
      ['mutation($l: String!) { login(login: $l, password: "x") { token } }', { l: 'x\ud83d' }],
    ] as const) {
      const res = await server.gql(query, variables, token);
      expect(res.errors?.[0].extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.reason).toBe('INVALID_UNICODE');
    }
    // A paired surrogate (an emoji) is fine.
    const emoji = await server.gql('query($n: String!) { declaration(number: $n) { id } }', { n: '😀' }, token);
    expect(emoji.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('dates before 2000 or after 2100 are BAD_USER_INPUT', async () => {
    const token = await server.login('admin');
    for (const [from, to] of [
      ['0001-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
      ['2026-01-01T00:00:00Z', '9999-12-31T00:00:00Z'],
    ]) {
      for (const query of [
        'query($f: DateTimeISO!, $t: DateTimeISO!) { ratingKpis(from: $f, to: $t) { forms } }',
        'query($f: DateTimeISO!, $t: DateTimeISO!) { evaluationScorecards(from: $f, to: $t, unit: BRANCH) { ratings { count } } }',
        'query($f: DateTimeISO!, $t: DateTimeISO!) { assessments(first: 1, filter: { sentFrom: $f, sentTo: $t }) { totalCount } }',
        'query($f: DateTimeISO!, $t: DateTimeISO!) { declarations(first: 1, filter: { registeredFrom: $f, registeredTo: $t }) { totalCount } }',
      ]) {
        const res = await server.gql(query, { f: from, t: to }, token);
        const codes = (res.errors ?? []).map((e) => e.extensions?.code);
        expect(codes, `${query} ${from}`).toContain('BAD_USER_INPUT');
        expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
      }
    }
  });

  it('thousands of unknown fields in a variables object are refused at once, before coercion', async () => {
    const filter = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`f${i}`, i]));
    const started = performance.now();
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query($f: DeclarationFilter) { declarations(first: 1, filter: $f) { totalCount } }',
        variables: { f: filter },
      }),
    });
    const body = (await res.json()) as { errors: { extensions: { code: string; reason: string } }[] };
    expect(res.status).toBe(400);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_FIELDS' });
    // Not a timing test: the refusal comes before any GraphQL work, which a healthz right after shows.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('a database that is down', () => {
  it('answers SERVICE_UNAVAILABLE with HTTP 503 and Retry-After, for signed-in and anonymous requests', async () => {
    const token = await server.login('admin');
    // Stop the database under the running server (embedded PGlite closes; a server pool ends).
    await stores.db.close();
    dbClosed = true;
    // A server's pool would just connect again: take the database away from it, as a maintenance would.
    if (stores.config.postgres.mode === 'server') {
      const name = new URL(stores.config.postgres.url).pathname.slice(1);
      await onServer(
        stores.config.postgres.url,
        `alter database "${name}" with allow_connections false`,
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
      );
    }
    for (const credential of [token, undefined]) {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        },
        body: JSON.stringify({
          query: credential ? '{ declarations(first: 1) { totalCount } reasons { code } }' : '{ reasons { code } }',
        }),
      });
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(res.status, JSON.stringify(body) + server.logged.slice(-2).join('\n')).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const codes = body.errors.map((e) => e.extensions.code);
      expect(codes).toContain('SERVICE_UNAVAILABLE');
      expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    }
  });
});
