// Answers of analytics reads kept in this process's memory, so that a question asked again (a
// leader's overview opened by many) costs no query. It can never serve a stale answer: every
// write through the store (a relay batch, a rebuild) advances the watermark and empties the
// cache, and an answer computed under an older watermark is not kept. The key is the statement
// and its typed parameters, normalised: a viewer's scope is part of the question, because it is
// narrowed into the filter (and so into the parameters) before the SQL is built.
//
// Identical questions asked while one is being answered share that one query (single flight);
// if it fails (the first asker's client left and aborted it), each joiner asks on its own.
// The cache is bounded by an estimate of the answers' size (the length of their JSON, in bytes
// as UTF-16); the least recently used answers go first.
import type { ClickHouseSettings } from '@clickhouse/client';
import type { AnalyticsStore } from './clickhouse.js';
import { SizedLru } from './sizedLru.js';

export interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
  /** How many times a write emptied the cache. */
  watermark: number;
}

export class ResultCache {
  private generation = 0;
  private readonly entries: SizedLru<readonly unknown[]>;
  private readonly inFlight = new Map<string, Promise<readonly unknown[]>>();
  private hits = 0;
  private misses = 0;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly maxBytes: number) {
    this.entries = new SizedLru(maxBytes);
  }

  /** Runs `listener` at every invalidation: caches built on these answers go with them. */
  onInvalidate(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The analytics watermark: advanced by every write that reaches the store. */
  get watermark(): number {
    return this.generation;
  }

  /** A write reached the store: no answer computed before it may be served again. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.inFlight.clear();
    for (const listener of this.listeners) listener();
  }

  stats(): CacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      entries: this.entries.count,
      bytes: this.entries.bytes,
      watermark: this.generation,
    };
  }

  /** The rows of `query` with `params`: from the cache, or from `run` (then kept). */
  async read<T>(query: string, params: Record<string, unknown>, run: () => Promise<T[]>): Promise<readonly T[]> {
    if (this.maxBytes <= 0) return run();
    const key = questionKey(query, params);
    const cached = this.entries.get(key);
    if (cached) {
      this.hits++;
      return cached as readonly T[];
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      this.hits++;
      // The query runs under the first asker's deadline and connection: when that asker's client
      // leaves (or its deadline passes) the shared query is aborted, which is no failure of ours.
      // A joiner whose shared query failed asks once more on its own, under its own deadline.
      return (pending as Promise<readonly T[]>).catch(() => {
        this.hits--;
        this.misses++;
        return run();
      });
    }
    this.misses++;
    const generation = this.generation;
    const answer = run().finally(() => {
      if (this.inFlight.get(key) === answer) this.inFlight.delete(key);
    });
    this.inFlight.set(key, answer);
    const rows = await answer;
    // A write landed while the query ran: its answer may predate the write, so it is not kept.
    if (generation === this.generation) this.entries.set(key, rows, 2 * (key.length + JSON.stringify(rows).length));
    return rows;
  }
}

/** The statement and its parameters; list parameters are sets (`IN`), so their order and repeats do not matter. */
export function questionKey(query: string, params: Record<string, unknown>): string {
  const normal = Object.keys(params)
    .sort()
    .map((name) => {
      const value = params[name];
      return [name, Array.isArray(value) ? [...new Set(value.map((v) => JSON.stringify(v)))].sort() : value];
    });
  return JSON.stringify([query, normal]);
}

/**
 * The store with a result cache: reads through `readRows` use it, and every write through this
 * store's client (insert, command, exec) advances the watermark once it has landed.
 */
export function withResultCache(store: AnalyticsStore, maxBytes: number): AnalyticsStore {
  const cache = new ResultCache(maxBytes);
  const writes = new Set<PropertyKey>(['insert', 'command', 'exec']);
  const client = new Proxy(store.client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      if (!writes.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          // Also after a failed write: part of it may have landed.
          cache.invalidate();
        }
      };
    },
  });
  return { ...store, client, cache, ping: () => store.ping(), close: () => store.close() };
}

/** Runs a read as JSON rows, answered from the store's result cache when it has one. */
export async function readRows<T>(
  store: AnalyticsStore,
  query: string,
  params: Record<string, unknown>,
  settings: ClickHouseSettings,
): Promise<readonly T[]> {
  const run = async () => {
    const result = await store.client.query({
      query,
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: settings,
    });
    return result.json<T>();
  };
  return store.cache ? store.cache.read(query, params, run) : run();
}
