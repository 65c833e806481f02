/**
 * The relay's anomaly hook: wraps a fact source so that, once a batch is acknowledged (its facts
 * are in ClickHouse and Postgres knows it), the detectors run over that batch's ratings and what
 * they find is kept as flags. A failing detection is reported and never undoes or blocks the
 * delivery; the next batch of the same subject finds the pattern again, since detectors read
 * ClickHouse, not the batch alone.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { detectAnomalies } from '../../analytics/anomalies/detectAnomalies.js';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import type { RatingFact } from '../../analytics/ingest.js';
import type { FactSource } from '../relay/relay-loop.js';
import { recordAnomalies } from './anomaly-flags.js';

export function withAnomalyDetection(
  source: FactSource,
  store: AnalyticsStore,
  rootEm: EntityManager,
  onError: (error: unknown) => void,
): FactSource {
  const facts = new Map<number, RatingFact[]>();
  return {
    async nextBatch(maxEvents) {
      const batch = await source.nextBatch(maxEvents);
      if (batch) facts.set(batch.id, batch.facts);
      return batch;
    },
    async acknowledge(batchId) {
      await source.acknowledge(batchId);
      const delivered = facts.get(batchId) ?? [];
      facts.delete(batchId);
      try {
        await recordAnomalies(rootEm.fork(), await detectAnomalies(store, delivered), new Date());
      } catch (error) {
        onError(error);
      }
    },
  };
}
