/**
 * Keeps what the detectors found as flags in Postgres: a new pattern becomes an OPEN flag; the
 * same pattern found again (its fingerprint) refreshes the evidence of a flag still OPEN, and
 * leaves a decided one as the inspector decided it. Also the plain listing of new flags since a
 * time, for consumers such as alerts.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnomalyCandidate } from '../../analytics/anomalies/anomaly.js';
import { RatingAnomaly } from './rating-anomaly.entity.js';

/** Writes the candidates in one transaction; returns how many flags were new. */
export async function recordAnomalies(em: EntityManager, candidates: AnomalyCandidate[], at: Date): Promise<number> {
  if (candidates.length === 0) return 0;
  return em.transactional(async (tx) => {
    let created = 0;
    for (const c of candidates) {
      const [row] = await tx.execute<{ inserted: boolean }[]>(
        `insert into rating_anomaly (kind, fingerprint, status, subject_kind, subject_id, department_id, branch_id,
                                     item_ids, form_ids, enterprise_ids, figures, first_rated_at, last_rated_at,
                                     detected_at, updated_at, exclude_ratings)
         values (?, ?, 'OPEN', ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, false)
         on conflict (fingerprint) do update set
           item_ids = excluded.item_ids, form_ids = excluded.form_ids, enterprise_ids = excluded.enterprise_ids,
           figures = excluded.figures, first_rated_at = excluded.first_rated_at, last_rated_at = excluded.last_rated_at,
           updated_at = excluded.updated_at
         where rating_anomaly.status = 'OPEN'
         returning (xmax = 0) as inserted`,
        [
          c.kind,
          c.fingerprint,
          c.subjectKind,
          c.subjectId,
          c.departmentId,
          c.branchId,
          JSON.stringify(c.itemIds),
          JSON.stringify(c.formIds),
          JSON.stringify(c.enterpriseIds),
          JSON.stringify(c.figures),
          c.firstRatedAt,
          c.lastRatedAt,
          at,
          at,
        ],
      );
      if (row?.inserted) created++;
    }
    return created;
  });
}

/** Flags first detected at or after `since`, oldest first (at most `limit`). */
export async function anomaliesDetectedSince(em: EntityManager, since: Date, limit = 100): Promise<RatingAnomaly[]> {
  return em.find(RatingAnomaly, { detectedAt: { $gte: since } }, { orderBy: { detectedAt: 'asc', id: 'asc' }, limit });
}
