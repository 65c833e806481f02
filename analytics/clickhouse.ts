// Opens the analytics store: embedded chDB in a local directory by default, or a ClickHouse
// server over HTTP. Either way callers get one `@clickhouse/client` API bound to one database,
// so queries, ingest and migrations never care which one is behind it.
//
// chDB facts this module relies on (chdb 3.4.0, engine 26.7, verified):
// - One engine per process, bound to one data directory. Opening the SAME directory again in
//   this process works: each store gets its own session on the shared engine, and closing one
//   leaves the other working. Opening a DIFFERENT directory while any store is open throws
//   ("only one active data directory per process"); once all are closed another one may open.
// - Another process holding the directory makes the open fail with a bare "Failed to create
//   connection"; the real reason ("Cannot lock file …/status") only reaches stderr. We detect it
//   from the PID that ClickHouse writes in `<dir>/status` (removed on clean shutdown).
// - The client's `database` option is ignored by the injected chDB connection, but `USE <db>`
//   sticks for the life of the session, so embedded stores run it once after connecting.
// - Session SET state persists, which is why each session is wrapped by isolateSessionSettings.
// - One session runs one statement at a time, so the embedded store is a pool of sessions on the
//   same directory (chdbPool.ts), which also binds query parameters per session.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import type { ResultCache } from './resultCache.js';

export type ClickHouseOptions =
  | { mode: 'embedded'; dir: string; database: string; sessions?: number }
  | {
      mode: 'server';
      url: string;
      database: string;
      username: string;
      password: string;
      cluster?: string | null;
      sessions?: number;
    };

/** Engine sessions (embedded) or keep-alive HTTP connections (server) by default: one per core. */
export const DEFAULT_SESSIONS = Math.max(2, os.availableParallelism());

export interface AnalyticsStore {
  client: ClickHouseClient;
  database: string;
  mode: 'embedded' | 'server';
  /** The cluster the tables are spread over (CLICKHOUSE_CLUSTER), or null on one node. */
  cluster: string | null;
  /** ClickHouse version string reported by the engine, e.g. "26.7.2.1". */
  version: string;
  /** Answers of reads kept until the next write (resultCache.ts); absent: every read queries. */
  cache?: ResultCache;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

// Older servers lack query_params, LowCardinality or DateTime64 (Debian ships 18.16).
const MIN_SERVER_MAJOR = 24;

const SETTINGS: ClickHouseSettings = {
  // JS numbers lose precision past 2^53: item/declaration ids and versions are UInt64.
  output_format_json_quote_64bit_integers: 1,
  // Lets ingest pass `Date` / ISO-8601 strings with a zone ('…Z'); 'basic' would misread them.
  date_time_input_format: 'best_effort',
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Throws unless `value` is safe to interpolate into SQL as an identifier. */
export function assertSqlIdentifier(value: string, what: string): string {
  if (!IDENTIFIER.test(value)) {
    throw new Error(
      `Invalid ${what} ${JSON.stringify(value)}: use letters, digits and _ (max 63), not starting with a digit.`,
    );
  }
  return value;
}

export async function openClickHouse(opts: ClickHouseOptions): Promise<AnalyticsStore> {
  const database = assertSqlIdentifier(opts.database, 'ClickHouse database name');
  const sessions = opts.sessions ?? DEFAULT_SESSIONS;
  const client =
    opts.mode === 'embedded'
      ? await openEmbedded(opts.dir, database, sessions)
      : await openServer(opts, database, sessions);
  let version: string;
  try {
    version = await readVersion(client);
    if (opts.mode === 'server') assertServerVersion(version, opts.url);
  } catch (err) {
    await client.close();
    throw err;
  }
  let closed = false;
  return {
    client,
    database,
    mode: opts.mode,
    cluster:
      opts.mode === 'server' && opts.cluster ? assertSqlIdentifier(opts.cluster, 'ClickHouse cluster name') : null,
    version,
    async ping() {
      try {
        const rs = await client.query({ query: 'SELECT 1 AS ok', format: 'JSONEachRow' });
        const rows = await rs.json<{ ok: number }>();
        return rows[0]?.ok === 1;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

async function openEmbedded(dir: string, database: string, sessions: number): Promise<ClickHouseClient> {
  const absDir = path.resolve(dir);
  fs.mkdirSync(absDir, { recursive: true });
  // Loaded lazily so server mode never loads the native engine (and works where chdb has no build).
  const { openChdbPool } = await import('./chdbPool.js');
  let connection: Awaited<ReturnType<typeof openChdbPool>>;
  try {
    // `USE` sticks for the life of each session (the client's `database` option does not reach chDB).
    connection = await openChdbPool(absDir, sessions, [`CREATE DATABASE IF NOT EXISTS ${database}`, `USE ${database}`]);
  } catch (err) {
    throw explainEmbeddedOpenFailure(absDir, err);
  }
  return createClient({
    connection,
    database, // ignored by chDB (see header); kept so client telemetry names the right database
    clickhouse_settings: SETTINGS,
  });
}

async function openServer(
  opts: Extract<ClickHouseOptions, { mode: 'server' }>,
  database: string,
  sessions: number,
): Promise<ClickHouseClient> {
  const base = {
    url: opts.url,
    // A keep-alive pool: questions in parallel reuse warm connections instead of opening one each.
    keep_alive: { enabled: true },
    max_open_connections: sessions,
    username: opts.username,
    password: opts.password,
    application: 'customs-sqa',
    clickhouse_settings: SETTINGS,
  };
  // Over HTTP the database is sent with every request and must already exist, so create it
  // through a client bound to `default` first.
  const bootstrap = createClient(base);
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  } catch (err) {
    throw new Error(`Cannot reach ClickHouse at ${redactUrl(opts.url)}: ${errorMessage(err)}`, { cause: err });
  } finally {
    await bootstrap.close();
  }
  return createClient({ ...base, database });
}

async function readVersion(client: ClickHouseClient): Promise<string> {
  const rs = await client.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' });
  const rows = await rs.json<{ v: string }>();
  return rows[0]?.v ?? 'unknown';
}

function assertServerVersion(version: string, url: string): void {
  const major = Number.parseInt(version, 10);
  if (!(major >= MIN_SERVER_MAJOR)) {
    throw new Error(
      `ClickHouse at ${redactUrl(url)} is version ${version}; customs-sqa needs ${MIN_SERVER_MAJOR} or newer.`,
    );
  }
}

function explainEmbeddedOpenFailure(dir: string, err: unknown): Error {
  const message = errorMessage(err);
  if (/only one active data directory/i.test(message)) {
    return new Error(
      `Cannot open embedded ClickHouse in ${dir}: this process already has another chDB directory open ` +
        `(chDB allows one data directory per process). Close that store first.`,
      { cause: err },
    );
  }
  if (/cannot lock file/i.test(message) || isHeldByAnotherProcess(dir)) {
    return new Error(
      `The embedded ClickHouse directory ${dir} is in use by another process (is customs-sqa already running?). ` +
        `Stop it, or set CLICKHOUSE_URL.`,
      { cause: err },
    );
  }
  return new Error(`Cannot open embedded ClickHouse in ${dir}: ${message}`, { cause: err });
}

// ClickHouse writes "PID: <n>" into <dir>/status while it holds the lock and deletes the file on
// clean shutdown; a file left by a crash names a dead PID and does not block opening.
function isHeldByAnotherProcess(dir: string): boolean {
  let status: string;
  try {
    status = fs.readFileSync(path.join(dir, 'status'), 'utf8');
  } catch {
    return false;
  }
  const pid = Number(/^PID:\s*(\d+)/m.exec(status)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}
