/**
 * The public holidays of the demo years (Bộ luật Lao động 2019, art. 112, with the days the
 * Government announced or moved; treat as illustrative and import the official list in
 * production). The demo seed writes them into `holiday`, and its cases' deadlines are counted on
 * the same calendar as live ones.
 */
export const DEMO_HOLIDAYS: [string, string][] = [
  ['2025-01-01', 'Tết Dương lịch'],
  ...range('2025-01-25', 9, 'Tết Nguyên đán Ất Tỵ'),
  ['2025-04-07', 'Giỗ Tổ Hùng Vương'],
  ['2025-04-30', 'Ngày Giải phóng miền Nam'],
  ['2025-05-01', 'Ngày Quốc tế Lao động'],
  ['2025-09-01', 'Quốc khánh'],
  ['2025-09-02', 'Quốc khánh'],
  ['2026-01-01', 'Tết Dương lịch'],
  ...range('2026-02-14', 9, 'Tết Nguyên đán Bính Ngọ'),
  ['2026-04-27', 'Giỗ Tổ Hùng Vương (nghỉ bù)'],
  ['2026-04-30', 'Ngày Giải phóng miền Nam'],
  ['2026-05-01', 'Ngày Quốc tế Lao động'],
  ['2026-09-01', 'Quốc khánh'],
  ['2026-09-02', 'Quốc khánh'],
  ['2027-01-01', 'Tết Dương lịch'],
  ...range('2027-02-05', 7, 'Tết Nguyên đán Đinh Mùi'),
  ['2027-04-16', 'Giỗ Tổ Hùng Vương'],
  ['2027-04-30', 'Ngày Giải phóng miền Nam'],
  ['2027-05-01', 'Ngày Quốc tế Lao động'],
  ['2027-09-02', 'Quốc khánh'],
  ['2027-09-03', 'Quốc khánh'],
];

function range(first: string, days: number, name: string): [string, string][] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => [new Date(start + i * 86_400_000).toISOString().slice(0, 10), name]);
}
