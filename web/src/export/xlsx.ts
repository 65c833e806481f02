/**
 * XLSX writer: one sheet with the table's heading lines (the first one as a title), a bold header
 * row that stays in view and filters, numbers kept as numbers. ExcelJS is large, so it is
 * imported only when the first workbook is written.
 */
import type { ExportTable } from './table';

export async function xlsxBlob(table: ExportTable): Promise<Blob> {
  const module = await import('exceljs');
  const ExcelJS = (module as unknown as { default?: typeof module }).default ?? module;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'customs-sqa';
  const sheet = workbook.addWorksheet(table.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1');
  const heading = table.heading ?? [];
  heading.forEach((line, i) => (sheet.addRow([line]).font = i === 0 ? { bold: true, size: 14 } : { italic: true }));
  if (heading.length > 0) sheet.addRow([]);
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  if (heading.length > 0) {
    sheet.views = [{ state: 'frozen', ySplit: header.number }];
    sheet.autoFilter = {
      from: { row: header.number, column: 1 },
      to: { row: header.number, column: table.headers.length },
    };
  }
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? null));
  sheet.columns.forEach((column, i) => {
    // Heading lines run across the columns: they do not widen the first one.
    const longest = Math.max(
      ...[table.headers[i] ?? '', ...table.rows.map((r) => r[i])].map((c) => String(c ?? '').length),
    );
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
