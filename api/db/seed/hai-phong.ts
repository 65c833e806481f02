/**
 * The shape of the demo department, modelled on Hải Phòng Customs (Cục Hải quan TP Hải Phòng):
 * its branches, the kinds of teams a branch has, the professional stages and their usual order.
 * Names stay Vietnamese, as in the real system.
 */
export const DEPARTMENT = { code: 'HP', name: 'Cục Hải quan thành phố Hải Phòng' };

export const BRANCHES = [
  { code: 'HPKV1', name: 'Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực I', weight: 18 },
  { code: 'HPKV2', name: 'Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực II', weight: 16 },
  { code: 'HPKV3', name: 'Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực III', weight: 15 },
  { code: 'HPDV', name: 'Chi cục Hải quan cửa khẩu cảng Đình Vũ', weight: 17 },
  { code: 'HPKCX', name: 'Chi cục Hải quan Khu chế xuất và Khu công nghiệp', weight: 12 },
  { code: 'HPDTGC', name: 'Chi cục Hải quan quản lý hàng đầu tư - gia công', weight: 10 },
  { code: 'HPTB', name: 'Chi cục Hải quan Thái Bình', weight: 5 },
  { code: 'HPSTQ', name: 'Chi cục Kiểm tra sau thông quan', weight: 2 },
  { code: 'HPCL', name: 'Chi cục Hải quan cửa khẩu cảng Lạch Huyện', weight: 5 },
] as const;

/** Team kinds of a branch and the stages each performs. */
export const TEAM_KINDS = [
  { suffix: 'TT', name: 'Đội Thủ tục hàng hóa xuất nhập khẩu', stages: ['TNHS', 'KTHS', 'THUE', 'TQ', 'TGIA', 'MIEN'] },
  { suffix: 'KT', name: 'Đội Kiểm tra thực tế hàng hóa', stages: ['KTTT', 'SCAN', 'PTPL'] },
  { suffix: 'GS', name: 'Đội Giám sát hải quan', stages: ['GSHQ', 'SCAN'] },
  { suffix: 'QL', name: 'Đội Quản lý rủi ro và Tổng hợp', stages: ['QLRR', 'TGIA', 'KTHS'] },
  { suffix: 'KS', name: 'Đội Kiểm soát hải quan', stages: ['GSHQ', 'KTTT'] },
] as const;

export const STAGES = [
  { code: 'TNHS', nameVi: 'Tiếp nhận, đăng ký tờ khai', nameEn: 'Declaration reception and registration' },
  { code: 'QLRR', nameVi: 'Phân luồng, quản lý rủi ro', nameEn: 'Channel assignment and risk management' },
  { code: 'KTHS', nameVi: 'Kiểm tra hồ sơ', nameEn: 'Document check' },
  { code: 'TGIA', nameVi: 'Tham vấn, kiểm tra trị giá', nameEn: 'Customs valuation consultation' },
  { code: 'PTPL', nameVi: 'Phân tích, phân loại hàng hóa', nameEn: 'Goods analysis and classification' },
  { code: 'SCAN', nameVi: 'Soi chiếu container', nameEn: 'Container scanning' },
  { code: 'KTTT', nameVi: 'Kiểm tra thực tế hàng hóa', nameEn: 'Physical inspection of goods' },
  { code: 'THUE', nameVi: 'Thu thuế, lệ phí', nameEn: 'Collection of duties and fees' },
  { code: 'MIEN', nameVi: 'Xét miễn, giảm, hoàn thuế', nameEn: 'Duty exemption, reduction and refund' },
  { code: 'TQ', nameVi: 'Thông quan, giải phóng hàng', nameEn: 'Clearance and release of goods' },
  { code: 'GSHQ', nameVi: 'Giám sát hải quan tại cổng cảng', nameEn: 'Customs supervision at the port gate' },
  { code: 'KTSTQ', nameVi: 'Kiểm tra sau thông quan', nameEn: 'Post-clearance audit' },
] as const;

