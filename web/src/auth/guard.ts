/**
 * Wires authentication into the app: the GraphQL client sends the session's token, a refused
 * token ends the session and leads to the sign-in page, and routes marked
 * `meta.requiresEnterprise` admit only a signed-in enterprise user (others go to
 * `/login?next=…`).
 */
import type { LocationQueryRaw, Router } from 'vue-router';
import { configureAuth } from '../graphql/client';
import { endSession, isEnterpriseUser, sessionToken, sessionUser } from './session';

export const LOGIN_PATH = '/login';

/** Why the sign-in page is shown; each has a message (`auth.notice.*`). */
export type LoginReason = 'required' | 'role' | 'expired' | 'signedOut';

/** Only same-app paths may be a `next` target (no `//host` or `https:` redirects). */
export function safeNext(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith(LOGIN_PATH) ? value : null;
}

export function loginLocation(reason: LoginReason, next?: string): { path: string; query: LocationQueryRaw } {
  const target = next ? safeNext(next) : null;
  return { path: LOGIN_PATH, query: { reason, ...(target ? { next: target } : {}) } };
}

export function installAuth(router: Router): void {
  configureAuth({
    token: sessionToken,
    onUnauthenticated(refused) {
      // Several requests may fail with the same token; only the first one acts.
      if (sessionToken() !== refused) return;
      endSession();
      const here = router.currentRoute.value;
      if (here.path === LOGIN_PATH) return;
      void router.replace(loginLocation('expired', here.fullPath));
    },
  });

  router.beforeEach((to) => {
    if (!to.meta.requiresEnterprise) return true;
    const user = sessionUser();
    if (isEnterpriseUser(user)) return true;
    return loginLocation(user ? 'role' : 'required', to.fullPath);
  });
}
