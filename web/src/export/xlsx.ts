/**
 * XLSX writer: one sheet with a bold header row, numbers kept as numbers. ExcelJS is large, so
 * it is imported only when the first workbook is written.
 */
import type { ExportTable } from './table';

export async function xlsxBlob(table: ExportTable): Promise<Blob> {
  const module = await import('exceljs');
  const ExcelJS = (module as unknown as { default?: typeof module }).default ?? module;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'customs-sqa';
  const sheet = workbook.addWorksheet(table.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1');
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? null));
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(...[table.headers[i] ?? '', ...table.rows.map((r) => r[i])].map((c) => String(c ?? '').length));
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
