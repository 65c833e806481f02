/**
 * A paginated list for a component: loads the first page of a connection field, then appends
 * the next page on `loadMore()` (cursor pagination). The source (document, its connection, the
 * variables) may be reactive; a change starts over from the first page and aborts what was in flight.
 * `fetchAll()` reads every row of the same query for an export, in pages of 100, up to EXPORT_ROW_CAP.
 */
import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import {
  request,
  toRequestError,
  type Document,
  type GraphQLRequestError,
  type GraphQLVariables,
} from '../graphql/client';
import type { Connection } from '../graphql/types';
import type { QueryState } from './useQuery';

/** Variables of a paged operation: `first` and `after` are the list's own. */
interface PageVariables {
  first?: number | null;
  after?: string | null;
}

export interface ConnectionSource<T, V extends GraphQLVariables & PageVariables, TNode> {
  document: Document<T, V>;
  /** The connection in the operation's result. */
  connection: (data: T) => Connection<TNode>;
  /** Variables other than `first` and `after`. */
  variables: Omit<V, 'first' | 'after'>;
}

export const DEFAULT_PAGE_SIZE = 20;
/** The most rows an export reads (50 pages of 100); past it the export says how many it left out. */
export const EXPORT_ROW_CAP = 5000;
const EXPORT_PAGE_SIZE = 100;

/** Every row of a query for an export, or the first EXPORT_ROW_CAP of `total`. */
export interface AllRows<TNode> {
  nodes: TNode[];
  total: number;
  truncated: boolean;
}

export function useConnection<T, V extends GraphQLVariables & PageVariables, TNode>(
  source: MaybeRefOrGetter<ConnectionSource<T, V, TNode>>,
  pageSize = DEFAULT_PAGE_SIZE,
) {
  const nodes = shallowRef<TNode[]>([]);
  const totalCount = ref(0);
  const endCursor = ref<string | null>(null);
  const hasNextPage = ref(false);
  const state = ref<QueryState>('loading');
  const error = shallowRef<GraphQLRequestError | null>(null);
  const loadingMore = ref(false);
  const loadMoreError = shallowRef<GraphQLRequestError | null>(null);
  let controller: AbortController | null = null;

  async function fetchPage(after: string | null, signal?: AbortSignal, first = pageSize): Promise<Connection<TNode>> {
    const { document, connection, variables } = toValue(source);
    // `variables` lacks exactly the two page variables added here.
    const data = await request(document, { ...variables, first, after } as V, signal ? { signal } : {});
    return connection(data);
  }

  /** Pages through the whole query (not only the rows on screen), up to `cap` rows. */
  async function fetchAll(cap = EXPORT_ROW_CAP): Promise<AllRows<TNode>> {
    const all: TNode[] = [];
    let page: Connection<TNode> | null = null;
    // A wide row costs more per page than the request budget allows at 100: halve until it fits.
    let size = EXPORT_PAGE_SIZE;
    do {
      try {
        page = await fetchPage(page?.pageInfo.endCursor ?? null, undefined, Math.min(size, cap - all.length));
      } catch (caught) {
        if (toRequestError(caught).code !== 'QUERY_TOO_COMPLEX' || size <= pageSize) throw caught;
        size = Math.max(pageSize, Math.floor(size / 2));
        continue;
      }
      all.push(...page.edges.map((e) => e.node));
    } while (!page || (page.pageInfo.hasNextPage && all.length < cap));
    return { nodes: all, total: page.totalCount, truncated: all.length < page.totalCount };
  }

  function begin(): AbortController {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    return current;
  }

  /** Reload from the first page. */
  async function refetch(): Promise<void> {
    const current = begin();
    state.value = 'loading';
    error.value = null;
    loadingMore.value = false;
    loadMoreError.value = null;
    try {
      const page = await fetchPage(null, current.signal);
      if (current.signal.aborted) return;
      nodes.value = page.edges.map((e) => e.node);
      totalCount.value = page.totalCount;
      endCursor.value = page.pageInfo.endCursor;
      hasNextPage.value = page.pageInfo.hasNextPage;
      state.value = 'ready';
    } catch (caught) {
      if (current.signal.aborted) return;
      nodes.value = [];
      error.value = toRequestError(caught);
      state.value = 'error';
    } finally {
      if (controller === current) controller = null;
    }
  }

  /** Append the next page; a failure keeps what is shown and reports `loadMoreError`. */
  async function loadMore(): Promise<void> {
    if (!hasNextPage.value || loadingMore.value || state.value !== 'ready') return;
    const current = begin();
    loadingMore.value = true;
    loadMoreError.value = null;
    try {
      const page = await fetchPage(endCursor.value, current.signal);
      if (current.signal.aborted) return;
      nodes.value = [...nodes.value, ...page.edges.map((e) => e.node)];
      totalCount.value = page.totalCount;
      endCursor.value = page.pageInfo.endCursor;
      hasNextPage.value = page.pageInfo.hasNextPage;
    } catch (caught) {
      if (current.signal.aborted) return;
      loadMoreError.value = toRequestError(caught);
    } finally {
      if (controller === current) {
        controller = null;
        loadingMore.value = false;
      }
    }
  }

  watch(
    () => toValue(source),
    () => void refetch(),
    { deep: true },
  );
  if (getCurrentScope()) onScopeDispose(() => controller?.abort());
  void refetch();

  const isEmpty = computed(() => state.value === 'ready' && nodes.value.length === 0);

  return {
    nodes,
    totalCount,
    hasNextPage,
    state,
    error,
    refetch,
    loadMore,
    loadingMore,
    loadMoreError,
    isEmpty,
    fetchAll,
  };
}