/** The stages a declaration goes through, by channel, in order. */
export const STAGES_BY_CHANNEL = {
  GREEN: ['TNHS', 'TQ', 'GSHQ'],
  YELLOW: ['TNHS', 'KTHS', 'THUE', 'TQ', 'GSHQ'],
  RED: ['TNHS', 'KTHS', 'SCAN', 'KTTT', 'THUE', 'TQ', 'GSHQ'],
} as const;

export const CHANNEL_MIX = { GREEN: 67, YELLOW: 30, RED: 3 } as const;

export const TYPE_CODES = {
  IMPORT: { A11: 45, A12: 15, A31: 5, A41: 8, E21: 10, E31: 12, G11: 5 },
  EXPORT: { B11: 50, B13: 10, E42: 15, E52: 15, G21: 10 },
} as const;

export const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Phan',
  'Đào',
];
export const MIDDLE_NAMES = [
  'Văn',
  'Thị',
  'Đức',
  'Minh',
  'Thu',
  'Hoàng',
  'Quang',
  'Thanh',
  'Ngọc',
  'Hữu',
  'Xuân',
  'Thùy',
];
export const GIVEN_NAMES = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hòa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Ngọc',
  'Phong',
  'Phương',
  'Quân',
  'Sơn',
  'Thảo',
  'Thắng',
  'Trang',
  'Tuấn',
  'Việt',
  'Yến',
  'Huyền',
];

export const COMPANY_FORMS = [
  'Công ty TNHH',
  'Công ty Cổ phần',
  'Công ty TNHH MTV',
  'Công ty TNHH Thương mại',
  'Công ty Cổ phần Đầu tư',
];
export const COMPANY_WORDS = [
  'Hải Long',
  'Tân Cảng',
  'Đình Vũ',
  'Bạch Đằng',
  'Cát Hải',
  'Đông Á',
  'Hoàng Hà',
  'Minh Phát',
  'Thành Đạt',
  'Việt Nhật',
  'Sao Biển',
  'Lạch Huyện',
  'Phú Thái',
  'An Phát',
  'Hưng Thịnh',
  'Kim Long',
  'Nam Triệu',
  'Trường Sơn',
  'Vạn Xuân',
  'Hồng Bàng',
];
export const COMPANY_TRADES = [
  'Logistics',
  'Xuất nhập khẩu',
  'Điện tử',
  'May mặc',
  'Thép',
  'Nhựa',
  'Thực phẩm',
  'Gỗ',
  'Cơ khí',
  'Hóa chất',
  'Giày da',
  'Vận tải biển',
  'Linh kiện ô tô',
  'Dệt may',
  'Nông sản',
];

/** Reason codes of the reference catalog (see the assessments migration), by kind of level. */
export const NEGATIVE_REASONS = [
  'SLOW',
  'ATTITUDE',
  'GUIDANCE_UNCLEAR',
  'EXTRA_DOCUMENTS',
  'HARASSMENT',
  'PROFESSIONAL_ERROR',
  'UNREACHABLE',
];
export const NEUTRAL_REASONS = ['MET_BUT_SLOW', 'AVERAGE'];
export const POSITIVE_REASONS = ['FAST', 'COURTEOUS', 'CLEAR_GUIDANCE', 'TRANSPARENT', 'PROFESSIONAL'];

export const NEGATIVE_COMMENTS = [
  'Thời gian kiểm tra hồ sơ quá lâu, doanh nghiệp phải chờ cả buổi.',
  'Công chức yêu cầu bổ sung chứng từ không có trong quy định.',
  'Hướng dẫn qua điện thoại không rõ ràng, phải đi lại nhiều lần.',
  'Kiểm tra thực tế kéo dài sang ngày hôm sau, phát sinh chi phí lưu bãi.',
  'Thái độ tiếp nhận chưa niềm nở.',
];
export const POSITIVE_COMMENTS = [
  'Công chức hướng dẫn nhiệt tình, thông quan nhanh.',
  'Rất hài lòng với tinh thần phục vụ của Chi cục.',
  'Xử lý nhanh, minh bạch, đúng hẹn.',
];
