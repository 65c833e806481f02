/** Vietnamese messages of the evaluation scorecards page (bình xét thi đua). */
const viScorecards = {
  scorecards: {
    nav: 'Bảng điểm đánh giá',
    title: 'Bảng điểm đánh giá thi đua',
    intro:
      'Kết quả đánh giá của doanh nghiệp và xử lý phản ánh trong kỳ {period}, phục vụ bình xét thi đua, khen thưởng và kỷ luật.',
    level: 'Cấp đánh giá',
    code: 'Mã',
    team: 'Đội',
    branch: 'Chi cục',
    excludedColumn: 'Lượt đánh giá bị loại (cờ bất thường)',
    levels: { BRANCH: 'Chi cục', TEAM: 'Đội', OFFICER: 'Công chức' },
    tableTitle: 'Bảng điểm {level} – {period}',
    minimumHint:
      'Điểm xếp hạng là điểm trung bình đã hiệu chỉnh về mức chung khi có ít lượt đánh giá. Đơn vị, công chức có dưới {min} lượt đánh giá được làm mờ và không xếp hạng.',
    rank: 'Hạng',
    count: 'Số lượt đánh giá',
    mean: 'Điểm trung bình',
    shrunkMean: 'Điểm xếp hạng',
    previousShrunkMean: 'Điểm xếp hạng {period}',
    change: 'Thay đổi so với {period}',
    csat: 'Tỷ lệ hài lòng',
    cases: 'Phản ánh',
    substantiated: 'Có cơ sở',
    concluded: 'Đã kết luận',
    timeliness: 'Đúng hạn',
    stageAdjusted: 'Điểm so cùng khâu',
    stageAdjustedHint:
      'Điểm trung bình chung cộng chênh lệch giữa điểm của công chức và điểm dự kiến theo các khâu công chức đã làm: so sánh công bằng giữa các khâu.',
    grade: 'Xếp loại',
    grades: { EXCELLENT: 'Xuất sắc', GOOD: 'Tốt', PASS: 'Đạt', FAIL: 'Chưa đạt' },
    bands:
      'Xếp loại theo CSAT: Xuất sắc từ {excellent} %, Tốt từ {good} %, Đạt từ {pass} %; dưới ngưỡng lượt đánh giá thì không xếp loại.',
    bandsDefault: ' (ngưỡng mặc định)',
    bandsEdit: 'Sửa ngưỡng của kỳ này',
    bandLabels: { excellent: 'Xuất sắc từ (%)', good: 'Tốt từ (%)', pass: 'Đạt từ (%)' },
    bandsSave: 'Lưu cho kỳ {period}',
    bandsOrder: 'Các ngưỡng phải tăng dần: 0 ≤ Đạt < Tốt < Xuất sắc ≤ 100.',
    bandsFailed: 'Không lưu được ngưỡng xếp loại',
    belowMinimum: 'Dưới ngưỡng',
    belowMinimumRow: 'dưới {min} lượt đánh giá, không xếp hạng',
    yes: 'Có',
    no: 'Không',
    empty: 'Không có đánh giá hay phản ánh nào trong kỳ này.',
    openOfficer: 'Xem trang công chức {name}',
    sheetTitle: 'Bảng điểm',
    fileTitle: 'Bảng điểm đánh giá thi đua – {level} – {period}',
    fileNote:
      'Điểm xếp hạng: trung bình hiệu chỉnh; dưới {min} lượt đánh giá không xếp hạng. Tỷ lệ tính theo %. Xuất lúc {at}.',
    excluded: 'loại {n} lượt đánh giá',
    excludedHint:
      'Các lượt đánh giá thuộc cảnh báo bất thường đã được xác nhận (lạm dụng, trả đũa) không được tính vào bảng điểm này.',
    significant: 'thay đổi có ý nghĩa',
    notSignificant: 'thay đổi không có ý nghĩa',
    csatChangeHint:
      'Thay đổi CSAT so với {period}: {change} điểm, p = {p} (kiểm định z hai tỷ lệ, có ý nghĩa khi dưới 0,05)',
    rowCount: '{n} dòng',
  },
};

export type ScorecardsMessages = typeof viScorecards;
export default viScorecards;
