/**
 * Signing in and out. `useLogin().signIn` stores the session on success; a wrong login or
 * password is the API's UNAUTHENTICATED. `useSignOut().signOut` ends the session on the server
 * (best effort: an already-expired token changes nothing) and always forgets it locally.
 */
import { LoginDocument, LogoutDocument } from '../graphql/generated';
import { computed } from 'vue';
import { endSession, startSession } from '../auth/session';
import type { Me } from '../graphql/types';
import { useMutation } from './useMutation';

export function useLogin() {
  // Anonymous: a stale stored token must not get the sign-in itself refused.
  const { run, state, error, reset } = useMutation(LoginDocument, {
    anonymous: true,
  });

  async function signIn(login: string, password: string): Promise<Me> {
    const { login: result } = await run({ login: login.trim(), password });
    startSession({ token: result.token, expiresAt: result.expiresAt, me: result.me });
    return result.me;
  }

  return {
    signIn,
    reset,
    error,
    busy: computed(() => state.value === 'running'),
    /** A wrong login or password, as opposed to a failure to reach the API. */
    badCredentials: computed(() => error.value?.code === 'UNAUTHENTICATED'),
  };
}

export function useSignOut() {
  const { run, state } = useMutation(LogoutDocument, {
    ignoreUnauthenticated: true,
  });

  async function signOut(): Promise<void> {
    try {
      await run({});
    } catch {
      // Expired or revoked already, or the API is unreachable: the local session ends anyway.
    } finally {
      endSession();
    }
  }

  return { signOut, busy: computed(() => state.value === 'running') };
}
