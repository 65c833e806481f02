/**
 * Resolved viewers kept for a few seconds, so that a request does not cost a Postgres round trip
 * (session or API-key lookup, account row) each time. It wraps `resolveViewer`: on a miss the
 * whole resolution runs, with every check it makes; only a viewer it accepted is kept, never a
 * refusal.
 *
 * How long a change takes to count:
 * - in this process, at once: `logout`, `revokeApiKey` and the account mutations (deactivate,
 *   reset or change a password) drop the cached viewers before they answer;
 * - everywhere else (other replicas, a change made in the database by a tool or by hand): a
 *   trigger sends NOTIFY sqa_auth at the commit of any change to sessions, keys or accounts that
 *   can alter a viewer, and every process empties its cache when it hears it;
 * - if a notification is lost (the listening connection dropped), at most AUTH_CACHE_SECONDS
 *   (≤ 5 s, the default; 0 turns the cache off);
 * - a login token never outlives its own expiry: an entry ends with the token.
 */
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { Viewer } from './viewer.js';

interface Entry {
  viewer: Viewer;
  /** Monotonic time (ms) after which the entry is resolved again. */
  freshUntil: number;
  /** The token's own expiry on the service clock (ms), for login tokens. */
  tokenExpiresAt: number | null;
}

const MAX_ENTRIES = 10_000;

export class ViewerCache {
  private readonly entries = new Map<string, Entry>();
  /** How many times the cache was emptied: lets a caller see that a NOTIFY sqa_auth was heard. */
  clears = 0;

  constructor(
    private readonly ttlSeconds: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async resolve(
    headers: Record<string, string | string[] | undefined>,
    resolve: () => Promise<Viewer>,
  ): Promise<Viewer> {
    const credentials = [header(headers, 'authorization'), header(headers, 'x-api-key')];
    if (this.ttlSeconds <= 0 || credentials.every((c) => c === undefined)) return resolve();
    const key = createHash('sha256').update(JSON.stringify(credentials)).digest('base64url');
    const now = performance.now();
    const cached = this.entries.get(key);
    if (
      cached &&
      cached.freshUntil > now &&
      (cached.tokenExpiresAt === null || cached.tokenExpiresAt > this.clock().getTime())
    )
      return cached.viewer;
    this.entries.delete(key);
    const viewer = await resolve();
    if (viewer.kind === 'anonymous') return viewer;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, {
      viewer,
      freshUntil: now + this.ttlSeconds * 1000,
      tokenExpiresAt: viewer.kind === 'account' ? tokenExpiry(credentials[0]) : null,
    });
    return viewer;
  }

  /** A session ended (logout): its token stops working in this process at once. */
  forgetSession(sessionId: string): void {
    this.forget((v) => v.kind === 'account' && v.sessionId === sessionId);
  }

  /** An API key was revoked. */
  forgetApiKey(id: number): void {
    this.forget((v) => v.kind === 'apiKey' && v.id === id);
  }

  /** Something that can alter any viewer changed (NOTIFY sqa_auth, an account mutation). */
  clear(): void {
    this.clears++;
    this.entries.clear();
  }

  private forget(match: (viewer: Viewer) => boolean): void {
    for (const [key, entry] of this.entries) if (match(entry.viewer)) this.entries.delete(key);
  }
}

/** The `exp` of a bearer token the resolver has just verified (ms), or 0 when it has none. */
function tokenExpiry(authorization: string | undefined): number {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  try {
    const exp = token ? decodeJwt(token).exp : undefined;
    return typeof exp === 'number' ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
