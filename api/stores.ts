/**
 * Opens both stores for a process (server, relay or CLI) and applies their migrations.
 * Postgres first: if it is locked by a running server, nothing else is touched.
 */
import { openClickHouse, type AnalyticsStore } from '../analytics/clickhouse.js';
import { migrateClickHouse } from '../analytics/migrate.js';
import { withResultCache } from '../analytics/resultCache.js';
import type { Config } from './config.js';
import { openDatabase, type Database, type OpenDatabaseOptions } from './db/orm.js';

export interface Stores {
  db: Database;
  analytics: AnalyticsStore;
  close(): Promise<void>;
}

export async function openStores(
  config: Pick<Config, 'postgres' | 'clickhouse'> & Partial<Pick<Config, 'analyticsCache'>>,
  options: OpenDatabaseOptions = {},
): Promise<Stores> {
  const db = await openDatabase(config.postgres, options);
  let analytics: AnalyticsStore;
  try {
    const opened = await openClickHouse(config.clickhouse);
    await migrateClickHouse(opened);
    // One cache for the process, wrapped around the store the relay writes through, so each
    // delivered batch empties it (a ClickHouse server written by a separate relay: see README).
    analytics = config.analyticsCache ? withResultCache(opened, config.analyticsCache.maxBytes) : opened;
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    db,
    analytics,
    async close() {
      await Promise.allSettled([analytics.close(), db.close()]);
    },
  };
}
