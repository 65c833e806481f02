/**
 * The signed-in session: the bearer token and who it belongs to, kept in localStorage under
 * `customs-sqa.session` so a reload stays signed in, and shared by every tab (a sign-out in one
 * tab signs the others out). The API decides whether a token is still valid: the stored
 * `expiresAt` is informative only, since the browser's clock is not the server's.
 */
import { computed, shallowRef } from 'vue';
import type { Me, Role } from '../graphql/types';
import { clearLocalDrafts } from '../rating/local-draft';

export const SESSION_STORAGE_KEY = 'customs-sqa.session';

export interface Session {
  token: string;
  expiresAt: string;
  me: Me;
}

const ROLES: readonly Role[] = [
  'ADMIN',
  'ANALYTICS',
  'ENTERPRISE',
  'INSPECTOR',
  'LEADER',
  'OFFICER',
  'SUPERVISOR',
  'SYSTEM',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const optionalString = (value: unknown): value is string | null =>
  value === null || value === undefined || typeof value === 'string';

/** Accepts only a well-formed stored session: storage is outside our control. */
function parseSession(raw: string | null): Session | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.token !== 'string' || !value.token || typeof value.expiresAt !== 'string')
    return null;
  const me = value.me;
  if (!isRecord(me) || typeof me.id !== 'string' || typeof me.kind !== 'string' || typeof me.displayName !== 'string')
    return null;
  if (typeof me.role !== 'string' || !(ROLES as readonly string[]).includes(me.role)) return null;
  if (!optionalString(me.login) || !optionalString(me.enterpriseId)) return null;
  // Sessions stored before permissions existed are not trusted: signing in again fetches them.
  if (!Array.isArray(me.permissions) || !me.permissions.every((p) => typeof p === 'string')) return null;
  return {
    token: value.token,
    expiresAt: value.expiresAt,
    me: {
      kind: me.kind,
      id: me.id,
      role: me.role as Role,
      displayName: me.displayName,
      login: me.login ?? null,
      enterpriseId: me.enterpriseId ?? null,
      permissions: me.permissions,
    },
  };
}

function readStored(): Session | null {
  try {
    return parseSession(window.localStorage.getItem(SESSION_STORAGE_KEY));
  } catch {
    return null;
  }
}

const current = shallowRef<Session | null>(readStored());

window.addEventListener('storage', (event) => {
  if (event.key === SESSION_STORAGE_KEY || event.key === null) current.value = readStored();
});

/** Remember a new session (after signing in). */
export function startSession(session: Session): void {
  current.value = session;
  try {
    window.localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Not persisting is acceptable: the session still lasts until the page is closed.
  }
}

/** Forget the session (signed out, or the API refused the token). */
export function endSession(): void {
  current.value = null;
  clearLocalDrafts();
  try {
    window.localStorage.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to remove.
  }
}

/** The token to send, if signed in. */
export function sessionToken(): string | null {
  return current.value?.token ?? null;
}

/** The signed-in user, if any (for the router guard). */
export function sessionUser(): Me | null {
  return current.value?.me ?? null;
}

export function isEnterpriseUser(me: Me | null): boolean {
  return me?.role === 'ENTERPRISE' && me.enterpriseId !== null;
}

/** Customs staff roles: the statistics and forms pages are theirs. */
export const STAFF_ROLES: readonly Role[] = ['OFFICER', 'SUPERVISOR', 'INSPECTOR', 'LEADER', 'ADMIN'];

export function isStaffUser(me: Me | null): boolean {
  return me !== null && STAFF_ROLES.includes(me.role);
}

/**
 * Whether the user may do or see something, by the API's own policy (`me { permissions }`,
 * e.g. "case:handle", "assessment:seeRater"): the console never keeps role lists of its own.
 */
export function mayDo(me: Me | null, permission: string | undefined): boolean {
  return permission === undefined || (me?.permissions.includes(permission) ?? false);
}

/** Start page after signing in: enterprises rate declarations, staff read the overview. */
export function homeOf(me: Me | null): string {
  return isEnterpriseUser(me) ? '/declarations' : isStaffUser(me) ? '/overview' : '/catalog';
}

/** Reactive view of the session for components. */
export function useSession() {
  const user = computed(() => current.value?.me ?? null);
  return {
    user,
    isSignedIn: computed(() => user.value !== null),
    isEnterprise: computed(() => isEnterpriseUser(user.value)),
    isStaff: computed(() => isStaffUser(user.value)),
    role: computed(() => user.value?.role ?? null),
    /** See `mayDo`; reactive when read inside a computed or a template. */
    may: (permission: string) => mayDo(user.value, permission),
  };
}
