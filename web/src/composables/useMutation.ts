/**
 * Run a GraphQL mutation on demand: `run(variables)` resolves with the data or throws a
 * `GraphQLRequestError`; `state` and `error` follow the last call for the template. A call
 * made while another is running waits for nothing: the caller disables its button instead.
 */
import { ref, shallowRef, type Ref } from 'vue';
import {
  request,
  toRequestError,
  type Document,
  type GraphQLRequestError,
  type GraphQLVariables,
  type RequestOptions,
} from '../graphql/client';

export type MutationState = 'idle' | 'running' | 'done' | 'error';

export interface MutationResult<T, V> {
  run: (variables: V) => Promise<T>;
  state: Ref<MutationState>;
  error: Ref<GraphQLRequestError | null>;
  reset: () => void;
}

export function useMutation<T, V extends GraphQLVariables>(
  document: Document<T, V>,
  options: Pick<RequestOptions, 'anonymous' | 'ignoreUnauthenticated'> = {},
): MutationResult<T, V> {
  const state = ref<MutationState>('idle');
  const error = shallowRef<GraphQLRequestError | null>(null);

  async function run(variables: V): Promise<T> {
    state.value = 'running';
    error.value = null;
    try {
      const data = await request(document, variables, options);
      state.value = 'done';
      return data;
    } catch (caught) {
      const failure = toRequestError(caught);
      error.value = failure;
      state.value = 'error';
      throw failure;
    }
  }

  function reset(): void {
    state.value = 'idle';
    error.value = null;
  }

  return { run, state, error, reset };
}
