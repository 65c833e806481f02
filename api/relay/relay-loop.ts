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
  supersededFactsGone,
  unappliedFactDeletes,
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
  /**
   * Tells every API process that ClickHouse changed after the acknowledgements they heard of (a
   * re-versioned declaration's older facts gone), so that they drop the answers they keep.
   */
  announceChange?(): Promise<void>;
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

interface Delivery {
  delivered: number;
  /** Whether a batch registered the delete of re-versioned declarations' older facts. */
  deleted: boolean;
}

/** Delivers waiting batches until none is left (or `maxBatches`), registering but not awaiting their deletes. */
async function deliverWaiting(store: AnalyticsStore, source: FactSource, options: RelayPassOptions): Promise<Delivery> {
  let delivered = 0;
  let deleted = false;
  for (let i = 0; i < (options.maxBatches ?? 1000); i++) {
    const batch = await source.nextBatch(options.maxEvents ?? 500);
    if (!batch) break;
    await insertRatingFacts(store, batch.facts, batchToken(batch.id));
    if (batch.superseded && batch.superseded.length > 0) {
      await deleteSupersededFacts(store, batch.superseded);
      deleted = true;
    }
    await insertCaseFacts(store, batch.caseFacts, `${batchToken(batch.id)}-cases`);
    await options.beforeAcknowledge?.(batch);
    await source.acknowledge(batch.id);
    delivered += batch.facts.length + batch.caseFacts.length;
  }
  return { delivered, deleted };
}

/**
 * Delivers waiting batches until none is left (or `maxBatches`) and returns the facts delivered,
 * once ClickHouse says what Postgres says: re-versioned declarations' older facts gone too.
 */
export async function relayOnce(
  store: AnalyticsStore,
  source: FactSource,
  options: RelayPassOptions = {},
): Promise<number> {
  const { delivered, deleted } = await deliverWaiting(store, source, options);
  if (deleted) await supersededFactsGone(store);
  return delivered;
}

export interface RunningRelay {
  /** Runs a pass now and waits for it, and for the deletes it registered to be applied (tests). */
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

  // A pass that registered deletes does not wait for ClickHouse to apply them (the next batches go
  // on); until they are applied the re-versioned declarations count twice, so answers computed
  // meanwhile are dropped once they are, and what was delivered meanwhile is announced then.
  let unannounced = 0;
  let watching: Promise<void> | null = null;
  let watchAgain = false;
  const watch = async () => {
    while (watchAgain && !stopped) {
      watchAgain = false;
      // A failure (a store down) is reported; the caches go anyway, and the next batch's own
      // announcement follows.
      await supersededFactsGone(store, { cancelled: () => stopped }).catch(options.onError);
      if (stopped) break;
      store.cache?.invalidate();
      await source.announceChange?.().catch(options.onError);
      const count = unannounced;
      unannounced = 0;
      if (count > 0) options.onDelivered?.(count);
    }
    watching = null;
  };
  const announceWhenApplied = (count: number) => {
    unannounced += count;
    watchAgain = true;
    watching ??= Promise.resolve().then(watch);
  };

  const pass = () => {
    running = running.then(() =>
      stopped
        ? 0
        : deliverWaiting(store, source, { beforeAcknowledge: options.beforeAcknowledge }).then(
            ({ delivered, deleted }) => {
              if (deleted || watching) announceWhenApplied(delivered);
              else if (delivered > 0) options.onDelivered?.(delivered);
              return delivered;
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
  // Deletes an earlier run registered may still be pending: their application is announced too.
  const startup = unappliedFactDeletes(store).then((n) => {
    if (n > 0) announceWhenApplied(0);
  }, options.onError);
  const timer = setInterval(() => void pass(), options.intervalMs);
  timer.unref();
  return {
    async flush() {
      const delivered = await pass();
      while (watching) await watching;
      return delivered;
    },
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await startup;
      await running;
      await watching;
    },
  };
}
