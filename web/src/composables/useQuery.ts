/**
 * Run a GraphQL query for a component: returns `{ data, state, error, refetch }`.
 * Variables may be reactive; a change re-runs the query. A newer request aborts the older one,
 * and leaving the component's scope aborts whatever is in flight. The session's token goes
 * along (see `configureAuth`). The document is a generated typed document, so `data` and the
 * variables are typed by it.
 */
import { getCurrentScope, onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import { GraphQLRequestError, request, toRequestError, type Document, type GraphQLVariables } from '../graphql/client';

export type QueryState = 'loading' | 'ready' | 'error';

export interface QueryResult<T> {
  /** The last successful result; kept while a refetch is loading, cleared on error. */
  data: Ref<T | null>;
  state: Ref<QueryState>;
  error: Ref<GraphQLRequestError | null>;
  refetch: () => Promise<void>;
}

export interface QueryOptions {
  /** While this returns false the query waits (state stays 'loading'): for a query that needs another's answer. */
  enabled?: () => boolean;
}

export function useQuery<T, V extends GraphQLVariables>(
  document: Document<T, V>,
  variables: MaybeRefOrGetter<NoInfer<V>>,
  options: QueryOptions = {},
): QueryResult<T> {
  const data = shallowRef<T | null>(null);
  const state = ref<QueryState>('loading');
  const error = shallowRef<GraphQLRequestError | null>(null);
  let controller: AbortController | null = null;

  async function refetch(): Promise<void> {
    if (options.enabled && !options.enabled()) return;
    controller?.abort();
    const current = new AbortController();
    controller = current;
    state.value = 'loading';
    error.value = null;
    try {
      const result = await request(document, toValue(variables), { signal: current.signal });
      if (current.signal.aborted) return;
      data.value = result;
      state.value = 'ready';
    } catch (caught) {
      if (current.signal.aborted) return;
      data.value = null;
      error.value = toRequestError(caught);
      state.value = 'error';
    } finally {
      if (controller === current) controller = null;
    }
  }

  watch(
    () => [toValue(variables), options.enabled?.() ?? true],
    () => void refetch(),
    { deep: true },
  );
  if (getCurrentScope()) {
    onScopeDispose(() => controller?.abort());
  }
  void refetch();

  return { data, state, error, refetch };
}
