/**
 * The event catalogue and the message catalogue. Events are what integrators receive (one
 * envelope, a versioned `data`); messages are what people read: a key with parameters, written
 * here in Vietnamese and English for e-mail (the console has its own copy of the short texts in
 * web/src/i18n). Parameters named in `enumParams` hold a code that is translated, never shown raw.
 */

/** Every event type a webhook may subscribe to, with whether an enterprise may receive it. */
export const EVENT_TYPES = {
  'assessment.sent': { enterprise: true, description: 'A form of the enterprise was sent.' },
  'case.opened': { enterprise: true, description: 'A 1–2★ rating opened a complaint case.' },
  'case.escalated': { enterprise: false, description: 'A case went up to the department’s inspectors.' },
  'case.answered': { enterprise: true, description: 'Customs answered the enterprise’s complaint.' },
  'case.reopened': { enterprise: true, description: 'The enterprise said the answer did not resolve it.' },
  'case.closed': { enterprise: true, description: 'The case was closed.' },
  'rating.reminder': { enterprise: true, description: 'A declaration of the enterprise is waiting to be rated.' },
  'notice.published': { enterprise: true, description: 'A notice of a new legal document was published.' },
  'report.ready': { enterprise: false, description: 'A scheduled period report was generated.' },
  'alert.raised': { enterprise: false, description: 'An alert rule’s threshold was crossed.' },
  'webhook.test': { enterprise: true, description: 'A test event sent on request.' },
  'message.direct': { enterprise: false, description: 'A message to named people (sendMessage); never to webhooks.' },
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export const SUBSCRIBABLE_TYPES = (Object.keys(EVENT_TYPES) as EventType[]).filter(
  (t) => t !== 'webhook.test' && t !== 'message.direct',
);
export const ENTERPRISE_TYPES = SUBSCRIBABLE_TYPES.filter((t) => EVENT_TYPES[t].enterprise);

export type Locale = 'vi' | 'en';
export const LOCALES: Locale[] = ['vi', 'en'];

interface MessageText {
  subject: string;
  body: string;
  action: string;
}

interface MessageDefinition {
  vi: MessageText;
  en: MessageText;
  /** Parameter name → the code list its value is translated with. */
  enumParams?: Record<string, keyof typeof ENUM_LABELS>;
}

export const ENUM_LABELS = {
  subjectKind: {
    vi: { BRANCH: 'chi cục', TEAM: 'đội', STAGE: 'khâu nghiệp vụ', OFFICER: 'công chức' },
    en: { BRANCH: 'branch', TEAM: 'team', STAGE: 'professional stage', OFFICER: 'officer' },
  },
  periodKind: {
    vi: { MONTH: 'tháng', QUARTER: 'quý', HALF_YEAR: 'nửa năm', YEAR: 'năm' },
    en: { MONTH: 'monthly', QUARTER: 'quarterly', HALF_YEAR: 'half-year', YEAR: 'yearly' },
  },
  unitKind: {
    vi: { DEPARTMENT: 'Cục', BRANCH: 'Chi cục', OFFICER: 'công chức' },
    en: { DEPARTMENT: 'department', BRANCH: 'branch', OFFICER: 'officer' },
  },
} as const;

export const MESSAGES: Record<string, MessageDefinition> = {
  'rating.reminder': {
    vi: {
      subject: 'Mời đánh giá tờ khai {declarationNumber}',
      body: 'Tờ khai {declarationNumber} của doanh nghiệp chưa được đánh giá. Mời doanh nghiệp cho biết mức độ hài lòng với sự phục vụ của cơ quan Hải quan.',
      action: 'Đánh giá tờ khai',
    },
    en: {
      subject: 'Please rate declaration {declarationNumber}',
      body: 'Declaration {declarationNumber} of your enterprise has not been rated yet. Please tell Customs how satisfied you were with its service.',
      action: 'Rate the declaration',
    },
  },
  'case.opened': {
    vi: {
      subject: 'Phản ánh mới số {caseId}',
      body: 'Phản ánh mới số {caseId}: đánh giá {level}★ về {subjectKind}.',
      action: 'Xem phản ánh',
    },
    en: {
      subject: 'New complaint case {caseId}',
      body: 'New complaint case {caseId}: a {level}★ rating of a {subjectKind}.',
      action: 'Open the case',
    },
    enumParams: { subjectKind: 'subjectKind' },
  },
  'case.escalated': {
    vi: {
      subject: 'Phản ánh số {caseId} được chuyển lên Thanh tra',
      body: 'Hồ sơ phản ánh số {caseId} được chuyển lên Thanh tra.',
      action: 'Xem phản ánh',
    },
    en: {
      subject: 'Case {caseId} escalated to the inspectors',
      body: 'Complaint case {caseId} was handed up to the inspectors.',
      action: 'Open the case',
    },
  },
  'case.overdue': {
    vi: {
      subject: 'Phản ánh số {caseId} quá hạn',
      body: 'Hồ sơ phản ánh số {caseId} đã quá hạn và được chuyển lên Thanh tra.',
      action: 'Xem phản ánh',
    },
    en: {
      subject: 'Case {caseId} is overdue',
      body: 'Complaint case {caseId} passed its deadline and went up to the inspectors.',
      action: 'Open the case',
    },
  },
  'case.answered': {
    vi: {
      subject: 'Hải quan đã trả lời phản ánh số {caseId}',
      body: 'Hải quan đã trả lời phản ánh số {caseId} của doanh nghiệp. Mời doanh nghiệp xem và cho biết đã được giải quyết hay chưa.',
      action: 'Xem câu trả lời',
    },
    en: {
      subject: 'Customs answered complaint {caseId}',
      body: 'Customs answered your complaint {caseId}. Please read it and tell us whether it is resolved.',
      action: 'Read the answer',
    },
  },
  'case.reopened': {
    vi: {
      subject: 'Phản ánh số {caseId} được mở lại',
      body: 'Doanh nghiệp chưa đồng ý với kết quả xử lý phản ánh số {caseId}.',
      action: 'Xem phản ánh',
    },
    en: {
      subject: 'Complaint {caseId} reopened',
      body: 'The enterprise does not accept the outcome of complaint {caseId}.',
      action: 'Open the case',
    },
  },
  'report.ready': {
    vi: {
      subject: 'Báo cáo {periodKind} {period}: {unitName}',
      body: 'Báo cáo {periodKind} {period} của {unitName} đã sẵn sàng (XLSX và PDF).',
      action: 'Mở báo cáo',
    },
    en: {
      subject: '{periodKind} report {period}: {unitName}',
      body: 'The {periodKind} report {period} for {unitName} is ready (XLSX and PDF).',
      action: 'Open the report',
    },
    enumParams: { periodKind: 'periodKind' },
  },
  'alert.csatBelow': {
    vi: {
      subject: 'Cảnh báo: mức hài lòng của {unitName} dưới {threshold}%',
      body: 'Mức hài lòng (CSAT) của {unitName} trong {days} ngày qua là {csat}% trên {ratings} lượt đánh giá, dưới ngưỡng {threshold}%.',
      action: 'Xem thống kê',
    },
    en: {
      subject: 'Alert: satisfaction of {unitName} below {threshold}%',
      body: 'The satisfaction (CSAT) of {unitName} over the last {days} days is {csat}% on {ratings} ratings, below the {threshold}% threshold.',
      action: 'Open the statistics',
    },
  },
  'alert.officerLowRatings': {
    vi: {
      subject: 'Cảnh báo: {officerName} nhận {count} đánh giá 1–2★ trong ngày',
      body: 'Công chức {officerName} nhận {count} đánh giá 1–2★ trong một ngày (ngưỡng {threshold}).',
      action: 'Xem công chức',
    },
    en: {
      subject: 'Alert: {officerName} got {count} 1–2★ ratings in a day',
      body: 'Officer {officerName} got {count} ratings of 1–2★ within one day (threshold {threshold}).',
      action: 'Open the officer',
    },
  },
  'account.invitation': {
    vi: {
      subject: 'Lời mời sử dụng hệ thống đánh giá chất lượng phục vụ của Hải quan',
      body: '{displayName} được mời sử dụng hệ thống đánh giá chất lượng phục vụ của Hải quan. Mời đặt mật khẩu để bắt đầu.',
      action: 'Nhận lời mời',
    },
    en: {
      subject: 'Your invitation to the Customs service-quality system',
      body: '{displayName} is invited to the Customs service-quality system. Set a password to begin.',
      action: 'Accept the invitation',
    },
  },
  'webhook.test': {
    vi: { subject: 'Sự kiện thử', body: 'Sự kiện thử của webhook.', action: 'Mở' },
    en: { subject: 'Test event', body: 'A webhook test event.', action: 'Open' },
  },
};

export const FOOTER: Record<Locale, string> = {
  vi: 'Thư này được gửi tự động từ hệ thống đánh giá chất lượng phục vụ của Hải quan. Bạn có thể chọn kênh nhận tin trong phần Cài đặt thông báo.',
  en: 'This message was sent automatically by the Customs service-quality system. You can choose how you are notified in Notification settings.',
};

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}
