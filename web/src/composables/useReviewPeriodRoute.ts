/**
 * The review period of a page, kept in the URL (`?period=2026-Q3`) so a report can be linked;
 * the last full quarter when absent or malformed, written into the URL in place so that a link
 * copied or saved keeps naming that quarter.
 */
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { defaultPeriod, periodToken } from '../analytics/period';

const KEY = /^\d{4}(-(Q[1-4]|H[12]))?$/;

export function useReviewPeriodRoute() {
  const route = useRoute();
  const router = useRouter();
  const asked = route.query.period;
  if (typeof asked !== 'string' || !KEY.test(asked))
    void router.replace({ query: { ...route.query, period: periodToken(defaultPeriod()) } });
  return computed<string>({
    get: () => {
      const asked = route.query.period;
      return typeof asked === 'string' && KEY.test(asked) ? asked : periodToken(defaultPeriod());
    },
    set: (period) => void router.replace({ query: { ...route.query, period } }),
  });
}
