/**
 * The relay's anomaly hook: wraps a fact source so that, once a batch is acknowledged (its facts
 * are in ClickHouse and Postgres knows it), the detectors run over that batch's ratings and what
 * they find is kept as flags. Detection runs beside the relay, never in its way: the next batch is
 * delivered while the last one is examined (at national scale the detectors read for longer than
 * a delivery takes, and a rating must reach the statistics at once). One detection runs at a
 * time; batches delivered meanwhile are examined together next. A failing detection is reported
 * and never undoes or blocks the delivery; the next batch of the same subject finds the pattern
 * again, since detectors read ClickHouse, not the batch alone.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { detectAnomalies } from '../../analytics/anomalies/detectAnomalies.js';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import { supersededFactsGone, type RatingFact } from '../../analytics/ingest.js';
import type { FactSource } from '../relay/relay-loop.js';
import { recordAnomalies } from './anomaly-flags.js';

export interface DetectingFactSource extends FactSource {
  /** Resolves once every delivered batch has been examined (a flush, a stop). */
  settled(): Promise<void>;
}

export function withAnomalyDetection(
  source: FactSource,
  store: AnalyticsStore,
  rootEm: EntityManager,
  onError: (error: unknown) => void,
): DetectingFactSource {
  const facts = new Map<number, RatingFact[]>();
  let waiting: RatingFact[] = [];
  let detecting: Promise<void> | null = null;
  const detect = async () => {
    while (waiting.length > 0) {
      const delivered = waiting;
      waiting = [];
      try {
        // A re-versioned declaration counts twice until its older facts are gone: not a burst.
        await supersededFactsGone(store);
        await recordAnomalies(rootEm.fork(), await detectAnomalies(store, delivered), new Date());
      } catch (error) {
        onError(error);
      }
    }
    detecting = null;
  };
  return {
    settled: async () => {
      while (detecting) await detecting;
    },
    async nextBatch(maxEvents) {
      const batch = await source.nextBatch(maxEvents);
      if (batch) facts.set(batch.id, batch.facts);
      return batch;
    },
    announceChange: () => source.announceChange?.() ?? Promise.resolve(),
    async acknowledge(batchId) {
      await source.acknowledge(batchId);
      waiting.push(...(facts.get(batchId) ?? []));
      facts.delete(batchId);
      detecting ??= detect();
    },
  };
}
