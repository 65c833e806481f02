/**
 * The number of notices of new documents the enterprise has not read: the navigation badge.
 * One shared value for the whole app, loaded when an enterprise user signs in, cleared on
 * sign-out, and refreshed after notices are marked read.
 */
import noticesDocument from '../../../schema/operations/notices.graphql?raw';
import { request } from '../graphql/client';
import type { UnreadNoticeCountQuery } from '../graphql/generated';
import { enterpriseCount } from './useEnterpriseCount';

const badge = enterpriseCount(async (signal) => {
  const data = await request<UnreadNoticeCountQuery>(
    noticesDocument,
    {},
    { operationName: 'UnreadNoticeCount', signal },
  );
  return data.unreadNoticeCount;
});

/** Reload the count; on failure the badge is hidden rather than wrong. */
export const refreshUnreadNotices = badge.refresh;
export const useUnreadNotices = badge.use;
