// The viewer cache: a signed-in user's or a key's requests reuse the resolved viewer instead of
// reading the session, account or key from Postgres each time; a sign-out or a key revocation in
// this process counts at once, a change made elsewhere (another replica, the database) within
// AUTH_CACHE_SECONDS.
process.env.AUTH_CACHE_SECONDS = '1';
import { describe, expect, it } from 'vitest';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const ME = '{ me { login role } }';
const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

describe('viewer cache', () => {
  it('reuses a resolved session without Postgres, and sees a change made elsewhere within AUTH_CACHE_SECONDS', async () => {
    const token = await api.server.login('leader');
    expect((await api.server.gql(ME, {}, token)).data!.me.login).toBe('leader');
    // Another replica signs the session out: this process does not ask Postgres again at once…
    await api.stores.em().getConnection().execute('update session set revoked_at = now()');
    expect((await api.server.gql(ME, {}, token)).data!.me.login).toBe('leader');
    // …but within the bound it does.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(code(await api.server.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('refuses a disabled account within AUTH_CACHE_SECONDS', async () => {
    const token = await api.server.login('inspector');
    expect((await api.server.gql(ME, {}, token)).data!.me.role).toBe('INSPECTOR');
    await api.stores.em().getConnection().execute("update account set disabled_at = now() where login = 'inspector'");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(code(await api.server.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('drops a signed-out session and a revoked key in this process at once', async () => {
    const token = await api.server.login('supervisor');
    expect((await api.server.gql(ME, {}, token)).data!.me).toBeTruthy();
    await api.server.gql('mutation { logout }', {}, token);
    expect(code(await api.server.gql(ME, {}, token))).toBe('UNAUTHENTICATED');

    const admin = await api.server.login('admin');
    const created = await api.server.gql(
      'mutation { createApiKey(input: { name: "cached", role: ANALYTICS }) { key apiKey { id } } }',
      {},
      admin,
    );
    const { key, apiKey } = created.data!.createApiKey;
    expect((await api.server.gql(ME, {}, key)).data!.me.role).toBe('ANALYTICS');
    await api.server.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: apiKey.id }, admin);
    expect(code(await api.server.gql(ME, {}, key))).toBe('UNAUTHENTICATED');
  });
});
