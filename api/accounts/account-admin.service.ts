/**
 * Accounts as administrators keep them: staff accounts with a role and a scope, enterprise users
 * (several per enterprise, the enterprise found or created by tax code), one-time links to set a
 * password, resets and deactivation. Every call is one transaction with its audit entry. A
 * deactivation or a reset ends the account's sessions and revokes the API keys it created in the
 * same transaction, so the next request with them is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { actorName, recordAudit, type Actor } from '../audit/audit-log.js';
import { Account } from '../auth/account.entity.js';
import { ApiKey } from '../auth/api-key.entity.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { Role } from '../auth/roles.js';
import type { TokenService } from '../auth/tokens.js';
import type { KnownViewer } from '../auth/viewer.js';
import { Branch } from '../catalog/branch.entity.js';
import { containing } from '../catalog/catalog.service.js';
import { Department } from '../catalog/department.entity.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { OfficerAssignment } from '../catalog/officer-assignment.entity.js';
import { Officer } from '../catalog/officer.entity.js';
import type { Config } from '../config.js';
import { badInput, conflict, notFound, unauthenticated } from '../errors.js';
import { paginate, type PageArgs } from '../graphql/connection.js';
import { Problems } from '../orgchart/org-chart.rules.js';
import { AccountInvitation } from './invitation.entity.js';
import { deliverInvitation, type InvitationDelivery } from './invitation-delivery.js';
import { checkNewPassword, LOGIN_PATTERN, normaliseLogin } from './passwords-policy.js';

/** Stored instead of a hash while no password is set: no password verifies against it. */
export const NO_PASSWORD = '!';

export const STAFF_ROLES = [Role.OFFICER, Role.SUPERVISOR, Role.INSPECTOR, Role.LEADER, Role.ADMIN] as const;
const TAX_CODE = /^\d{10}(-\d{3})?$/;

export interface Invitation {
  url: string;
  expiresAt: Date;
  delivery: InvitationDelivery;
}

export interface StaffAccountData {
  login: string;
  displayName: string;
  role: Role;
  officerId?: number | null;
  branchId?: number | null;
  departmentId?: number | null;
}

export interface EnterpriseAccountData {
  taxCode: string;
  enterpriseName?: string | null;
  login?: string | null;
  displayName?: string | null;
}

