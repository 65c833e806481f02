/**
 * The send path's statements as named prepared statements on a Postgres server. MikroORM writes
 * every parameter into the SQL text, so each send was a new statement that Postgres parsed and
 * planned again (0.55 ms of planning for the form's write alone, more than its execution). Sent
 * by name with its parameters apart, a statement is parsed once per connection, and after a few
 * executions Postgres keeps a generic plan for it (plan_cache_mode = auto).
 *
 * Elsewhere it is the ORM's `execute`: inside a transaction (the statement must run on the
 * transaction's connection), on embedded PGlite (in-process: no round trip to save, and a
 * connection MikroORM does not own), and with DATABASE_PREPARED_STATEMENTS=false, for a pooler
 * in front of Postgres that does not keep prepared statements per client (PgBouncer before 1.21,
 * or without `max_prepared_statements`, in transaction mode).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';

const pools = new WeakMap<object, Pool>();

/** Sends this ORM's prepared statements by name through `pool`, the pool MikroORM built for the server. */
export function usePreparedStatements(connection: object, pool: Pool): void {
  pools.set(connection, pool);
}

/** `?` placeholders (the ORM's) as `$1, $2, …`; the statements passed here hold no `?` of their own. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Each name's SQL as given and as sent (numbered once: the send path runs these on every form). */
const statements = new Map<string, { sql: string; text: string }>();

/**
 * Runs `sql` (with `?` placeholders) as the prepared statement `name`. One name, one text: a
 * second text under a name already used is a programming error, refused before it reaches Postgres.
 */
export async function executePrepared<T>(
  em: EntityManager,
  name: string,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  let statement = statements.get(name);
  if (!statement) statements.set(name, (statement = { sql, text: numbered(sql) }));
  else if (statement.sql !== sql) throw new Error(`Prepared statement ${name} was given two texts.`);
  const pool = em.isInTransaction() ? undefined : pools.get(em.getConnection());
  if (!pool) return em.execute<T[]>(sql, [...params]);
  const result = await pool.query({ name, text: statement.text, values: [...params] });
  return result.rows as T[];
}
