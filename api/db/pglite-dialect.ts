/**
 * A Kysely dialect over PGlite, so MikroORM 7 (which speaks Kysely) can use embedded Postgres.
 *
 * PGlite is a single connection. MikroORM may run several transactions at once (one per request),
 * so the driver hands the connection out to one holder at a time: the others wait in a queue.
 * Without that, a second request's statement would land inside the first one's open transaction.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

// Parse results the way MikroORM's pg setup does: dates, timestamps and intervals stay strings
// (MikroORM converts them), 64-bit integers and numerics stay strings (no silent precision loss).
const ACQUIRE_TIMEOUT_MS = 30_000;

const RAW_TEXT_TYPES = [20, 1082, 1114, 1184, 1186, 1700];
const rawParsers = Object.fromEntries(RAW_TEXT_TYPES.map((oid) => [oid, (v: string) => v]));

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly db: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.db.query<R>(compiled.sql, compiled.parameters as unknown[], { parsers: rawParsers });
    const affected = result.affectedRows;
    return {
      rows: result.rows ?? [],
      numAffectedRows: affected !== undefined && result.fields.length === 0 ? BigInt(affected) : undefined,
    };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // PGlite has no cursors over the wire; a stream is the whole result in one chunk.
    yield await this.executeQuery<R>(compiled);
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private tail: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;

  constructor(private readonly db: PGlite) {
    this.connection = new PGliteConnection(db);
  }

  async init(): Promise<void> {
    await this.db.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    // A statement issued outside the transaction that holds the connection would wait for it
    // forever; fail loudly instead, so the bug shows up as an error rather than a hang.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Waited ${ACQUIRE_TIMEOUT_MS / 1000} s for the embedded Postgres connection: is a query running outside its transaction?`,
            ),
          ),
        ACQUIRE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([previous, timeout]);
    } catch (error) {
      // Leave the queue consistent: this waiter gives its turn up once its predecessor is done.
      void previous.then(release);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    this.release = release;
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = null;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      sql = 'start transaction';
      if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) sql += ` ${settings.accessMode}`;
    }
    await connection.executeQuery(CompiledQuery.raw(sql));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    _compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`));
  }

  async destroy(): Promise<void> {
    // The owner of the PGlite instance closes it (it may outlive the ORM, e.g. in tests).
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export class PGliteDialect implements Dialect {
  constructor(private readonly db: PGlite) {}
  createDriver(): Driver {
    return new PGliteDriver(this.db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