export interface AccountFilterData {
  role?: Role | null;
  enterpriseId?: number | null;
  search?: string | null;
  active?: boolean | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class AccountAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: TokenService,
    private readonly settings: Config['accounts'],
    private readonly clock: () => Date = () => new Date(),
  ) {}

  list(filter: AccountFilterData, page: PageArgs) {
    const where: FilterQuery<Account> = {};
    if (filter.role) where.role = filter.role;
    if (filter.enterpriseId) where.enterpriseId = filter.enterpriseId;
    if (filter.active === true) where.disabledAt = null;
    if (filter.active === false) where.disabledAt = { $ne: null };
    if (filter.search)
      where.$or = [
        { login: { $ilike: containing(filter.search) } },
        { displayName: { $ilike: containing(filter.search) } },
      ];
    return paginate(this.em, Account, where, page);
  }

  async one(id: number): Promise<Account> {
    const account = await this.em.findOne(Account, { id });
    if (!account) throw notFound(`No account has id ${id}.`);
    return account;
  }

  createStaff(actor: Actor, input: StaffAccountData): Promise<{ account: Account; invitation: Invitation }> {
    return this.em.transactional(async (em) => {
      const problems = new Problems();
      const login = await checkLogin(em, input.login, problems);
      const displayName = problems.name('displayName', input.displayName);
      const scope = await staffScope(em, input, problems);
      problems.throwIfAny('The account was not created');
      const account = em.create(Account, {
        login,
        displayName,
        role: input.role,
        passwordHash: NO_PASSWORD,
        ...scope,
        createdAt: this.clock(),
      });
      await em.flush();
      recordAudit(
        em,
        actor,
        'account.create',
        { kind: 'account', id: account.id },
        { login, role: input.role, ...scope },
        this.clock(),
      );
      return { account, invitation: await this.invitation(em, actor, account, 'INVITE') };
    });
  }

  createEnterpriseUser(
    actor: Actor,
    input: EnterpriseAccountData,
  ): Promise<{ account: Account; invitation: Invitation; enterprise: Enterprise }> {
    return this.em.transactional(async (em) => {
      const problems = new Problems();
      const enterprise = await findOrMakeEnterprise(em, input, problems, 'taxCode', 'enterpriseName');
      const login = input.login
        ? await checkLogin(em, input.login, problems)
        : await freeLogin(em, input.taxCode.trim());
      const displayName = input.displayName
        ? problems.name('displayName', input.displayName)
        : (enterprise?.name ?? '').slice(0, 255);
      problems.throwIfAny('The account was not created');
      return this.makeEnterpriseUser(em, actor, enterprise!, login, displayName);
    });
  }

  /**
   * Accounts for a list of enterprises, one "tax code[,name]" line each (a name creates an unknown
   * enterprise). An enterprise that already has a user is skipped, so the same list twice adds
   * nothing. All or nothing: a bad line refuses the whole list, naming every bad line.
   */
  createEnterpriseUsers(
    actor: Actor,
    text: string,
  ): Promise<{ created: { account: Account; invitation: Invitation }[]; skipped: string[] }> {
    let lines: string[][];
    try {
      lines = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
    } catch {
      throw badInput('The list is not valid CSV: one "tax code[,enterprise name]" line per enterprise.');
    }
    if (lines.length > 0 && !TAX_CODE.test(lines[0][0] ?? '')) lines = lines.slice(1);
    if (lines.length === 0) throw badInput('The list holds no tax code.');
    if (lines.length > 1000) throw badInput('At most 1,000 enterprises per list.');
    return this.em.transactional(async (em) => {
      const problems = new Problems();
      const created: { account: Account; invitation: Invitation }[] = [];
      const skipped: string[] = [];
      const seen = new Set<string>();
      const plan: { enterprise: Enterprise; login: string }[] = [];
      for (const [i, line] of lines.entries()) {
        const taxCode = line[0] ?? '';
        if (seen.has(taxCode)) {
          problems.add(`lines[${i}].taxCode`, `${taxCode} appears in an earlier line`);
          continue;
        }
        seen.add(taxCode);
        const enterprise = await findOrMakeEnterprise(
          em,
          { taxCode, enterpriseName: line.slice(1).join(',') || null },
          problems,
          `lines[${i}].taxCode`,
          `lines[${i}].name`,
        );
        if (!enterprise) continue;
        if (enterprise.id && (await em.count(Account, { enterpriseId: enterprise.id })) > 0) {
          skipped.push(taxCode);
          continue;
        }
        plan.push({ enterprise, login: await freeLogin(em, taxCode) });
      }
      problems.throwIfAny('No account was created');
      for (const { enterprise, login } of plan)
        created.push(await this.makeEnterpriseUser(em, actor, enterprise, login, enterprise.name.slice(0, 255)));
      return { created, skipped };
    });
  }

  private async makeEnterpriseUser(
    em: EntityManager,
    actor: Actor,
    enterprise: Enterprise,
    login: string,
    displayName: string,
  ) {
    await em.flush();
    const account = em.create(Account, {
      login,
      displayName,
      role: Role.ENTERPRISE,
      passwordHash: NO_PASSWORD,
      enterpriseId: enterprise.id,
      createdAt: this.clock(),
    });
    await em.flush();
    recordAudit(
      em,
      actor,
      'account.create',
      { kind: 'account', id: account.id },
      { login, role: Role.ENTERPRISE, taxCode: enterprise.taxCode },
      this.clock(),
    );
    return { account, enterprise, invitation: await this.invitation(em, actor, account, 'INVITE') };
  }

  /** A new link to set the password; `reset` also clears the old password and ends the sessions. */
  invite(actor: Actor, id: number, reset: boolean): Promise<{ account: Account; invitation: Invitation }> {
    return this.em.transactional(async (em) => {
      const account = await em.findOne(Account, { id });
      if (!account) throw notFound(`No account has id ${id}.`);
      if (account.disabledAt)
        throw conflict('The account is deactivated; reactivate it first.', { reason: 'DISABLED' });
      if (reset) {
        account.passwordHash = NO_PASSWORD;
        await this.tokens.revokeAccount(em, account.id);
      }
      recordAudit(
        em,
        actor,
        reset ? 'account.resetPassword' : 'account.invite',
        { kind: 'account', id },
        {},
        this.clock(),
      );
      return { account, invitation: await this.invitation(em, actor, account, reset ? 'RESET' : 'INVITE') };
    });
  }

  /** Deactivates an account: its sessions end and the API keys it created are revoked, at once. */
  setActive(actor: Actor, id: number, active: boolean): Promise<Account> {
    return this.em.transactional(async (em) => {
      const account = await em.findOne(Account, { id });
      if (!account) throw notFound(`No account has id ${id}.`);
      if (actor !== 'cli' && actor.kind === 'account' && actor.id === id && !active)
        throw conflict('You cannot deactivate your own account.', { reason: 'SELF' });
      if (!account.disabledAt === active) return account;
      const now = this.clock();
      let sessions = 0;
      let keys = 0;
      if (!active) {
        account.disabledAt = now;
        sessions = await this.tokens.revokeAccount(em, id);
        keys = await em.nativeUpdate(ApiKey, { createdBy: id, revokedAt: null }, { revokedAt: now });
        await em.nativeUpdate(AccountInvitation, { accountId: id, usedAt: null }, { usedAt: now });
      } else account.disabledAt = null;
      recordAudit(
        em,
        actor,
        active ? 'account.reactivate' : 'account.deactivate',
        { kind: 'account', id },
        active ? {} : { sessionsEnded: sessions, keysRevoked: keys },
        now,
      );
      return account;
    });
  }

  private async invitation(
    em: EntityManager,
    actor: Actor,
    account: Account,
    purpose: 'INVITE' | 'RESET',
  ): Promise<Invitation> {
    const now = this.clock();
    // Only the newest link works.
    await em.nativeUpdate(AccountInvitation, { accountId: account.id, usedAt: null }, { usedAt: now });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.settings.invitationTtlHours * 3_600_000);
    em.create(AccountInvitation, {
      accountId: account.id,
      tokenHash: hashToken(token),
      createdBy: actorName(actor),
      createdAt: now,
      expiresAt,
    });
    await em.flush();
    // In the fragment, so the token never reaches a server log or a proxy.
    const url = `${this.settings.publicUrl}/set-password#token=${token}`;
    const delivery = await deliverInvitation(em, {
      accountId: account.id,
      login: account.login,
      displayName: account.displayName,
      url,
      expiresAt,
      purpose,
    });
    return { url, expiresAt, delivery };
  }
}

