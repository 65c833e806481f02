/**
 * The forms lookup: filters kept in the URL (`form`, `declaration` number, `enterprise`, `branch`,
 * `team`, `stage`, `officer`, `level` — one or several, comma-separated —, period) and the
 * matching sent forms page by page. Who rated (the
 * enterprise) is asked for only by inspection staff; the API refuses it to the others.
 */
import { FormsLookupDocument } from '../graphql/generated';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { AssessmentFilter } from '../graphql/types';
import { useConnection } from './useConnection';
import { usePeriodRoute } from './usePeriodRoute';

export const FORM_FILTER_KEYS = [
  'form',
  'declaration',
  'enterprise',
  'branch',
  'team',
  'stage',
  'officer',
  'level',
] as const;
export type FormFilterKey = (typeof FORM_FILTER_KEYS)[number];
export type FormFilters = Record<FormFilterKey, string>;

export function useFormsLookup(whoRated: MaybeRefOrGetter<boolean>) {
  const route = useRoute();
  const router = useRouter();
  const { period, range, setPeriod } = usePeriodRoute();

  const filters = computed<FormFilters>(() => {
    const shape: Partial<Record<FormFilterKey, RegExp>> = { declaration: /^\d{12}$/, level: /^[1-5](,[1-5]){0,4}$/ };
    const read = (key: FormFilterKey) => {
      const v = route.query[key];
      return typeof v === 'string' && (shape[key] ?? /^\d+$/).test(v) ? v : '';
    };
    const f = Object.fromEntries(FORM_FILTER_KEYS.map((k) => [k, read(k)])) as FormFilters;
    if (!toValue(whoRated)) f.enterprise = '';
    return f;
  });

  // An enterprise filter in a link from inspection staff, opened by someone else: refused with a
  // notice (the page shows no forms), never dropped silently.
  const refused = computed(() => (route.query.enterprise !== undefined && !toValue(whoRated) ? ['ENTERPRISE'] : []));
  function dropRefused(): void {
    void router.replace({ query: { ...route.query, enterprise: undefined } });
  }

  const apiFilter = computed<AssessmentFilter>(() => {
    const f = filters.value;
    return {
      status: 'SENT',
      sentFrom: range.value.from,
      sentTo: range.value.to,
      ...(f.form ? { formId: f.form } : {}),
      ...(f.declaration ? { declarationNumber: f.declaration } : {}),
      ...(f.enterprise ? { enterpriseId: f.enterprise } : {}),
      ...(f.branch ? { branchId: f.branch } : {}),
      ...(f.team ? { teamId: f.team } : {}),
      ...(f.stage ? { stageId: f.stage } : {}),
      ...(f.officer ? { officerId: f.officer } : {}),
      ...(f.level ? { levels: f.level.split(',').map(Number) } : {}),
    };
  });

  const list = useConnection(() => ({
    document: FormsLookupDocument,
    connection: (data) => data.assessments,
    variables: { filter: apiFilter.value, withRater: toValue(whoRated) },
  }));

  function setFilters(next: FormFilters): void {
    const query = { ...route.query };
    for (const key of FORM_FILTER_KEYS) {
      const value = next[key].trim();
      if (value) query[key] = value;
      else delete query[key];
    }
    void router.push({ query });
  }

  return { period, setPeriod, filters, setFilters, list, refused, dropRefused };
}
