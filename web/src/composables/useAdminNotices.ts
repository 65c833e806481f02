/**
 * The administrators' notices page: the published notices with read counts page by page, the
 * publish mutation (a success reloads the list), and a debounced enterprise search for the
 * audience picker.
 */
import { AdminNoticesDocument, NoticeEnterpriseSearchDocument, PublishNoticeDocument } from '../graphql/generated';
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { request } from '../graphql/client';
import type { AdminNoticesQuery, NoticeEnterpriseSearchQuery, PublishNoticeInput } from '../graphql/generated';
import { useConnection } from './useConnection';
import { useMutation } from './useMutation';

export type AdminNotice = AdminNoticesQuery['notices']['edges'][number]['node'];
export type FoundEnterprise = NoticeEnterpriseSearchQuery['enterprises']['edges'][number]['node'];

const SEARCH_DELAY_MS = 250;

export function useAdminNotices() {
  const list = useConnection({ document: AdminNoticesDocument, connection: (data) => data.notices, variables: {} });
  const publishing = useMutation(PublishNoticeDocument);

  async function publish(input: PublishNoticeInput) {
    const result = await publishing.run({ input });
    await list.refetch();
    return result.publishNotice;
  }

  return { list, publish, publishing };
}

/** Enterprises whose name or tax code contains the text (two characters at least). */
export function useEnterpriseSearch(text: Ref<string>) {
  const results = shallowRef<FoundEnterprise[]>([]);
  const total = ref(0);
  const searching = ref(false);
  const failed = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;

  watch(text, (value) => {
    clearTimeout(timer);
    controller?.abort();
    const search = value.trim();
    if (search.length < 2) {
      results.value = [];
      total.value = 0;
      searching.value = false;
      return;
    }
    searching.value = true;
    timer = setTimeout(async () => {
      const current = new AbortController();
      controller = current;
      try {
        const data = await request(NoticeEnterpriseSearchDocument, { search }, { signal: current.signal });
        if (current.signal.aborted) return;
        results.value = data.enterprises.edges.map((e) => e.node);
        total.value = data.enterprises.totalCount;
        failed.value = false;
      } catch {
        if (current.signal.aborted) return;
        results.value = [];
        failed.value = true;
      } finally {
        if (!current.signal.aborted) searching.value = false;
      }
    }, SEARCH_DELAY_MS);
  });
  onScopeDispose(() => {
    clearTimeout(timer);
    controller?.abort();
  });

  return { results, total, searching, failed };
}
