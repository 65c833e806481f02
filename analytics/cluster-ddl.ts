// Renders the numbered ClickHouse migrations for a cluster (CLICKHOUSE_CLUSTER). The .sql files
// are written for one node; on a cluster each table becomes two:
//   <name>_local  ON CLUSTER, Replicated<engine>('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', …)
//   <name>        ON CLUSTER, Distributed(cluster, database, <name>_local, sipHash64(<first sorting column>))
// so every query and insert keeps using the plain name. Rows that ReplacingMergeTree must
// collapse share the whole sorting key, hence its first column: sharding on it puts every copy of
// a row on one shard, where the merge (and FINAL) can see them all. Replicas deduplicate replayed
// blocks by insert_deduplication_token within replicated_deduplication_window.
//
// A table rebuilt under a new key (copy, exchange, drop) works on the local tables, where the rows
// are: DROP TABLE drops both, EXCHANGE TABLES exchanges the local ones, INSERT … SELECT copies
// shard by shard.
//
// Only the statement shapes the migrations use are rendered; anything else throws, so a new kind
// of migration is thought through for the cluster instead of silently running on one node.
import { assertSqlIdentifier } from './clickhouse.js';

export interface ClusterTarget {
  cluster: string;
  database: string;
}

export const LOCAL_SUFFIX = '_local';

/** `CREATE TABLE name (columns) ENGINE …` or `CREATE TABLE name AS other ENGINE …` (other's columns). */
const CREATE_TABLE =
  /^CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([\s\S]*)\)|AS\s+([A-Za-z_][A-Za-z0-9_]*))\s*ENGINE\s*=\s*([A-Za-z]*MergeTree)\s*(?:\(([^)]*)\))?([\s\S]*)$/i;
const ALTER_TABLE = /^ALTER\s+TABLE\s+([A-Za-z_][A-Za-z0-9_]*)\s+([\s\S]+)$/i;
const DROP_TABLE = /^DROP\s+TABLE\s+(IF\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)$/i;
const EXCHANGE_TABLES = /^EXCHANGE\s+TABLES\s+([A-Za-z_][A-Za-z0-9_]*)\s+AND\s+([A-Za-z_][A-Za-z0-9_]*)$/i;
const INSERT_SELECT =
  /^INSERT\s+INTO\s+[A-Za-z_][A-Za-z0-9_]*\b[\s\S]*\bSELECT\b[\s\S]*\bFROM\s+[A-Za-z_][A-Za-z0-9_]*$/i;
