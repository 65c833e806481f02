/**
 * The number of notices of new documents the enterprise has not read: the navigation badge.
 * One shared value for the whole app, loaded when an enterprise user signs in, cleared on
 * sign-out, and refreshed after notices are marked read.
 */
import { UnreadNoticeCountDocument } from '../graphql/generated';
import { request } from '../graphql/client';
import { enterpriseCount } from './useEnterpriseCount';

const badge = enterpriseCount(async (signal) => {
  const data = await request(UnreadNoticeCountDocument, {}, { signal });
  return data.unreadNoticeCount;
});

/** Reload the count; on failure the badge is hidden rather than wrong. */
export const refreshUnreadNotices = badge.refresh;
export const useUnreadNotices = badge.use;