/** Sets the password from a one-time link and signs the user in. */
export async function acceptInvitation(
  em: EntityManager,
  tokens: TokenService,
  token: string,
  password: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date; account: Account }> {
  const account = await em.transactional(async (tx) => {
    const invitation = await tx.findOne(AccountInvitation, { tokenHash: hashToken(token) });
    if (!invitation || invitation.usedAt || invitation.expiresAt <= now)
      throw unauthenticated(
        'This link has expired or was already used. Ask an administrator for a new one.',
        'INVITATION_INVALID',
      );
    const found = await tx.findOne(Account, { id: invitation.accountId });
    if (!found || found.disabledAt) throw unauthenticated('This account is disabled.', 'ACCOUNT_DISABLED');
    checkNewPassword(password, found.login);
    found.passwordHash = await hashPassword(password);
    invitation.usedAt = now;
    recordAudit(
      tx,
      { kind: 'account', id: found.id },
      'account.setPassword',
      { kind: 'account', id: found.id },
      {},
      now,
    );
    return found;
  });
  const issued = await tokens.issue(em, account.id);
  return { ...issued, account };
}

/** A user changes their own password; their other sessions end. */
export async function changeOwnPassword(
  em: EntityManager,
  tokens: TokenService,
  viewer: KnownViewer,
  current: string,
  next: string,
  now: Date,
): Promise<boolean> {
  if (viewer.kind !== 'account')
    throw badInput('Only a signed-in person has a password; API keys are revoked instead.');
  return em.transactional(async (tx) => {
    const account = await tx.findOne(Account, { id: viewer.id });
    if (!account || !(await verifyPassword(account.passwordHash, current)))
      throw badInput('The current password is wrong.', {
        invalid: [{ field: 'currentPassword', problems: ['is wrong'] }],
      });
    checkNewPassword(next, account.login, 'newPassword');
    account.passwordHash = await hashPassword(next);
    await tokens.revokeAccount(tx, account.id, viewer.sessionId);
    recordAudit(tx, viewer, 'account.changePassword', { kind: 'account', id: account.id }, {}, now);
    return true;
  });
}

