/**
 * The org chart as administrators keep it: mutations refuse bad fields one by one and write
 * nothing; the import takes CSV (Vietnamese headers) and XLSX, writes nothing on a bad file and
 * nothing new on a repeated one; a move keeps history, so a rating stays with the team the
 * officer was in when they handled the declaration; deactivation instead of deletion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdministrator } from '../../api/accounts/first-admin.js';
import { OutboxFactSource } from '../../api/relay/outbox-fact-source.js';
import { relayOnce } from '../../api/relay/relay-loop.js';
import { OFFICER_ROWS, orgChartCsv, orgChartXlsx } from '../support/org-chart-file.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { openTestStores, tableCounts, type TestStores } from '../support/stores.js';

let stores: TestStores;
let server: TestServer;
let admin: string;

beforeAll(async () => {
  stores = await openTestStores();
  await createAdministrator(stores.em(), { login: 'quantri', password: 'Quan-tri-2026!' });
  // Early June 2026, so that the declarations below are within the rating window.
  server = await startTestServer(stores, undefined, () => new Date('2026-06-10T10:00:00+07:00'));
  admin = await server.login('quantri', 'Quan-tri-2026!');
});

afterAll(async () => {
  await server?.close();
  await stores?.close();
});

const IMPORT = `mutation($i: ImportOrgChartInput!) { importOrgChart(input: $i) { applied rows created updated moved unchanged errors { sheet row field message } } }`;
const ok = async (query: string, variables: Record<string, unknown> = {}, token = admin) => {
  const res = await server.gql(query, variables, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};
const code = async (query: string, variables: Record<string, unknown> = {}, token = admin) =>
  (await server.gql(query, variables, token)).errors?.[0]?.extensions;

describe('org chart mutations', () => {
  it('refuse every bad field at once, with BAD_USER_INPUT, and write nothing', async () => {
    const before = await tableCounts(stores.em());
    const ext = await code('mutation { createDepartment(input: { code: "HP HP", name: "  " }) { id } }');
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((ext!.invalid as { field: string }[]).map((p) => p.field).sort()).toEqual(['code', 'name']);
    const reason = await code(
      'mutation { createReason(input: { code: "X1", nameVi: "A", nameEn: "B", sortOrder: 1, minLevel: 4, maxLevel: 2 }) { id } }',
    );
    expect(reason!.invalid).toEqual([{ field: 'maxLevel', problems: ['must not be below minLevel'] }]);
    expect(await tableCounts(stores.em())).toEqual(before);
  });

  it('build a department, branch, team and officer; a taken code is refused on its field', async () => {
    const d = await ok('mutation { createDepartment(input: { code: "HN", name: "Cục Hải quan Hà Nội" }) { id code } }');
    const b = await ok(
      'mutation($d: ID!) { createBranch(input: { code: "HNBT", name: "Chi cục Bắc Thăng Long", departmentId: $d }) { id department { code } } }',
      {
        d: d.createDepartment.id,
      },
    );
    expect(b.createBranch.department.code).toBe('HN');
    const t = await ok(
      'mutation($b: ID!) { createTeam(input: { code: "HNBT-TT", name: "Đội Thủ tục", branchId: $b }) { id branch { code } } }',
      {
        b: b.createBranch.id,
      },
    );
    const o = await ok(
      'mutation($t: ID!) { createOfficer(input: { code: "HN00001", fullName: "Đỗ Văn Hà", teamId: $t, validFrom: "2025-01-02" }) { id currentTeam { code } assignments { validFrom validTo } } }',
      { t: t.createTeam.id },
    );
    expect(o.createOfficer).toMatchObject({
      currentTeam: { code: 'HNBT-TT' },
      assignments: [{ validFrom: '2025-01-02', validTo: null }],
    });
    const taken = await code(
      'mutation($t: ID!) { createTeam(input: { code: "HNBT-TT", name: "Đội khác", branchId: $t }) { id } }',
      {
        t: b.createBranch.id,
      },
    );
    expect(taken).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalid: [{ field: 'code', problems: ['HNBT-TT is already used'] }],
    });
    const renamed = await ok(
      'mutation($id: ID!) { updateTeam(id: $id, input: { code: "HNBT-TT", name: "Đội Thủ tục hàng hóa" }) { name } }',
      {
        id: t.createTeam.id,
      },
    );
    expect(renamed.updateTeam.name).toBe('Đội Thủ tục hàng hóa');
    // A team with an officer in it is not deactivated; the officer is, and leaves the team that day.
    expect(
      await code('mutation($id: ID!) { deactivateOrgChartEntry(kind: TEAM, id: $id) }', { id: t.createTeam.id }),
    ).toMatchObject({
      code: 'CONFLICT',
      reason: 'STILL_IN_USE',
    });
    await ok('mutation($id: ID!) { deactivateOrgChartEntry(kind: OFFICER, id: $id) }', { id: o.createOfficer.id });
    const after = await ok(
      'query($id: ID!) { officer(id: $id) { deactivatedAt currentTeam { code } assignments { validTo } } }',
      {
        id: o.createOfficer.id,
      },
    );
    expect(after.officer.deactivatedAt).not.toBeNull();
    expect(after.officer.currentTeam).toBeNull();
    expect(after.officer.assignments[0].validTo).not.toBeNull();
    await ok('mutation($id: ID!) { deactivateOrgChartEntry(kind: TEAM, id: $id) }', { id: t.createTeam.id });
  });

  it('are for administrators only', async () => {
    expect(await code('mutation { createDepartment(input: { code: "X", name: "X" }) { id } }', {}, '')).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('org chart import', () => {
  it('reports every bad row of a CSV export and writes nothing', async () => {
    const before = await tableCounts(stores.em());
    const rows = [
      ...OFFICER_ROWS,
      [
        'QN',
        'Cục Hải quan Quảng Ninh',
        'QNCP',
        'Chi cục Hải quan Cẩm Phả',
        'QNCP-TT',
        'Đội Thủ tục',
        'QN00001',
        'Nguyễn Văn An',
        '2024-03-01',
      ],
      ['QN', 'Cục Hải quan Quảng Ninh', 'QNHL', '', 'QNHL-TT', 'Đội Thủ tục', 'QN00009', 'Vũ Văn Hải', '31/02/2025'],
      ['QN', 'Cục khác', 'QNCP', 'Chi cục Hải quan Cẩm Phả', 'QNCP-TT', 'Đội Thủ tục', 'QN00010', '', ''],
    ];
    const res = await ok(IMPORT, { i: { format: 'CSV', content: orgChartCsv(rows) } });
    expect(res.importOrgChart.applied).toBe(false);
    expect(res.importOrgChart.errors).toEqual([
      { sheet: 'CSV', row: 6, field: 'officer_code', message: 'QN00001 appears in an earlier row' },
      { sheet: 'CSV', row: 7, field: 'branch_name', message: 'is needed to create branch QNHL' },
      {
        sheet: 'CSV',
        row: 8,
        field: 'department_name',
        message: '"Cục khác" differs from "Cục Hải quan Quảng Ninh" given for QN in an earlier row',
      },
    ]);
    expect(await tableCounts(stores.em())).toEqual(before);
  });

  it('refuses a file that is not a workbook, naming the file', async () => {
    const res = await ok(IMPORT, { i: { format: 'XLSX', content: Buffer.from('not a zip').toString('base64') } });
    expect(res.importOrgChart).toMatchObject({ applied: false, errors: [{ row: 0, field: 'file' }] });
  });

  it('applies a good file, then the same file (CSV or XLSX) changes nothing', async () => {
    const first = await ok(IMPORT, { i: { format: 'CSV', content: orgChartCsv() } });
    expect(first.importOrgChart).toMatchObject({ applied: true, rows: 4, created: 10, errors: [] });
    const before = await tableCounts(stores.em());
    const again = await ok(IMPORT, { i: { format: 'XLSX', content: (await orgChartXlsx()).toString('base64') } });
    // The workbook adds the stages and a reason; the officers' rows are as they were.
    expect(again.importOrgChart).toMatchObject({ applied: true, created: 4, updated: 0, moved: 0, unchanged: 4 });
    const twice = await ok(IMPORT, { i: { format: 'XLSX', content: (await orgChartXlsx()).toString('base64') } });
    expect(twice.importOrgChart).toMatchObject({ applied: true, created: 0, updated: 0, moved: 0, unchanged: 8 });
    expect((await tableCounts(stores.em())).officer).toBe(before.officer);
  });

  it('moves an officer from the date in the file; ratings of earlier handling stay with the old team', async () => {
    // QN00002 was in QNCP-TT; on 1 June 2026 the HR export puts them in QNCP-KT.
    const key = (await ok('mutation { createApiKey(input: { name: "feed", role: SYSTEM }) { key } }')).createApiKey.key;
    const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+07:00`).toISOString();
    await ok(
      `mutation($i: RecordDeclarationInput!) { recordDeclaration(input: $i) { number } }`,
      {
        i: {
          number: '105700000101',
          enterprise: { taxCode: '5700100256', name: 'Công ty TNHH Than Cẩm Phả' },
          branchCode: 'QNCP',
          direction: 'EXPORT',
          typeCode: 'B11',
          channel: 'GREEN',
          status: 'REGISTERED',
          registeredAt: at('2026-05-28', '08:00'),
          handling: [
            { stageCode: 'KTHS', teamCode: 'QNCP-TT', officerCode: 'QN00002', startedAt: at('2026-05-28', '08:10') },
          ],
        },
      },
      key,
    );
    const moved = OFFICER_ROWS.map((r) =>
      r[6] === 'QN00002' ? [...r.slice(0, 4), 'QNCP-KT', 'Đội Kiểm tra', 'QN00002', r[7], '2026-06-01'] : r,
    );
    const res = await ok(IMPORT, { i: { format: 'CSV', content: orgChartCsv(moved) } });
    expect(res.importOrgChart).toMatchObject({ applied: true, created: 0, moved: 1, unchanged: 3 });
    const again = await ok(IMPORT, { i: { format: 'CSV', content: orgChartCsv(moved) } });
    expect(again.importOrgChart).toMatchObject({ moved: 0, unchanged: 4 });
    const officer = await ok(
      '{ officers(first: 1, filter: { search: "QN00002" }) { edges { node { id assignments { validFrom validTo team { code } } } } } }',
    );
    const node = officer.officers.edges[0].node;
    expect(node.assignments).toEqual([
      { validFrom: '2024-03-01', validTo: '2026-05-31', team: { code: 'QNCP-TT' } },
      { validFrom: '2026-06-01', validTo: null, team: { code: 'QNCP-KT' } },
    ]);
    // A move back to a date before the current assignment began is refused on its row.
    const backwards = OFFICER_ROWS.map((r) => (r[6] === 'QN00002' ? [...r.slice(0, 8), '2026-05-15'] : r));
    const refused = await ok(IMPORT, { i: { format: 'CSV', content: orgChartCsv(backwards) } });
    expect(refused.importOrgChart.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'valid_from', message: expect.stringContaining('must be after') }),
    ]);

    // The enterprise rates the officer after the move: the rating counts for the team of the handling.
    const account = await ok(
      'mutation { createEnterpriseAccount(input: { taxCode: "5700100256" }) { invitation { url } } }',
    );
    const token = account.createEnterpriseAccount.invitation.url.split('#token=')[1];
    const enterprise = (
      await ok('mutation($t: String!) { acceptInvitation(token: $t, password: "Than-cam-pha-2026") { token } }', {
        t: token,
      })
    ).acceptInvitation.token;
    await ok(
      'mutation($i: RecordAssessmentInput!) { submitAssessment(input: $i, idempotencyKey: "move-rating-1") { id } }',
      {
        i: {
          declarationNumber: '105700000101',
          phase: 'DURING',
          items: [{ subjectKind: 'OFFICER', subjectId: node.id, level: 5 }],
        },
      },
      enterprise,
    );
    await relayOnce(stores.analytics, new OutboxFactSource(stores.db.orm.em));
    const stats = await ok(
      'query($o: [ID!]) { ratingStatistics(filter: { officerIds: $o }, groupBy: [TEAM], minCount: 1) { groups { keys { label } count } } }',
      { o: [node.id] },
    );
    expect(stats.ratingStatistics.groups).toEqual([{ keys: [{ label: 'Đội Thủ tục' }], count: 1 }]);
    const [pg] = await stores
      .em()
      .execute<{ code: string }[]>(
        'select t.code from assessment_item i join team t on t.id = i.team_id where i.subject_kind = ? and i.subject_id = ?',
        ['OFFICER', Number(node.id)],
      );
    expect(pg.code).toBe('QNCP-TT');
  });
});
