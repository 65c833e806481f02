/**
 * Lays a period report out as a printable A4 PDF (pdfkit): the KPI table against the previous
 * period, a line chart of the monthly satisfaction, a bar chart of the ranking, the cases, the
 * low-mark items and the scorecards. Charts are drawn with plain lines and rectangles. Vietnamese
 * needs a Unicode font (REPORT_FONT, DejaVu Sans by default); without one the text is written
 * without diacritics rather than as broken glyphs.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ReportData } from './report-data.js';
import { LABELS, periodTitle } from './report-labels.js';

const pct = (v: number | null) => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toLocaleString('vi-VN')} %`);
const num = (v: number | null, digits = 2) =>
  v === null ? '—' : v.toLocaleString('vi-VN', { maximumFractionDigits: digits });

export async function reportPdf(data: ReportData, fontPath: string | null): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${LABELS.title} ${data.period.key}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const unicode = fontPath !== null && fs.existsSync(fontPath);
  if (unicode) doc.font(fontPath);
  const text = (s: string) => (unicode ? s : stripDiacritics(s));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.fontSize(16).text(text(LABELS.title));
  doc
    .fontSize(11)
    .text(text(periodTitle(data)))
    .moveDown();

  const table = (title: string, header: string[], rows: string[][], widths: number[]) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.fontSize(12).text(text(title), left).moveDown(0.3);
    doc.fontSize(9);
    const draw = (cells: string[], bold: boolean) => {
      const y = doc.y;
      let x = left;
      cells.forEach((cell, i) => {
        doc.fillColor(bold ? '#0b3d6b' : '#1d2a36').text(text(cell), x, y, { width: widths[i] * width - 4 });
        x += widths[i] * width;
      });
      doc.x = left;
      doc.y = Math.max(doc.y, y + 13);
      if (doc.y > doc.page.height - 60) doc.addPage();
    };
    draw(header, true);
    if (rows.length === 0) draw([LABELS.none], false);
    for (const row of rows) draw(row, false);
    doc.fillColor('#1d2a36').moveDown();
  };

  const k = data.kpis;
  table(
    LABELS.kpis,
    [LABELS.indicator, LABELS.current, LABELS.previous],
    [
      [LABELS.ratings, num(k.current.count, 0), num(k.previous.count, 0)],
      [LABELS.csat, pct(k.current.csat), pct(k.previous.csat)],
      [LABELS.mean, num(k.current.mean), num(k.previous.mean)],
      [LABELS.dissatisfied, pct(k.current.dissatisfied), pct(k.previous.dissatisfied)],
      [LABELS.forms, num(k.forms, 0), ''],
      [LABELS.responseRate, pct(k.responseRate), ''],
    ],
    [0.5, 0.25, 0.25],
  );

  chartTitle(doc, text(LABELS.trend), left);
  lineChart(
    doc,
    data.trend.map((t) => ({ label: t.month, value: t.csat === null ? null : t.csat * 100 })),
    left,
    width,
  );
  chartTitle(doc, text(`${LABELS.ranking} — ${LABELS.csat}`), left);
  barChart(
    doc,
    data.ranking.slice(0, 12).map((r) => ({ label: text(r.name), value: r.csat === null ? 0 : r.csat * 100 })),
    left,
    width,
  );

  table(
    LABELS.ranking,
    [LABELS.rank, LABELS.unit, LABELS.ratings, LABELS.csat, LABELS.shrunk],
    data.ranking.map((r) => [
      r.rank === null ? '—' : String(r.rank),
      r.name,
      num(r.count, 0),
      pct(r.csat),
      num(r.shrunkMean),
    ]),
    [0.08, 0.42, 0.15, 0.17, 0.18],
  );
  const c = data.cases;
  table(
    LABELS.cases,
    [LABELS.indicator, LABELS.value],
    [
      [LABELS.casesOpened, num(c.opened, 0)],
      [LABELS.casesConcluded, num(c.concluded, 0)],
      [LABELS.casesOnTime, num(c.concludedOnTime, 0)],
      [LABELS.casesSubstantiated, num(c.substantiated, 0)],
      [LABELS.casesEscalated, num(c.escalated, 0)],
    ],
    [0.6, 0.4],
  );
  table(
    LABELS.lowMarks,
    [LABELS.unit, LABELS.indicator, LABELS.score],
    data.lowMarks.map((l) => [l.branch, l.indicator, num(l.score, 1)]),
    [0.3, 0.55, 0.15],
  );
  table(
    LABELS.scorecards,
    [LABELS.unit, LABELS.ratings, LABELS.csat, LABELS.cases, LABELS.timeliness],
    data.scorecards.map((s) => [s.name, num(s.ratings, 0), pct(s.csat), num(s.cases, 0), pct(s.timeliness)]),
    [0.4, 0.15, 0.15, 0.15, 0.15],
  );
  doc.end();
  return done;
}

function chartTitle(doc: PDFKit.PDFDocument, title: string, left: number) {
  if (doc.y > doc.page.height - 220) doc.addPage();
  doc.fontSize(12).text(title, left).moveDown(0.3);
}

/** Satisfaction (0–100 %) per month as a polyline over a 0–100 axis. */
function lineChart(
  doc: PDFKit.PDFDocument,
  points: { label: string; value: number | null }[],
  left: number,
  width: number,
) {
  const top = doc.y;
  const height = 120;
  const axis = left + 28;
  const plot = width - 36;
  doc.fontSize(7).strokeColor('#8a9aa9').lineWidth(0.5);
  for (const v of [0, 50, 100]) {
    const y = top + height - (v / 100) * height;
    doc
      .moveTo(axis, y)
      .lineTo(axis + plot, y)
      .stroke();
    doc.fillColor('#5b6b7a').text(`${v}%`, left, y - 4, { width: 24, align: 'right' });
  }
  const step = points.length > 1 ? plot / (points.length - 1) : 0;
  const xy = points.map((p, i) => ({
    x: axis + (points.length > 1 ? i * step : plot / 2),
    y: p.value === null ? null : top + height - (p.value / 100) * height,
    ...p,
  }));
  doc.strokeColor('#0b5394').lineWidth(1.5);
  let started = false;
  for (const p of xy) {
    if (p.y === null) continue;
    if (!started) doc.moveTo(p.x, p.y);
    else doc.lineTo(p.x, p.y);
    started = true;
  }
  if (started) doc.stroke();
  for (const p of xy) {
    if (p.y !== null) doc.circle(p.x, p.y, 2).fill('#0b5394');
    doc.fillColor('#5b6b7a').text(p.label, p.x - 20, top + height + 4, { width: 40, align: 'center' });
  }
  doc.fillColor('#1d2a36').lineWidth(1).strokeColor('#000');
  doc.x = left;
  doc.y = top + height + 20;
  doc.moveDown();
}

/** One horizontal bar per unit, 0–100 %. */
function barChart(doc: PDFKit.PDFDocument, bars: { label: string; value: number }[], left: number, width: number) {
  const labelWidth = 150;
  const plot = width - labelWidth - 40;
  doc.fontSize(7);
  for (const bar of bars) {
    const y = doc.y;
    doc.fillColor('#1d2a36').text(bar.label, left, y, { width: labelWidth - 6, height: 10, ellipsis: true });
    doc.rect(left + labelWidth, y, Math.max(1, (bar.value / 100) * plot), 8).fill('#3d85c6');
    doc.fillColor('#1d2a36').text(`${bar.value.toFixed(1)}%`, left + labelWidth + plot + 4, y, { width: 36 });
    doc.x = left;
    doc.y = y + 12;
  }
  doc.moveDown();
}

function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}
