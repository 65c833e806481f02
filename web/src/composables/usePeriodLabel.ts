/** The human name of a period in the current language ("Quý 2/2026", "Q2 2026", "tháng 6 năm 2026"). */
import { useI18n } from 'vue-i18n';
import { addDays, dayStart, type Period } from '../analytics/period';
import { INTL_LOCALE } from '../i18n';
import { useLocale } from '../i18n';

export function usePeriodLabel() {
  const { t } = useI18n();
  const { locale, formatDate } = useLocale();
  return (p: Period): string => {
    switch (p.kind) {
      case 'month':
        return new Intl.DateTimeFormat(INTL_LOCALE[locale.value], {
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(Date.UTC(p.year, p.index - 1, 1)));
      case 'quarter':
        return t('period.label.quarter', { n: p.index, year: p.year });
      case 'half':
        return t('period.label.half', { n: p.index, year: p.year });
      case 'year':
        return t('period.label.year', { year: p.year });
      default:
        return `${formatDate(dayStart(p.fromDay), 'date')} – ${formatDate(dayStart(addDays(p.toDay, -1)), 'date')}`;
    }
  };
}
