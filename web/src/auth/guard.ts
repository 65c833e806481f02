/**
 * Wires authentication into the app: the GraphQL client sends the session's token, a refused
 * token ends the session and leads to the sign-in page, and routes marked
 * `meta.requiresEnterprise` admit only a signed-in enterprise user (others go to
 * `/login?next=…`), and routes marked `meta.requiresStaff` only customs staff (a visitor goes
 * to the sign-in page, an enterprise user back to its declarations).
 */
import type { LocationQueryRaw, Router } from 'vue-router';
import { configureAuth } from '../graphql/client';
import type { Me } from '../graphql/types';
import { endSession, homeOf, isEnterpriseUser, isStaffUser, mayDo, sessionToken, sessionUser } from './session';

export const LOGIN_PATH = '/login';

/** Why the sign-in page is shown; each has a message (`auth.notice.*`). */
export type LoginReason = 'required' | 'role' | 'expired' | 'signedOut';

/** Only same-app paths may be a `next` target (no `//host` or `https:` redirects). */
export function safeNext(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith(LOGIN_PATH)
    ? value
    : null;
}

export function loginLocation(reason: LoginReason, next?: string): { path: string; query: LocationQueryRaw } {
  const target = next ? safeNext(next) : null;
  return { path: LOGIN_PATH, query: { reason, ...(target ? { next: target } : {}) } };
}

/** Whether a route that needs `permission` admits this user (no permission needed admits all). */
export function mayOpen(user: Me | null, permission: string | undefined): boolean {
  return mayDo(user, permission);
}

export function installAuth(router: Router): void {
  configureAuth({
    token: sessionToken,
    onUnauthenticated(refused) {
      // Several requests may fail with the same token; only the first one acts.
      if (sessionToken() !== refused) return;
      endSession();
      // A request of the first page may be refused before its route has resolved (the page's
      // chunk still loading): wait for it, so `next` names that page and not the start location.
      void router
        .isReady()
        .catch(() => undefined)
        .then(() => {
          const here = router.currentRoute.value;
          if (here.path === LOGIN_PATH) return;
          void router.replace(loginLocation('expired', here.fullPath));
        });
    },
  });

  router.beforeEach((to) => {
    if (to.meta.requiresStaff) {
      const user = sessionUser();
      if (isStaffUser(user)) return mayOpen(user, to.meta.permission) || homeOf(user);
      if (user && isEnterpriseUser(user)) return homeOf(user);
      return loginLocation(user ? 'role' : 'required', to.fullPath);
    }
    if (!to.meta.requiresEnterprise) return true;
    const user = sessionUser();
    if (isEnterpriseUser(user)) return mayOpen(user, to.meta.permission) || homeOf(user);
    return loginLocation(user ? 'role' : 'required', to.fullPath);
  });
}
