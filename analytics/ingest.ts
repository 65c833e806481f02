// Writes rating facts into ClickHouse. Every insert carries a deduplication token: the same
// batch sent twice (a retry after a crash or a timeout) is stored once.
import type { ClickHouseSettings } from '@clickhouse/client';
import type { AnalyticsStore } from './clickhouse.js';
import { storageTable } from './cluster-ddl.js';

/**
 * Settings of every fact insert. On a cluster the Distributed table forwards the block to its shard
 * before answering (not from a local queue later), so the relay acknowledges only what a shard holds,
 * and a replayed block reaches the same shard with the same token.
 */
function insertSettings(store: AnalyticsStore, deduplicationToken: string): ClickHouseSettings {
  return store.cluster === null
    ? { insert_deduplication_token: deduplicationToken }
    : { insert_deduplication_token: deduplicationToken, distributed_foreground_insert: 1 };
}

/** Inserts fact rows (none: no request) with the settings above. */
async function insertFacts(
  store: AnalyticsStore,
  table: 'rating_facts' | 'case_facts',
  rows: object[],
  deduplicationToken: string,
): Promise<void> {
  if (rows.length === 0) return;
  await store.client.insert({
    table,
    values: rows,
    format: 'JSONEachRow',
    clickhouse_settings: insertSettings(store, deduplicationToken),
  });
}

/** One assessment item, denormalised, as `rating_facts` stores it. */
export interface RatingFact {
  department_id: number;
  branch_id: number;
  team_id: number;
  stage_id: number;
  officer_id: number;
  subject_kind: 'BRANCH' | 'TEAM' | 'STAGE' | 'OFFICER';
  item_id: number;
  form_id: number;
  declaration_id: number;
  enterprise_id: number;
  channel: 'GREEN' | 'YELLOW' | 'RED';
  phase: 'DURING' | 'AFTER';
  level: number;
  reason_codes: string[];
  has_comment: number;
  /** The item's comment ('' without one); ClickHouse derives comment_norm from it (migration 030). */
  comment?: string;
  /** ISO-8601 instant with a zone, e.g. 2026-06-30T05:00:00.000Z. */
  rated_at: string;
  version: number;
}

export async function insertRatingFacts(
  store: AnalyticsStore,
  rows: RatingFact[],
  deduplicationToken: string,
): Promise<void> {
  await insertFacts(store, 'rating_facts', rows, deduplicationToken);
}

/** A declaration's current facts version: its rating facts of any older version are superseded. */
export interface FactVersion {
  declarationId: number;
  version: number;
}

/**
 * Registered deletes not yet applied past which the next one waits for all of them: a delete held
 * up by a long merge must not let ClickHouse's queue of mutations grow without bound.
 */
export const MAX_UNAPPLIED_FACT_DELETES = 8;

/**
 * Deletes the rating facts of older versions of these declarations (a lightweight DELETE).
 * Conditioned on the version, it can run before or after the new version's insert, and again on
 * a replayed batch, with the same result. It returns once ClickHouse has registered the mutation
 * (kept on disk, so it survives a restart), not once the parts are rewritten: that waits for any
 * merge holding them, seconds at scale, and would hold up every send behind this relay batch.
 * Until it is applied (`supersededFactsGone`), reads count both versions of these declarations.
 */
export async function deleteSupersededFacts(store: AnalyticsStore, versions: FactVersion[]): Promise<void> {
  if (versions.length === 0) return;
  const table = storageTable('rating_facts', store.cluster);
  const onCluster = store.cluster === null ? '' : ` ON CLUSTER ${store.cluster}`;
  const wait = (await unappliedFactDeletes(store)) >= MAX_UNAPPLIED_FACT_DELETES;
  await store.client.command({
    query: `DELETE FROM ${table}${onCluster} WHERE declaration_id IN {ids:Array(UInt64)} AND version < {versions:Array(UInt64)}[indexOf({ids:Array(UInt64)}, declaration_id)]`,
    query_params: { ids: versions.map((v) => v.declarationId), versions: versions.map((v) => v.version) },
    // 2: until every replica has applied it, and with it every earlier mutation of the table.
    clickhouse_settings: { lightweight_deletes_sync: wait ? '2' : '0' },
  });
}

/** Mutations of the rating facts that ClickHouse has registered but not yet applied to every part (of every replica). */
export async function unappliedFactDeletes(store: AnalyticsStore): Promise<number> {
  const mutations =
    store.cluster === null ? 'system.mutations' : `clusterAllReplicas(${store.cluster}, system.mutations)`;
  const result = await store.client.query({
    query: `SELECT count() AS n FROM ${mutations} WHERE database = {database:String} AND table = {table:String} AND NOT is_done`,
    query_params: { database: store.database, table: storageTable('rating_facts', store.cluster) },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: string }>();
  return Number(row.n);
}

/** Resolves once ClickHouse has applied every registered delete of rating facts, or `cancelled()` says stop. */
export async function supersededFactsGone(
  store: AnalyticsStore,
  options: { pollMs?: number; cancelled?: () => boolean } = {},
): Promise<void> {
  while (!options.cancelled?.() && (await unappliedFactDeletes(store)) > 0)
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
}

/** One complaint case in its current state, as `case_facts` stores it. */
export interface CaseFact {
  case_id: number;
  item_id: number;
  department_id: number;
  branch_id: number;
  team_id: number;
  stage_id: number;
  officer_id: number;
  subject_kind: 'BRANCH' | 'TEAM' | 'STAGE' | 'OFFICER';
  level: number;
  status: string;
  /** Empty until concluded. */
  finding: string;
  opened_at: string;
  conclude_due_at: string;
  concluded_at: string | null;
  answered_at: string | null;
  closed_at: string | null;
  escalated: number;
  /** 1 when concluded no later than the conclude deadline, as Postgres decided it (the case lifecycle). */
  concluded_on_time: number;
  version: number;
}

export async function insertCaseFacts(
  store: AnalyticsStore,
  rows: CaseFact[],
  deduplicationToken: string,
): Promise<void> {
  await insertFacts(store, 'case_facts', rows, deduplicationToken);
}

export async function countRatingFacts(store: AnalyticsStore): Promise<number> {
  const result = await store.client.query({
    query: 'SELECT count() AS n FROM rating_facts WHERE is_deleted = 0',
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: string }>();
  return Number(row.n);
}

/** Empties the fact tables (before a rebuild from Postgres). */
export async function truncateRatingFacts(store: AnalyticsStore): Promise<void> {
  await store.client.command({ query: `TRUNCATE TABLE IF EXISTS ${storageTable('rating_facts', store.cluster)}` });
  await store.client.command({ query: `TRUNCATE TABLE IF EXISTS ${storageTable('case_facts', store.cluster)}` });
}
