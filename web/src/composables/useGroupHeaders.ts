/** Column headers of statistics tables and exports, in the current language. */
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { GroupHeaders } from '../analytics/groupTable';

export function useGroupHeaders(nameHeader?: () => string) {
  const { t } = useI18n();
  return computed<GroupHeaders>(() => ({
    name: nameHeader?.() ?? t('table.name'),
    count: t('table.count'),
    csat: t('table.csat'),
    mean: t('table.mean'),
    dissatisfied: t('table.dissatisfied'),
    shrunkMean: t('table.shrunkMean'),
    belowMinimum: t('table.belowMinimum'),
    yes: t('table.yes'),
    no: t('table.no'),
  }));
}
