/**
 * The send path's named prepared statements (api/db/prepared.ts): on a Postgres server a statement
 * is prepared once per connection and its parameters travel apart from its text; on PGlite and
 * inside a transaction it runs through the ORM, on the transaction's connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/db/orm.js';
import { executePrepared } from '../../api/db/prepared.js';
import { openTestStores, type TestStores } from '../support/stores.js';

let stores: TestStores;
beforeAll(async () => {
  stores = await openTestStores();
  await stores.em().execute('create table prepared_probe (n int not null, at timestamptz, note text)');
}, 60_000);
afterAll(async () => stores?.close());

// openTestStores uses the PostgreSQL server exactly when DATABASE_URL is set (CI runs both).
const onServer = Boolean(process.env.DATABASE_URL);

describe('executePrepared', () => {
  it('binds numbers, text, instants and nulls as the ORM would write them', async () => {
    const at = new Date('2026-02-16T17:30:00.123Z');
    const sql =
      'select ?::int + 1 as n, ?::text as t, ?::timestamptz = ?::timestamptz as same, ?::text is null as none';
    for (let i = 0; i < 7; i++) {
      // Past five runs Postgres may switch to a generic plan: the answer must not change.
      const [row] = await executePrepared<Record<string, unknown>>(stores.em(), 'sqa_test_echo', sql, [
        41 + i,
        "l'Ô ; drop table prepared_probe",
        at,
        '2026-02-16T17:30:00.123Z',
        null,
      ]);
      expect(row).toEqual({ n: 42 + i, t: "l'Ô ; drop table prepared_probe", same: true, none: true });
    }
  });

  it('prepares the statement under its name on a Postgres server, and not on PGlite', async () => {
    const em = stores.em();
    await executePrepared(em, 'sqa_test_probe_count', 'select count(*)::int as n from prepared_probe where n > ?', [0]);
    // On the server, sequential queries reuse the pool's last idle connection: the one that just
    // prepared it. PGlite has its one connection, which ran the statement through the ORM.
    const prepared = onServer
      ? (
          await (
            await em.getConnection().getNativeClient()
          ).query<{ name: string; statement: string }>(
            'select name, statement from pg_prepared_statements where name = $1',
            ['sqa_test_probe_count'],
          )
        ).rows
      : await em.execute<{ name: string; statement: string }[]>(
          "select name, statement from pg_prepared_statements where name = 'sqa_test_probe_count'",
        );
    expect(prepared).toEqual(
      onServer
        ? [{ name: 'sqa_test_probe_count', statement: 'select count(*)::int as n from prepared_probe where n > $1' }]
        : [],
    );
  });

  it.runIf(onServer)(
    'sends the statement as plain SQL with DATABASE_PREPARED_STATEMENTS=false (a pooler that cannot keep them)',
    async () => {
      const postgres = stores.config.postgres;
      if (postgres.mode !== 'server') throw new Error('DATABASE_URL is set, so the stores are on the server');
      const db = await openDatabase({ ...postgres, preparedStatements: false });
      try {
        const em = db.orm.em.fork();
        const [row] = await executePrepared<{ n: number }>(em, 'sqa_test_unprepared', 'select ?::int * 2 as n', [21]);
        expect(row.n).toBe(42);
        const [seen] = await em.execute<{ n: number }[]>(
          "select count(*)::int as n from pg_prepared_statements where name = 'sqa_test_unprepared'",
        );
        expect(seen.n).toBe(0);
      } finally {
        await db.close();
      }
    },
  );

  it('runs on the transaction it is called in: a rollback takes its write back', async () => {
    await expect(
      stores.em().transactional(async (tx) => {
        await executePrepared(
          tx,
          'sqa_test_probe_insert',
          'insert into prepared_probe (n, at, note) values (?, ?, ?)',
          [7, new Date(), 'rolled back'],
        );
        const [seen] = await tx.execute<{ n: number }[]>(
          "select count(*)::int as n from prepared_probe where note = 'rolled back'",
        );
        expect(seen.n).toBe(1);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const [after] = await stores
      .em()
      .execute<{ n: number }[]>("select count(*)::int as n from prepared_probe where note = 'rolled back'");
    expect(after.n).toBe(0);
  });

  it('refuses a second text under a name already used', async () => {
    const em = stores.em();
    await executePrepared(em, 'sqa_test_one_text', 'select ?::int as n', [1]);
    await expect(executePrepared(em, 'sqa_test_one_text', 'select ?::int + 0 as n', [1])).rejects.toThrow(
      'Prepared statement sqa_test_one_text was given two texts.',
    );
  });
});
