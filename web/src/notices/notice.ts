/**
 * Notices of new documents as the console shows them: the title in the chosen language
 * (Vietnamese when there is no English one), and the official link only when it is a plain
 * http(s) address, whatever was stored.
 */
import type { AppLocale } from '../i18n';

export function noticeTitle(notice: { titleVi: string; titleEn: string | null }, locale: AppLocale): string {
  return locale === 'en' && notice.titleEn ? notice.titleEn : notice.titleVi;
}

/** The link if it is http(s), else null (never a javascript: or data: address). */
export function safeSourceUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
