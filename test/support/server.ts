/** The real HTTP server on an ephemeral port, and a small GraphQL client for tests. */
import type { Config } from '../../api/config.js';
import { buildAppSchema } from '../../api/graphql/schema.js';
import { createLogger } from '../../api/logger.js';
import { startServer, type RunningServer } from '../../api/server.js';
import { createAppServices } from '../../api/services.js';
import { relayLag } from '../../api/relay/outbox-fact-source.js';
import { createMetrics } from '../../api/metrics.js';
import { afterAll, beforeAll } from 'vitest';
import { openTestStores, type TestStores } from './stores.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestServer extends RunningServer {
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    apiKey?: string,
  ): Promise<GraphQLResponse<T>>;
  /** Signs in a (demo) account and returns its bearer token. */
  login(login: string, password?: string): Promise<string>;
  logged: string[];
  /**
   * Runs a change to sessions, keys or accounts made behind the API's back (SQL), and waits until
   * this server has heard its NOTIFY sqa_auth: on a Postgres server the notification arrives on its
   * own connection a moment after the commit, and until then a cached viewer still answers.
   */
  changeAuth(change: () => Promise<unknown>): Promise<void>;
}

/** `settings` overrides parts of the test config, e.g. `{ graphql: { ...stores.config.graphql, timeoutMs: 50 } }`. */
export async function startTestServer(
  stores: TestStores,
  webDir?: string,
  now?: () => Date,
  settings: Partial<Config> = {},
): Promise<TestServer> {
  const logged: string[] = [];
  const services = createAppServices({ ...stores.config, ...settings }, stores.analytics, now);
  const server = await startServer({
    config: { ...stores.config, ...settings, port: 0, host: '127.0.0.1' },
    db: stores.db,
    analytics: stores.analytics,
    schema: await buildAppSchema(),
    services,
    readinessDetails: async () => ({ relay: await relayLag(stores.em()) }),
    metrics: createMetrics(() => relayLag(stores.em()), {
      analytics: () => stores.analytics.cache?.stats(),
      answers: () => services.answers.stats(),
    }),
    logger: createLogger(settings.logLevel ?? 'warn', (line) => logged.push(line)),
    webDir,
  });
  const client: TestServer = {
    ...server,
    logged,
    async gql(query, variables, apiKey) {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async changeAuth(change) {
      const before = services.viewers.clears;
      await change();
      const started = performance.now();
      while (services.viewers.clears === before) {
        if (performance.now() - started > 5_000) throw new Error('NOTIFY sqa_auth not heard within 5 s');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async login(login, password = 'demo') {
      const res = await client.gql<{ login: { token: string } }>(
        'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }',
        { l: login, p: password },
      );
      if (!res.data?.login) throw new Error(`login ${login} failed: ${JSON.stringify(res.errors)}`);
      return res.data.login.token;
    },
  };
  return client;
}

/**
 * Registers hooks that open seeded stores and a server before a file's tests and close them after;
 * the returned object is filled in by the time tests run.
 */
export function useSeededApi(
  options: Parameters<typeof openTestStores>[0] & {
    clock?: () => Date;
    settings?: (config: Config) => Partial<Config>;
  } = {},
): { stores: TestStores; server: TestServer } {
  const api = {} as { stores: TestStores; server: TestServer };
  beforeAll(async () => {
    api.stores = await openTestStores(options);
    await api.stores.seed();
    api.server = await startTestServer(api.stores, undefined, options.clock, options.settings?.(api.stores.config));
  });
  afterAll(async () => {
    await api.server?.close();
    await api.stores?.close();
  });
  return api;
}
