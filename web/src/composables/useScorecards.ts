/**
 * Data and URL state of the scorecards page: the period (a quarter, half-year or year; a month
 * or custom range in the URL becomes the quarter it starts in), the level (`?level=team`) and the
 * sort (`?sort=shrunkMean:desc`), and the scorecards of that level for that period.
 */
import { EvaluationScorecardsDocument } from '../graphql/generated';
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { periodRange, quarterPeriod, type Period, type PeriodKind } from '../analytics/period';
import {
  SCORECARD_UNITS,
  parseScorecardSort,
  scorecardRows,
  type ScorecardSort,
  type ScorecardUnit,
} from '../analytics/scorecardTable';
import { usePeriodRoute } from './usePeriodRoute';
import { useQuery } from './useQuery';

/** Fewer ratings than this: shown greyed, not ranked (as on the overview). */
export const SCORECARD_MIN_COUNT = 10;
export const SCORECARD_KINDS: readonly PeriodKind[] = ['quarter', 'half', 'year'];
const DEFAULT_SORT: ScorecardSort = { key: 'rank', dir: 'asc' };

export function useScorecards() {
  const route = useRoute();
  const router = useRouter();
  const { period: routePeriod, setPeriod } = usePeriodRoute();

  const period = computed<Period>(() => {
    const p = routePeriod.value;
    if (SCORECARD_KINDS.includes(p.kind)) return p;
    const [y, m] = p.fromDay.split('-').map(Number) as [number, number];
    return quarterPeriod(y, Math.ceil(m / 3));
  });
  const unit = computed<ScorecardUnit>(() => {
    const level = String(route.query.level ?? '').toUpperCase();
    return (SCORECARD_UNITS as readonly string[]).includes(level) ? (level as ScorecardUnit) : 'BRANCH';
  });
  const sort = computed(() => parseScorecardSort(route.query.sort, DEFAULT_SORT));

  function setQuery(change: Record<string, string | undefined>): void {
    void router.push({ query: { ...route.query, ...change } });
  }
  const setUnit = (next: ScorecardUnit) => setQuery({ level: next === 'BRANCH' ? undefined : next.toLowerCase() });
  // Replace rather than push: a sort is not a place to go Back to.
  const setSort = (next: ScorecardSort) =>
    void router.replace({ query: { ...route.query, sort: `${next.key}:${next.dir}` } });

  const query = useQuery(EvaluationScorecardsDocument, () => ({
    unit: unit.value,
    ...periodRange(period.value),
    minCount: SCORECARD_MIN_COUNT,
  }));
  const rows = computed(() => scorecardRows(query.data.value?.evaluationScorecards ?? []));

  return { period, setPeriod, unit, setUnit, sort, setSort, query, rows };
}
