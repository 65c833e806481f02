/**
 * Starts the outbox relay as configured: the one place the server (`npm start`) and the standalone
 * relay (`npm run relay`) build it, so both take the same lease and honour the same fault switch.
 * It is woken by the commit of every outbox write (NOTIFY sqa_outbox: in-process on PGlite, over a
 * LISTEN connection on a Postgres server, so a separate relay process hears the API's sends too)
 * and still polls every RELAY_POLL_MS in case a notification is lost.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import { startRelay, type RunningRelay } from './relay-loop.js';
import type { Config } from '../config.js';
import type { Database } from '../db/orm.js';
import { OutboxFactSource } from './outbox-fact-source.js';
import { pruneDeliveredOutbox } from './outbox-retention.js';
import { withAnomalyDetection } from '../anomalies/with-anomaly-detection.js';

export async function startConfiguredRelay(
  config: Pick<Config, 'relay'> & Partial<Pick<Config, 'outboxRetentionDays'>>,
  store: AnalyticsStore,
  db: Pick<Database, 'orm' | 'listen'>,
  events: { onError: (error: unknown) => void; onDelivered?: (count: number) => void },
): Promise<RunningRelay> {
  const rootEm = db.orm.em as EntityManager;
  const source = withAnomalyDetection(
    new OutboxFactSource(rootEm, {
      leaseSeconds: config.relay.leaseSeconds,
      workerId: config.relay.workerId ?? undefined,
    }),
    store,
    rootEm,
    events.onError,
  );
  const relay = startRelay(store, source, {
    intervalMs: config.relay.pollMs,
    ...events,
    beforeAcknowledge: config.relay.fault === 'pause-before-ack' ? pauseForever : undefined,
  });
  const unlisten = await db
    .listen('sqa_outbox', () => relay.wake())
    .catch((error: unknown) => {
      events.onError(error);
      return async () => {};
    });
  // Every relay prunes; the prune is safe when several do it at once (see outbox-retention.ts).
  const retentionDays = config.outboxRetentionDays ?? 0;
  const timer =
    retentionDays > 0
      ? setInterval(() => {
          pruneDeliveredOutbox(rootEm, retentionDays).catch(events.onError);
        }, PRUNE_INTERVAL_MS)
      : null;
  timer?.unref();
  return {
    ...relay,
    // A flush or a stop also waits for the anomaly detection of what it delivered.
    async flush() {
      const delivered = await relay.flush();
      await source.settled();
      return delivered;
    },
    async stop() {
      if (timer) clearInterval(timer);
      await unlisten();
      await relay.stop();
      await source.settled();
    },
  };
}

const PRUNE_INTERVAL_MS = 10 * 60_000;

// The fault suite kills the process while it waits here: ClickHouse holds the batch, Postgres does not know.
async function pauseForever(batch: { id: number }): Promise<never> {
  process.stderr.write(`RELAY_FAULT: batch ${batch.id} inserted into ClickHouse, pausing before the acknowledgement\n`);
  return new Promise<never>(() => {});
}
