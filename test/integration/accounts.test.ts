/**
 * Accounts as administrators keep them: scoped staff accounts, enterprise users by tax code (one
 * by one or from a list), one-time links, a reset, a user's own password change, deactivation
 * that ends sessions and revokes keys at once, and the audit log of all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdministrator } from '../../api/accounts/first-admin.js';
import { orgChartCsv } from '../support/org-chart-file.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { openTestStores, tableCounts, type TestStores } from '../support/stores.js';

let stores: TestStores;
let server: TestServer;
let admin: string;

beforeAll(async () => {
  stores = await openTestStores();
  await createAdministrator(stores.em(), { login: 'quantri', password: 'Quan-tri-2026!' });
  server = await startTestServer(stores);
  admin = await server.login('quantri', 'Quan-tri-2026!');
  await ok('mutation($c: String!) { importOrgChart(input: { format: CSV, content: $c }) { applied } }', {
    c: orgChartCsv(),
  });
});

afterAll(async () => {
  await server?.close();
  await stores?.close();
});

const ok = async (query: string, variables: Record<string, unknown> = {}, token = admin) => {
  const res = await server.gql(query, variables, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};
const errorOf = async (query: string, variables: Record<string, unknown> = {}, token = admin) =>
  (await server.gql(query, variables, token)).errors?.[0]?.extensions;
const tokenOf = (url: string) => url.split('#token=')[1];
const ACCEPT = 'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }';
const STAFF =
  'mutation($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { account { id login role officerId branchId } invitation { url } } }';

async function officerId(code: string): Promise<string> {
  const res = await ok('query($s: String) { officers(first: 1, filter: { search: $s }) { edges { node { id } } } }', {
    s: code,
  });
  return res.officers.edges[0].node.id;
}

describe('staff accounts', () => {
  it('need the scope their role needs, and nothing else; refusals name each field', async () => {
    const before = await tableCounts(stores.em());
    const ext = await errorOf(STAFF, { i: { login: 'A', displayName: 'x', role: 'OFFICER', departmentId: '1' } });
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(ext!.invalid).toEqual([
      { field: 'login', problems: ['must be 3–64 lower-case letters, digits, ".", "_", "@" or "-"'] },
      { field: 'officerId', problems: ['is required for role OFFICER'] },
      { field: 'departmentId', problems: ['is not used for role OFFICER'] },
    ]);
    const enterprise = await errorOf(STAFF, { i: { login: 'dn.abc', displayName: 'x', role: 'ENTERPRISE' } });
    expect(enterprise!.invalid).toEqual([expect.objectContaining({ field: 'role' })]);
    expect(await tableCounts(stores.em())).toEqual(before);
  });

  it('links an officer account to its officer, in the branch of its team; the account follows a move', async () => {
    const id = await officerId('QN00004');
    const res = await ok(STAFF, {
      i: { login: 'cc.qn00004', displayName: 'Phạm Thị Dung', role: 'OFFICER', officerId: id },
    });
    const [branch] = await stores.em().execute<{ id: number }[]>(`select id from branch where code = 'QNMC'`);
    expect(res.createStaffAccount.account).toMatchObject({
      role: 'OFFICER',
      officerId: id,
      branchId: String(branch.id),
    });
    const [team] = await stores.em().execute<{ id: number }[]>(`select id from team where code = 'QNCP-KT'`);
    await ok('mutation($o: ID!, $t: ID!) { moveOfficer(id: $o, input: { teamId: $t }) { id } }', { o: id, t: team.id });
    const list = await ok('{ accounts(first: 10, filter: { role: OFFICER }) { edges { node { login branchId } } } }');
    const [cp] = await stores.em().execute<{ id: number }[]>(`select id from branch where code = 'QNCP'`);
    expect(list.accounts.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { login: 'cc.qn00004', branchId: String(cp.id) },
    ]);
  });
});

describe('passwords', () => {
  it('an invitation link works once; a reset ends sessions and the old password; a change ends the other sessions', async () => {
    const [branch] = await stores.em().execute<{ id: number }[]>(`select id from branch where code = 'QNCP'`);
    const created = await ok(STAFF, {
      i: { login: 'ld.cp', displayName: 'Lãnh đạo Chi cục', role: 'SUPERVISOR', branchId: branch.id },
    });
    const accountId = created.createStaffAccount.account.id;
    // Without a password yet, nobody can sign in as the new account.
    expect(await errorOf('mutation { login(login: "ld.cp", password: "!") { token } }')).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    // A second invitation ends the first link.
    const second = await ok('mutation($id: ID!) { inviteAccount(id: $id) { invitation { url } } }', { id: accountId });
    expect(
      await errorOf(ACCEPT, { t: tokenOf(created.createStaffAccount.invitation.url), p: 'Mat-khau-moi-1' }),
    ).toMatchObject({
      reason: 'INVITATION_INVALID',
    });
    await ok(ACCEPT, { t: tokenOf(second.inviteAccount.invitation.url), p: 'Mat-khau-moi-1' });
    const one = await server.login('ld.cp', 'Mat-khau-moi-1');
    const two = await server.login('ld.cp', 'Mat-khau-moi-1');

    // The user changes their own password: the other session ends, this one goes on.
    expect(
      await errorOf('mutation { changePassword(currentPassword: "wrong", newPassword: "Mat-khau-thu-2") }', {}, one),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalid: [{ field: 'currentPassword', problems: ['is wrong'] }],
    });
    await ok('mutation { changePassword(currentPassword: "Mat-khau-moi-1", newPassword: "Mat-khau-thu-2") }', {}, one);
    expect((await server.gql('{ me { login } }', {}, one)).data).toEqual({ me: { login: 'ld.cp' } });
    expect(await errorOf('{ me { login } }', {}, two)).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'SESSION_ENDED',
    });

    // An administrator resets it: the password and every session stop working at once.
    const reset = await ok(
      'mutation($id: ID!) { resetAccountPassword(id: $id) { account { passwordSet } invitation { url } } }',
      {
        id: accountId,
      },
    );
    expect(reset.resetAccountPassword.account.passwordSet).toBe(false);
    expect(await errorOf('{ me { login } }', {}, one)).toMatchObject({ reason: 'SESSION_ENDED' });
    expect(await errorOf('mutation { login(login: "ld.cp", password: "Mat-khau-thu-2") { token } }')).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await ok(ACCEPT, { t: tokenOf(reset.resetAccountPassword.invitation.url), p: 'Mat-khau-thu-3' });
    await server.login('ld.cp', 'Mat-khau-thu-3');
  });
});

describe('enterprise accounts', () => {
  it('are made from a list of tax codes: a bad line refuses the list, a repeated list adds nothing', async () => {
    const BULK =
      'mutation($l: String!) { createEnterpriseAccounts(list: $l) { created { account { login enterpriseId } invitation { url } } skipped } }';
    const before = await tableCounts(stores.em());
    const bad = await errorOf(BULK, { l: 'ma_so_thue,ten\n5700100001,Công ty A\n57001,Công ty B\n5700100003\n' });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((bad!.invalid as { field: string }[]).map((p) => p.field)).toEqual(['lines[1].taxCode', 'lines[2].name']);
    expect(await tableCounts(stores.em())).toEqual(before);
    const list = 'ma_so_thue,ten\n5700100001,Công ty A\n5700100002,"Công ty B, chi nhánh"\n';
    const made = await ok(BULK, { l: list });
    expect(made.createEnterpriseAccounts.created.map((c: { account: { login: string } }) => c.account.login)).toEqual([
      '5700100001',
      '5700100002',
    ]);
    const again = await ok(BULK, { l: list });
    expect(again.createEnterpriseAccounts).toEqual({ created: [], skipped: ['5700100001', '5700100002'] });
    // A second user of the same enterprise gets the next free login.
    const more = await ok(
      'mutation { createEnterpriseAccount(input: { taxCode: "5700100001" }) { account { login } } }',
    );
    expect(more.createEnterpriseAccount.account.login).toBe('5700100001.2');
  });

  it('deactivating a user ends its sessions and revokes the keys it created, at once', async () => {
    const made = await ok(
      'mutation { createEnterpriseAccount(input: { taxCode: "5700100009", enterpriseName: "Công ty C" }) { account { id } invitation { url } } }',
    );
    const session = (await ok(ACCEPT, { t: tokenOf(made.createEnterpriseAccount.invitation.url), p: 'Cong-ty-C-2026' }))
      .acceptInvitation.token;
    const key = (
      await ok('mutation { createApiKey(input: { name: "Phần mềm khai báo", role: ENTERPRISE }) { key } }', {}, session)
    ).createApiKey.key;
    expect((await server.gql('{ me { role } }', {}, key)).data).toEqual({ me: { role: 'ENTERPRISE' } });
    const off = await ok('mutation($id: ID!) { deactivateAccount(id: $id) { disabledAt } }', {
      id: made.createEnterpriseAccount.account.id,
    });
    expect(off.deactivateAccount.disabledAt).not.toBeNull();
    expect(await errorOf('{ me { role } }', {}, session)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await errorOf('{ me { role } }', {}, key)).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'API_KEY_INVALID',
    });
    expect(
      await errorOf('mutation { login(login: "5700100009", password: "Cong-ty-C-2026") { token } }'),
    ).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const keys = await ok('{ apiKeys { name revokedAt lastUsedAt } }');
    expect(keys.apiKeys.find((k: { name: string }) => k.name === 'Phần mềm khai báo')).toMatchObject({
      revokedAt: expect.any(String),
      lastUsedAt: expect.any(String),
    });
  });
});

describe('the audit log', () => {
  it('holds every administrative action, filtered by action family, target and actor', async () => {
    const all = await ok(
      '{ auditLog(first: 100) { totalCount edges { node { actor action targetKind targetId details } } } }',
    );
    const actions = new Set(all.auditLog.edges.map((e: { node: { action: string } }) => e.node.action));
    for (const a of [
      'account.create',
      'account.invite',
      'account.setPassword',
      'account.changePassword',
      'account.resetPassword',
      'account.deactivate',
      'apiKey.create',
      'officer.move',
      'orgChart.import',
    ])
      expect(actions, a).toContain(a);
    const deactivations = await ok(
      '{ auditLog(first: 5, filter: { action: "account.deactivate" }) { edges { node { details } } } }',
    );
    expect(JSON.parse(deactivations.auditLog.edges[0].node.details)).toEqual({ sessionsEnded: 1, keysRevoked: 1 });
    const family = await ok('{ auditLog(first: 100, filter: { action: "account", actor: "cli" }) { totalCount } }');
    expect(family.auditLog.totalCount).toBe(1);
    expect(JSON.stringify(all)).not.toMatch(/Mat-khau|token=|sqa_/);
    expect(await errorOf('{ auditLog(first: 1, filter: { action: "a%" }) { totalCount } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const supervisor = await server.login('ld.cp', 'Mat-khau-thu-3');
    expect(await errorOf('{ auditLog(first: 1) { totalCount } }', {}, supervisor)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
