// Makes per-query ClickHouse settings behave per query on embedded chDB.
//
// chdb/connection applies `clickhouse_settings` by prefixing `SET k = v;` to the statement, and a
// chDB session keeps SET state between statements. Without this wrapper a setting given to one
// call leaks into every later call on the same store: after an insert with
// `insert_deduplication_token: 'batch-1'`, the next insert into any table without a token would
// reuse 'batch-1' and could be silently dropped as a duplicate (verified on chdb 3.4.0). Over
// HTTP each request starts from the server defaults, so this wrapper restores that behaviour:
// every setting seen before and absent from the current call is reset with `SET k = DEFAULT`.

import type { ClickHouseClientConfigOptions } from '@clickhouse/client';

/** The connection contract `createClient({ connection })` accepts. */
export type ClientConnection = NonNullable<ClickHouseClientConfigOptions['connection']>;

type QueryParams = Parameters<ClientConnection['query']>[0];

// Setting names end up in SQL text, so they must be plain identifiers (chdb checks the same).
const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isolateSessionSettings(inner: ClientConnection): ClientConnection {
  const seen = new Set<string>();

  function isolate<P extends QueryParams>(params: P): P {
    const given = params.clickhouse_settings ?? {};
    const resets: string[] = [];
    for (const name of seen) {
      if (given[name] === undefined) resets.push(`SET ${name} = DEFAULT; `);
    }
    for (const [name, value] of Object.entries(given)) {
      if (value === undefined) continue;
      if (!SETTING_NAME.test(name)) throw new Error(`Invalid ClickHouse setting name: ${JSON.stringify(name)}`);
      seen.add(name);
    }
    return resets.length === 0 ? params : { ...params, query: resets.join('') + params.query };
  }

  return {
    query: (params) => inner.query(isolate(params)),
    command: (params) => inner.command(isolate(params)),
    exec: (params) => inner.exec(isolate(params)),
    insert: (params) => inner.insert(isolate(params)),
    ping: (params) => inner.ping(params),
    close: () => inner.close(),
  };
}
