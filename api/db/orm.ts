/**
 * Opens MikroORM on either embedded PGlite or a Postgres server, with the same entities and
 * migrations, and applies pending migrations.
 */
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import postgresDriver from 'pg';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { Config } from '../config.js';
import { openEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';
import { PGliteDialect } from './pglite-dialect.js';
import { usePreparedStatements } from './prepared.js';

export interface Database {
  orm: MikroORM;
  mode: 'embedded' | 'server';
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (sent at commit, by any process on the same
   * database); resolves once listening, to a function that stops it.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Receives every SQL statement (tests count queries with it). */
  onQuery?: (sql: string) => void;
  /** Embedded only: `null` keeps PGlite in memory (tests). */
  inMemory?: boolean;
}

export function ormOptions(extra: Partial<Options> = {}): Options {
  return {
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, emit: 'ts', silent: true },
    discovery: { warnWhenNoEntities: true },
    forceUtcTimezone: true,
    // The NOTIFY triggers and their functions are written by hand in a migration (outbox_notify).
    schemaGenerator: { ignoreTriggers: true, ignoreRoutines: true },
    ...extra,
  };
}

export async function openDatabase(pg: Config['postgres'], options: OpenDatabaseOptions = {}): Promise<Database> {
  const logging: Partial<Options> = options.onQuery
    ? { debug: ['query'], logger: (message: string) => options.onQuery!(message) }
    : {};
  let embedded: EmbeddedPostgres | null = null;
  let orm: MikroORM;
  if (pg.mode === 'embedded') {
    embedded = await openEmbeddedPostgres(options.inMemory ? null : pg.dir);
    orm = await MikroORM.init(
      ormOptions({
        ...logging,
        dbName: 'postgres',
        driverOptions: new PGliteDialect(embedded.db),
        pool: { min: 1, max: 1 },
      }),
    );
  } else {
    orm = await MikroORM.init(ormOptions({ ...logging, clientUrl: pg.url, pool: { min: 0, max: 10 } }));
    if (pg.preparedStatements !== false) {
      const connection = orm.em.getConnection();
      usePreparedStatements(connection, await connection.getNativeClient());
    }
  }
  await orm.migrator.up();
  const listeners = new Set<() => Promise<void>>();
  return {
    orm,
    mode: pg.mode,
    async listen(channel, onNotify) {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`Invalid channel ${channel}`);
      let stop: () => Promise<void>;
      if (pg.mode === 'embedded') {
        const unlisten = await embedded!.db.listen(channel, onNotify);
        stop = () => unlisten();
      } else {
        // LISTEN holds its connection for good, so it gets its own rather than one of the pool's.
        const client = new postgresDriver.Client({ connectionString: pg.url });
        client.on('notification', (message) => message.channel === channel && onNotify(message.payload ?? ''));
        client.on('error', () => {}); // a lost listener leaves the caller's polling to catch up
        await client.connect();
        await client.query(`listen ${channel}`);
        stop = () => client.end();
      }
      const once = async () => {
        listeners.delete(once);
        await stop().catch(() => {});
      };
      listeners.add(once);
      return once;
    },
    async ping() {
      try {
        await orm.em.getConnection().execute('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await orm.close(true);
      await embedded?.close();
    },
  };
}
