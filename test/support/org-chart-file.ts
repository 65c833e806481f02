/**
 * An org chart export as an HR system would give it, for tests: one department, two branches,
 * three teams, four officers, three stages and one extra reason; as XLSX (three sheets) or CSV.
 */
import ExcelJS from 'exceljs';

export const OFFICER_HEADER = [
  'Mã Cục',
  'Tên Cục',
  'Mã Chi cục',
  'Tên Chi cục',
  'Mã Đội',
  'Tên Đội',
  'Số hiệu công chức',
  'Họ tên',
  'Từ ngày',
];

export const OFFICER_ROWS: string[][] = [
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
  [
    'QN',
    'Cục Hải quan Quảng Ninh',
    'QNCP',
    'Chi cục Hải quan Cẩm Phả',
    'QNCP-TT',
    'Đội Thủ tục',
    'QN00002',
    'Trần Thị Bình',
    '2024-03-01',
  ],
  [
    'QN',
    'Cục Hải quan Quảng Ninh',
    'QNCP',
    'Chi cục Hải quan Cẩm Phả',
    'QNCP-KT',
    'Đội Kiểm tra',
    'QN00003',
    'Lê Văn Cường',
    '2023-07-15',
  ],
  [
    'QN',
    'Cục Hải quan Quảng Ninh',
    'QNMC',
    'Chi cục Hải quan Móng Cái',
    'QNMC-TT',
    'Đội Thủ tục',
    'QN00004',
    'Phạm Thị Dung',
    '15/01/2025',
  ],
];

export const STAGE_ROWS: string[][] = [
  ['TNHS', 'Tiếp nhận hồ sơ', 'Receipt of documents', '1'],
  ['KTHS', 'Kiểm tra hồ sơ', 'Document check', '2'],
  ['TQ', 'Thông quan', 'Release', '3'],
];

export const REASON_ROWS: string[][] = [['QN_FRIENDLY', 'Công chức thân thiện', 'Friendly officer', '4', '5', '90']];

export async function orgChartXlsx(officers: string[][] = OFFICER_ROWS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = (name: string, header: string[], rows: string[][]) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
  };
  sheet('Công chức', OFFICER_HEADER, officers);
  sheet('Khâu nghiệp vụ', ['stage_code', 'name_vi', 'name_en', 'sort_order'], STAGE_ROWS);
  sheet('Lý do', ['reason_code', 'name_vi', 'name_en', 'min_level', 'max_level', 'sort_order'], REASON_ROWS);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function orgChartCsv(officers: string[][] = OFFICER_ROWS): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [OFFICER_HEADER, ...officers].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}
