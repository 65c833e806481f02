/** Postgres (the source of truth) against ClickHouse, form by form and item by item. */
import fs from 'node:fs';
import { openClickHouse, type AnalyticsStore } from '../../../analytics/clickhouse.js';
import type { TestDatabase } from './harness.js';

export interface Agreement {
  postgresForms: number;
  postgresItems: number;
  clickhouseRows: number;
  clickhouseRowsFinal: number;
  /** Items of sent forms missing from ClickHouse, or there with another level/form. */
  mismatchedItems: number;
  /** Item ids in ClickHouse that are not items of sent forms in Postgres. */
  strayItems: number;
  /** Rows beyond one per item, without FINAL (what a merge has not collapsed yet) and with it. */
  duplicates: number;
  duplicatesFinal: number;
  postgresCases: number;
  clickhouseCasesFinal: number;
  mismatchedCases: number;
}

export async function compareStores(db: TestDatabase, ch: AnalyticsStore): Promise<Agreement> {
  const pgItems = await db.query<{ item_id: string; form_id: string; level: number }>(
    `select i.id as item_id, a.id as form_id, i.level from assessment a join assessment_item i on i.assessment_id = a.id where a.status = 'SENT'`,
  );
  const rows = async (final: boolean) => {
    const rs = await ch.client.query({
      query: `SELECT item_id, form_id, level FROM rating_facts ${final ? 'FINAL' : ''} WHERE is_deleted = 0`,
      format: 'JSONEachRow',
    });
    return rs.json<{ item_id: string; form_id: string; level: number }>();
  };
  const plain = await rows(false);
  const final = await rows(true);
  const byItem = new Map(final.map((r) => [String(r.item_id), r]));
  const pgIds = new Set(pgItems.map((r) => String(r.item_id)));
  const mismatchedItems = pgItems.filter((p) => {
    const c = byItem.get(String(p.item_id));
    return !c || String(c.form_id) !== String(p.form_id) || Number(c.level) !== Number(p.level);
  }).length;
  const pgCases = await db.query<{ id: string; version: number }>('select id, version from complaint_case');
  const rsCases = await ch.client.query({
    query: 'SELECT case_id, version FROM case_facts FINAL',
    format: 'JSONEachRow',
  });
  const chCases = new Map(
    (await rsCases.json<{ case_id: string; version: string }>()).map((r) => [String(r.case_id), Number(r.version)]),
  );
  return {
    postgresForms: new Set(pgItems.map((r) => String(r.form_id))).size,
    postgresItems: pgItems.length,
    clickhouseRows: plain.length,
    clickhouseRowsFinal: final.length,
    mismatchedItems,
    strayItems: final.filter((r) => !pgIds.has(String(r.item_id))).length,
    duplicates: plain.length - new Set(plain.map((r) => String(r.item_id))).size,
    duplicatesFinal: final.length - byItem.size,
    postgresCases: pgCases.length,
    clickhouseCasesFinal: chCases.size,
    mismatchedCases: pgCases.filter((c) => chCases.get(String(c.id)) !== Number(c.version)).length,
  };
}

/** Opens the chDB directory a (stopped or killed) server left behind, in this process. */
export async function openLeftChdb(dataDir: string): Promise<AnalyticsStore> {
  const dir = `${dataDir}/ch`;
  if (!fs.existsSync(dir)) throw new Error(`no chDB directory at ${dir}`);
  return openClickHouse({ mode: 'embedded', dir, database: 'customs_sqa' });
}

/** Sent forms per declaration beyond the first: a retried send that made a second form. */
export async function duplicateForms(db: TestDatabase): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    `select count(*) as n from (select declaration_id from assessment where status = 'SENT' group by declaration_id having count(*) > 1) d`,
  );
  return Number(row.n);
}
