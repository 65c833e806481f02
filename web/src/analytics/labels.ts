/**
 * Names shown for statistics keys: a unit, stage or officer name (stages in English from the
 * catalog when the UI is in English, branch prefixes dropped in charts), and time buckets
 * (`YYYY-MM-DD`, the first day) formatted for the locale.
 */
import type { AnalyticsStage, GroupKey, RatingGroup } from '../graphql/types';
import { INTL_LOCALE, type AppLocale } from '../i18n';

export function keyLabel(key: GroupKey | undefined, locale: AppLocale, stages: Map<string, AnalyticsStage>): string {
  if (!key) return '';
  if (key.dimension === 'STAGE') {
    const stage = stages.get(key.value);
    if (stage) return locale === 'en' ? stage.nameEn : stage.nameVi;
  }
  if (key.dimension === 'LEVEL') return `${key.value}★`;
  return key.label ?? key.value;
}

export function groupLabel(
  group: RatingGroup,
  locale: AppLocale,
  stages: Map<string, AnalyticsStage>,
  index = 0,
): string {
  return keyLabel(group.keys[index], locale, stages);
}

const UNIT_PREFIX = /^(chi cục hải quan|cục hải quan)\s+/iu;
/** A shorter unit name for chart axes. */
export function shortLabel(name: string): string {
  const rest = name.replace(UNIT_PREFIX, '');
  return rest ? rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1) : name;
}

const bucketFormats = new Map<string, Intl.DateTimeFormat>();
/** A time bucket's first day (YYYY-MM-DD) as a chart category. */
export function bucketLabel(value: string, grain: 'DAY' | 'WEEK' | 'MONTH', locale: AppLocale): string {
  const key = `${locale}:${grain}`;
  let format = bucketFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      grain === 'MONTH'
        ? { month: '2-digit', year: 'numeric', timeZone: 'UTC' }
        : { day: '2-digit', month: '2-digit', timeZone: 'UTC' };
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], options);
    bucketFormats.set(key, format);
  }
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : format.format(date);
}
