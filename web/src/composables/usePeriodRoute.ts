/**
 * The reporting period of a statistics page, kept in the URL (`?period=2026-Q2`, or
 * `?from=2026-04-01&to=2026-06-30`) so links are shareable and Back works; the last full
 * quarter when the URL names none.
 */
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { defaultPeriod, parsePeriod, periodQuery, periodRange, type Period } from '../analytics/period';

export function usePeriodRoute() {
  const route = useRoute();
  const router = useRouter();
  const period = computed<Period>(
    () => parsePeriod(route.query.period, route.query.from, route.query.to) ?? defaultPeriod(),
  );
  const range = computed(() => periodRange(period.value));

  function setPeriod(next: Period): void {
    const { period: _p, from: _f, to: _t, ...rest } = route.query;
    void router.push({ query: { ...rest, ...periodQuery(next) } });
  }

  return { period, range, setPeriod };
}
