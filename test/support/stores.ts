/**
 * Real stores for a test file: Postgres is in-memory PGlite, or, when DATABASE_URL is set, a fresh
 * database created on that server for this file and dropped afterwards; ClickHouse is chDB in a
 * fresh temporary directory. Nothing is mocked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { loadConfig, type Config } from '../../api/config.js';
import type { OpenDatabaseOptions } from '../../api/db/orm.js';
import { ensureDemoAccounts, seedDemo, type SeedSummary } from '../../api/db/seed/demo-seed.js';
import { openStores, type Stores } from '../../api/stores.js';

export const FIXED_UNTIL = new Date('2026-07-01T00:00:00+07:00');

export interface TestStores extends Stores {
  config: Config;
  em(): EntityManager;
  seed(scale?: number, seed?: number): Promise<SeedSummary>;
}

export async function openTestStores(options: OpenDatabaseOptions = {}): Promise<TestStores> {
  const base = loadConfig({ ...process.env, PORT: '0' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-test-'));
  let dropDatabase = async () => {};
  let postgres: Config['postgres'] = { mode: 'embedded', dir: path.join(dir, 'pg') };
  if (base.postgres.mode === 'server') {
    const name = `sqa_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await adminQuery(base.postgres.url, `create database "${name}"`);
    const url = new URL(base.postgres.url);
    url.pathname = `/${name}`;
    postgres = { mode: 'server', url: url.toString() };
    dropDatabase = () =>
      adminQuery(
        base.postgres.mode === 'server' ? base.postgres.url : '',
        `drop database if exists "${name}" with (force)`,
      );
  }
  const config: Config = {
    ...base,
    dataDir: dir,
    postgres,
    clickhouse: { mode: 'embedded', dir: path.join(dir, 'ch'), database: 'customs_sqa' },
  };
  const stores = await openStores(config, { inMemory: true, ...options });
  return {
    ...stores,
    config,
    em: () => stores.db.orm.em.fork(),
    async seed(scale = 0.02, seed = 7) {
      const em = stores.db.orm.em.fork() as EntityManager;
      const summary = await seedDemo(em, { seed, scale, until: FIXED_UNTIL });
      await ensureDemoAccounts(em);
      return summary;
    },
    async close() {
      await stores.close();
      await dropDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Row counts of the operational tables, to prove a refused write changed nothing. */
export async function tableCounts(em: EntityManager): Promise<Record<string, number>> {
  const tables = [
    'enterprise',
    'declaration',
    'handling_record',
    'officer',
    'team',
    'branch',
    'api_key',
    'account',
    'session',
    'assessment',
    'assessment_item',
    'outbox_event',
    'rating_reminder',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await em.getConnection().execute<{ n: string }[]>(`select count(*) as n from "${t}"`);
    out[t] = Number(row.n);
  }
  return out;
}
