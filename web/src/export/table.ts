/** A table as exported: column headers and rows of plain cells (numbers stay numbers). */
export type Cell = string | number | null;

export interface ExportTable {
  /** Sheet name (XLSX). */
  title: string;
  /** Lines above the header row in a workbook (a report title, its period, a note); CSV leaves them out so it stays one table. */
  heading?: string[];
  headers: string[];
  rows: Cell[][];
  /** Set when the table's query has more rows than an export reads (useConnection's EXPORT_ROW_CAP). */
  truncated?: { rows: number; total: number };
}

/** Trigger a browser download of a blob under a file name. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A safe file name part: letters, digits, dash and underscore. */
export function fileSafe(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
