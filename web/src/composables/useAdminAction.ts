/**
 * One administrative action at a time for the administrators' pages: runs a mutation, keeps its
 * error (with the API's per-field problems), and reloads the page's data once it succeeded.
 */
import { ref, shallowRef } from 'vue';
import {
  invalidFieldsOf,
  request,
  toRequestError,
  type Document,
  type GraphQLRequestError,
  type GraphQLVariables,
} from '../graphql/client';

export function useAdminAction(reload: () => Promise<void>) {
  const saving = ref(false);
  const error = shallowRef<GraphQLRequestError | null>(null);

  async function run<T, V extends GraphQLVariables>(
    document: Document<T, V>,
    variables: NoInfer<V>,
  ): Promise<T | null> {
    saving.value = true;
    error.value = null;
    try {
      const data = await request(document, variables);
      await reload();
      return data;
    } catch (caught) {
      error.value = toRequestError(caught);
      return null;
    } finally {
      saving.value = false;
    }
  }

  /** The API's first problem with `field`, or null. */
  const problem = (field: string) =>
    invalidFieldsOf(error.value).find((f) => f.field === field || f.field.endsWith(`.${field}`))?.problems[0] ?? null;

  return { run, saving, error, problem };
}
