/**
 * Opens MikroORM on either embedded PGlite or a Postgres server, with the same entities and
 * migrations, and applies pending migrations.
 */
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { Config } from '../config.js';
import { openEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';
import { PGliteDialect } from './pglite-dialect.js';

export interface Database {
  orm: MikroORM;
  mode: 'embedded' | 'server';
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
  }
  await orm.migrator.up();
  return {
    orm,
    mode: pg.mode,
    async ping() {
      try {
        await orm.em.getConnection().execute('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await orm.close(true);
      await embedded?.close();
    },
  };
}
