/**
 * The enterprise's feed of notices of new documents: all or unread only, page by page; opening a
 * notice marks it read, "mark all" marks every unread one; each refreshes the navigation badge.
 */
import { MarkNoticesReadDocument, NoticeFeedDocument, UnreadNoticeIdsDocument } from '../graphql/generated';
import { reactive, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import { request, toRequestError, type GraphQLRequestError } from '../graphql/client';
import type { NoticeFeedQuery } from '../graphql/generated';
import { useConnection } from './useConnection';
import { refreshUnreadNotices } from './useUnreadNotices';

export type FeedNotice = NoticeFeedQuery['notices']['edges'][number]['node'];

/** Rounds of "mark all" (100 notices each) before giving up: the feed never holds that many unread. */
const MAX_ROUNDS = 20;

export function useNoticeFeed(unreadOnly: MaybeRefOrGetter<boolean>) {
  const list = useConnection(() => ({
    document: NoticeFeedDocument,
    connection: (data) => data.notices,
    variables: { unreadOnly: toValue(unreadOnly) },
  }));
  /** Notices marked read since the list loaded (the list itself is not reloaded for each). */
  const readNow = reactive(new Set<string>());
  const markingAll = ref(false);
  const markAllError = shallowRef<GraphQLRequestError | null>(null);

  const isRead = (n: FeedNotice) => n.read === true || readNow.has(n.id);

  async function markRead(notice: FeedNotice): Promise<void> {
    if (isRead(notice)) return;
    readNow.add(notice.id);
    try {
      await request(MarkNoticesReadDocument, { ids: [notice.id] });
    } catch {
      // Shown as read here; the badge below tells the truth, and the next open retries.
      readNow.delete(notice.id);
    }
    await refreshUnreadNotices();
  }

  async function markAllRead(): Promise<void> {
    markingAll.value = true;
    markAllError.value = null;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const unread = await request(UnreadNoticeIdsDocument, {});
        const ids = unread.notices.edges.map((e) => e.node.id);
        if (ids.length === 0) break;
        await request(MarkNoticesReadDocument, { ids });
        for (const id of ids) readNow.add(id);
      }
    } catch (caught) {
      markAllError.value = toRequestError(caught);
    } finally {
      markingAll.value = false;
      await refreshUnreadNotices();
    }
    if (toValue(unreadOnly)) await list.refetch();
  }

  return { ...list, isRead, markRead, markAllRead, markingAll, markAllError };
}
