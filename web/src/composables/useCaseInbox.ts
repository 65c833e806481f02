/**
 * The case inbox: filters kept in the URL (`status`, `overdue`, `mine` = waiting on me, `branch`,
 * `level`, `kind`, `handler`, `sort`) and the matching cases page by page, by default in the
 * server's deadline order (overdue and due today first), or newest first (`sort=newest`).
 */
import { CasesDocument } from '../graphql/generated';
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { CaseFilterInput } from '../graphql/cases.types';
import type { CaseOrder } from '../graphql/generated';
import { useConnection } from './useConnection';

export const CASE_FILTER_KEYS = ['status', 'overdue', 'mine', 'branch', 'level', 'kind', 'handler', 'sort'] as const;
export type CaseFilterKey = (typeof CASE_FILTER_KEYS)[number];
export type CaseFilters = Record<CaseFilterKey, string>;

const ALLOWED: Record<CaseFilterKey, RegExp> = {
  status: /^(OPEN|ACKNOWLEDGED|VERIFYING|CONCLUDED|ANSWERED|CLOSED)$/,
  overdue: /^1$/,
  mine: /^1$/,
  branch: /^\d+$/,
  level: /^[12]$/,
  kind: /^(BRANCH|TEAM|STAGE|OFFICER)$/,
  handler: /^(BRANCH|INSPECTORS)$/,
  sort: /^newest$/,
};

export function useCaseInbox() {
  const route = useRoute();
  const router = useRouter();

  const filters = computed<CaseFilters>(() => {
    const read = (key: CaseFilterKey) => {
      const v = route.query[key];
      return typeof v === 'string' && ALLOWED[key].test(v) ? v : '';
    };
    return Object.fromEntries(CASE_FILTER_KEYS.map((k) => [k, read(k)])) as CaseFilters;
  });

  const apiFilter = computed<CaseFilterInput>(() => {
    const f = filters.value;
    return {
      ...(f.status ? { status: f.status as CaseFilterInput['status'] } : {}),
      ...(f.overdue ? { overdue: true } : {}),
      ...(f.mine ? { waitingOnMe: true } : {}),
      ...(f.branch ? { branchId: f.branch } : {}),
      ...(f.level ? { level: Number(f.level) } : {}),
      ...(f.kind ? { subjectKind: f.kind as CaseFilterInput['subjectKind'] } : {}),
      ...(f.handler ? { handler: f.handler as CaseFilterInput['handler'] } : {}),
    };
  });

  const order = computed<CaseOrder>(() => (filters.value.sort === 'newest' ? 'NEWEST' : 'DEADLINE'));

  const list = useConnection(() => ({
    document: CasesDocument,
    connection: (data) => data.cases,
    variables: { filter: apiFilter.value, order: order.value },
  }));

  function setFilters(next: CaseFilters): void {
    const query = { ...route.query };
    for (const key of CASE_FILTER_KEYS) {
      const value = next[key].trim();
      if (value) query[key] = value;
      else delete query[key];
    }
    void router.push({ query });
  }

  return { filters, setFilters, list };
}