async function checkLogin(em: EntityManager, raw: string, problems: Problems): Promise<string> {
  const login = normaliseLogin(raw ?? '');
  if (!LOGIN_PATTERN.test(login))
    problems.add('login', 'must be 3–64 lower-case letters, digits, ".", "_", "@" or "-"');
  else if ((await em.count(Account, { login })) > 0) problems.add('login', `${login} is already taken`);
  return login;
}

/** The tax code itself, or "<tax code>.2", ".3"… for further users of the same enterprise. */
async function freeLogin(em: EntityManager, taxCode: string): Promise<string> {
  const taken = new Set(
    (await em.find(Account, { login: { $like: `${taxCode}%` } }, { fields: ['login'] })).map((a) => a.login),
  );
  if (!taken.has(taxCode)) return taxCode;
  for (let n = 2; ; n++) if (!taken.has(`${taxCode}.${n}`)) return `${taxCode}.${n}`;
}

async function findOrMakeEnterprise(
  em: EntityManager,
  input: EnterpriseAccountData,
  problems: Problems,
  taxField: string,
  nameField: string,
): Promise<Enterprise | null> {
  const taxCode = (input.taxCode ?? '').trim();
  if (!TAX_CODE.test(taxCode)) {
    problems.add(taxField, 'must be 10 digits, or 10 digits, "-" and 3 digits');
    return null;
  }
  const existing = await em.findOne(Enterprise, { taxCode });
  if (existing) return existing;
  if (!input.enterpriseName) {
    problems.add(nameField, `is needed: no enterprise has tax code ${taxCode} yet`);
    return null;
  }
  const name = problems.name(nameField, input.enterpriseName);
  return name ? em.create(Enterprise, { taxCode, name }) : null;
}

/** The scope fields a staff role needs, checked against the org chart; the others must be empty. */
async function staffScope(em: EntityManager, input: StaffAccountData, problems: Problems) {
  const scope = {
    officerId: null as number | null,
    branchId: null as number | null,
    departmentId: null as number | null,
  };
  const needs: Record<string, ('officerId' | 'branchId' | 'departmentId')[]> = {
    OFFICER: ['officerId'],
    SUPERVISOR: ['branchId'],
    INSPECTOR: ['departmentId'],
    LEADER: [],
    ADMIN: [],
  };
  if (!(STAFF_ROLES as readonly Role[]).includes(input.role)) {
    problems.add('role', `must be one of ${STAFF_ROLES.join(', ')} (enterprise users have their own mutation)`);
    return scope;
  }
  const allowed = input.role === Role.LEADER ? ['departmentId'] : needs[input.role];
  for (const field of ['officerId', 'branchId', 'departmentId'] as const) {
    const value = input[field];
    if (needs[input.role].includes(field) && !value) problems.add(field, `is required for role ${input.role}`);
    if (value && !allowed.includes(field)) problems.add(field, `is not used for role ${input.role}`);
  }
  if (input.officerId && input.role === Role.OFFICER) {
    const officer = await em.findOne(Officer, { id: input.officerId });
    const current = officer
      ? await em.findOne(OfficerAssignment, { officer, validTo: null }, { populate: ['team'] })
      : null;
    if (!officer || officer.deactivatedAt) problems.add('officerId', `no active officer has id ${input.officerId}`);
    else if (!current) problems.add('officerId', `officer ${officer.code} is in no team today`);
    else Object.assign(scope, { officerId: officer.id, branchId: current.team.branch.id });
  }
  if (input.branchId && input.role === Role.SUPERVISOR) {
    const branch = await em.findOne(Branch, { id: input.branchId });
    if (!branch || branch.deactivatedAt) problems.add('branchId', `no active branch has id ${input.branchId}`);
    else scope.branchId = branch.id;
  }
  if (input.departmentId && (input.role === Role.INSPECTOR || input.role === Role.LEADER)) {
    const department = await em.findOne(Department, { id: input.departmentId });
    if (!department || department.deactivatedAt)
      problems.add('departmentId', `no active department has id ${input.departmentId}`);
    else scope.departmentId = department.id;
  }
  return scope;
}
