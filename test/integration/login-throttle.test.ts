/**
 * Login throttling against the real store (Postgres or PGlite, through RateLimiterPostgres):
 * consecutive failures slow an account down, then lock it, even against the right password;
 * a success clears the count; the refusals are RATE_LIMITED with Retry-After; failures are logged.
 */
import { describe, expect, it } from 'vitest';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi({ settings: () => ({ logLevel: 'info' }) });

const LOGIN = 'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }';

async function attempt(login: string, password: string) {
  const res = await fetch(`${api.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { l: login, p: password } }),
  });
  const body = (await res.json()) as {
    data?: { login: { token: string } | null };
    errors?: { extensions: Record<string, unknown> }[];
  };
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body,
    code: body.errors?.[0]?.extensions.code,
  };
}

describe('login throttling', () => {
  it('50 wrong passwords lock the account: the right password is then refused too, with Retry-After', async () => {
    const results = [];
    for (let i = 0; i < 50; i++) results.push(await attempt('leader', `wrong-${i}`));
    // The first failures are plain wrong passwords, then the account is slowed down, then locked.
    expect(results.slice(0, 3).map((r) => r.body.errors?.[0].extensions.reason)).toEqual([
      'BAD_CREDENTIALS',
      'BAD_CREDENTIALS',
      'BAD_CREDENTIALS',
    ]);
    expect(results.some((r) => r.body.errors?.[0].extensions.reason === 'LOGIN_SLOWED')).toBe(true);
    const last = results[49];
    expect(last.code).toBe('RATE_LIMITED');
    expect(last.body.errors?.[0].extensions.reason).toBe('LOGIN_LOCKED');
    expect(last.status).toBe(429);
    expect(Number(last.retryAfter)).toBeGreaterThan(60);

    const right = await attempt('leader', 'demo');
    expect(right.code).toBe('RATE_LIMITED');
    expect(right.body.data?.login ?? null).toBeNull();
    expect(right.status).toBe(429);
    expect(Number(right.retryAfter)).toBeGreaterThan(0);

    // Shared by every replica: the lock is a row in Postgres.
    const [row] = await api.stores
      .em()
      .getConnection()
      .execute<{ points: number }[]>(`select points from login_throttle where key = 'login-fail:acct:leader'`);
    expect(Number(row.points)).toBeGreaterThanOrEqual(api.stores.config.login.lockAfter);
    expect(api.server.logged.some((l) => l.includes('"msg":"login locked"'))).toBe(true);
    expect(api.server.logged.some((l) => l.includes('"msg":"login failed"'))).toBe(true);

    // Other accounts from the same address still sign in (the address locks only at LOGIN_IP_LOCK_AFTER).
    expect((await attempt('inspector', 'demo')).body.data?.login?.token).toBeTruthy();
  });

  it('a success before the lock clears the count', async () => {
    for (let i = 0; i < 2; i++)
      expect((await attempt('supervisor', 'wrong')).body.errors?.[0].extensions.reason).toBe('BAD_CREDENTIALS');
    expect((await attempt('supervisor', 'demo')).body.data?.login?.token).toBeTruthy();
    for (let i = 0; i < 2; i++)
      expect((await attempt('supervisor', 'wrong')).body.errors?.[0].extensions.reason).toBe('BAD_CREDENTIALS');
    expect((await attempt('supervisor', 'demo')).body.data?.login?.token).toBeTruthy();
  });

  it('an unknown login is throttled like a known one (no account enumeration)', async () => {
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await attempt('nobody-here', 'x'));
    expect(results.at(-1)!.code).toBe('RATE_LIMITED');
  });
});
