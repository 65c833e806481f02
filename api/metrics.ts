/**
 * Prometheus metrics at /metrics: the process's defaults, and the analytics relay's backlog,
 * read from Postgres when scraped (so every replica reports the same truth).
 */
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(relayLag: () => Promise<{ pendingEvents: number; lagSeconds: number }>): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sqa_' });
  let last: Promise<{ pendingEvents: number; lagSeconds: number }> | null = null;
  // One read of the outbox serves both gauges of a scrape.
  const lag = () => (last ??= relayLag().finally(() => setTimeout(() => (last = null), 500)));
  new Gauge({
    name: 'sqa_relay_pending_events',
    help: 'Outbox events not yet delivered to ClickHouse.',
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
  return registry;
}
