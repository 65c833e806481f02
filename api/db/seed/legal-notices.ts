/**
 * Demo notices of new legal and guidance documents (circulars of the Ministry of Finance,
 * decisions of the customs administration, guidance letters), spread over the demo year, with
 * some enterprises having read them. Numbers and titles are modelled on real ones but illustrative;
 * each link searches the national legal-documents database (vbpl.vn) for the number.
 * The customs administration's name follows its date: Tổng cục Hải quan until March 2025, Cục
 * Hải quan (under the Ministry of Finance) after.
 */
import { DAY_MS, VIETNAM_OFFSET_MS, vietnamDate } from '../../time.js';
import type { Random } from './random.js';

type Row = unknown[];

interface NoticeTemplate {
  /** Days before the end of the demo data the notice is published. */
  publishedDaysAgo: number;
  /** Days between the document's issue and the notice. */
  issuedDaysBefore: number;
  /** Days after issue it takes effect; null when the document states none. */
  effectiveAfter: number | null;
  kind: 'circular' | 'decision' | 'letter';
  serial: number;
  titleVi: string;
  titleEn: string | null;
  summary: string;
  /** Share of enterprises addressed (1 = all, published with no list). */
  audience: number;
}

const TEMPLATES: NoticeTemplate[] = [
  {
    publishedDaysAgo: 362,
    issuedDaysBefore: 190,
    effectiveAfter: 190,
    kind: 'decision',
    serial: 3087,
    titleVi:
      'Quyết định ban hành Quy chế đánh giá sự hài lòng của doanh nghiệp đối với chất lượng phục vụ của cơ quan hải quan',
    titleEn:
      'Decision issuing the rules for assessing enterprise satisfaction with the service quality of customs offices',
    summary:
      'Doanh nghiệp đánh giá mức độ hài lòng theo từng tờ khai, từng khâu nghiệp vụ và từng công chức trên năm mức; phản ánh mức 1–2 sao được xác minh, xử lý và trả lời trong thời hạn quy định.',
    audience: 1,
  },
  {
    publishedDaysAgo: 250,
    issuedDaysBefore: 6,
    effectiveAfter: 45,
    kind: 'circular',
    serial: 121,
    titleVi:
      'Thông tư sửa đổi, bổ sung một số điều của Thông tư số 38/2015/TT-BTC quy định về thủ tục hải quan; kiểm tra, giám sát hải quan; thuế xuất khẩu, thuế nhập khẩu và quản lý thuế đối với hàng hóa xuất khẩu, nhập khẩu',
    titleEn:
      'Circular amending Circular 38/2015/TT-BTC on customs procedures, inspection and supervision, export and import duties and tax administration',
    summary:
      'Sửa đổi quy định về hồ sơ hải quan, khai bổ sung, kiểm tra hồ sơ và kiểm tra thực tế hàng hóa; bổ sung trường hợp khai hải quan trên tờ khai giấy.',
    audience: 1,
  },
  {
    publishedDaysAgo: 160,
    issuedDaysBefore: 3,
    effectiveAfter: 0,
    kind: 'decision',
    serial: 2150,
    titleVi: 'Quyết định ban hành Quy trình thủ tục hải quan đối với hàng hóa xuất khẩu, nhập khẩu thương mại',
    titleEn: 'Decision issuing the customs clearance procedure for commercial exports and imports',
    summary:
      'Thay thế quy trình cũ; quy định trách nhiệm của từng khâu nghiệp vụ (tiếp nhận, kiểm tra hồ sơ, kiểm tra thực tế, thông quan) và thời hạn xử lý.',
    audience: 1,
  },
  {
    publishedDaysAgo: 95,
    issuedDaysBefore: 4,
    effectiveAfter: 45,
    kind: 'circular',
    serial: 18,
    titleVi: 'Thông tư hướng dẫn thủ tục hải quan điện tử đối với hàng hóa vận chuyển chịu sự giám sát hải quan',
    titleEn: 'Circular on electronic customs procedures for goods transported under customs supervision',
    summary:
      'Doanh nghiệp kinh doanh vận tải, kho bãi khai tờ khai vận chuyển độc lập trên hệ thống VNACCS/VCIS; bỏ yêu cầu nộp bản giấy biên bản bàn giao.',
    audience: 0.3,
  },
  {
    publishedDaysAgo: 40,
    issuedDaysBefore: 2,
    effectiveAfter: null,
    kind: 'letter',
    serial: 1234,
    titleVi: 'Công văn hướng dẫn khai báo thông tin người nhận hàng và mã địa điểm lưu kho trên tờ khai nhập khẩu',
    titleEn: null,
    summary:
      'Hướng dẫn ghi mã địa điểm lưu kho hàng chờ thông quan tại cảng Hải Phòng và thông tin người nhận hàng để tránh khai bổ sung sau thông quan.',
    audience: 0.15,
  },
  {
    publishedDaysAgo: 12,
    issuedDaysBefore: 5,
    effectiveAfter: 45,
    kind: 'circular',
    serial: 31,
    titleVi:
      'Thông tư ban hành Danh mục hàng hóa xuất khẩu, nhập khẩu Việt Nam và Biểu thuế xuất khẩu, nhập khẩu ưu đãi sửa đổi',
    titleEn:
      "Circular issuing the amended Nomenclature of Vietnam's exports and imports and the preferential export and import tariff",
    summary:
      'Cập nhật mã số hàng hóa theo Danh mục AHTN; điều chỉnh thuế suất ưu đãi một số mặt hàng thép, linh kiện điện tử và phân bón.',
    audience: 1,
  },
];

