/**
 * Starts the outbox relay as configured: the one place the server (`npm start`) and the standalone
 * relay (`npm run relay`) build it, so both take the same lease and honour the same fault switch.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import { startRelay, type RunningRelay } from './relay-loop.js';
import type { Config } from '../config.js';
import { OutboxFactSource } from './outbox-fact-source.js';
import { withAnomalyDetection } from '../anomalies/with-anomaly-detection.js';

export function startConfiguredRelay(
  config: Pick<Config, 'relay'>,
  store: AnalyticsStore,
  rootEm: EntityManager,
  events: { onError: (error: unknown) => void; onDelivered?: (count: number) => void },
): RunningRelay {
  const source = withAnomalyDetection(
    new OutboxFactSource(rootEm, {
      leaseSeconds: config.relay.leaseSeconds,
      workerId: config.relay.workerId ?? undefined,
    }),
    store,
    rootEm,
    events.onError,
  );
  return startRelay(store, source, {
    intervalMs: 1000,
    ...events,
    beforeAcknowledge: config.relay.fault === 'pause-before-ack' ? pauseForever : undefined,
  });
}

// The fault suite kills the process while it waits here: ClickHouse holds the batch, Postgres does not know.
async function pauseForever(batch: { id: number }): Promise<never> {
  process.stderr.write(`RELAY_FAULT: batch ${batch.id} inserted into ClickHouse, pausing before the acknowledgement\n`);
  return new Promise<never>(() => {});
}
