// The ClickHouse DDL for a cluster (CLICKHOUSE_CLUSTER): rendered from the real migration files,
// checked for shape, and parsed by the real ClickHouse parser (chDB's formatQuery). There is no
// Keeper here, so the tables are not created; what runs on a cluster is exactly this text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouse, type AnalyticsStore } from '../../analytics/clickhouse.js';
import { renderForCluster, schemaMigrationsDdl, storageTable } from '../../analytics/cluster-ddl.js';
import { defaultMigrationsDir, orderMigrations, splitStatements } from '../../analytics/migrate.js';
import { loadConfig } from '../../api/config.js';

const target = { cluster: 'sqa', database: 'customs_sqa' };
const dir = defaultMigrationsDir();
const rendered = orderMigrations(fs.readdirSync(dir)).map((file) => ({
  name: file.name,
  statements: renderForCluster(splitStatements(fs.readFileSync(path.join(dir, file.name), 'utf8')), target),
}));
const all = rendered.flatMap((m) => m.statements);

let store: AnalyticsStore;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-cluster-ddl-'));
beforeAll(async () => {
  store = await openClickHouse({ mode: 'embedded', dir: tmp, database: 'customs_sqa' });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** ClickHouse's own parser: formatQuery throws on anything it cannot parse. */
async function parses(sql: string): Promise<string> {
  const result = await store.client.query({
    query: 'SELECT formatQuery({q:String}) AS f',
    query_params: { q: sql },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ f: string }>();
  return row.f;
}

describe('cluster DDL from the migrations', () => {
  it('turns each fact table into a replicated local table and a Distributed table of the same name', () => {
    for (const table of ['rating_facts', 'case_facts']) {
      const local = all.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${table}_local ON CLUSTER sqa`));
      const distributed = all.find((s) =>
        s.startsWith(`CREATE TABLE IF NOT EXISTS ${table} ON CLUSTER sqa AS ${table}_local`),
      );
      expect(local).toMatch(
        /ENGINE = ReplicatedReplacingMergeTree\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/\{table\}', '\{replica\}', version/,
      );
      expect(local).toMatch(/replicated_deduplication_window = 1000/);
      expect(local).not.toMatch(/non_replicated/);
      expect(distributed).toBe(
        `CREATE TABLE IF NOT EXISTS ${table} ON CLUSTER sqa AS ${table}_local\nENGINE = Distributed(sqa, customs_sqa, ${table}_local, sipHash64(department_id))`,
      );
    }
    expect(all.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS rating_facts_local'))).toMatch(
      /ReplacingMergeTree\([^)]*version, is_deleted\)/,
    );
    // The one statement without ON CLUSTER copies rows between two Distributed tables, which
    // reach every shard themselves.
    expect(all.filter((s) => !/ ON CLUSTER sqa\b/.test(s)).map((s) => s.slice(0, 35))).toEqual([
      'INSERT INTO rating_facts_by_quarter',
    ]);
  });

  it('keeps every column, constraint, partition and sorting key of the single-node table', () => {
    const single = splitStatements(fs.readFileSync(path.join(dir, '001_rating_facts.sql'), 'utf8'))[0];
    const local = all.find((s) => s.includes('rating_facts_local ON CLUSTER'))!;
    const body = (sql: string) => sql.slice(sql.indexOf('('), sql.indexOf('ENGINE'));
    expect(body(local).trim()).toBe(body(single).trim());
    expect(local).toContain('PARTITION BY toYYYYMM(rated_at)');
    expect(local).toContain(
      'ORDER BY (department_id, branch_id, toDate(rated_at), team_id, stage_id, officer_id, item_id)',
    );
  });

  it('is accepted by the ClickHouse parser, statement by statement', async () => {
    await expect(parses('CREATE TABLE t ON CLUSTER sqa (a UInt8) ENGINE = Distributed(')).rejects.toThrow(
      /SYNTAX_ERROR|Syntax error/,
    );
    // Tables and column changes become two statements each; the rollup lives in the local tables only.
    const rollups = ['090_rating_rollups.sql', '110_rating_rollup_department_month.sql'].flatMap(
      (name) => rendered.find((m) => m.name === name)!.statements,
    );
    expect(rollups.length).toBe(3 + 2);
    for (const statement of rollups) expect(statement).toMatch(/^ALTER TABLE rating_facts_local ON CLUSTER sqa /);
    const byQuarter = rendered.find((m) => m.name === '100_rating_facts_by_quarter.sql')!.statements;
    expect(byQuarter.length).toBe(2 + 2 + 1 + 1 + 2);
    expect(all.length).toBe((rendered.length - 3) * 2 + rollups.length + byQuarter.length);
    for (const statement of [...all, schemaMigrationsDdl('sqa')]) {
      const formatted = await parses(statement);
      expect(formatted).toMatch(
        statement.startsWith('INSERT') ? /parallel_distributed_insert_select/ : /ON CLUSTER sqa/,
      );
    }
  });

  it('rebuilds the facts under a new partition key on the local tables, shard by shard', async () => {
    const statements = rendered.find((m) => m.name === '100_rating_facts_by_quarter.sql')!.statements;
    expect(statements[0]).toBe('DROP TABLE IF EXISTS rating_facts_by_quarter ON CLUSTER sqa SYNC');
    expect(statements[1]).toBe('DROP TABLE IF EXISTS rating_facts_by_quarter_local ON CLUSTER sqa SYNC');
    // The structure (columns, constraint, projection p_month) is the shard's own local table's.
    expect(statements[2]).toMatch(
      /^CREATE TABLE rating_facts_by_quarter_local ON CLUSTER sqa AS rating_facts_local\nENGINE = ReplicatedReplacingMergeTree\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/\{table\}', '\{replica\}', version, is_deleted\)\n/,
    );
    expect(statements[2]).toContain('PARTITION BY toStartOfQuarter(rated_at)');
    expect(statements[2]).toContain('replicated_deduplication_window = 1000');
    expect(statements[3]).toMatch(
      /^CREATE TABLE rating_facts_by_quarter ON CLUSTER sqa AS rating_facts_by_quarter_local\nENGINE = Distributed\(sqa, customs_sqa, rating_facts_by_quarter_local, sipHash64\(department_id\)\)$/,
    );
    expect(statements[4]).toMatch(/^INSERT INTO rating_facts_by_quarter\s/);
    expect(statements[4]).toMatch(
      /FROM rating_facts\nSETTINGS parallel_distributed_insert_select = 2, distributed_foreground_insert = 1$/,
    );
    expect(statements[5]).toBe('EXCHANGE TABLES rating_facts_local AND rating_facts_by_quarter_local ON CLUSTER sqa');
    expect(statements.slice(6)).toEqual([
      'DROP TABLE rating_facts_by_quarter ON CLUSTER sqa SYNC',
      'DROP TABLE rating_facts_by_quarter_local ON CLUSTER sqa SYNC',
    ]);
  });

  it('sends column changes to both tables and other ALTERs to the local table only', async () => {
    const columns = renderForCluster(
      ["ALTER TABLE rating_facts ADD COLUMN IF NOT EXISTS source LowCardinality(String) DEFAULT ''"],
      target,
    );
    expect(columns).toEqual([
      "ALTER TABLE rating_facts_local ON CLUSTER sqa ADD COLUMN IF NOT EXISTS source LowCardinality(String) DEFAULT ''",
      "ALTER TABLE rating_facts ON CLUSTER sqa ADD COLUMN IF NOT EXISTS source LowCardinality(String) DEFAULT ''",
    ]);
    const index = renderForCluster(
      ['ALTER TABLE rating_facts ADD INDEX level_idx level TYPE minmax GRANULARITY 4'],
      target,
    );
    expect(index).toEqual([
      'ALTER TABLE rating_facts_local ON CLUSTER sqa ADD INDEX level_idx level TYPE minmax GRANULARITY 4',
    ]);
    for (const statement of [...columns, ...index]) await parses(statement);
  });

  it('refuses statements it does not know how to spread over a cluster', () => {
    expect(() => renderForCluster(['CREATE MATERIALIZED VIEW mv TO t AS SELECT 1'], target)).toThrow(/cannot render/);
    expect(() => renderForCluster(['CREATE TABLE t (a UInt8) ENGINE = Memory'], target)).toThrow(/cannot render/);
    expect(() => renderForCluster(['SELECT 1'], { cluster: 'bad name; DROP', database: 'x' })).toThrow(
      /Invalid ClickHouse cluster name/,
    );
  });

  it('empties the replicated local tables on a rebuild, the plain table on one node', async () => {
    expect(storageTable('rating_facts', 'sqa')).toBe('rating_facts_local ON CLUSTER sqa');
    expect(storageTable('rating_facts', null)).toBe('rating_facts');
    expect(await parses(`TRUNCATE TABLE IF EXISTS ${storageTable('rating_facts', 'sqa')}`)).toMatch(/ON CLUSTER sqa/);
  });
});

describe('CLICKHOUSE_CLUSTER', () => {
  it('selects cluster mode for a ClickHouse server', () => {
    const config = loadConfig({ CLICKHOUSE_URL: 'http://ch1:8123', CLICKHOUSE_CLUSTER: 'sqa' });
    expect(config.clickhouse).toMatchObject({ mode: 'server', cluster: 'sqa' });
    expect(loadConfig({ CLICKHOUSE_URL: 'http://ch1:8123' }).clickhouse).toMatchObject({ cluster: null });
  });

  it('is refused with embedded chDB and for names that are not identifiers', () => {
    expect(() => loadConfig({ CLICKHOUSE_CLUSTER: 'sqa' })).toThrow(/needs CLICKHOUSE_URL/);
    expect(() => loadConfig({ CLICKHOUSE_URL: 'http://ch1:8123', CLICKHOUSE_CLUSTER: 'a-b' })).toThrow(
      /CLICKHOUSE_CLUSTER/,
    );
  });
});
