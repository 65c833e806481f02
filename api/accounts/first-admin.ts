/**
 * The first administrator of a new installation, made from the server's command line (there is
 * nobody yet to invite them). Refuses a login that exists, so running it twice changes nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/audit-log.js';
import { Account } from '../auth/account.entity.js';
import { hashPassword } from '../auth/passwords.js';
import { Role } from '../auth/roles.js';
import { conflict, badInput } from '../errors.js';
import { checkNewPassword, LOGIN_PATTERN, normaliseLogin } from './passwords-policy.js';

export async function createAdministrator(
  em: EntityManager,
  input: { login: string; password: string; displayName?: string },
  now: Date = new Date(),
): Promise<Account> {
  const login = normaliseLogin(input.login);
  if (!LOGIN_PATTERN.test(login))
    throw badInput('The login must be 3–64 lower-case letters, digits, ".", "_", "@" or "-".');
  checkNewPassword(input.password, login);
  const passwordHash = await hashPassword(input.password);
  return em.transactional(async (tx) => {
    if ((await tx.count(Account, { login })) > 0)
      throw conflict(`An account with the login "${login}" already exists; nothing was changed.`, { reason: 'EXISTS' });
    const account = tx.create(Account, {
      login,
      passwordHash,
      displayName: input.displayName?.trim() || 'Quản trị hệ thống',
      role: Role.ADMIN,
      createdAt: now,
    });
    await tx.flush();
    recordAudit(tx, 'cli', 'account.create', { kind: 'account', id: account.id }, { login, role: Role.ADMIN }, now);
    return account;
  });
}
