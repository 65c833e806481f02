// Several chDB sessions on the one data directory, so distinct questions run in parallel on the
// embedded engine instead of one at a time.
//
// Each session runs one statement at a time (a session is one engine connection with its own
// query and SET state); the pool hands each call to an idle session and queues it while all are
// busy. The chdb package (3.4.0) sends every call that has `query_params` through one queue for
// the whole process (its native parameter binding is not isolated between connections), which
// would serialise our filtered questions again. So the pool binds parameters itself, per session:
// `SET param_<name> = '<value>'` ahead of the statement, in the same call on the same session.
// The statement still reads `{name:Type}` and the engine parses each value as that type; the value
// only appears inside a string literal of the SET, written in the text form the HTTP interface
// takes for `param_<name>` and quoted by `sqlStringLiteral`.

import { TupleParam } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { isolateSessionSettings, type ClientConnection } from './chdbSettingsIsolation.js';

type Member = ClientConnection;
type QueryParams = Parameters<ClientConnection['query']>[0];

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The value of a query parameter as ClickHouse reads `param_<name>` (its "escaped" text form). */
export function paramText(value: unknown, inList = false): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Query parameter is not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  // NULL for a Nullable(T) parameter, in the escaped text form (\N) or as a list element.
  if (value === null || value === undefined) return inList ? 'NULL' : '\\N';
  if (typeof value === 'boolean') return inList ? (value ? 'TRUE' : 'FALSE') : value ? '1' : '0';
  if (typeof value === 'string') {
    const escaped = value.replace(/[\\'\t\n\r]/g, (c) => ESCAPES[c]);
    return inList ? `'${escaped}'` : escaped;
  }
  if (Array.isArray(value)) return `[${value.map((v) => paramText(v, true)).join(',')}]`;
  if (value instanceof TupleParam) return `(${value.values.map((v) => paramText(v, true)).join(',')})`;
  if (value instanceof Date) return paramText(value.toISOString().replace('T', ' ').replace('Z', ''), inList);
  throw new Error(`Unsupported query parameter value: ${typeof value}`);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A ClickHouse string literal holding `text` exactly. */
export function sqlStringLiteral(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The statement with its parameters bound on the session that runs it (see the header). */
export function bindOnSession<P extends QueryParams>(params: P): P {
  const given = params.query_params;
  if (!given || Object.keys(given).length === 0) return params;
  const sets = Object.entries(given).map(([name, value]) => {
    if (!PARAM_NAME.test(name)) throw new Error(`Invalid query parameter name: ${JSON.stringify(name)}`);
    return `SET param_${name} = ${sqlStringLiteral(paramText(value))}; `;
  });
  return { ...params, query: sets.join('') + params.query, query_params: undefined };
}

export interface ChdbPool extends ClientConnection {
  readonly size: number;
}

/**
 * Opens `size` sessions on `dir`; `init` runs on each (e.g. `USE <db>`) before it takes calls.
 * Throws what chdb throws when the directory cannot be opened.
 */
export async function openChdbPool(dir: string, size: number, init: string[]): Promise<ChdbPool> {
  const members: Member[] = [];
  try {
    for (let i = 0; i < size; i++) {
      const member = isolateSessionSettings(createChdbConnection({ path: dir }) as unknown as ClientConnection);
      members.push(member);
      for (const statement of init) await member.command({ query: statement });
    }
  } catch (error) {
    await Promise.allSettled(members.map((m) => m.close()));
    throw error;
  }
  const idle = [...members];
  const waiting: ((member: Member) => void)[] = [];
  const acquire = () =>
    new Promise<Member>((resolve) => {
      const member = idle.pop();
      if (member) resolve(member);
      else waiting.push(resolve);
    });
  const release = (member: Member) => {
    const next = waiting.shift();
    if (next) next(member);
    else idle.push(member);
  };
  const on =
    <K extends 'query' | 'command' | 'exec' | 'insert'>(method: K) =>
    async (params: Parameters<ClientConnection[K]>[0]): Promise<Awaited<ReturnType<ClientConnection[K]>>> => {
      const member = await acquire();
      try {
        const call = member[method] as (p: typeof params) => ReturnType<ClientConnection[K]>;
        return await call(bindOnSession(params));
      } finally {
        release(member);
      }
    };
  return {
    size,
    query: on('query'),
    command: on('command'),
    exec: on('exec'),
    insert: on('insert'),
    ping: async (params) => {
      const member = await acquire();
      try {
        return await member.ping(params);
      } finally {
        release(member);
      }
    },
    close: async () => {
      await Promise.allSettled(members.map((m) => m.close()));
    },
  };
}
