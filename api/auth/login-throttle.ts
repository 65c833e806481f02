/**
 * Login throttling: consecutive failed sign-ins per account (the login name, known or not) and
 * per IP address first slow down — after `slowAfter` failures each further try must wait 1 s,
 * 2 s, 4 s … (at most a minute) — then lock for `lockMinutes` after `lockAfter` failures (per IP:
 * slowing from half of `ipLockAfter`, locking at it). A try refused for waiting still counts, and a locked key refuses even the right
 * password, so hammering only reaches the lock sooner. A successful sign-in clears both counts.
 * Refusals are RATE_LIMITED with Retry-After; failures and locks are logged.
 *
 * The counts live in Postgres through rate-limiter-flexible's RateLimiterPostgres, so replicas
 * share them. It is given a small client that runs its SQL through MikroORM's own Kysely
 * connection, which works alike on the PostgreSQL server and on embedded PGlite (the library
 * only knows pg, Knex, Sequelize and TypeORM clients).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { rateLimited } from '../errors.js';
import type { Logger } from '../logger.js';

const TABLE = 'login_throttle';
const MAX_PAUSE_SECONDS = 60;

interface Limiters {
  failures: RateLimiterPostgres;
  pauses: RateLimiterPostgres;
}

/** The pg-style client the library calls: `query({ text, values })` → `{ rows, rowCount }`. */
function clientOf(db: Kysely<unknown>) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const result = await db.executeQuery(CompiledQuery.raw(q.text, q.values ?? []));
      return { rows: result.rows, rowCount: Number(result.numAffectedRows ?? result.rows.length) };
    },
  };
}

const limitersByDb = new WeakMap<object, Limiters>();

function limiters(em: EntityManager): Limiters {
  const db = em.getConnection().getClient<unknown>();
  let found = limitersByDb.get(db);
  if (!found) {
    const base = { storeClient: clientOf(db), storeType: 'pool', tableName: TABLE, tableCreated: true };
    found = {
      // Points are failures; a count lapses an hour after the first failure, or when the lock ends.
      failures: new RateLimiterPostgres({
        ...base,
        keyPrefix: 'login-fail',
        points: 1_000_000,
        duration: 3600,
        clearExpiredByTimeout: false,
      }),
      pauses: new RateLimiterPostgres({
        ...base,
        keyPrefix: 'login-pause',
        points: 1,
        duration: 1,
        clearExpiredByTimeout: false,
      }),
    };
    limitersByDb.set(db, found);
  }
  return found;
}

export interface LoginAttempt {
  login: string;
  ip: string;
}

const keysOf = (a: LoginAttempt) => ({ account: `acct:${a.login}`, ip: `ip:${a.ip}` });

export class LoginThrottle {
  private readonly l: Limiters;

  constructor(
    em: EntityManager,
    private readonly settings: Config['login'],
    private readonly logger: Logger | undefined,
  ) {
    this.l = limiters(em);
  }

  /** Refuses (RATE_LIMITED) a try on a locked or paused account or IP; a paused try counts as a failure. */
  async before(attempt: LoginAttempt): Promise<void> {
    const keys = keysOf(attempt);
    const [accountFails, ipFails] = await Promise.all([
      this.l.failures.get(keys.account),
      this.l.failures.get(keys.ip),
    ]);
    const locked = [
      { res: accountFails, limit: this.settings.lockAfter, key: keys.account },
      { res: ipFails, limit: this.settings.ipLockAfter, key: keys.ip },
    ].find((x) => x.res !== null && x.res.consumedPoints >= x.limit);
    if (locked) {
      const seconds = secondsOf(locked.res!);
      this.logger?.warn('login refused: locked', { key: locked.key, retryAfterSeconds: seconds });
      throw rateLimited(`Too many failed sign-ins. Try again in ${seconds} s.`, seconds, { reason: 'LOGIN_LOCKED' });
    }
    const [accountPause, ipPause] = await Promise.all([this.l.pauses.get(keys.account), this.l.pauses.get(keys.ip)]);
    const paused = [accountPause, ipPause].find((r) => r !== null && r.consumedPoints > 1);
    if (paused) {
      await this.failed(attempt, 'paused');
      const seconds = secondsOf(paused);
      throw rateLimited(`Failed sign-ins: wait ${seconds} s before the next try.`, seconds, {
        reason: 'LOGIN_SLOWED',
      });
    }
  }

  /** Counts a failure on the account and on the IP; pauses or locks them past the thresholds. */
  async failed(attempt: LoginAttempt, why: 'wrong' | 'paused' = 'wrong'): Promise<void> {
    const keys = keysOf(attempt);
    const lockMs = this.settings.lockMinutes * 60_000;
    // An address is shared (an office behind NAT): it slows down only halfway to its lock.
    for (const [key, slowAfter, lockAfter] of [
      [keys.account, this.settings.slowAfter, this.settings.lockAfter],
      [keys.ip, Math.ceil(this.settings.ipLockAfter / 2), this.settings.ipLockAfter],
    ] as const) {
      const res = await this.l.failures.penalty(key, 1);
      const n = res.consumedPoints;
      if (n >= lockAfter) {
        // The lock: the count is kept until the lock ends, so every try until then is refused.
        await this.l.failures.set(key, n, Math.ceil(lockMs / 1000));
        this.logger?.warn('login locked', { key, failures: n, lockMinutes: this.settings.lockMinutes });
      } else if (n >= slowAfter) {
        const pause = Math.min(2 ** (n - slowAfter), MAX_PAUSE_SECONDS);
        await this.l.pauses.block(key, pause);
      }
    }
    this.logger?.info('login failed', { login: attempt.login, ip: attempt.ip, why });
  }

  /** A successful sign-in ends both counts. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    const keys = keysOf(attempt);
    await Promise.all([
      this.l.failures.delete(keys.account),
      this.l.failures.delete(keys.ip),
      this.l.pauses.delete(keys.account),
      this.l.pauses.delete(keys.ip),
    ]);
  }
}

function secondsOf(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}
