/**
 * The administrators' "publish a notice" form: its draft, the input it sends (blank optional
 * fields become null, so the API checks what was typed), and the API's field problems
 * (`extensions.invalid` of BAD_USER_INPUT) turned into one message key per field.
 */
import type { InvalidField } from '../graphql/client';
import type { PublishNoticeInput } from '../graphql/generated';

export const NOTICE_FIELDS = [
  'documentNumber',
  'titleVi',
  'titleEn',
  'issuer',
  'issuedOn',
  'effectiveOn',
  'summary',
  'sourceUrl',
  'enterpriseIds',
] as const;
export type NoticeField = (typeof NOTICE_FIELDS)[number];

export interface ChosenEnterprise {
  id: string;
  name: string;
  taxCode: string;
}

export interface NoticeDraft {
  documentNumber: string;
  titleVi: string;
  titleEn: string;
  issuer: string;
  issuedOn: string;
  effectiveOn: string;
  summary: string;
  sourceUrl: string;
  audience: 'all' | 'some';
  enterprises: ChosenEnterprise[];
}

/** Issuing bodies offered as suggestions (data, so in Vietnamese); any other may be typed. */
export const ISSUERS = ['Bộ Tài chính', 'Cục Hải quan', 'Tổng cục Hải quan', 'Chính phủ', 'Thủ tướng Chính phủ'];

export function emptyDraft(): NoticeDraft {
  return {
    documentNumber: '',
    titleVi: '',
    titleEn: '',
    issuer: '',
    issuedOn: '',
    effectiveOn: '',
    summary: '',
    sourceUrl: '',
    audience: 'all',
    enterprises: [],
  };
}

export function publishInput(d: NoticeDraft): PublishNoticeInput {
  const optional = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    documentNumber: d.documentNumber.trim(),
    titleVi: d.titleVi.trim(),
    titleEn: optional(d.titleEn),
    issuer: d.issuer.trim(),
    issuedOn: d.issuedOn,
    effectiveOn: optional(d.effectiveOn),
    summary: d.summary.trim(),
    sourceUrl: d.sourceUrl.trim(),
    enterpriseIds: d.audience === 'all' ? null : d.enterprises.map((e) => e.id),
  };
}

/** Message keys (`notices.admin.*`) of each refused field; unknown fields are ignored here. */
export function fieldErrors(invalid: InvalidField[]): Partial<Record<NoticeField, string>> {
  const out: Partial<Record<NoticeField, string>> = {};
  for (const { field, problems } of invalid) {
    const name = field.split(/[.[]/)[0] as NoticeField;
    if (!(NOTICE_FIELDS as readonly string[]).includes(name) || out[name]) continue;
    out[name] = messageOf(name, problems.join(' '));
  }
  return out;
}

function messageOf(field: NoticeField, problem: string): string {
  if (field === 'enterpriseIds') return /unknown/.test(problem) ? 'unknownEnterprise' : 'pickEnterprise';
  if (field === 'sourceUrl') return 'badUrl';
  if (/before issuedOn/.test(problem)) return 'effectiveBeforeIssued';
  if (field === 'issuedOn' || field === 'effectiveOn') return problem.trim() === '' ? 'required' : 'badDate';
  if (/shorter than/.test(problem)) return 'tooLong';
  if (/longer than|blank|empty|should not be/.test(problem)) return 'required';
  return 'invalid';
}
