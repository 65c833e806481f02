/**
 * State and data of the pivot page, all in the URL (`rows=BRANCH&cols=LEVEL&measure=csat&sort=…`
 * and the period): the API's groups by both dimensions, by the rows' and by the columns'.
 */
import { computed } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';
import { PIVOT_MEASURES, parsePivotSort, pivotSortToken, type PivotMeasure, type PivotSort } from '../analytics/pivot';
import { RatingStatisticsDocument } from '../graphql/generated';
import type { ExploreDimension } from '../graphql/types';
import { EXPLORE_DIMENSIONS } from './useDrillDown';
import { usePeriodRoute } from './usePeriodRoute';
import { useQuery } from './useQuery';

/** Cells with fewer ratings are greyed, with their n (the explorer's threshold). */
export const PIVOT_MIN_COUNT = 10;
const DEFAULTS = { rows: 'BRANCH', cols: 'LEVEL' } as const;

export function usePivot(mayUseEnterprise: () => boolean) {
  const route = useRoute();
  const router = useRouter();
  const { period, range, setPeriod } = usePeriodRoute();

  const choices = computed(() => EXPLORE_DIMENSIONS.filter((d) => d !== 'ENTERPRISE' || mayUseEnterprise()));
  const dimension = (key: 'rows' | 'cols') =>
    computed<ExploreDimension>(() => {
      const asked = route.query[key];
      return typeof asked === 'string' && (choices.value as string[]).includes(asked)
        ? (asked as ExploreDimension)
        : DEFAULTS[key];
    });
  const rows = dimension('rows');
  const askedCols = dimension('cols');
  // The same dimension twice is no pivot: the columns fall back to the other default.
  const cols = computed<ExploreDimension>(() =>
    askedCols.value === rows.value ? (rows.value === 'LEVEL' ? 'BRANCH' : 'LEVEL') : askedCols.value,
  );
  const measure = computed<PivotMeasure>(() => {
    const m = route.query.measure;
    return typeof m === 'string' && (PIVOT_MEASURES as readonly string[]).includes(m) ? (m as PivotMeasure) : 'csat';
  });
  const sort = computed<PivotSort>(() => parsePivotSort(route.query.sort));
  const refused = computed<ExploreDimension[]>(() =>
    !mayUseEnterprise() && (route.query.rows === 'ENTERPRISE' || route.query.cols === 'ENTERPRISE')
      ? ['ENTERPRISE']
      : [],
  );

  const ask = (groupBy: () => ExploreDimension[]) =>
    useQuery(RatingStatisticsDocument, () => ({ filter: range.value, groupBy: groupBy(), minCount: PIVOT_MIN_COUNT }), {
      enabled: () => refused.value.length === 0,
    });
  const cells = ask(() => [rows.value, cols.value]);
  const rowTotals = ask(() => [rows.value]);
  const columnTotals = ask(() => [cols.value]);

  const state = computed(() => {
    const all = [cells, rowTotals, columnTotals];
    if (all.some((q) => q.state.value === 'error')) return 'error';
    return all.every((q) => q.state.value === 'ready') ? 'ready' : 'loading';
  });
  const error = computed(() => [cells, rowTotals, columnTotals].find((q) => q.error.value)?.error.value ?? null);

  function go(query: LocationQueryRaw): void {
    void router.push({ query: { ...route.query, ...query } });
  }

  return {
    period,
    setPeriod,
    choices,
    rows,
    cols,
    measure,
    sort,
    refused,
    cells,
    rowTotals,
    columnTotals,
    state,
    error,
    refetch: () => Promise.all([cells.refetch(), rowTotals.refetch(), columnTotals.refetch()]),
    setRows: (d: ExploreDimension) => go({ rows: d, sort: undefined }),
    setCols: (d: ExploreDimension) => go({ cols: d, sort: undefined }),
    setMeasure: (m: PivotMeasure) => go({ measure: m }),
    setSort: (s: PivotSort) => void router.replace({ query: { ...route.query, sort: pivotSortToken(s) } }),
    swap: () => go({ rows: cols.value, cols: rows.value, sort: undefined }),
    dropRefused: () =>
      void router.replace({
        query: {
          ...route.query,
          rows: route.query.rows === 'ENTERPRISE' ? undefined : route.query.rows,
          cols: route.query.cols === 'ENTERPRISE' ? undefined : route.query.cols,
        },
      }),
  };
}
