/**
 * The reliability suite's parts: the built server (`dist/api/main.js`) as a child process that a
 * test may SIGKILL, a fresh database on the PostgreSQL server for it, and a GraphQL client over HTTP.
 *
 * Postgres is always the server at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres):
 * a kill -9 test is about what survives the process, and the supported durable store is a Postgres
 * server. Embedded PGlite lives inside the killed process, and its durability is not what is tested.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Gql } from '../../support/sends.js';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A new, empty database on the Postgres server, and a pool on it for the test's own checks. */
export async function freshDatabase(label: string): Promise<TestDatabase> {
  const name = `sqa_rel_${label}_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
  await admin(`create database "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    url: url.toString(),
    async query(sql, params) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async drop() {
      await pool.end();
      await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sqa-rel-${label}-`));
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves when stderr contains `pattern`. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  kill9(): Promise<void>;
  /** SIGTERM, and waits for the exit (a clean close of the stores). */
  stop(): Promise<number | null>;
  gql: Gql;
}

/** Starts `node dist/api/main.js` with the given environment and waits until it serves. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 180_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/api/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: '0',
      HOST: '127.0.0.1',
      REMINDER_JOB_MINUTES: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (read: () => string, pattern: RegExp, ms: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const started = Date.now();
      const tick = () => {
        const match = read().match(pattern);
        if (match) return resolve(match);
        if (child.exitCode !== null || child.signalCode !== null)
          return reject(new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${out}\n${err}`));
        if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${pattern}:\n${out}\n${err}`));
        setTimeout(tick, 50);
      };
      tick();
    });
  const [, url] = await waitFor(() => out, /ready on (http:\/\/\S+)/, timeoutMs);
  const gql: Gql = async (query, variables, apiKey) => {
    const res = await post(`${url}/graphql`, JSON.stringify({ query, variables }), {
      authorization: `Bearer ${apiKey}`,
    });
    return JSON.parse(res.body) as { data?: any; errors?: any[] };
  };
  return {
    url,
    child,
    stderr: () => err,
    waitForStderr: (pattern, ms = 60_000) => waitFor(() => err, pattern, ms),
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    gql,
  };
}

/** Waits until `check` returns true, polling every 200 ms. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The demo enterprise, whose key the declaration software uses. */
export async function demoEnterprise(db: TestDatabase): Promise<{ taxCode: string; name: string }> {
  const [row] = await db.query<{ tax_code: string; name: string }>(
    'select tax_code, name from enterprise where id = 1',
  );
  return { taxCode: row.tax_code, name: row.name };
}

/** Environment of a server with demo data on a fresh Postgres database, embedded chDB in `dataDir`. */
/**
 * The suites drive hundreds of requests a minute from one address with two keys: the per-client
 * budgets and rate limits (tested in test/integration/api-limits.test.ts) are raised out of the
 * way, so that a refusal here means the engine failed, not that a limit worked.
 */
const UNLIMITED = {
  RATE_LIMIT_PER_KEY_PER_MINUTE: '1000000000',
  RATE_LIMIT_PER_IP_PER_MINUTE: '1000000000',
  GRAPHQL_COST_BUDGET_PER_HOUR: '1000000000000',
  GRAPHQL_ANONYMOUS_COST_BUDGET_PER_HOUR: '1000000000000',
};

export function demoServerEnv(
  db: TestDatabase,
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    DEMO_SCALE: '0.02',
    DEMO_SEED: '7',
    RELAY_LEASE_SECONDS: '2',
    ...UNLIMITED,
    ...extra,
  };
}

export interface HttpResult {
  status: number;
  body: string;
}

/**
 * POSTs over node:http. Without an agent every request has its own connection, closed after it,
 * so a server being stopped is not kept waiting by idle keep-alive sockets of the test.
 */
export function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  agent: http.Agent | false = false,
  timeoutMs = 120_000,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.end(body);
  });
}
