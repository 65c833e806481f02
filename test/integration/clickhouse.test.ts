// The analytics store on a real embedded chDB: opening, migrations, typed parameters, the
// Asia/Ho_Chi_Minh calendar and batch deduplication. chDB runs one engine per process, so this
// file opens exactly one store (vitest gives each file its own forked process).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouse, type AnalyticsStore } from '../../analytics/clickhouse.js';
import { defaultMigrationsDir, migrateClickHouse, splitStatements } from '../../analytics/migrate.js';
import {
  deleteSupersededFacts,
  MAX_UNAPPLIED_FACT_DELETES,
  supersededFactsGone,
  unappliedFactDeletes,
  type RatingFact as IngestFact,
} from '../../analytics/ingest.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fact as the tests insert it: the ingest shape, with a Date and the deletion flag. */
type RatingFact = Omit<IngestFact, 'rated_at'> & { rated_at: Date; is_deleted: number };

let nextItemId = 1;
function ratingFact(overrides: Partial<RatingFact> = {}): RatingFact {
  const item_id = nextItemId++;
  return {
    department_id: 1,
    branch_id: 10,
    team_id: 0,
    stage_id: 0,
    officer_id: 0,
    subject_kind: 'BRANCH',
    item_id,
    form_id: 1000 + item_id,
    declaration_id: 104_000_000_000 + item_id,
    enterprise_id: 7,
    channel: 'GREEN',
    phase: 'DURING',
    level: 5,
    reason_codes: [],
    has_comment: 0,
    rated_at: new Date('2026-03-10T03:00:00Z'),
    version: 1,
    is_deleted: 0,
    ...overrides,
  };
}

