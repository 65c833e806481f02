/**
 * The default indicator catalogue of the survey on the commitments of the Customs Declaration on
 * Customer Service (Tuyên ngôn phục vụ khách hàng), as the General Department of Customs runs it:
 * four groups of commitments and the support services. Ids are fixed: the migration inserts them
 * and the demo seed answers them.
 */
export type QuestionKind = 'RATING' | 'TIMELINESS';

export interface CatalogueSection {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  indicators: {
    id: number;
    code: string;
    kind: QuestionKind;
    nameVi: string;
    nameEn: string;
    commitmentVi?: string;
    commitmentEn?: string;
  }[];
}

export const SURVEY_CATALOGUE: CatalogueSection[] = [
  {
    id: 1,
    code: 'PRO',
    nameVi: 'Tính chuyên nghiệp',
    nameEn: 'Professionalism',
    indicators: [
      {
        id: 1,
        code: 'PRO_STYLE',
        kind: 'RATING',
        nameVi: 'Tác phong làm việc của công chức hải quan',
        nameEn: "Customs officers' working style",
      },
      {
        id: 2,
        code: 'PRO_SKILL',
        kind: 'RATING',
        nameVi: 'Trình độ chuyên môn, nghiệp vụ khi thực hiện thủ tục',
        nameEn: 'Professional qualification when carrying out procedures',
      },
      {
        id: 3,
        code: 'PRO_ATTITUDE',
        kind: 'RATING',
        nameVi: 'Thái độ khi tiếp xúc với người dân, doanh nghiệp',
        nameEn: 'Attitude towards people and enterprises',
      },
    ],
  },
  {
    id: 2,
    code: 'TRA',
    nameVi: 'Tính minh bạch',
    nameEn: 'Transparency',
    indicators: [
      {
        id: 4,
        code: 'TRA_PROCEDURE',
        kind: 'RATING',
        nameVi: 'Thông tin về thủ tục hành chính',
        nameEn: 'Information on administrative procedures',
      },
      {
        id: 5,
        code: 'TRA_POLICY',
        kind: 'RATING',
        nameVi: 'Thông tin về chính sách, pháp luật',
        nameEn: 'Information on laws and policies',
      },
      {
        id: 6,
        code: 'TRA_HOTLINE',
        kind: 'RATING',
        nameVi: 'Đường dây nóng của cơ quan hải quan',
        nameEn: 'Public customs hotline',
      },
      {
        id: 7,
        code: 'TRA_PROBLEMS',
        kind: 'RATING',
        nameVi: 'Tiếp nhận, giải quyết vướng mắc',
        nameEn: 'Receiving and solving problems',
      },
      {
        id: 8,
        code: 'TRA_PROCEDURE_SETTLEMENT',
        kind: 'RATING',
        nameVi: 'Giải quyết thủ tục hành chính',
        nameEn: 'Settlement of administrative procedures',
      },
      {
        id: 9,
        code: 'TRA_DIALOGUE',
        kind: 'RATING',
        nameVi: 'Đối thoại với doanh nghiệp',
        nameEn: 'Dialogue with enterprises',
      },
    ],
  },
  {
    id: 3,
    code: 'EFF',
    nameVi: 'Tính hiệu quả',
    nameEn: 'Efficiency',
    indicators: [
      {
        id: 10,
        code: 'EFF_CLEARANCE',
        kind: 'RATING',
        nameVi: 'Thời gian thông quan hàng hóa',
        nameEn: 'Clearance time',
      },
      {
        id: 11,
        code: 'EFF_INSPECTION',
        kind: 'RATING',
        nameVi: 'Tỷ lệ kiểm tra hàng hóa',
        nameEn: 'Rate of goods inspection',
      },
      { id: 12, code: 'EFF_COST', kind: 'RATING', nameVi: 'Chi phí hành chính', nameEn: 'Administrative costs' },
    ],
  },
  {
    id: 4,
    code: 'TIME',
    nameVi: 'Thời gian thực hiện thủ tục hành chính',
    nameEn: 'Time limits of administrative procedures',
    indicators: [
      {
        id: 13,
        code: 'TIME_DOCS',
        kind: 'TIMELINESS',
        nameVi: 'Kiểm tra hồ sơ',
        nameEn: 'Document check',
        commitmentVi: 'Hoàn thành chậm nhất 2 giờ làm việc kể từ khi tiếp nhận đầy đủ hồ sơ',
        commitmentEn: 'Within 2 working hours of receiving the complete dossier',
      },
      {
        id: 14,
        code: 'TIME_PHYSICAL',
        kind: 'TIMELINESS',
        nameVi: 'Kiểm tra thực tế hàng hóa',
        nameEn: 'Physical inspection of goods',
        commitmentVi: 'Hoàn thành chậm nhất 8 giờ làm việc kể từ khi xuất trình đầy đủ hàng hóa',
        commitmentEn: 'Within 8 working hours of the goods being fully presented',
      },
      {
        id: 15,
        code: 'TIME_SPECIALISED',
        kind: 'TIMELINESS',
        nameVi: 'Kiểm tra thực tế hàng hóa phải kiểm tra chuyên ngành',
        nameEn: 'Physical inspection of goods subject to specialised inspection',
        commitmentVi: 'Hoàn thành chậm nhất 8 giờ làm việc kể từ khi có kết quả kiểm tra chuyên ngành',
        commitmentEn: 'Within 8 working hours of the specialised inspection result',
      },
      {
        id: 16,
        code: 'TIME_LARGE',
        kind: 'TIMELINESS',
        nameVi: 'Kiểm tra thực tế lô hàng lớn, nhiều chủng loại hoặc phức tạp',
        nameEn: 'Physical inspection of large, mixed or complex shipments',
        commitmentVi: 'Không quá 2 ngày',
        commitmentEn: 'Not more than 2 days',
      },
      {
        id: 17,
        code: 'TIME_TAX',
        kind: 'TIMELINESS',
        nameVi: 'Xử lý hồ sơ miễn, giảm, hoàn thuế',
        nameEn: 'Tax exemption, reduction and refund dossiers',
        commitmentVi: 'Trong thời hạn quy định',
        commitmentEn: 'Within the statutory time limit',
      },
      {
        id: 18,
        code: 'TIME_ANSWER',
        kind: 'TIMELINESS',
        nameVi: 'Trả lời vướng mắc của doanh nghiệp',
        nameEn: 'Answers to enterprises’ questions',
        commitmentVi: 'Chậm nhất 5 ngày làm việc',
        commitmentEn: 'Within 5 working days',
      },
      {
        id: 19,
        code: 'TIME_COMPLAINT',
        kind: 'TIMELINESS',
        nameVi: 'Giải quyết khiếu nại, tố cáo',
        nameEn: 'Settling complaints and denunciations',
        commitmentVi: 'Đúng thời hạn luật định',
        commitmentEn: 'Within the time limit set by law',
      },
    ],
  },
  {
    id: 5,
    code: 'SUP',
    nameVi: 'Dịch vụ hỗ trợ doanh nghiệp',
    nameEn: 'Support services',
    indicators: [
      {
        id: 20,
        code: 'SUP_ONLINE',
        kind: 'RATING',
        nameVi: 'Dịch vụ công trực tuyến',
        nameEn: 'Online public services',
      },
      {
        id: 21,
        code: 'SUP_PORTAL',
        kind: 'RATING',
        nameVi: 'Tiện ích trên cổng thông tin điện tử và các hệ thống phần mềm',
        nameEn: 'Utilities of the online portal and software systems',
      },
      {
        id: 22,
        code: 'SUP_AFTER_HOURS',
        kind: 'RATING',
        nameVi: 'Giải quyết yêu cầu ngoài giờ làm việc',
        nameEn: 'Handling requests after working hours',
      },
      {
        id: 23,
        code: 'SUP_ANSWERS',
        kind: 'RATING',
        nameVi: 'Hỗ trợ, giải đáp vướng mắc',
        nameEn: 'Support and answers',
      },
      {
        id: 24,
        code: 'SUP_AT_OFFICE',
        kind: 'RATING',
        nameVi: 'Hỗ trợ tại trụ sở cơ quan hải quan',
        nameEn: 'Support at the customs office',
      },
      {
        id: 25,
        code: 'SUP_AT_ENTERPRISE',
        kind: 'RATING',
        nameVi: 'Hỗ trợ tại trụ sở doanh nghiệp',
        nameEn: "Support at the enterprise's premises",
      },
    ],
  },
];
