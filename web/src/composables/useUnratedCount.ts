/**
 * The number of the enterprise's recent declarations without a sent form: the navigation
 * badge and the warning on My declarations. One shared value for the whole app, loaded when an
 * enterprise user signs in, cleared on sign-out, and refreshed after a form is sent.
 */
import { UnratedCountDocument } from '../graphql/generated';
import { request } from '../graphql/client';
import { enterpriseCount } from './useEnterpriseCount';

const badge = enterpriseCount(async (signal) => {
  const data = await request(UnratedCountDocument, {}, { signal });
  return data.unratedDeclarations.totalCount;
});

/** Reload the count; on failure the badge is hidden rather than wrong. */
export const refreshUnratedCount = badge.refresh;
/** Take a fresher count from a list that has just loaded it. */
export const setUnratedCount = badge.set;
export const useUnratedCount = badge.use;
