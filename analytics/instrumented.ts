// Wraps an analytics store so every read (`client.query`) is timed and bounded by its caller's
// deadline: the query gets the request's AbortSignal and a `max_execution_time` no longer than the
// time left. On a ClickHouse server, aborting closes the HTTP request and
// `cancel_http_readonly_queries_on_client_close` makes the server cancel the query. Embedded chDB
// has no interrupt: the abort rejects the call at once, but the engine finishes the statement in
// the background, so there `max_execution_time` is what really stops it.
import type { AnalyticsStore } from './clickhouse.js';

export interface QueryGuard {
  signal: AbortSignal;
  /** Milliseconds left before the caller gives up. */
  remainingMs: number;
}

export interface QueryInstrumentation {
  /** The current caller's deadline, if it has one. */
  guard(): QueryGuard | undefined;
  observe(seconds: number, outcome: 'ok' | 'error' | 'aborted'): void;
  /** What to throw instead of the driver's error when the guard's signal aborted the query. */
  aborted(reason: unknown): Error;
}

type QueryParams = Parameters<AnalyticsStore['client']['query']>[0];

export function instrumentAnalytics(store: AnalyticsStore, hooks: QueryInstrumentation): AnalyticsStore {
  const query = async (params: QueryParams) => {
    const guard = hooks.guard();
    const bounded = guard ? withGuard(params, guard, store.mode) : params;
    const started = performance.now();
    try {
      if (guard && (guard.signal.aborted || guard.remainingMs <= 0)) throw hooks.aborted(guard.signal.reason);
      const result = await store.client.query(bounded);
      hooks.observe((performance.now() - started) / 1000, 'ok');
      return result;
    } catch (error) {
      const aborted = guard ? guard.signal.aborted || guard.remainingMs <= 0 : false;
      hooks.observe((performance.now() - started) / 1000, aborted ? 'aborted' : 'error');
      throw aborted ? hooks.aborted(guard?.signal.reason) : error;
    }
  };
  const client = new Proxy(store.client, {
    get(target, property) {
      if (property === 'query') return query;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...store, client, ping: () => store.ping(), close: () => store.close() };
}

function withGuard(params: QueryParams, guard: QueryGuard, mode: AnalyticsStore['mode']): QueryParams {
  const settings = params.clickhouse_settings ?? {};
  const left = Math.max(1, Math.ceil(guard.remainingMs / 1000));
  const given = Number(settings.max_execution_time ?? Infinity);
  return {
    ...params,
    abort_signal: guard.signal,
    clickhouse_settings: {
      ...settings,
      max_execution_time: Math.min(given, left),
      ...(mode === 'server' ? { cancel_http_readonly_queries_on_client_close: 1 } : {}),
    },
  };
}
