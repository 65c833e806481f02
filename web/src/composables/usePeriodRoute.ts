/**
 * The reporting period of a statistics page, kept in the URL (`?period=2026-Q2`, or
 * `?from=2026-04-01&to=2026-06-30`) so links are shareable and Back works. A URL that names no
 * period (or one that does not parse) is completed in place with the default, the last full
 * quarter: a link copied or saved then keeps showing that quarter next quarter.
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
  if (!parsePeriod(route.query.period, route.query.from, route.query.to)) {
    const { period: _p, from: _f, to: _t, ...rest } = route.query;
    void router.replace({ query: { ...rest, ...periodQuery(period.value) } });
  }

  function setPeriod(next: Period): void {
    const { period: _p, from: _f, to: _t, ...rest } = route.query;
    void router.push({ query: { ...rest, ...periodQuery(next) } });
  }

  return { period, range, setPeriod };
}
