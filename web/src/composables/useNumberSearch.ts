/** A declaration-number search kept in the URL (`?q=` with 3 to 12 digits), for the enterprise's lists. */
import { computed } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';

export function useNumberSearch(alsoSet: (q: string | null) => LocationQueryRaw = () => ({})) {
  const route = useRoute();
  const router = useRouter();
  return computed<string | null>({
    get: () => (typeof route.query.q === 'string' && /^\d{3,12}$/.test(route.query.q) ? route.query.q : null),
    set: (q) => void router.replace({ query: { ...route.query, ...alsoSet(q), q: q ?? undefined } }),
  });
}
