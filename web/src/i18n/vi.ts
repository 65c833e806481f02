/**
 * Vietnamese messages: the default language and the source of truth for the message shape.
 * Every other locale must provide the same keys (checked by the `Messages` type).
 */
const vi = {
  app: {
    name: 'customs-sqa',
    subtitle: 'Đánh giá chất lượng phục vụ của Hải quan Việt Nam',
    skipToContent: 'Bỏ qua, đến nội dung chính',
    mainNav: 'Điều hướng chính',
    language: 'Ngôn ngữ',
    languageVi: 'Tiếng Việt',
    languageEn: 'English',
  },
  nav: {
    catalog: 'Danh mục',
  },
  common: {
    loading: 'Đang tải…',
    retry: 'Thử lại',
    code: 'Mã',
  },
  errors: {
    title: 'Không tải được dữ liệu',
    errorCode: 'Mã lỗi: {code}',
    NETWORK: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.',
    BAD_RESPONSE: 'Máy chủ trả về phản hồi không hợp lệ. Vui lòng thử lại sau.',
    UNAUTHENTICATED: 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn.',
    FORBIDDEN: 'Bạn không có quyền xem dữ liệu này.',
    NOT_FOUND: 'Không tìm thấy dữ liệu được yêu cầu.',
    RATE_LIMITED: 'Có quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ít phút.',
    QUERY_TOO_COMPLEX: 'Yêu cầu quá phức tạp để máy chủ xử lý.',
    BAD_USER_INPUT: 'Tham số yêu cầu không hợp lệ.',
    default: 'Đã xảy ra lỗi ngoài dự kiến. Vui lòng thử lại.',
  },
  notFound: {
    title: 'Không tìm thấy trang',
    body: 'Địa chỉ bạn truy cập không tồn tại hoặc đã được chuyển đi nơi khác.',
    back: 'Quay về Danh mục',
  },
  catalog: {
    title: 'Danh mục đơn vị',
    intro: 'Cơ cấu tổ chức của các Cục Hải quan, Chi cục, Đội và các khâu nghiệp vụ.',
    summary: 'Tổng hợp',
    kpi: {
      branches: 'Chi cục',
      teams: 'Đội',
      officers: 'Công chức',
      declarations: 'Tờ khai',
    },
    chartTitle: 'Số tờ khai theo chi cục',
    chartSeries: 'Tờ khai',
    chartCategory: 'Chi cục',
    treeTitle: 'Cơ cấu tổ chức',
    expandAll: 'Mở rộng tất cả',
    collapseAll: 'Thu gọn tất cả',
    branchCount: '{count} chi cục',
    teamCount: '{count} đội',
    officerCount: '{count} công chức',
    declarationCount: '{count} tờ khai',
    noBranches: 'Cục này chưa có chi cục nào.',
    noTeams: 'Chi cục này chưa có đội nào.',
    stagesTitle: 'Khâu nghiệp vụ',
    noStages: 'Chưa có khâu nghiệp vụ nào.',
    empty: 'Chưa có dữ liệu danh mục.',
    emptyHint: 'Khi hệ thống được nạp danh mục Cục, Chi cục và Đội, cơ cấu tổ chức sẽ hiển thị tại đây.',
  },
};

export type Messages = typeof vi;
export default vi;