const COLUMN_ALTER = /^\s*(ADD|DROP|MODIFY|RENAME|COMMENT)\s+COLUMN\b/i;
const ORDER_BY = /\bORDER\s+BY\s+\(?\s*([A-Za-z_][A-Za-z0-9_]*)/i;

/** The statements of one migration file, as they run on the cluster. */
export function renderForCluster(statements: readonly string[], target: ClusterTarget): string[] {
  const cluster = assertSqlIdentifier(target.cluster, 'ClickHouse cluster name');
  const database = assertSqlIdentifier(target.database, 'ClickHouse database name');
  return statements.flatMap((statement) => renderStatement(statement.trim(), cluster, database));
}

function renderStatement(statement: string, cluster: string, database: string): string[] {
  const create = CREATE_TABLE.exec(statement);
  if (create) {
    const [, ifNotExists = '', name, columns, source, engine, engineArgs, rest] = create;
    const local = `${name}${LOCAL_SUFFIX}`;
    const shardBy = ORDER_BY.exec(rest)?.[1];
    if (!shardBy) throw new Error(`Cluster DDL: table ${name} has no ORDER BY column to shard on.`);
    const replicatedArgs = [
      `'/clickhouse/tables/{shard}/{database}/{table}'`,
      `'{replica}'`,
      ...(engineArgs?.trim() ? [engineArgs.trim()] : []),
    ];
    const settings = rest.replace(/\bnon_replicated_deduplication_window\b/g, 'replicated_deduplication_window');
    const ine = ifNotExists ? 'IF NOT EXISTS ' : '';
    // A copied structure is the other table's local one: its Distributed table has no projections.
    const structure = columns === undefined ? ` AS ${source}${LOCAL_SUFFIX}` : `\n(${columns})`;
    return [
      `CREATE TABLE ${ine}${local} ON CLUSTER ${cluster}${structure}\nENGINE = Replicated${engine}(${replicatedArgs.join(', ')})${settings}`,
      `CREATE TABLE ${ine}${name} ON CLUSTER ${cluster} AS ${local}\nENGINE = Distributed(${cluster}, ${database}, ${local}, sipHash64(${shardBy}))`,
    ];
  }
  const alter = ALTER_TABLE.exec(statement);
  if (alter) {
    const [, name, action] = alter;
    const onLocal = `ALTER TABLE ${name}${LOCAL_SUFFIX} ON CLUSTER ${cluster} ${action}`;
    // A Distributed table has columns but no indexes, TTLs or parts: only column changes reach it.
    const columnsOnly = action.split(/,(?![^(]*\))/).every((part) => COLUMN_ALTER.test(part));
    return columnsOnly ? [onLocal, `ALTER TABLE ${name} ON CLUSTER ${cluster} ${action}`] : [onLocal];
  }
  const drop = DROP_TABLE.exec(statement);
  if (drop) {
    const [, ifExists = '', name] = drop;
    const ie = ifExists ? 'IF EXISTS ' : '';
    // SYNC: the replicated table's Keeper path is gone when it returns, so it can be created again.
    return [
      `DROP TABLE ${ie}${name} ON CLUSTER ${cluster} SYNC`,
      `DROP TABLE ${ie}${name}${LOCAL_SUFFIX} ON CLUSTER ${cluster} SYNC`,
    ];
  }
  const exchange = EXCHANGE_TABLES.exec(statement);
  if (exchange) {
    // The rows are in the local tables; each Distributed table names its local table, so once
    // the local tables are exchanged the Distributed ones point at the exchanged rows.
    const [, a, b] = exchange;
    return [`EXCHANGE TABLES ${a}${LOCAL_SUFFIX} AND ${b}${LOCAL_SUFFIX} ON CLUSTER ${cluster}`];
  }
  if (INSERT_SELECT.test(statement)) {
    // Between two Distributed tables of one cluster, each shard copies its own local rows
    // (both are sharded on the same column), and the statement returns when they are written.
    return [`${statement}\nSETTINGS parallel_distributed_insert_select = 2, distributed_foreground_insert = 1`];
  }
  throw new Error(
    `Cluster DDL: cannot render ${JSON.stringify(statement.slice(0, 60))}… for CLICKHOUSE_CLUSTER; ` +
      `only CREATE TABLE … ENGINE = *MergeTree, ALTER TABLE, DROP TABLE, EXCHANGE TABLES and INSERT … SELECT … FROM a table are supported (extend analytics/cluster-ddl.ts).`,
  );
}

/** The migration history table: one replicated copy shared by every node of the cluster. */
export function schemaMigrationsDdl(cluster: string | null): string {
  const columns = `(name String, applied_at DateTime('UTC') DEFAULT now(), checksum String)`;
  if (cluster === null)
    return `CREATE TABLE IF NOT EXISTS schema_migrations ${columns} ENGINE = MergeTree ORDER BY name`;
  assertSqlIdentifier(cluster, 'ClickHouse cluster name');
  return (
    `CREATE TABLE IF NOT EXISTS schema_migrations ON CLUSTER ${cluster} ${columns} ` +
    `ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/schema_migrations', '{replica}') ORDER BY name`
  );
}

/** The table that holds a fact table's rows on this node: what TRUNCATE must empty. */
export function storageTable(name: string, cluster: string | null): string {
  return cluster === null
    ? name
    : `${name}${LOCAL_SUFFIX} ON CLUSTER ${assertSqlIdentifier(cluster, 'ClickHouse cluster name')}`;
}
