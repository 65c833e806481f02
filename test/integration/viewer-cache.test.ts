// The viewer cache: a signed-in user's or a key's requests reuse the resolved viewer instead of
// reading the session, account or key from Postgres each time; a sign-out, a key revocation or an
// account mutation in this process counts at once, a change made elsewhere (another replica, the
// database) at its NOTIFY, and one nobody announced within AUTH_CACHE_SECONDS.
process.env.AUTH_CACHE_SECONDS = '1';
import { describe, expect, it } from 'vitest';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const ME = '{ me { login role } }';
const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

/** Runs SQL as a replica would apply it: triggers off, so no NOTIFY (a notification lost). */
async function withoutNotification(sql: string): Promise<void> {
  await api.stores.em().transactional(async (em) => {
    await em.execute('set local session_replication_role = replica');
    await em.execute(sql);
  });
}

/** Milliseconds until the token is refused, polling; null if it still works after `limitMs`. */
async function refusedWithin(token: string, limitMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (code(await api.server.gql(ME, {}, token)) === 'UNAUTHENTICATED') return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return null;
}

const sql = (text: string, params: unknown[] = []) =>
  api.stores.em().getConnection().execute<{ id: number }[]>(text, params);

/**
 * Runs `body` with the sqa_auth triggers off: only the API's own clearing in this process can
 * then end a cached viewer at once.
 */
async function withoutAuthTriggers(body: () => Promise<void>): Promise<void> {
  const triggers = (on: boolean) =>
    Promise.all(
      ['account', 'session', 'api_key'].map((t) =>
        sql(`alter table ${t} ${on ? 'enable' : 'disable'} trigger ${t}_auth_notify`),
      ),
    );
  await triggers(false);
  try {
    await body();
  } finally {
    await triggers(true);
  }
}

describe('viewer cache', () => {
  it('reuses a resolved session without Postgres; a change nobody announced counts within AUTH_CACHE_SECONDS', async () => {
    const token = await api.server.login('leader');
    expect((await api.server.gql(ME, {}, token)).data!.me.login).toBe('leader');
    // The session ends in Postgres without a notification: the cached viewer still answers…
    await withoutNotification(
      "update session set revoked_at = now() where account_id = (select id from account where login = 'leader')",
    );
    expect((await api.server.gql(ME, {}, token)).data!.me.login).toBe('leader');
    // …but within the bound it is read again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(code(await api.server.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('hears a change made in the database at once (NOTIFY sqa_auth), long before the bound', async () => {
    const token = await api.server.login('inspector');
    expect((await api.server.gql(ME, {}, token)).data!.me.role).toBe('INSPECTOR');
    await api.stores.em().getConnection().execute("update account set disabled_at = now() where login = 'inspector'");
    const ms = await refusedWithin(token, 900);
    expect(ms).not.toBeNull();
    expect(ms!).toBeLessThan(500);

    const created = await api.server.gql(
      'mutation { createApiKey(input: { name: "revoked in the database", role: ANALYTICS }) { key apiKey { id } } }',
      {},
      await api.server.login('admin'),
    );
    const { key, apiKey } = created.data!.createApiKey;
    expect((await api.server.gql(ME, {}, key)).data!.me).toBeTruthy();
    await api.stores
      .em()
      .getConnection()
      .execute('update api_key set revoked_at = now() where id = ?', [Number(apiKey.id)]);
    expect(await refusedWithin(key, 900)).not.toBeNull();
  });

  it('ends a deactivated account and a reset password in this process before the answer, without waiting for NOTIFY', async () => {
    const admin = await api.server.login('admin');
    const endsAtOnce = async (login: string, mutation: string) => {
      const token = await api.server.login(login);
      expect((await api.server.gql(ME, {}, token)).data!.me).toBeTruthy();
      const [{ id }] = await sql('select id from account where login = ?', [login]);
      const res = await api.server.gql(mutation, { id: String(id) }, admin);
      expect(res.errors).toBeUndefined();
      expect(code(await api.server.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
    };
    await withoutAuthTriggers(async () => {
      await endsAtOnce('supervisor', 'mutation($id: ID!) { deactivateAccount(id: $id) { id } }');
      await endsAtOnce('officer', 'mutation($id: ID!) { resetAccountPassword(id: $id) { account { id } } }');
    });
  });

  it('drops a signed-out session and a revoked key in this process at once, without waiting for NOTIFY', async () => {
    const admin = await api.server.login('admin');
    const created = await api.server.gql(
      'mutation { createApiKey(input: { name: "cached", role: ANALYTICS }) { key apiKey { id } } }',
      {},
      admin,
    );
    const { key, apiKey } = created.data!.createApiKey;
    const token = await api.server.login('leader');
    expect((await api.server.gql(ME, {}, token)).data!.me).toBeTruthy();
    expect((await api.server.gql(ME, {}, key)).data!.me.role).toBe('ANALYTICS');
    await withoutAuthTriggers(async () => {
      await api.server.gql('mutation { logout }', {}, token);
      expect(code(await api.server.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
      await api.server.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: apiKey.id }, admin);
      expect(code(await api.server.gql(ME, {}, key))).toBe('UNAUTHENTICATED');
    });
  });
});
