/** Lays a period report out as an XLSX workbook (ExcelJS): one sheet per part, numbers as numbers. */
import ExcelJS from 'exceljs';
import type { ReportData } from './report-data.js';
import { LABELS, periodTitle } from './report-labels.js';

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export async function reportXlsx(data: ReportData): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'customs-sqa';
  const sheet = (name: string, title: string, header: string[], rows: (string | number | null)[][]) => {
    const ws = book.addWorksheet(name);
    ws.addRow([title]).font = { bold: true, size: 13 };
    ws.addRow([periodTitle(data)]);
    ws.addRow([]);
    const head = ws.addRow(header);
    head.font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 36 : 16));
    ws.views = [{ state: 'frozen', ySplit: 4 }];
  };
  const k = data.kpis;
  sheet(
    'KPI',
    LABELS.kpis,
    [LABELS.indicator, LABELS.current, LABELS.previous],
    [
      [LABELS.ratings, k.current.count, k.previous.count],
      [LABELS.csat, pct(k.current.csat), pct(k.previous.csat)],
      [LABELS.mean, k.current.mean, k.previous.mean],
      [LABELS.dissatisfied, pct(k.current.dissatisfied), pct(k.previous.dissatisfied)],
      [LABELS.forms, k.forms, null],
      [LABELS.released, k.releasedDeclarations, null],
      [LABELS.rated, k.ratedDeclarations, null],
      [LABELS.responseRate, pct(k.responseRate), null],
    ],
  );
  sheet(
    'Xu hướng',
    LABELS.trend,
    [LABELS.month, LABELS.ratings, LABELS.csat, LABELS.mean],
    data.trend.map((t) => [t.month, t.count, pct(t.csat), t.mean]),
  );
  sheet(
    'Xếp hạng',
    LABELS.ranking,
    [LABELS.rank, LABELS.unit, LABELS.ratings, LABELS.csat, LABELS.shrunk],
    data.ranking.map((r) => [r.rank, r.name, r.count, pct(r.csat), r.shrunkMean]),
  );
  const c = data.cases;
  sheet(
    'Phản ánh',
    LABELS.cases,
    [LABELS.indicator, LABELS.value],
    [
      [LABELS.casesOpened, c.opened],
      [LABELS.casesOpen, c.open],
      [LABELS.casesConcluded, c.concluded],
      [LABELS.casesOnTime, c.concludedOnTime],
      [LABELS.casesSubstantiated, c.substantiated],
      [LABELS.casesEscalated, c.escalated],
    ],
  );
  sheet(
    'Chỉ tiêu thấp',
    LABELS.lowMarks,
    [LABELS.unit, LABELS.indicator, LABELS.score],
    data.lowMarks.map((l) => [l.branch, l.indicator, l.score]),
  );
  sheet(
    'Bảng điểm',
    LABELS.scorecards,
    [LABELS.unit, LABELS.ratings, LABELS.csat, LABELS.cases, LABELS.casesSubstantiated, LABELS.timeliness],
    data.scorecards.map((s) => [s.name, s.ratings, pct(s.csat), s.cases, s.substantiated, pct(s.timeliness)]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
