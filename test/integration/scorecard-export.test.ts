/**
 * The officer scorecard export for a review: one row per officer, each with its code, team and
 * branch (two officers may share a name, never a code). The workbook is written by the console's
 * own export code and read back with ExcelJS; codes are checked against Postgres.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportTable } from '../../web/src/export/table.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();

// The console's modules resolve like the console's (Vite), not like the API's: loaded at run time.
interface ScorecardTableModule {
  scorecardRows(cards: unknown[]): unknown[];
  scorecardExportTable(sheet: string, heading: string[], rows: unknown[], headers: typeof HEADERS): ExportTable;
}
const load = async () => ({
  table: (await import('../../web/src/analytics/scorecard' + 'Table.ts')) as ScorecardTableModule,
  xlsx: (await import('../../web/src/export/' + 'xlsx.ts')) as { xlsxBlob(table: ExportTable): Promise<Blob> },
});
const FROM = '2026-01-01T00:00:00+07:00';
const TO = '2027-01-01T00:00:00+07:00';
const Q = `query($from: DateTimeISO!, $to: DateTimeISO!) { evaluationScorecards(unit: OFFICER, from: $from, to: $to, minCount: 10, withPrevious: true) {
  unit { dimension value label } code teamName branchName excludedRatings
  ratings { count mean csat shrunkMean belowMinimum } cases substantiated concluded concludedOnTime timeliness
  previous { ratings { count shrunkMean belowMinimum } } } }`;

const HEADERS = {
  rank: 'Hạng',
  code: 'Mã',
  name: 'Công chức',
  team: 'Đội',
  branch: 'Chi cục',
  excluded: 'Loại',
  count: 'Số lượt',
  mean: 'TB',
  shrunkMean: 'Điểm',
  previousShrunkMean: 'Kỳ trước',
  change: 'Thay đổi',
  csat: 'Hài lòng',
  belowMinimum: 'Dưới tối thiểu',
  cases: 'Hồ sơ',
  substantiated: 'Đúng',
  concluded: 'Kết luận',
  timeliness: 'Đúng hạn',
  stageAdjusted: 'Điểm so cùng khâu',
  grade: 'Xếp loại',
  grades: { EXCELLENT: 'Xuất sắc', GOOD: 'Tốt', PASS: 'Đạt', FAIL: 'Chưa đạt' },
  yes: 'Có',
  no: 'Không',
};

describe('the officer scorecard export', () => {
  it('has one row per officer with its code, team and branch, read back from the XLSX', async () => {
    const leader = await api.server.login('inspector');
    const res = await api.server.gql(Q, { from: FROM, to: TO }, leader);
    expect(res.errors).toBeUndefined();
    const cards: { unit: { value: string } }[] = res.data!.evaluationScorecards;
    expect(cards.length).toBeGreaterThan(1);

    const { table: t, xlsx } = await load();
    const table = t.scorecardExportTable(
      'Bảng điểm',
      ['Bảng điểm công chức – năm 2026'],
      t.scorecardRows(cards),
      HEADERS,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await xlsx.xlsxBlob(table)).arrayBuffer());
    const sheet = workbook.worksheets[0];
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const headerAt = values.findIndex((r) => r[0] === HEADERS.rank);
    expect(values[headerAt].slice(0, 5)).toEqual(['Hạng', 'Mã', 'Công chức', 'Đội', 'Chi cục']);
    const rows = values.slice(headerAt + 1);

    // One row per officer, each with a distinct code that is that officer's in Postgres.
    expect(rows).toHaveLength(cards.length);
    const codes = rows.map((r) => r[1] as string);
    expect(new Set(codes).size).toBe(codes.length);
    const officers = await api.stores
      .em()
      .execute<{ id: number; code: string; full_name: string }[]>('select id, code, full_name from officer');
    const byCode = new Map(officers.map((o) => [o.code, o]));
    for (const [i, card] of cards.entries()) expect(byCode.get(codes[i])?.id).toBe(Number(card.unit.value));
    // Every row names a team and a branch, and the excluded-ratings column carries each card's count.
    expect(rows.every((r) => typeof r[3] === 'string' && typeof r[4] === 'string')).toBe(true);
    expect(rows.map((r) => r.at(-1))).toEqual(cards.map((c: any) => c.excludedRatings));
    // Officers who share a name are told apart by their codes.
    const names = new Map<string, number>();
    for (const o of officers.filter((o) => cards.some((c) => Number(c.unit.value) === o.id)))
      names.set(o.full_name, (names.get(o.full_name) ?? 0) + 1);
    const shared = [...names].filter(([, n]) => n > 1).map(([name]) => name);
    for (const name of shared) {
      const theirs = officers.filter((o) => o.full_name === name).map((o) => o.code);
      expect(new Set(theirs).size).toBe(theirs.length);
    }
  });
});
