/** Signed login tokens (JWT, HS256) tied to a revocable session row. */
import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../errors.js';
import { Session } from './session.entity.js';

const ISSUER = 'customs-sqa';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export class TokenService {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlMinutes: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async issue(em: EntityManager, accountId: number): Promise<IssuedToken> {
    const issuedAt = this.now();
    const expiresAt = new Date(issuedAt.getTime() + this.ttlMinutes * 60_000);
    const session = em.create(Session, { id: randomUUID(), accountId, createdAt: issuedAt, expiresAt });
    await em.persist(session).flush();
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(String(accountId))
      .setJti(session.id)
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.secret);
    return { token, expiresAt };
  }

  /** The account and session of a valid token; UNAUTHENTICATED for an expired, forged or revoked one. */
  async verify(
    em: EntityManager,
    token: string,
  ): Promise<{ accountId: number; sessionId: string; sessionAccountId: number }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: this.now(),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw unauthenticated('Your session has expired. Sign in again.', 'TOKEN_EXPIRED');
      throw unauthenticated('This token is not valid. Sign in again.', 'TOKEN_INVALID');
    }
    const session = await em.findOne(Session, { id: String(payload.jti) });
    if (!session || session.revokedAt || session.expiresAt <= this.now()) {
      throw unauthenticated('You have signed out of this session. Sign in again.', 'SESSION_ENDED');
    }
    return { accountId: Number(payload.sub), sessionId: session.id, sessionAccountId: session.accountId };
  }

  async revoke(em: EntityManager, sessionId: string): Promise<void> {
    await em.nativeUpdate(Session, { id: sessionId, revokedAt: null }, { revokedAt: this.now() });
  }

  /**
   * Ends every open session of an account at once (deactivation, password reset or change);
   * `except` keeps the caller's own session. Every token is checked against its session row on
   * each request, so the next request with a revoked token is refused.
   */
  async revokeAccount(em: EntityManager, accountId: number, except?: string): Promise<number> {
    return em.nativeUpdate(
      Session,
      { accountId, revokedAt: null, ...(except ? { id: { $ne: except } } : {}) },
      { revokedAt: this.now() },
    );
  }
}