// A second process owning the directory, as when customs-sqa is already running.
function holdDirectoryInChild(dir: string): Promise<ChildProcess> {
  const script =
    `import { Session } from 'chdb'; const s = new Session(${JSON.stringify(dir)}); ` +
    `s.query('SELECT 1'); console.log('ready'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child chDB did not start')), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`child chDB exited early with ${code}`)));
  });
}

// Runs before any store is open here: a process with an open chDB directory could not even try.
it('explains that the embedded directory is held by another process', async () => {
  const dir = tempDir('sqa-ch-held-');
  const child = await holdDirectoryInChild(dir);
  try {
    await expect(openClickHouse({ mode: 'embedded', dir, database: 'sqa' })).rejects.toThrow(
      `The embedded ClickHouse directory ${dir} is in use by another process (is customs-sqa already running?). ` +
        'Stop it, or set CLICKHOUSE_URL.',
    );
  } finally {
    child.kill();
  }
}, 30_000);

it('rejects a database name that is not a plain identifier before touching the engine', async () => {
  await expect(
    openClickHouse({ mode: 'embedded', dir: tempDir('sqa-ch-bad-'), database: 'sqa; DROP' }),
  ).rejects.toThrow(/Invalid ClickHouse database name/);
});

describe('embedded store', () => {
  let store: AnalyticsStore;

  beforeAll(async () => {
    store = await openClickHouse({ mode: 'embedded', dir: path.join(tempDir('sqa-ch-'), 'ch'), database: 'sqa_test' });
  }, 30_000);

  afterAll(async () => {
    await store?.close();
  });

  async function rows<T>(query: string, query_params?: Record<string, unknown>): Promise<T[]> {
    const rs = await store.client.query({ query, query_params, format: 'JSONEachRow' });
    return rs.json<T>();
  }

  it('answers ping and reports the engine version', async () => {
    expect(await store.ping()).toBe(true);
    expect(store.mode).toBe('embedded');
    expect(store.version).toMatch(/^\d+\.\d+/);
  });

  it('binds the client to its database', async () => {
    expect(await rows('SELECT currentDatabase() AS db')).toEqual([{ db: 'sqa_test' }]);
  });

  it('applies every migration on the first run and nothing on the second', async () => {
    expect(await migrateClickHouse(store)).toEqual([
      '001_rating_facts.sql',
      '002_case_facts.sql',
      '030_rating_comments.sql',
      '080_case_on_time.sql',
      '090_rating_rollups.sql',
      '100_rating_facts_by_quarter.sql',
      '110_rating_rollup_department_month.sql',
    ]);
    expect(await migrateClickHouse(store)).toEqual([]);
    const tables = await rows<{ name: string; engine: string }>(
      'SELECT name, engine FROM system.tables WHERE database = {db:String} ORDER BY name',
      { db: store.database },
    );
    expect(tables).toEqual([
      { name: 'case_facts', engine: 'ReplacingMergeTree' },
      { name: 'rating_facts', engine: 'ReplacingMergeTree' },
      { name: 'schema_migrations', engine: 'MergeTree' },
    ]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = tempDir('sqa-ch-mig-');
    const file = path.join(dir, '900_checksum_probe.sql');
    fs.writeFileSync(file, 'CREATE TABLE IF NOT EXISTS checksum_probe (x UInt8) ENGINE = Memory;\n');
    expect(await migrateClickHouse(store, dir)).toEqual(['900_checksum_probe.sql']);
    fs.appendFileSync(file, '-- edited\n');
    await expect(migrateClickHouse(store, dir)).rejects.toThrow(
      /900_checksum_probe.sql was changed after it was applied/,
    );
  });

  it('stores facts and reads them back through typed parameters, 64-bit ids as strings', async () => {
    const facts = [
      ratingFact({
        branch_id: 21,
        subject_kind: 'OFFICER',
        team_id: 3,
        officer_id: 44,
        level: 2,
        reason_codes: ['SLOW', 'RUDE'],
        has_comment: 1,
      }),
      ratingFact({ branch_id: 21, subject_kind: 'STAGE', stage_id: 5, level: 4 }),
      ratingFact({ branch_id: 22, level: 1 }),
    ];
    await store.client.insert({ table: 'rating_facts', values: facts, format: 'JSONEachRow' });

    const found = await rows<{
      item_id: string;
      declaration_id: string;
      subject_kind: string;
      level: number;
      reason_codes: string[];
      rated_ms: string;
    }>(
      `SELECT item_id, declaration_id, subject_kind, level, reason_codes, toUnixTimestamp64Milli(rated_at) AS rated_ms
       FROM rating_facts WHERE branch_id = {branch:UInt32} AND level <= {maxLevel:UInt8} ORDER BY item_id`,
      { branch: 21, maxLevel: 5 },
    );
    expect(found).toEqual([
      {
        item_id: String(facts[0].item_id),
        declaration_id: String(facts[0].declaration_id),
        subject_kind: 'OFFICER',
        level: 2,
        reason_codes: ['SLOW', 'RUDE'],
        rated_ms: String(facts[0].rated_at.getTime()),
      },
      {
        item_id: String(facts[1].item_id),
        declaration_id: String(facts[1].declaration_id),
        subject_kind: 'STAGE',
        level: 4,
        reason_codes: [],
        rated_ms: String(facts[1].rated_at.getTime()),
      },
    ]);
  });

  it('rejects a level outside 1-5', async () => {
    await expect(
      store.client.insert({
        table: 'rating_facts',
        values: [ratingFact({ branch_id: 23, level: 6 })],
        format: 'JSONEachRow',
      }),
    ).rejects.toThrow(/level_is_1_to_5/);
  });

  it('groups months in Asia/Ho_Chi_Minh time: 2026-01-31T17:30Z is February', async () => {
    await store.client.insert({
      table: 'rating_facts',
      values: [
        ratingFact({ branch_id: 31, rated_at: new Date('2026-01-31T16:59:59Z') }), // 23:59:59 on 31 Jan in Hanoi
        ratingFact({ branch_id: 31, rated_at: new Date('2026-01-31T17:30:00Z') }), // 00:30 on 1 Feb in Hanoi
      ],
      format: 'JSONEachRow',
    });
    const months = await rows<{ month: string; day: string; n: string }>(
      `SELECT toStartOfMonth(rated_at) AS month, toDate(rated_at) AS day, count() AS n
       FROM rating_facts WHERE branch_id = {branch:UInt32} GROUP BY month, day ORDER BY month`,
      { branch: 31 },
    );
    expect(months).toEqual([
      { month: '2026-01-01', day: '2026-01-31', n: '1' },
      { month: '2026-02-01', day: '2026-02-01', n: '1' },
    ]);
    // The partition (a quarter, 100_rating_facts_by_quarter.sql) follows the same calendar, so a
    // quarter's report reads one partition: 31 March 23:59:59 and 1 April 00:30 in Hanoi fall apart.
    await store.client.insert({
      table: 'rating_facts',
      values: [
        ratingFact({ branch_id: 32, rated_at: new Date('2026-03-31T16:59:59Z') }),
        ratingFact({ branch_id: 32, rated_at: new Date('2026-03-31T17:30:00Z') }),
      ],
      format: 'JSONEachRow',
    });
    const partitions = await rows<{ partition: string }>(
      `SELECT DISTINCT _partition_id AS partition FROM rating_facts WHERE branch_id = {branch:UInt32} ORDER BY partition`,
      { branch: 32 },
    );
    expect(partitions.map((p) => p.partition)).toEqual(['20260101', '20260401']);
  });

  it('keeps one copy of a batch replayed with the same insert_deduplication_token', async () => {
    const batch = [
      ratingFact({ branch_id: 41 }),
      ratingFact({ branch_id: 41, level: 3 }),
      ratingFact({ branch_id: 41, level: 1 }),
    ];
    const count = async (final = '') =>
      (
        await rows<{ n: string }>(`SELECT count() AS n FROM rating_facts ${final} WHERE branch_id = {branch:UInt32}`, {
          branch: 41,
        })
      )[0].n;

    for (let i = 0; i < 2; i++) {
      await store.client.insert({
        table: 'rating_facts',
        values: batch,
        format: 'JSONEachRow',
        clickhouse_settings: { insert_deduplication_token: 'outbox-batch-41' },
      });
    }
    expect(await count()).toBe('3');

    // A replay under a new token gets through; ReplacingMergeTree is the net that collapses it.
    await store.client.insert({
      table: 'rating_facts',
      values: batch,
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: 'outbox-batch-41-retry' },
    });
    expect(await count()).toBe('6');
    expect(await count('FINAL')).toBe('3');
  });

  it("does not carry one insert's deduplication token into the next insert", async () => {
    await store.client.insert({
      table: 'rating_facts',
      values: [ratingFact({ branch_id: 51 })],
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: 'outbox-batch-51' },
    });
    expect(await rows("SELECT getSetting('insert_deduplication_token') AS token")).toEqual([{ token: '' }]);
    // Had the token stuck to the session, this different row would be dropped as a duplicate.
    await store.client.insert({
      table: 'rating_facts',
      values: [ratingFact({ branch_id: 51, level: 2 })],
      format: 'JSONEachRow',
    });
    expect(
      await rows('SELECT count() AS n FROM rating_facts WHERE branch_id = {branch:UInt32}', { branch: 51 }),
    ).toEqual([{ n: '2' }]);
  });

  it('rebuilds rating_facts under its partition key (migration 100) with every row, column, constraint and the rollup, and can run again', async () => {
    await store.client.insert({
      table: 'rating_facts',
      values: [
        ratingFact({ branch_id: 61, comment: 'Cán bộ Đức rất nhiệt tình!', has_comment: 1 }),
        ratingFact({ branch_id: 61, level: 1, rated_at: new Date('2025-11-02T01:00:00Z') }),
        ratingFact({ branch_id: 61, level: 3, subject_kind: 'OFFICER', officer_id: 6101, reason_codes: ['SLOW'] }),
      ],
      format: 'JSONEachRow',
    });
    const everything = () => rows<unknown>('SELECT *, comment_norm FROM rating_facts ORDER BY item_id, version');
    const before = await everything();
    expect(before.length).toBeGreaterThanOrEqual(3);
    const sql = fs.readFileSync(path.join(defaultMigrationsDir(), '100_rating_facts_by_quarter.sql'), 'utf8');
    for (const statement of splitStatements(sql)) await store.client.command({ query: statement });
    expect(await everything()).toEqual(before);
    const [{ statement }] = await rows<{ statement: string }>('SHOW CREATE TABLE rating_facts');
    expect(statement).toContain('PARTITION BY toStartOfQuarter(rated_at)');
    expect(statement).toContain('PROJECTION p_month');
    expect(statement).toContain('PROJECTION p_department_month');
    expect(statement).toMatch(/`comment_norm` String MATERIALIZED/);
    expect(statement).toContain("lightweight_mutation_projection_mode = 'rebuild'");
    expect(
      await rows("SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'rating_facts%'"),
    ).toEqual([{ name: 'rating_facts' }]);
    await expect(
      store.client.insert({ table: 'rating_facts', values: [ratingFact({ level: 6 })], format: 'JSONEachRow' }),
    ).rejects.toThrow(/level_is_1_to_5/);
  });

  it("registers a re-versioned declaration's delete without waiting for the parts to be rewritten, and waits once too many are pending", async () => {
    const branch = 71;
    const declaration = (n: number) => 105_000_000_000 + n;
    const versionOne = Array.from({ length: MAX_UNAPPLIED_FACT_DELETES + 1 }, (_, i) => i + 1).flatMap((n) => [
      ratingFact({ branch_id: branch, declaration_id: declaration(n), level: 1 }),
      ratingFact({
        branch_id: branch,
        declaration_id: declaration(n),
        level: 2,
        rated_at: new Date('2026-04-02T01:00:00Z'),
      }),
    ]);
    await store.client.insert({ table: 'rating_facts', values: versionOne, format: 'JSONEachRow' });
    // The new version of declaration 1: both its ratings now 5★.
    await store.client.insert({
      table: 'rating_facts',
      values: versionOne.slice(0, 2).map((f) => ({ ...f, level: 5, version: 2 })),
      format: 'JSONEachRow',
    });
    const levels = async () =>
      (
        await rows<{ level: number; n: string }>(
          'SELECT level, count() AS n FROM rating_facts WHERE branch_id = {branch:UInt32} AND is_deleted = 0 GROUP BY level ORDER BY level',
          { branch },
        )
      ).map((r) => `${r.level}:${r.n}`);
    const settled = (p: Promise<unknown>, ms: number) =>
      Promise.race([p.then(() => 'done'), new Promise((r) => setTimeout(() => r('pending'), ms))]);
    const all = MAX_UNAPPLIED_FACT_DELETES + 1;
    expect(await levels()).toEqual([`1:${all}`, `2:${all}`, '5:2']);

    // Merges (and with them mutations) stopped: a delete that waited for its parts would not return.
    await store.client.command({ query: 'SYSTEM STOP MERGES rating_facts' });
    try {
      expect(await settled(deleteSupersededFacts(store, [{ declarationId: declaration(1), version: 2 }]), 10_000)).toBe(
        'done',
      );
      expect(await unappliedFactDeletes(store)).toBe(1);
      // Registered, not applied: both versions still count.
      expect(await levels()).toEqual([`1:${all}`, `2:${all}`, '5:2']);
      const gone = supersededFactsGone(store, { pollMs: 20 });
      for (let n = 2; n <= MAX_UNAPPLIED_FACT_DELETES; n++)
        await deleteSupersededFacts(store, [{ declarationId: declaration(n), version: 2 }]);
      expect(await unappliedFactDeletes(store)).toBe(MAX_UNAPPLIED_FACT_DELETES);
      const oneTooMany = deleteSupersededFacts(store, [{ declarationId: declaration(all), version: 2 }]);
      expect(await settled(oneTooMany, 1_000)).toBe('pending');
      expect(await settled(gone, 0)).toBe('pending');
      await store.client.command({ query: 'SYSTEM START MERGES rating_facts' });
      await oneTooMany;
      await gone;
      expect(await unappliedFactDeletes(store)).toBe(0);
    } finally {
      await store.client.command({ query: 'SYSTEM START MERGES rating_facts' });
    }
    // Declaration 1 keeps its new version; the others had no newer one, so all their facts went.
    expect(await levels()).toEqual(['5:2']);
  }, 60_000);

  it('close() is idempotent and ping() then answers false', async () => {
    await store.close();
    await store.close();
    expect(await store.ping()).toBe(false);
  });
});
