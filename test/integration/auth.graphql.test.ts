import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableCounts } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const ME = '{ me { kind role login displayName enterpriseId } }';

describe('sign-in', () => {
  it('signs in a demo account and answers me', async () => {
    const token = await api.server.login('inspector');
    const res = await api.server.gql(ME, {}, token);
    expect(res.data!.me).toMatchObject({ kind: 'account', role: 'INSPECTOR', login: 'inspector' });
  });

  it('refuses a wrong password, and an unknown login, with the same message', async () => {
    const wrong = await api.server.gql('mutation { login(login: "admin", password: "nope") { token } }');
    const unknown = await api.server.gql('mutation { login(login: "nobody", password: "demo") { token } }');
    expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0].message).toBe(wrong.errors?.[0].message);
  });

  it('stores passwords as argon2id hashes only', async () => {
    const rows = await api.stores
      .em()
      .getConnection()
      .execute<{ password_hash: string }[]>('select password_hash from account');
    expect(rows.length).toBe(6);
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('signs out: the token stops working at once', async () => {
    const token = await api.server.login('leader');
    expect((await api.server.gql('mutation { logout }', {}, token)).data!.logout).toBe(true);
    const after = await api.server.gql(ME, {}, token);
    expect(after.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
  });

  it('refuses a forged token', async () => {
    const token = await api.server.login('admin');
    const [header, payload] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: '1' })).toString('base64url')}.AAAA`;
    const res = await api.server.gql(ME, {}, forged);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' });
  });
});

describe('API keys', () => {
  const CREATE =
    'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id prefix role enterpriseId } } }';

  it('creates a key shown once, stored hashed, that works until revoked', async () => {
    const admin = await api.server.login('admin');
    const created = await api.server.gql(CREATE, { i: { name: 'Feed B', role: 'SYSTEM' } }, admin);
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data!.createApiKey;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const stored = await api.stores
      .em()
      .getConnection()
      .execute<{ key_hash: string }[]>('select key_hash from api_key where id = ?', [Number(apiKey.id)]);
    expect(stored[0].key_hash).not.toContain(key);
    expect(JSON.stringify((await api.server.gql('{ apiKeys { id name prefix } }', {}, admin)).data)).not.toContain(key);
    expect((await api.server.gql(ME, {}, key)).data!.me.role).toBe('SYSTEM');
    await api.server.gql('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: apiKey.id }, admin);
    expect((await api.server.gql(ME, {}, key)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets an enterprise user create keys for its own declaration software only', async () => {
    const user = await api.server.login('enterprise');
    const own = await api.server.gql(CREATE, { i: { name: 'ECUS', role: 'ENTERPRISE', enterpriseId: '2' } }, user);
    expect(own.data!.createApiKey.apiKey).toMatchObject({ role: 'ENTERPRISE', enterpriseId: '1' });
    const before = await tableCounts(api.stores.em());
    const feed = await api.server.gql(CREATE, { i: { name: 'sneaky', role: 'SYSTEM' } }, user);
    expect(feed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const admin = await api.server.gql(CREATE, { i: { name: 'sneaky', role: 'ADMIN' } }, user);
    expect(admin.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await tableCounts(api.stores.em())).toEqual(before);
    const keys = await api.server.gql('{ apiKeys { enterpriseId } }', {}, user);
    expect(new Set(keys.data!.apiKeys.map((k: any) => k.enterpriseId))).toEqual(new Set(['1']));
  });
});

describe('schema', () => {
  it('exposes no secret: no hash, password or key field', () => {
    const sdl = fs.readFileSync('schema/schema.graphql', 'utf8');
    expect(sdl).not.toMatch(/passwordHash|keyHash|password_hash|sendKey|sessionId/);
  });
});
