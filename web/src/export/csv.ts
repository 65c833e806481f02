/**
 * CSV writer (RFC 4180): comma-separated, CRLF line ends, a field quoted when it holds a comma,
 * quote, CR or LF (quotes doubled), and a UTF-8 byte-order mark so Excel reads Vietnamese
 * correctly. A text cell starting with =, +, - or @ is prefixed with an apostrophe so a
 * spreadsheet does not run it as a formula.
 */
import type { Cell, ExportTable } from './table';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA = /^[=+\-@\t\r]/;

export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ExportTable): string {
  return [table.headers, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvBlob(table: ExportTable): Blob {
  return new Blob(['\uFEFF', toCsv(table)], { type: 'text/csv;charset=utf-8' });
}
