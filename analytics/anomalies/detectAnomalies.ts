// Runs every anomaly detector on the ratings of one relay batch (already in ClickHouse) and
// returns their candidates. Detectors look back from the batch's own rating times, never from the
// wall clock, so a replayed or rebuilt batch finds the same patterns.
import type { AnalyticsStore } from '../clickhouse.js';
import type { RatingFact } from '../ingest.js';
import type { AnomalyCandidate } from './anomaly.js';
import { detectBursts } from './bursts.js';
import { detectCopiedText } from './copiedText.js';
import { detectNewRaters } from './newRaters.js';
import { detectRetaliation } from './retaliation.js';

export async function detectAnomalies(store: AnalyticsStore, facts: RatingFact[]): Promise<AnomalyCandidate[]> {
  if (facts.length === 0) return [];
  const found = await Promise.all([
    detectBursts(store, facts),
    detectRetaliation(store, facts),
    detectCopiedText(store, facts),
    detectNewRaters(store, facts),
  ]);
  return found.flat();
}
