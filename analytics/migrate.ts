// Applies the numbered ClickHouse migrations (analytics/migrations/NNN_name.sql) in order and
// records each in `schema_migrations`, so a store is brought up to date by one call at start-up.
//
// Migrations use unqualified table names: the store's client is already bound to its database.
// ClickHouse DDL is not transactional, so a file that fails half-way is re-run from its first
// statement next time: write statements that can run twice (CREATE … IF NOT EXISTS, ADD COLUMN
// IF NOT EXISTS). An applied file must never change (its checksum is compared and the runner
// refuses to continue); add a new file instead. There is no lock: in server mode run migrations
// from one process at a time. With CLICKHOUSE_CLUSTER each file is rendered by cluster-ddl.ts
// (ON CLUSTER, Replicated engines, a Distributed table) before it runs.
//
// The pure parts (naming, ordering, splitting, checksums, finding the folder) are exported so
// they can be tested without a database.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyticsStore } from './clickhouse.js';
import { renderForCluster, schemaMigrationsDdl } from './cluster-ddl.js';

export interface MigrationFile {
  /** File name, e.g. "001_rating_facts.sql"; this is what schema_migrations records. */
  name: string;
  number: number;
}

const MIGRATION_NAME = /^(\d{3,})_([a-z0-9]+(?:_[a-z0-9]+)*)\.sql$/;

export function parseMigrationName(fileName: string): MigrationFile {
  const match = MIGRATION_NAME.exec(fileName);
  if (!match) {
    throw new Error(
      `Bad migration file name ${JSON.stringify(fileName)}: expected NNN_lower_snake_name.sql (at least three digits).`,
    );
  }
  return { name: fileName, number: Number(match[1]) };
}

/**
 * Orders the `.sql` names of a migrations folder by their number (numerically, so 010 follows
 * 002 however many digits are used). Other files are ignored; a badly named `.sql` file or two
 * files with the same number throw rather than being skipped or applied in a surprising order.
 */
export function orderMigrations(fileNames: readonly string[]): MigrationFile[] {
  const files = fileNames.filter((f) => /\.sql$/i.test(f)).map(parseMigrationName);
  files.sort((a, b) => a.number - b.number);
  for (let i = 1; i < files.length; i++) {
    if (files[i].number === files[i - 1].number) {
      throw new Error(`Migrations ${files[i - 1].name} and ${files[i].name} share the number ${files[i].number}.`);
    }
  }
  return files;
}

/**
 * Splits a migration into statements on `;` outside string literals, quoted identifiers and
 * comments, and drops the comments (`--` to end of line, `/* … *\/`), because the client sends
 * one statement per request. Empty statements are dropped.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  const flush = () => {
    const statement = current.trim();
    if (statement !== '') statements.push(statement);
    current = '';
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new Error('Unterminated /* comment in migration.');
      current += ' ';
      i = end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = endOfQuoted(sql, i);
      current += sql.slice(i, end);
      i = end;
    } else if (c === ';') {
      flush();
      i++;
    } else {
      current += c;
      i++;
    }
  }
  flush();
  return statements;
}

// Index just past the closing quote; ClickHouse escapes with a backslash or a doubled quote.
function endOfQuoted(sql: string, start: number): number {
  const quote = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '\\') {
      i += 2;
    } else if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  throw new Error(`Unterminated ${quote} quote in migration.`);
}

/** SHA-256 of the file text with line endings normalised, so a CRLF checkout is not a "change". */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * The migrations folder for a module living in `moduleDir`: `migrations/` next to it when run
 * from source, else the source folder `../../analytics/migrations` when run as
 * `dist/analytics/*.js` (tsc does not copy .sql files).
 */
export function resolveMigrationsDir(moduleDir: string, exists: (p: string) => boolean = fs.existsSync): string {
  const candidates = [
    path.join(moduleDir, 'migrations'),
    path.resolve(moduleDir, '..', '..', 'analytics', 'migrations'),
  ];
  const found = candidates.find((dir) => exists(dir));
  if (!found) throw new Error(`ClickHouse migrations folder not found; looked in ${candidates.join(' and ')}.`);
  return found;
}

export function defaultMigrationsDir(): string {
  return resolveMigrationsDir(path.dirname(fileURLToPath(import.meta.url)));
}

/** Applies pending migrations in order; returns the names applied by this call. */
export async function migrateClickHouse(store: AnalyticsStore, migrationsDir?: string): Promise<string[]> {
  const dir = migrationsDir ?? defaultMigrationsDir();
  const { client } = store;
  await client.command({ query: schemaMigrationsDdl(store.cluster) });
  const rs = await client.query({ query: 'SELECT name, checksum FROM schema_migrations', format: 'JSONEachRow' });
  const applied = new Map((await rs.json<{ name: string; checksum: string }>()).map((r) => [r.name, r.checksum]));

  const files = orderMigrations(fs.readdirSync(dir)).map((file) => {
    const sql = fs.readFileSync(path.join(dir, file.name), 'utf8');
    return { ...file, sql, checksum: migrationChecksum(sql) };
  });
  // Check every applied file before running anything, so an edited history stops start-up cleanly.
  for (const file of files) {
    const recorded = applied.get(file.name);
    if (recorded !== undefined && recorded !== file.checksum) {
      throw new Error(
        `ClickHouse migration ${file.name} was changed after it was applied (checksum ${recorded} in ` +
          `${store.database}.schema_migrations, ${file.checksum} on disk). Restore it and add a new migration instead.`,
      );
    }
  }

  const ran: string[] = [];
  for (const file of files) {
    if (applied.has(file.name)) continue;
    // The checksum is the file's: the cluster rendering is derived from it, not a change to it.
    const statements =
      store.cluster === null
        ? splitStatements(file.sql)
        : renderForCluster(splitStatements(file.sql), { cluster: store.cluster, database: store.database });
    for (const [index, statement] of statements.entries()) {
      try {
        await client.command({ query: statement });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(
          `ClickHouse migration ${file.name} failed at statement ${index + 1} of ${statements.length}: ${message}`,
          { cause: err },
        );
      }
    }
    await client.insert({
      table: 'schema_migrations',
      values: [{ name: file.name, checksum: file.checksum }],
      format: 'JSONEachRow',
    });
    ran.push(file.name);
  }
  return ran;
}
