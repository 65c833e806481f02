/**
 * From an empty database without demo data to a working department, the way an administrator
 * brings one live: the first administrator from the command line, an org chart import, staff and
 * enterprise accounts with their invitation links, a system key feeding a declaration handled by
 * an imported officer, the enterprise's rating, and the supervisor's figures for its branch
 * (checked against Postgres). On the PostgreSQL server the built CLI runs as its own process;
 * on embedded PGlite (in this process's memory) its function does.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdministrator } from '../../api/accounts/first-admin.js';
import { OutboxFactSource } from '../../api/relay/outbox-fact-source.js';
import { relayOnce } from '../../api/relay/relay-loop.js';
import { orgChartXlsx } from '../support/org-chart-file.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { openTestStores, tableCounts, type TestStores } from '../support/stores.js';

const run = promisify(execFile);
const ADMIN_PASSWORD = 'Quan-tri-2026!';
let stores: TestStores;
let server: TestServer;
let admin: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  stores = await openTestStores();
  if (stores.config.postgres.mode === 'server') {
    // The CLI as an operator runs it: built, in its own process, on the same database.
    await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { timeout: 240_000 });
  }
  server = await startTestServer(stores, undefined, undefined, { demo: { enabled: false, seed: 1, scale: 1 } });
}, 300_000);

afterAll(async () => {
  await server?.close();
  await stores?.close();
});

async function createAdminOnce(): Promise<{ ok: boolean; output: string }> {
  if (stores.config.postgres.mode === 'server') {
    try {
      const { stdout } = await run('node', ['dist/api/accounts/admin-create.cli.js', '--login', 'quantri'], {
        env: {
          ...process.env,
          DATABASE_URL: stores.config.postgres.url,
          DEMO_DATA: 'false',
          ADMIN_PASSWORD,
          DATA_DIR: stores.config.dataDir,
        },
        timeout: 60_000,
      });
      return { ok: true, output: stdout };
    } catch (error) {
      const e = error as { stderr?: string; code?: number };
      return { ok: false, output: `${e.code}: ${e.stderr ?? ''}` };
    }
  }
  try {
    const account = await createAdministrator(stores.em(), {
      login: 'quantri',
      password: ADMIN_PASSWORD,
    });
    return { ok: true, output: `Administrator "${account.login}" created` };
  } catch (error) {
    return { ok: false, output: (error as Error).message };
  }
}

const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
  const res = await server.gql(query, variables, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};

describe('an empty database with DEMO_DATA=false', () => {
  it('starts with no catalog, no account and no key', async () => {
    const counts = await tableCounts(stores.em());
    for (const table of ['department', 'branch', 'team', 'officer', 'account', 'api_key', 'enterprise'])
      expect(counts[table] ?? 0, table).toBe(0);
    expect(await server.gql('mutation { login(login: "admin", password: "demo") { token } }')).toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('gets its first administrator from the CLI, once', async () => {
    const first = await createAdminOnce();
    expect(first.ok, first.output).toBe(true);
    expect(first.output).toContain('"quantri" created');
    const again = await createAdminOnce();
    expect(again.ok).toBe(false);
    expect(again.output).toContain('already exists');
    const [row] = await stores.em().execute<{ n: string }[]>(`select count(*) as n from account where role = 'ADMIN'`);
    expect(Number(row.n)).toBe(1);
    admin = await server.login('quantri', ADMIN_PASSWORD);
  });

  it('imports the org chart from an XLSX export; the same file again changes nothing', async () => {
    const content = (await orgChartXlsx()).toString('base64');
    const IMPORT = `mutation($i: ImportOrgChartInput!) { importOrgChart(input: $i) { applied rows created updated moved unchanged errors { row field message } } }`;
    const first = await gql(IMPORT, { i: { format: 'XLSX', content, fileName: 'qn.xlsx' } }, admin);
    // 1 department + 2 branches + 3 teams + 4 officers + 3 stages + 1 reason.
    expect(first.importOrgChart).toMatchObject({
      applied: true,
      rows: 8,
      created: 14,
      updated: 0,
      moved: 0,
      errors: [],
    });
    const before = await tableCounts(stores.em());
    const second = await gql(IMPORT, { i: { format: 'XLSX', content } }, admin);
    expect(second.importOrgChart).toMatchObject({ applied: true, created: 0, updated: 0, moved: 0, unchanged: 8 });
    expect(await tableCounts(stores.em())).toEqual(before);
    const tree = await gql(
      `{ departments { id code branches { id code } } officers(first: 10) { edges { node { id code currentTeam { code } } } } }`,
      {},
      admin,
    );
    const qn = tree.departments.find((d: { code: string }) => d.code === 'QN');
    ids.department = qn.id;
    ids.branch = qn.branches.find((b: { code: string }) => b.code === 'QNCP').id;
    const officers = tree.officers.edges.map(
      (e: { node: { id: string; code: string; currentTeam: { code: string } } }) => e.node,
    );
    expect(
      officers
        .filter((o: { currentTeam: { code: string } }) => o.currentTeam.code === 'QNCP-TT')
        .map((o: { code: string }) => o.code)
        .sort(),
    ).toEqual(['QN00001', 'QN00002']);
    ids.officer = officers.find((o: { code: string }) => o.code === 'QN00001').id;
  });

  it('creates a supervisor, an inspector and an enterprise account with invitation links', async () => {
    const STAFF = `mutation($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { account { id login role branchId departmentId passwordSet } invitation { url expiresAt delivery } } }`;
    const supervisor = await gql(
      STAFF,
      { i: { login: 'ld.campha', displayName: 'Lãnh đạo Chi cục Cẩm Phả', role: 'SUPERVISOR', branchId: ids.branch } },
      admin,
    );
    expect(supervisor.createStaffAccount.account).toMatchObject({
      role: 'SUPERVISOR',
      branchId: ids.branch,
      passwordSet: false,
    });
    ids.supervisorLink = supervisor.createStaffAccount.invitation.url;
    const inspector = await gql(
      STAFF,
      { i: { login: 'tt.quangninh', displayName: 'Thanh tra Cục', role: 'INSPECTOR', departmentId: ids.department } },
      admin,
    );
    expect(inspector.createStaffAccount.account.departmentId).toBe(ids.department);
    const enterprise = await gql(
      `mutation($i: CreateEnterpriseAccountInput!) { createEnterpriseAccount(input: $i) { account { id login role enterpriseId } invitation { url delivery } } }`,
      { i: { taxCode: '5700100256', enterpriseName: 'Công ty TNHH Than Cẩm Phả' } },
      admin,
    );
    expect(enterprise.createEnterpriseAccount.account).toMatchObject({ login: '5700100256', role: 'ENTERPRISE' });
    expect(enterprise.createEnterpriseAccount.invitation.delivery).toBe('SHOWN');
    ids.enterpriseLink = enterprise.createEnterpriseAccount.invitation.url;
    expect(ids.enterpriseLink).toMatch(/\/set-password#token=[\w-]{40,}$/);
  });

  it('lets the enterprise and the supervisor set their passwords from their links, once', async () => {
    const ACCEPT = `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token me { login role enterpriseId } } }`;
    const token = ids.enterpriseLink.split('#token=')[1];
    const short = await server.gql(ACCEPT, { t: token, p: 'short' });
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalid: [{ field: 'password' }] });
    const accepted = await gql(ACCEPT, { t: token, p: 'Than-cam-pha-2026' });
    expect(accepted.acceptInvitation.me).toMatchObject({ login: '5700100256', role: 'ENTERPRISE' });
    const reused = await server.gql(ACCEPT, { t: token, p: 'Another-password-1' });
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVITATION_INVALID' });
    await gql(ACCEPT, { t: ids.supervisorLink.split('#token=')[1], p: 'Cam-pha-lanh-dao-1' });
  });

  it('takes a declaration handled by an imported officer from the system key; the enterprise rates it; the supervisor sees it', async () => {
    const key = await gql(
      `mutation { createApiKey(input: { name: "Hệ thống thông quan", role: SYSTEM }) { key apiKey { id role } } }`,
      {},
      admin,
    );
    const systemKey = key.createApiKey.key as string;
    const at = (minutes: number) => new Date(Date.now() - 3 * 3_600_000 + minutes * 60_000).toISOString();
    const recorded = await gql(
      `mutation($i: RecordDeclarationInput!) { recordDeclaration(input: $i) { number rateableSubjects { kind id } } }`,
      {
        i: {
          number: '105700000001',
          enterprise: { taxCode: '5700100256', name: 'Công ty TNHH Than Cẩm Phả' },
          branchCode: 'QNCP',
          direction: 'EXPORT',
          typeCode: 'B11',
          channel: 'YELLOW',
          status: 'RELEASED',
          registeredAt: at(0),
          releasedAt: at(60),
          handling: [
            { stageCode: 'TNHS', teamCode: 'QNCP-TT', officerCode: 'QN00001', startedAt: at(5), finishedAt: at(15) },
            { stageCode: 'KTHS', teamCode: 'QNCP-TT', officerCode: 'QN00002', startedAt: at(20), finishedAt: at(50) },
          ],
        },
      },
      systemKey,
    );
    const subjects = recorded.recordDeclaration.rateableSubjects as { kind: string; id: string }[];
    expect(subjects).toContainEqual({ kind: 'OFFICER', id: ids.officer });

    const enterprise = await server.login('5700100256', 'Than-cam-pha-2026');
    await gql(
      `mutation($i: RecordAssessmentInput!) { submitAssessment(input: $i, idempotencyKey: "deploy-1") { id status } }`,
      {
        i: {
          declarationNumber: '105700000001',
          phase: 'AFTER',
          items: [
            { subjectKind: 'BRANCH', subjectId: ids.branch, level: 5, reasonCodes: ['QN_FRIENDLY'] },
            { subjectKind: 'OFFICER', subjectId: ids.officer, level: 4 },
          ],
        },
      },
      enterprise,
    );
    await relayOnce(stores.analytics, new OutboxFactSource(stores.db.orm.em));

    const supervisor = await server.login('ld.campha', 'Cam-pha-lanh-dao-1');
    const stats = await gql(
      `{ ratingStatistics(groupBy: [SUBJECT_KIND], minCount: 1) { overall { count mean } groups { keys { value } count mean } } }`,
      {},
      supervisor,
    );
    // The independent answer: the items of the supervisor's branch in Postgres.
    const [pg] = await stores
      .em()
      .execute<{ n: string; mean: string }[]>(
        'select count(*) as n, avg(level)::float8 as mean from assessment_item where branch_id = ?',
        [Number(ids.branch)],
      );
    expect(stats.ratingStatistics.overall).toEqual({ count: Number(pg.n), mean: Number(pg.mean) });
    expect(stats.ratingStatistics.overall).toEqual({ count: 2, mean: 4.5 });
  });

  it('records every administrative step in the audit log', async () => {
    const log = await gql(
      `{ auditLog(first: 50) { totalCount edges { node { actor action targetKind } } } }`,
      {},
      admin,
    );
    const actions = log.auditLog.edges.map((e: { node: { action: string } }) => e.node.action);
    for (const action of ['account.create', 'orgChart.import', 'account.setPassword'])
      expect(actions).toContain(action);
    expect(log.auditLog.edges.at(-1).node).toMatchObject({ actor: 'cli', action: 'account.create' });
  });
});
