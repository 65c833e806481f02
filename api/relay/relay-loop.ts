// The outbox relay: moves rating facts from Postgres (the source of truth) to ClickHouse.
// It knows nothing of Postgres itself: a `FactSource` (written in the API, where the ORM lives)
// hands it batches that are fixed before delivery, so a retry resends the same rows under the
// same token; the batch is acknowledged only after ClickHouse accepted it. A crash between the
// two resends the batch on restart, and ClickHouse drops the copy.
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import {
  deleteSupersededFacts,
  insertCaseFacts,
  insertRatingFacts,
  type CaseFact,
  type FactVersion,
  type RatingFact,
} from '../../analytics/ingest.js';

export interface FactBatch {
  id: number;
  facts: RatingFact[];
  /** Declarations whose facts changed: their facts of older versions go once the new ones are in. */
  superseded?: FactVersion[];
  /** Cases changed by the batch's events, in their current state. */
  caseFacts: CaseFact[];
}

export interface FactSource {
  /** The oldest claimed but undelivered batch, or a newly claimed one; null when nothing waits. */
  nextBatch(maxEvents: number): Promise<FactBatch | null>;
  /** Marks a batch delivered. */
  acknowledge(batchId: number): Promise<void>;
}

export function batchToken(batchId: number): string {
  return `relay-batch-${batchId}`;
}

export interface RelayPassOptions {
  maxEvents?: number;
  maxBatches?: number;
  /** Runs after ClickHouse accepted a batch and before it is acknowledged (fault tests only). */
  beforeAcknowledge?: (batch: FactBatch) => Promise<void>;
}

/** Delivers waiting batches until none is left (or `maxBatches`); returns the facts delivered. */
export async function relayOnce(
  store: AnalyticsStore,
  source: FactSource,
  options: RelayPassOptions = {},
): Promise<number> {
  let delivered = 0;
  for (let i = 0; i < (options.maxBatches ?? 1000); i++) {
    const batch = await source.nextBatch(options.maxEvents ?? 500);
    if (!batch) break;
    await insertRatingFacts(store, batch.facts, batchToken(batch.id));
    await deleteSupersededFacts(store, batch.superseded ?? []);
    await insertCaseFacts(store, batch.caseFacts, `${batchToken(batch.id)}-cases`);
    await options.beforeAcknowledge?.(batch);
    await source.acknowledge(batch.id);
    delivered += batch.facts.length + batch.caseFacts.length;
  }
  return delivered;
}

export interface RunningRelay {
  /** Runs a pass now (and waits for it), e.g. after a send in tests. */
  flush(): Promise<number>;
  /** Something was written to the outbox: run a pass soon (wakes arriving during a pass add one more, not one each). */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Runs the relay when woken (a commit that wrote the outbox) and every `intervalMs` as a fallback,
 * until stopped. A failing pass (ClickHouse down) is reported and retried at the next tick;
 * nothing is lost, since undelivered batches stay claimed.
 */
export function startRelay(
  store: AnalyticsStore,
  source: FactSource,
  options: {
    intervalMs: number;
    onError: (error: unknown) => void;
    onDelivered?: (count: number) => void;
    beforeAcknowledge?: RelayPassOptions['beforeAcknowledge'];
  },
): RunningRelay {
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;
  const pass = () => {
    running = running.then(() =>
      stopped
        ? 0
        : relayOnce(store, source, { beforeAcknowledge: options.beforeAcknowledge }).then(
            (count) => {
              if (count > 0) options.onDelivered?.(count);
              return count;
            },
            (error: unknown) => {
              options.onError(error);
              return 0;
            },
          ),
    );
    return running;
  };
  let woken = false;
  const wake = () => {
    if (woken || stopped) return;
    woken = true;
    running = running.then(() => {
      woken = false;
      return 0;
    });
    void pass();
  };
  const timer = setInterval(() => void pass(), options.intervalMs);
  timer.unref();
  return {
    flush: pass,
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
