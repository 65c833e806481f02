/**
 * The number of the enterprise's recent declarations without a sent form: the navigation
 * badge and the warning on My declarations. One shared value for the whole app, loaded when an
 * enterprise user signs in, cleared on sign-out, and refreshed after a form is sent.
 */
import { effectScope, readonly, ref, watch } from 'vue';
import declarationsDocument from '../../../schema/operations/declarations.graphql?raw';
import { useSession } from '../auth/session';
import { request } from '../graphql/client';
import type { UnratedCountQuery } from '../graphql/types';

const count = ref<number | null>(null);
let controller: AbortController | null = null;
let tracking = false;

/** Reload the count; on failure the badge is hidden rather than wrong. */
export async function refreshUnratedCount(): Promise<void> {
  controller?.abort();
  const current = new AbortController();
  controller = current;
  try {
    const data = await request<UnratedCountQuery>(declarationsDocument, {}, { operationName: 'UnratedCount', signal: current.signal });
    if (!current.signal.aborted) count.value = data.unratedDeclarations.totalCount;
  } catch {
    if (!current.signal.aborted) count.value = null;
  }
}

/** Take a fresher count from a list that has just loaded it. */
export function setUnratedCount(value: number): void {
  count.value = value;
}

export function useUnratedCount() {
  if (!tracking) {
    tracking = true;
    // Detached: the value outlives whichever component asked first.
    effectScope(true).run(() => {
      const { user, isEnterprise } = useSession();
      watch(
        () => (isEnterprise.value ? user.value?.id : null),
        (enterpriseUser) => {
          controller?.abort();
          count.value = null;
          if (enterpriseUser) void refreshUnratedCount();
        },
        { immediate: true },
      );
    });
  }
  return { count: readonly(count), refresh: refreshUnratedCount };
}
