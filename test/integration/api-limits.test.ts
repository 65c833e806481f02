/**
 * Limits for external GraphQL clients, through the real server: query shape (depth, aliases, root
 * fields, page size), per-query cost, hourly cost budgets (with `extensions.cost` and dry runs),
 * per-client and per-IP rate limits, body size, the request deadline (also on ClickHouse), and
 * trusted documents for the console.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { instrumentAnalytics } from '../../analytics/instrumented.js';
import { timedOut } from '../../api/errors.js';
import { defaultTrustedDocumentsFile, sha256Hex } from '../../api/graphql/trusted-documents.js';
import { startTestServer, useSeededApi, type TestServer } from '../support/server.js';
import { tableCounts } from '../support/stores.js';

const api = useSeededApi();
const STAGES = '{ stages { code } }';
const ANALYTICS_KEY = 'sqa_demo_analytics';

async function post(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[]; extensions?: any },
  };
}

/** A second server on the same stores with some settings changed. */
async function withServer(settings: Parameters<typeof startTestServer>[3], run: (server: TestServer) => Promise<void>) {
  const server = await startTestServer(api.stores, undefined, undefined, settings);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

describe('query shape and cost limits', () => {
  it('refuses too many aliases, naming the limit', async () => {
    const query = `{ ${Array.from({ length: 31 }, (_, i) => `s${i}: stages { code }`).join(' ')} }`;
    const res = await api.server.gql(query);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', aliases: 31, maxAliases: 30 });
    expect(res.data).toBeUndefined();
  });

  it('refuses too many root fields, counting those in fragments', async () => {
    const fields = Array.from({ length: 6 }, (_, i) => `s${i}: stages { code }`);
    const query = `query { ...More ${fields.join(' ')} } fragment More on Query { ${fields.map((f) => 'x' + f).join(' ')} }`;
    const res = await api.server.gql(query);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', rootFields: 12, maxRootFields: 10 });
  });

  it('refuses queries nested too deep and pages larger than 100', async () => {
    // departments, six times branches → department, code: 14 levels.
    let nested = 'code';
    for (let i = 0; i < 6; i++) nested = `branches { department { ${nested} } }`;
    const deep = await api.server.gql(`{ departments { ${nested} } }`);
    expect(deep.status).toBe(400);
    expect(deep.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', depth: 14, maxDepth: 12 });
    const page = await api.server.gql('{ officers(first: 101) { edges { node { id } } } }');
    expect(page.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('cost budget', () => {
  it('reports the cost and the remaining budget on every answered query', async () => {
    const anonymous = await post(api.server, { query: STAGES });
    expect(anonymous.body.extensions?.cost).toMatchObject({ requested: 11, budgetPerHour: 100_000 });
    const token = await api.server.login('inspector');
    const session = await post(api.server, { query: STAGES }, { authorization: `Bearer ${token}` });
    expect(session.body.extensions?.cost).toMatchObject({
      requested: 11,
      remaining: 1_000_000 - 11,
      budgetPerHour: 1_000_000,
    });
    // 3,600 points an hour drain one a second, so two queries in a row leave 22 less (give or take one).
    await api.server.changeAuth(() =>
      api.stores
        .em()
        .getConnection()
        .execute(`update api_key set cost_budget_per_hour = 3600 where name = 'Demo customs-system feed'`),
    );
    try {
      const first = await post(api.server, { query: STAGES }, { 'x-api-key': 'sqa_demo_system_feed' });
      expect(first.status).toBe(200);
      expect(first.body.extensions?.cost).toEqual({ requested: 11, remaining: 3600 - 11, budgetPerHour: 3600 });
      const second = await post(api.server, { query: STAGES }, { 'x-api-key': 'sqa_demo_system_feed' });
      expect(second.body.extensions?.cost.remaining).toBeGreaterThanOrEqual(3600 - 22);
      expect(second.body.extensions?.cost.remaining).toBeLessThanOrEqual(3600 - 21);
    } finally {
      await api.server.changeAuth(() =>
        api.stores.em().getConnection().execute(`update api_key set cost_budget_per_hour = null`),
      );
    }
  });

  it('prices a dry run without running it or charging for it', async () => {
    const before = await tableCounts(api.stores.em());
    const login = 'mutation { login(login: "inspector", password: "demo") { token } }';
    const dry = await post(api.server, { query: login }, { 'x-dry-run': '1' });
    expect(dry.status).toBe(200);
    expect(dry.body.data).toBeNull();
    expect(dry.body.errors).toBeUndefined();
    expect(dry.body.extensions?.cost).toMatchObject({ dryRun: true, requested: expect.any(Number) });
    expect(await tableCounts(api.stores.em())).toEqual(before); // no session was created
    const viaExtension = await post(
      api.server,
      { query: STAGES, extensions: { dryRun: true } },
      { 'x-api-key': 'sqa_demo_admin' },
    );
    const again = await post(
      api.server,
      { query: STAGES, extensions: { dryRun: true } },
      { 'x-api-key': 'sqa_demo_admin' },
    );
    expect(viaExtension.body.data).toBeNull();
    expect(again.body.extensions?.cost.remaining).toBe(viaExtension.body.extensions?.cost.remaining);
  });

  it('refuses with 429, RATE_LIMITED and Retry-After once a key has spent its own hourly budget', async () => {
    await api.server.changeAuth(() =>
      api.stores
        .em()
        .getConnection()
        .execute(`update api_key set cost_budget_per_hour = 30 where name = 'Demo analytics client'`),
    );
    try {
      const first = await post(api.server, { query: STAGES }, { 'x-api-key': ANALYTICS_KEY });
      expect(first.body.extensions?.cost).toMatchObject({ requested: 11, remaining: 19, budgetPerHour: 30 });
      await post(api.server, { query: STAGES }, { 'x-api-key': ANALYTICS_KEY });
      const refused = await post(api.server, { query: STAGES }, { 'x-api-key': ANALYTICS_KEY });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body.data).toBeUndefined();
      const extensions = refused.body.errors?.[0].extensions;
      expect(extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: expect.any(Number),
        cost: { requested: 11, budgetPerHour: 30 },
      });
      expect(extensions.cost.remaining).toBeLessThan(11);
      // Another client is unaffected.
      expect((await post(api.server, { query: STAGES }, { 'x-api-key': 'sqa_demo_system_feed' })).status).toBe(200);
    } finally {
      await api.server.changeAuth(() =>
        api.stores.em().getConnection().execute(`update api_key set cost_budget_per_hour = null`),
      );
    }
  });
});

describe('per-key budgets through the API', () => {
  it('lets an administrator create a key with its own budget, and no one else', async () => {
    const create = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { costBudgetPerHour } } }';
    const created = await api.server.gql(
      create,
      { i: { name: 'small client', role: 'ANALYTICS', costBudgetPerHour: 500 } },
      'sqa_demo_admin',
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createApiKey.apiKey.costBudgetPerHour).toBe(500);
    const used = await post(api.server, { query: STAGES }, { 'x-api-key': created.data!.createApiKey.key });
    expect(used.body.extensions?.cost).toEqual({ requested: 11, remaining: 489, budgetPerHour: 500 });

    const before = await tableCounts(api.stores.em());
    const token = await api.server.login('enterprise');
    const refused = await api.server.gql(
      create,
      { i: { name: 'mine', role: 'ENTERPRISE', costBudgetPerHour: 5_000_000 } },
      token,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const tooSmall = await api.server.gql(
      create,
      { i: { name: 'tiny', role: 'ANALYTICS', costBudgetPerHour: 5 } },
      'sqa_demo_admin',
    );
    expect(tooSmall.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const after = await tableCounts(api.stores.em());
    expect({ ...after, session: before.session }).toEqual(before); // only the sign-in's session was written
  });
});

describe('rate limits', () => {
  it('limits requests per key and per IP address', async () => {
    await withServer({ rateLimits: { perKeyPerMinute: 3, perIpPerMinute: 5 } }, async (server) => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await post(server, { query: STAGES }, { 'x-api-key': ANALYTICS_KEY })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const perKey = await post(server, { query: STAGES }, { 'x-api-key': ANALYTICS_KEY });
      expect(perKey.body.errors?.[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: expect.any(Number),
      });
      // Anonymous requests from the same address still count against the address.
      const anonymous = await post(server, { query: STAGES });
      expect(anonymous.status).toBe(429);
      expect(anonymous.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(anonymous.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/^sqa_rejected_requests_total\{reason="key_rate"\} 2$/m);
      expect(metrics).toMatch(/^sqa_rejected_requests_total\{reason="ip_rate"\} 1$/m);
    });
  });
});

describe('request size and deadline', () => {
  it('refuses a body over the size limit with 413 and a JSON error', async () => {
    const res = await post(api.server, { query: STAGES, variables: { padding: 'x'.repeat(300 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('stops resolving once the request deadline has passed', async () => {
    await withServer({ graphql: { ...api.stores.config.graphql, timeoutMs: 1 } }, async (server) => {
      const res = await post(server, { query: STAGES }, { 'x-api-key': ANALYTICS_KEY });
      expect(res.body.errors?.[0].extensions?.code).toBe('TIMEOUT');
      expect(res.body.data).toBeNull();
    });
  });

  it('aborts a ClickHouse query at the deadline and bounds it with max_execution_time', async () => {
    const outcomes: string[] = [];
    const controller = new AbortController();
    const deadline = Date.now() + 300;
    const store = instrumentAnalytics(api.stores.analytics, {
      guard: () => ({ signal: controller.signal, remainingMs: deadline - Date.now() }),
      observe: (_s, outcome) => outcomes.push(outcome),
      aborted: () => timedOut(),
    });
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    // Tens of billions of rows: minutes of work unless something stops it.
    const error = await store.client
      .query({
        query: 'SELECT count() FROM numbers(50000000000) WHERE sipHash64(number) % 7 = 3',
        format: 'JSONEachRow',
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(Date.now() - started).toBeLessThan(1500);
    expect((error as { extensions?: { code?: string } }).extensions?.code).toBe('TIMEOUT');
    expect(outcomes).toEqual(['aborted']);
    // chDB cannot interrupt the statement, but max_execution_time (1 s here) ends it; the store keeps working.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await api.stores.analytics.ping()).toBe(true);
    // Without an abort, the setting alone stops the query with ClickHouse's own timeout.
    const bounded = instrumentAnalytics(api.stores.analytics, {
      guard: () => ({ signal: new AbortController().signal, remainingMs: 1000 }),
      observe: (_s, outcome) => outcomes.push(outcome),
      aborted: () => timedOut(),
    });
    const t0 = Date.now();
    const limitError = await bounded.client
      .query({
        query: 'SELECT count() FROM numbers(50000000000) WHERE sipHash64(number) % 7 = 3',
        format: 'JSONEachRow',
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String((limitError as Error)?.message)).toMatch(/TIMEOUT_EXCEEDED|Timeout exceeded|estimated/i);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(outcomes).toEqual(['aborted', 'error']);
  });
});

describe('trusted documents', () => {
  const manifest = JSON.parse(fs.readFileSync(defaultTrustedDocumentsFile(), 'utf8')) as Record<string, string>;
  const catalog = Object.values(manifest).find((text) => /query CatalogTree\b/.test(text))!;
  const hash = sha256Hex(catalog);

  it('runs a console document by id, in either request form', async () => {
    const byId = await post(api.server, { documentId: `sha256:${hash}`, operationName: 'CatalogTree' });
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data.departments.length).toBeGreaterThan(0);
    const apq = await post(api.server, {
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      operationName: 'CatalogTree',
    });
    expect(apq.body.data).toEqual(byId.body.data);
    const unknown = await post(api.server, { documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('can require trusted documents of signed-in users while API keys send any query', async () => {
    await withServer(
      { graphql: { ...api.stores.config.graphql, trustedDocumentsForSessions: true } },
      async (server) => {
        const token = await server.login('inspector');
        const session = { authorization: `Bearer ${token}` };
        const adHoc = await post(server, { query: STAGES }, session);
        expect(adHoc.status).toBe(403);
        expect(adHoc.body.errors?.[0].extensions).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'TRUSTED_DOCUMENT_REQUIRED',
        });
        const trusted = await post(server, { documentId: hash, operationName: 'CatalogTree' }, session);
        expect(trusted.body.errors).toBeUndefined();
        // The full text of a trusted document is as good as its id.
        const full = await post(server, { query: catalog, operationName: 'CatalogTree' }, session);
        expect(full.body.errors).toBeUndefined();
        const machine = await post(server, { query: STAGES }, { 'x-api-key': ANALYTICS_KEY });
        expect(machine.body.data?.stages.length).toBeGreaterThan(0);
      },
    );
  });
});
