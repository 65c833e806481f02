/**
 * A count shown as a navigation badge to enterprise users: one shared value for the whole app,
 * loaded when an enterprise user signs in, cleared on sign-out, and reloaded on request.
 */
import { effectScope, readonly, ref, watch } from 'vue';
import { useSession } from '../auth/session';

export function enterpriseCount(load: (signal: AbortSignal) => Promise<number>) {
  const count = ref<number | null>(null);
  let controller: AbortController | null = null;
  let tracking = false;

  /** Reload the count; on failure the badge is hidden rather than wrong. */
  async function refresh(): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    try {
      const value = await load(current.signal);
      if (!current.signal.aborted) count.value = value;
    } catch {
      if (!current.signal.aborted) count.value = null;
    }
  }

  /** Take a fresher count from somewhere that has just loaded it. */
  function set(value: number): void {
    count.value = value;
  }

  function use() {
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
            if (enterpriseUser) void refresh();
          },
          { immediate: true },
        );
      });
    }
    return { count: readonly(count), refresh };
  }

  return { refresh, set, use };
}
