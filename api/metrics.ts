/**
 * Prometheus metrics at /metrics: the process's defaults; HTTP requests by GraphQL operation type
 * and status; resolver errors by code; ClickHouse query time; budget and rate-limit rejections;
 * the hits and misses of the analytics result cache and of the GraphQL answer cache; and the analytics relay's backlog (outbox depth and lag), read from Postgres when scraped, so
 * every replica reports the same truth.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface AppMetrics {
  registry: Registry;
  /** Labels: route (graphql, healthz, …), operation (query, mutation, none), status (HTTP code). */
  httpRequests: Counter<'route' | 'operation' | 'status'>;
  httpDuration: Histogram<'route' | 'operation' | 'status'>;
  /** Errors in GraphQL responses, by `extensions.code`. */
  graphqlErrors: Counter<'code'>;
  /** Outcome: ok, error, aborted. */
  clickhouseDuration: Histogram<'outcome'>;
  /** Reason: cost_budget, key_rate, ip_rate. */
  rejections: Counter<'reason'>;
}

export function createMetrics(
  relayLag: () => Promise<{ pendingEvents: number; lagSeconds: number }>,
  caches: { analytics?: () => CacheCounts | undefined; answers?: () => CacheCounts | undefined } = {},
): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sqa_' });
  cacheMetrics(registry, {
    name: 'sqa_analytics_cache',
    what: 'Analytics reads by outcome: hit (answered from this process’s result cache, or joined a query in flight) or miss.',
    size: 'Estimated size of the answers in the result cache (capped by ANALYTICS_CACHE_MB).',
    stats: caches.analytics,
  });
  cacheMetrics(registry, {
    name: 'sqa_graphql_answer_cache',
    what: 'GraphQL requests the answer cache could take, by outcome: hit (answered without running GraphQL) or miss.',
    size: 'Estimated size of the whole answers kept (capped by ANSWER_CACHE_MB).',
    stats: caches.answers,
  });
  let last: Promise<{ pendingEvents: number; lagSeconds: number }> | null = null;
  // One read of the outbox serves both gauges of a scrape.
  const lag = () => (last ??= relayLag().finally(() => setTimeout(() => (last = null), 500)));
  new Gauge({
    name: 'sqa_relay_pending_events',
    help: 'Outbox events not yet delivered to ClickHouse (outbox depth).',
    registers: [registry],
    async collect() {
      this.set((await lag()).pendingEvents);
    },
  });
  new Gauge({
    name: 'sqa_relay_lag_seconds',
    help: 'Age of the oldest outbox event not yet delivered to ClickHouse.',
    registers: [registry],
    async collect() {
      this.set((await lag()).lagSeconds);
    },
  });
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  return {
    registry,
    httpRequests: new Counter({
      name: 'sqa_http_requests_total',
      help: 'HTTP requests answered, by route, GraphQL operation type and status.',
      labelNames: ['route', 'operation', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'sqa_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route, GraphQL operation type and status.',
      labelNames: ['route', 'operation', 'status'],
      buckets: seconds,
      registers: [registry],
    }),
    graphqlErrors: new Counter({
      name: 'sqa_graphql_errors_total',
      help: 'Errors in GraphQL responses, by extensions.code.',
      labelNames: ['code'],
      registers: [registry],
    }),
    clickhouseDuration: new Histogram({
      name: 'sqa_clickhouse_query_duration_seconds',
      help: 'ClickHouse query time seen by the API, by outcome (ok, error, aborted).',
      labelNames: ['outcome'],
      buckets: seconds,
      registers: [registry],
    }),
    rejections: new Counter({
      name: 'sqa_rejected_requests_total',
      help: 'Requests refused by the cost budget or the rate limits, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}

interface CacheCounts {
  hits: number;
  misses: number;
  bytes: number;
}

/** `<name>_lookups_total` by outcome and `<name>_bytes`, read from the cache when scraped. */
function cacheMetrics(
  registry: Registry,
  cache: { name: string; what: string; size: string; stats?: () => CacheCounts | undefined },
): void {
  new Counter({
    name: `${cache.name}_lookups_total`,
    help: cache.what,
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      const stats = cache.stats?.();
      this.reset();
      if (!stats) return;
      this.inc({ outcome: 'hit' }, stats.hits);
      this.inc({ outcome: 'miss' }, stats.misses);
    },
  });
  new Gauge({
    name: `${cache.name}_bytes`,
    help: cache.size,
    registers: [registry],
    collect() {
      this.set(cache.stats?.()?.bytes ?? 0);
    },
  });
}