/** The customs administration was restructured on 1 March 2025. */
const RESTRUCTURED = '2025-03-01';

function issuerAndNumber(template: NoticeTemplate, issuedOn: string): { issuer: string; number: string } {
  const year = issuedOn.slice(0, 4);
  const beforeRestructuring = issuedOn < RESTRUCTURED;
  switch (template.kind) {
    case 'circular':
      return { issuer: 'Bộ Tài chính', number: `${template.serial}/${year}/TT-BTC` };
    case 'decision':
      return beforeRestructuring
        ? { issuer: 'Tổng cục Hải quan', number: `${template.serial}/QĐ-TCHQ` }
        : { issuer: 'Cục Hải quan', number: `${template.serial}/QĐ-CHQ` };
    default:
      return beforeRestructuring
        ? { issuer: 'Tổng cục Hải quan', number: `${template.serial}/TCHQ-GSQL` }
        : { issuer: 'Cục Hải quan', number: `${template.serial}/CHQ-GSQL` };
  }
}

/** A time on the working morning of a day (08:00–11:59 Vietnam time). */
function morningOf(rng: Random, at: number): Date {
  const day = Math.floor((at + VIETNAM_OFFSET_MS) / DAY_MS);
  return new Date(day * DAY_MS - VIETNAM_OFFSET_MS + (8 * 60 + rng.int(0, 239)) * 60_000);
}

/**
 * The notices and their reads. The demo enterprise (id 1) is addressed by every notice and has
 * read all but the last two, so its unread badge shows.
 */
export function generateLegalNotices(
  rng: Random,
  enterpriseCount: number,
  until: number,
): { notices: Row[]; reads: Row[] } {
  const notices: Row[] = [];
  const reads: Row[] = [];
  TEMPLATES.forEach((template, index) => {
    const id = index + 1;
    const publishedAt = morningOf(rng, until - template.publishedDaysAgo * DAY_MS);
    const issuedOn = vietnamDate(publishedAt.getTime() - template.issuedDaysBefore * DAY_MS);
    const effectiveOn =
      template.effectiveAfter === null
        ? null
        : vietnamDate(Date.parse(`${issuedOn}T00:00:00+07:00`) + template.effectiveAfter * DAY_MS);
    const { issuer, number } = issuerAndNumber(template, issuedOn);
    let audience: number[] | null = null;
    if (template.audience < 1) {
      audience = [1];
      for (let e = 2; e <= enterpriseCount; e++) if (rng.chance(template.audience)) audience.push(e);
    }
    const sourceUrl = `https://vbpl.vn/tw/Pages/vbpq-timkiem.aspx?Keyword=${encodeURIComponent(number)}`;
    notices.push([
      id,
      number,
      template.titleVi,
      template.titleEn,
      issuer,
      issuedOn,
      effectiveOn,
      template.summary,
      sourceUrl,
      audience === null ? null : `{${audience.join(',')}}`,
      publishedAt,
      'admin',
    ]);
    // Older notices have been read more; the demo enterprise leaves the last two unread.
    const readShare = Math.min(0.8, 0.1 + template.publishedDaysAgo / 300);
    const addressed = audience ?? Array.from({ length: enterpriseCount }, (_, i) => i + 1);
    for (const enterprise of addressed) {
      const demoReads = enterprise === 1 && index < TEMPLATES.length - 2;
      if (enterprise === 1 ? !demoReads : !rng.chance(readShare)) continue;
      const readAt = new Date(Math.min(until - 60_000, publishedAt.getTime() + rng.int(1, 20 * 24 * 60) * 60_000));
      reads.push([id, enterprise, readAt]);
    }
  });
  return { notices, reads };
}
