/**
 * Scheduled period reports: the job makes the quarter's report of the department and of each
 * branch once, downloadable as XLSX and PDF within the report scope, with figures equal to
 * ratingKpis for the same period, and tells the unit's subscribers (report.ready).
 */
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { createMessageRelay } from '../../api/messages/message-relay.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { ReportPeriodKind } from '../../api/reports/period-report.entity.js';
import { generateDueReports } from '../../api/reports/report-job.js';
import { completedPeriods } from '../../api/reports/report-periods.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

// 1 July 2026, 10:00 in Hải Phòng: the second quarter has just ended.
const now = new Date(FIXED_UNTIL.getTime() + 10 * 3_600_000);
const api = useSeededApi({ clock: () => now });
let inspector: string;
let departmentId: string;

const quarterOnly = () => completedPeriods(now).filter((p) => p.kind === ReportPeriodKind.QUARTER);

beforeAll(async () => {
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
  inspector = await api.server.login('inspector');
  const [row] = await api.stores
    .em()
    .execute<{ department_id: number }[]>(`select department_id from account where login = 'inspector'`);
  departmentId = String(row.department_id);
});

it('knows which periods have just ended, in Hải Phòng time', () => {
  expect(completedPeriods(now).map((p) => p.key)).toEqual(['2026-06', '2026-Q2', '2026-H1', '2025']);
  const [q] = quarterOnly();
  expect(q.from.toISOString()).toBe('2026-03-31T17:00:00.000Z');
  expect(q.to.toISOString()).toBe('2026-06-30T17:00:00.000Z');
});

it('generates the quarterly reports once, tells subscribers, and its figures equal ratingKpis', async () => {
  const sub = await api.server.gql(
    'mutation($id: ID!) { subscribeToReports(unitKind: DEPARTMENT, unitId: $id) }',
    { id: departmentId },
    inspector,
  );
  expect(sub.errors).toBeUndefined();
  const outside = await api.server.gql(
    'mutation { subscribeToReports(unitKind: BRANCH, unitId: "99999") }',
    {},
    inspector,
  );
  expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');

  const branches = await api.stores.em().execute<{ n: string }[]>('select count(*) as n from branch');
  const made = await generateDueReports(
    api.stores.db.orm.em,
    api.stores.analytics,
    api.stores.config,
    now,
    quarterOnly(),
  );
  expect(made).toBe(1 + Number(branches[0].n));
  expect(
    await generateDueReports(api.stores.db.orm.em, api.stores.analytics, api.stores.config, now, quarterOnly()),
  ).toBe(0);

  const list = await api.server.gql(
    '{ periodReports(first: 100, periodKind: QUARTER) { totalCount edges { node { id periodKey unitKind unitId from to } } } }',
    {},
    inspector,
  );
  expect(list.errors).toBeUndefined();
  const report = list
    .data!.periodReports.edges.map((e: any) => e.node)
    .find((r: any) => r.unitKind === 'DEPARTMENT' && r.unitId === departmentId);
  expect(report).toMatchObject({ periodKey: '2026-Q2' });

  const kpis = await api.server.gql(
    `query($from: DateTimeISO!, $to: DateTimeISO!, $d: [ID!]) { ratingKpis(from: $from, to: $to, filter: { departmentIds: $d }) {
       current { count csat mean dissatisfied } previous { count csat } forms releasedDeclarations ratedDeclarations responseRate } }`,
    { from: report.from, to: report.to, d: [departmentId] },
    inspector,
  );
  expect(kpis.errors).toBeUndefined();
  const k = kpis.data!.ratingKpis;
  expect(k.current.count).toBeGreaterThan(0);

  const xlsx = await api.server.gql(
    'query($id: ID!) { periodReportFile(id: $id, format: XLSX) { filename contentType base64 } }',
    { id: report.id },
    inspector,
  );
  expect(xlsx.data!.periodReportFile.filename).toBe(`bao-cao-2026-Q2-department-${departmentId}.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(xlsx.data!.periodReportFile.base64, 'base64') as never);
  const sheet = book.getWorksheet('KPI')!;
  const row = (label: string) => {
    let found: (string | number | null)[] = [];
    sheet.eachRow((r) => {
      const values = r.values as (string | number | null)[];
      if (values[1] === label) found = values.slice(2, 4);
    });
    return found;
  };
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  expect(row('Lượt đánh giá')).toEqual([k.current.count, k.previous.count]);
  expect(row('Hài lòng (%)')).toEqual([pct(k.current.csat), pct(k.previous.csat)]);
  expect(row('Điểm trung bình')[0]).toBeCloseTo(k.current.mean, 10);
  expect(row('Phiếu đánh giá')[0]).toBe(k.forms);
  expect(row('Tờ khai thông quan')[0]).toBe(k.releasedDeclarations);
  expect(row('Tờ khai được đánh giá')[0]).toBe(k.ratedDeclarations);
  expect(book.worksheets.map((w) => w.name)).toEqual([
    'KPI',
    'Xu hướng',
    'Xếp hạng',
    'Phản ánh',
    'Chỉ tiêu thấp',
    'Bảng điểm',
  ]);
  // The monthly trend adds up to the quarter.
  let trendTotal = 0;
  book.getWorksheet('Xu hướng')!.eachRow((r, n) => {
    if (n > 4) trendTotal += Number((r.values as unknown[])[2]);
  });
  expect(trendTotal).toBe(k.current.count);

  const pdf = await api.server.gql(
    'query($id: ID!) { periodReportFile(id: $id, format: PDF) { contentType base64 } }',
    { id: report.id },
    inspector,
  );
  const bytes = Buffer.from(pdf.data!.periodReportFile.base64, 'base64');
  expect(pdf.data!.periodReportFile.contentType).toBe('application/pdf');
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.toString('latin1')).toMatch(/\/Type \/Page\b/);

  // The subscriber is told, with a link to the report.
  await createMessageRelay(api.stores.db.orm.em, api.stores.config).flush(now);
  const inbox = await api.server.gql(
    '{ notifications(first: 20) { edges { node { topic link params { name value } } } } }',
    {},
    inspector,
  );
  const ready = inbox.data!.notifications.edges.map((e: any) => e.node).filter((n: any) => n.topic === 'report.ready');
  expect(ready).toEqual([
    {
      topic: 'report.ready',
      link: `/reports/${report.id}`,
      params: expect.arrayContaining([
        { name: 'period', value: '2026-Q2' },
        { name: 'periodKind', value: 'QUARTER' },
      ]),
    },
  ]);
});

it('keeps reports within the report scope: a supervisor sees its branch only', async () => {
  const supervisor = await api.server.login('supervisor');
  const list = await api.server.gql(
    '{ periodReports(first: 100) { edges { node { id unitKind unitId } } } }',
    {},
    supervisor,
  );
  const units = list.data!.periodReports.edges.map((e: any) => `${e.node.unitKind}:${e.node.unitId}`);
  expect(units).toEqual(['BRANCH:1']);
  const [department] = (
    await api.server.gql('{ periodReports(first: 100) { edges { node { id unitKind } } } }', {}, inspector)
  ).data!.periodReports.edges.filter((e: any) => e.node.unitKind === 'DEPARTMENT');
  const refused = await api.server.gql(
    'query($id: ID!) { periodReportFile(id: $id, format: PDF) { base64 } }',
    { id: department.node.id },
    supervisor,
  );
  expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  const officer = await api.server.login('officer');
  expect(
    (await api.server.gql('{ periodReports(first: 1) { totalCount } }', {}, officer)).errors?.[0].extensions?.code,
  ).toBe('FORBIDDEN');
});
