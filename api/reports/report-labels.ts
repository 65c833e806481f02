/**
 * The words of the report files. Reports are the organisation's documents, printed for its
 * reviews, so they are written in Vietnamese; unit names are data and stay as they are.
 */
import type { ReportData } from './report-data.js';

export const LABELS = {
  title: 'Báo cáo đánh giá chất lượng phục vụ',
  kpis: 'Chỉ tiêu chính so với kỳ trước',
  trend: 'Xu hướng theo tháng',
  ranking: 'Xếp hạng đơn vị',
  cases: 'Phản ánh và xử lý',
  lowMarks: 'Chỉ tiêu khảo sát điểm thấp',
  scorecards: 'Bảng điểm đánh giá',
  indicator: 'Chỉ tiêu',
  current: 'Kỳ này',
  previous: 'Kỳ trước',
  value: 'Giá trị',
  ratings: 'Lượt đánh giá',
  csat: 'Hài lòng (%)',
  mean: 'Điểm trung bình',
  dissatisfied: 'Không hài lòng (%)',
  forms: 'Phiếu đánh giá',
  released: 'Tờ khai thông quan',
  rated: 'Tờ khai được đánh giá',
  responseRate: 'Tỷ lệ đánh giá (%)',
  month: 'Tháng',
  rank: 'Hạng',
  unit: 'Đơn vị',
  shrunk: 'Điểm xếp hạng',
  score: 'Điểm',
  casesOpened: 'Phản ánh phát sinh',
  casesOpen: 'Đang xử lý',
  casesConcluded: 'Đã kết luận',
  casesOnTime: 'Kết luận đúng hạn',
  casesSubstantiated: 'Có cơ sở',
  casesEscalated: 'Chuyển Thanh tra',
  timeliness: 'Đúng hạn (%)',
  none: 'Không có dữ liệu',
};

const KIND: Record<string, string> = { MONTH: 'Tháng', QUARTER: 'Quý', HALF_YEAR: 'Nửa năm', YEAR: 'Năm' };

export function periodTitle(data: ReportData): string {
  const day = (iso: string, offsetMs = 0) =>
    new Date(new Date(iso).getTime() + 7 * 3_600_000 - offsetMs).toISOString().slice(0, 10);
  return `${data.unit.name} — ${KIND[data.period.kind] ?? ''} ${data.period.key} (${day(data.period.from)} – ${day(data.period.to, 1)})`;
}
