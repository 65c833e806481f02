/**
 * A paginated list for a component: loads the first page of a connection field, then appends
 * the next page on `loadMore()` (cursor pagination). The source (operation, field, variables)
 * may be reactive; a change starts over from the first page and aborts what was in flight.
 */
import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { request, toRequestError, type GraphQLRequestError, type GraphQLVariables } from '../graphql/client';
import type { Connection } from '../graphql/types';
import type { QueryState } from './useQuery';

export interface ConnectionSource {
  /** The operation of the document to run. */
  operationName: string;
  /** The root field holding the connection in its result. */
  field: string;
  /** Variables other than `first` and `after`. */
  variables?: GraphQLVariables;
}

export const DEFAULT_PAGE_SIZE = 20;

export function useConnection<TNode>(
  document: string,
  source: MaybeRefOrGetter<ConnectionSource>,
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

  async function fetchPage(after: string | null, signal: AbortSignal): Promise<Connection<TNode>> {
    const { operationName, field, variables } = toValue(source);
    const data = await request<Record<string, Connection<TNode> | undefined>>(
      document,
      { ...variables, first: pageSize, after },
      { signal, operationName },
    );
    const page = data[field];
    if (!page) throw toRequestError(new Error(`The response has no ${field}`));
    return page;
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

  return { nodes, totalCount, hasNextPage, state, error, refetch, loadMore, loadingMore, loadMoreError, isEmpty };
}
