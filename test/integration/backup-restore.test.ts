/**
 * Backup and restore as README § Production describes them, on the PostgreSQL server: `pg_dump`
 * of a seeded database, `pg_restore` into an empty one, ClickHouse rebuilt from the restored
 * Postgres into an empty store, and the restored figures checked against the original. (Embedded
 * PGlite is backed up by copying DATA_DIR with the server stopped; this test needs the server.)
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { countRatingFacts } from '../../analytics/ingest.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { openStores, type Stores } from '../../api/stores.js';
import { openTestStores, tableCounts, type TestStores } from '../support/stores.js';

const run = promisify(execFile);
const onServer = Boolean(process.env.DATABASE_URL);
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function admin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function facts(stores: Stores): Promise<{ n: number; levels: number }> {
  const result = await stores.analytics.client.query({
    query: 'SELECT count() AS n, sum(level) AS levels FROM rating_facts FINAL',
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: string; levels: string }>();
  return { n: Number(row.n), levels: Number(row.levels) };
}

describe.skipIf(!onServer)('backup and restore (PostgreSQL server)', () => {
  it('restores a pg_dump into an empty database and rebuilds ClickHouse to the same figures', async () => {
    const source: TestStores = await openTestStores();
    let sourceOpen = true;
    cleanups.push(async () => {
      if (sourceOpen) await source.close();
    });
    await source.seed(0.05);
    await rebuildRatingFacts(source.em(), source.analytics);
    const original = { tables: await tableCounts(source.em()), facts: await facts(source) };
    expect(original.facts.n).toBeGreaterThan(100);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-backup-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const dump = path.join(dir, 'customs-sqa.dump');
    const sourceUrl = source.config.postgres.mode === 'server' ? source.config.postgres.url : '';
    let started = Date.now();
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, sourceUrl], { timeout: 120_000 });
    const dumpMs = Date.now() - started;
    // One chDB directory per process: the original store closes (and its database is dropped) first.
    await source.close();
    sourceOpen = false;

    const target = new URL(sourceUrl);
    const name = `sqa_restore_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const serverUrl = process.env.DATABASE_URL!;
    await admin(serverUrl, `create database "${name}"`);
    cleanups.push(() => admin(serverUrl, `drop database if exists "${name}" with (force)`));
    target.pathname = `/${name}`;
    started = Date.now();
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.toString()}`, dump], {
      timeout: 120_000,
    });
    const restoreMs = Date.now() - started;

    const restored = await openStores({
      postgres: { mode: 'server', url: target.toString() },
      clickhouse: { mode: 'embedded', dir: path.join(dir, 'ch'), database: 'customs_sqa' },
    });
    cleanups.push(() => restored.close());
    expect(await countRatingFacts(restored.analytics)).toBe(0);
    started = Date.now();
    const rebuilt = await rebuildRatingFacts(restored.db.orm.em.fork(), restored.analytics);
    const rebuildMs = Date.now() - started;

    expect(await tableCounts(restored.db.orm.em.fork())).toEqual(original.tables);
    expect(await facts(restored)).toEqual(original.facts);
    expect(rebuilt).toBe(original.facts.n);
    console.log(
      `BACKUP REPORT: dump ${(fs.statSync(dump).size / 1024).toFixed(0)} KiB in ${dumpMs} ms, restore ${restoreMs} ms, ` +
        `rebuild ${rebuilt} rating facts in ${rebuildMs} ms; ${original.tables.declaration} declarations, ${original.tables.assessment} forms`,
    );
  }, 300_000);
});
