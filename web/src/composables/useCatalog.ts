/**
 * Data for the Catalog page: the `CatalogTree` operation plus the figures derived from it
 * (summary totals and declarations per branch, largest first).
 */
import { computed } from 'vue';
import type { CatalogBranch } from '../graphql/types';
import { CatalogTreeDocument } from '../graphql/generated';
import { useQuery } from './useQuery';

export interface CatalogTotals {
  branches: number;
  teams: number;
  officers: number;
  declarations: number;
}

/**
 * Branch names all start with "Chi cục Hải quan"; the chart's title already says so, and
 * dropping it leaves room for the part that tells branches apart.
 */
const BRANCH_PREFIX = /^chi cục hải quan\s+/iu;
export function chartLabel(name: string): string {
  const rest = name.replace(BRANCH_PREFIX, '');
  return rest ? rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1) : name;
}

export function useCatalog() {
  const { data, state, error, refetch } = useQuery(CatalogTreeDocument, {});

  const branches = computed<CatalogBranch[]>(() => data.value?.departments.flatMap((d) => d.branches) ?? []);

  const totals = computed<CatalogTotals>(() => {
    const totals: CatalogTotals = { branches: 0, teams: 0, officers: 0, declarations: 0 };
    for (const branch of branches.value) {
      totals.branches += 1;
      totals.declarations += branch.declarationCount;
      totals.teams += branch.teams.length;
      for (const team of branch.teams) totals.officers += team.officerCount;
    }
    return totals;
  });

  const declarationsByBranch = computed(() => {
    const sorted = [...branches.value].sort((a, b) => b.declarationCount - a.declarationCount);
    return { categories: sorted.map((b) => chartLabel(b.name)), values: sorted.map((b) => b.declarationCount) };
  });

  const isEmpty = computed(() => state.value === 'ready' && (data.value?.departments.length ?? 0) === 0);

  return { data, state, error, refetch, totals, declarationsByBranch, isEmpty };
}
