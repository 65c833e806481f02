/**
 * The number of notices of new documents the enterprise has not read: the navigation badge.
 * One shared value for the whole app, loaded when an enterprise user signs in, cleared on
 * sign-out, and refreshed after notices are marked read.
 */
import { effectScope, readonly, ref, watch } from 'vue';
import noticesDocument from '../../../schema/operations/notices.graphql?raw';
import { useSession } from '../auth/session';
import { request } from '../graphql/client';
import type { UnreadNoticeCountQuery } from '../graphql/generated';

const count = ref<number | null>(null);
let controller: AbortController | null = null;
let tracking = false;

/** Reload the count; on failure the badge is hidden rather than wrong. */
export async function refreshUnreadNotices(): Promise<void> {
  controller?.abort();
  const current = new AbortController();
  controller = current;
  try {
    const data = await request<UnreadNoticeCountQuery>(noticesDocument, {}, { operationName: 'UnreadNoticeCount', signal: current.signal });
    if (!current.signal.aborted) count.value = data.unreadNoticeCount;
  } catch {
    if (!current.signal.aborted) count.value = null;
  }
}

export function useUnreadNotices() {
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
          if (enterpriseUser) void refreshUnreadNotices();
        },
        { immediate: true },
      );
    });
  }
  return { count: readonly(count), refresh: refreshUnreadNotices };
}
