/**
 * Where an invitation or password-reset link goes once it is made. Today the link is returned to
 * the administrator who asked for it (shown once in the console) and nowhere else. E-mail (issue
 * 17's message outbox) plugs in here: write the message to the outbox in the same transaction
 * and return 'QUEUED'; the callers need not change.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export interface InvitationMessage {
  accountId: number;
  login: string;
  displayName: string;
  /** The one-time link; never logged, never stored (only its token's hash is). */
  url: string;
  expiresAt: Date;
  purpose: 'INVITE' | 'RESET';
}

/** How the link reached its user: SHOWN to the administrator only, or QUEUED for e-mail. */
export type InvitationDelivery = 'SHOWN' | 'QUEUED';

export function deliverInvitation(_em: EntityManager, _message: InvitationMessage): Promise<InvitationDelivery> {
  return Promise.resolve('SHOWN');
}
