/**
 * Reads an org chart file (CSV or XLSX) into sheets of rows keyed by normalised column names.
 * The shape is what an HR or customs-system export has: one row per officer with the codes and
 * names of their department, branch and team; a stages sheet; a reasons sheet. Headers may be in
 * English (`branch_code`) or Vietnamese (`Mã chi cục`); both normalise to the same key.
 */
import { parse } from 'csv-parse/sync';

export type SheetKind = 'officers' | 'stages' | 'reasons';

export interface Sheet {
  kind: SheetKind;
  name: string;
  /** Data rows with their row number in the file (the header is row 1). */
  rows: { row: number; values: Record<string, string | Date> }[];
}

export class FileProblem extends Error {}

export const MAX_IMPORT_ROWS = 50_000;

/** Column keys per sheet kind; the first list is required, the second optional. */
export const COLUMNS: Record<SheetKind, { required: string[]; optional: string[] }> = {
  officers: {
    required: ['department_code', 'branch_code', 'team_code'],
    optional: ['department_name', 'branch_name', 'team_name', 'officer_code', 'full_name', 'valid_from'],
  },
  stages: { required: ['stage_code', 'name_vi', 'name_en'], optional: ['sort_order'] },
  reasons: { required: ['reason_code', 'name_vi', 'name_en', 'min_level', 'max_level'], optional: ['sort_order'] },
};

// Vietnamese headers of the usual HR exports, after normalisation (no accents, "_" for spaces).
const ALIASES: Record<string, string> = {
  ma_cuc: 'department_code',
  ten_cuc: 'department_name',
  ma_chi_cuc: 'branch_code',
  ten_chi_cuc: 'branch_name',
  ma_doi: 'team_code',
  ten_doi: 'team_name',
  so_hieu_cong_chuc: 'officer_code',
  ma_cong_chuc: 'officer_code',
  ho_ten: 'full_name',
  ho_va_ten: 'full_name',
  tu_ngay: 'valid_from',
  ngay_hieu_luc: 'valid_from',
  ma_khau: 'stage_code',
  ma_ly_do: 'reason_code',
  ten_tieng_viet: 'name_vi',
  ten_tieng_anh: 'name_en',
  thu_tu: 'sort_order',
  muc_thap_nhat: 'min_level',
  muc_cao_nhat: 'max_level',
};

export function normaliseHeader(header: string): string {
  const plain = header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return ALIASES[plain] ?? plain;
}

function kindOf(headers: string[]): SheetKind | null {
  if (headers.includes('team_code')) return 'officers';
  if (headers.includes('stage_code')) return 'stages';
  if (headers.includes('reason_code')) return 'reasons';
  return null;
}

function sheetOf(name: string, table: (string | Date)[][]): Sheet | null {
  const [header, ...body] = table;
  if (!header) return null;
  const keys = header.map((h) => normaliseHeader(String(h ?? '')));
  const kind = kindOf(keys);
  if (!kind) return null;
  const missing = COLUMNS[kind].required.filter((c) => !keys.includes(c));
  if (missing.length > 0) throw new FileProblem(`Sheet "${name}" lacks the column(s) ${missing.join(', ')}.`);
  const rows: Sheet['rows'] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c === '' || c == null)) return;
    const values: Record<string, string | Date> = {};
    keys.forEach((key, k) => {
      const cell = cells[k];
      values[key] = cell instanceof Date ? cell : String(cell ?? '').trim();
    });
    rows.push({ row: i + 2, values });
  });
  return { kind, name, rows };
}

export async function readOrgChartFile(format: 'CSV' | 'XLSX', content: Buffer): Promise<Sheet[]> {
  let sheets: Sheet[];
  if (format === 'CSV') {
    let table: string[][];
    try {
      const text = content.toString('utf8').replace(/^\uFEFF/, '');
      // Excel in Vietnamese locales saves CSV with ";" as often as with ",".
      const delimiter =
        (text.split('\n')[0].match(/;/g)?.length ?? 0) > (text.split('\n')[0].match(/,/g)?.length ?? 0) ? ';' : ',';
      const parsed: string[][] = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true });
      table = parsed;
    } catch (error) {
      throw new FileProblem(`The CSV file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    const sheet = sheetOf('CSV', table);
    if (!sheet) throw new FileProblem(HEADER_HELP);
    sheets = [sheet];
  } else {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw new FileProblem('The XLSX file cannot be read: it is not an Excel workbook (.xlsx).');
    }
    sheets = [];
    workbook.eachSheet((worksheet) => {
      const table: (string | Date)[][] = [];
      worksheet.eachRow({ includeEmpty: true }, (row) => {
        const cells: (string | Date)[] = [];
        for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellValue(row.getCell(c).value));
        table[row.number - 1] = cells;
      });
      const sheet = sheetOf(
        worksheet.name,
        Array.from(table, (r) => r ?? []),
      );
      if (sheet) sheets.push(sheet);
    });
    if (sheets.length === 0) throw new FileProblem(HEADER_HELP);
  }
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  if (total > MAX_IMPORT_ROWS)
    throw new FileProblem(`The file has ${total} rows; at most ${MAX_IMPORT_ROWS} per import.`);
  return sheets;
}

const HEADER_HELP =
  'No sheet has a known header: officers need department_code, branch_code, team_code (and officer_code, full_name, valid_from); stages stage_code, name_vi, name_en; reasons reason_code, name_vi, name_en, min_level, max_level.';

function cellValue(value: unknown): string | Date {
  if (value == null) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if (v.result !== undefined) return cellValue(v.result);
    if (v.text !== undefined) return v.text;
  }
  return String(value);
}
