/** Sign-in, sign-out and API keys. */
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/audit-log.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { badInput, forbidden, notFound, unauthenticated } from '../errors.js';
import { Account } from './account.entity.js';
import type { LoginThrottle } from './login-throttle.js';
import { authorize } from './permissions.js';
import { ApiKey } from './api-key.entity.js';
import type { CreateApiKeyInput } from './auth.types.js';
import { verifyPassword } from './passwords.js';
import { Role } from './roles.js';
import type { TokenService } from './tokens.js';
import { API_KEY_PREFIX, hashApiKey, type KnownViewer } from './viewer.js';

export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: TokenService,
  ) {}

  /** Signs in, throttled per account and per IP (see login-throttle.ts): a locked account refuses even the right password. */
  async login(login: string, password: string, throttle: LoginThrottle, ip: string) {
    const attempt = { login: login.trim().toLowerCase(), ip };
    await throttle.before(attempt);
    const account = await this.em.findOne(Account, { login: attempt.login });
    const ok = await verifyPassword(account?.passwordHash ?? null, password);
    if (!account || !ok || account.disabledAt) {
      await throttle.failed(attempt);
      throw unauthenticated('Wrong login or password.', 'BAD_CREDENTIALS');
    }
    await throttle.succeeded(attempt);
    const issued = await this.tokens.issue(this.em, account.id);
    return { ...issued, account };
  }

  async logout(viewer: KnownViewer): Promise<boolean> {
    if (viewer.kind !== 'account') throw badInput('Only a signed-in account can sign out; revoke an API key instead.');
    await this.tokens.revoke(this.em, viewer.sessionId);
    return true;
  }

  /** Administrators manage every key; an enterprise user, its own declaration-software keys. */
  async listKeys(viewer: KnownViewer): Promise<ApiKey[]> {
    const where = viewer.role === Role.ADMIN ? {} : { enterpriseId: viewer.scope.enterpriseId ?? -1 };
    return this.em.find(ApiKey, where, { orderBy: { id: 'asc' } });
  }

  async createKey(viewer: KnownViewer, input: CreateApiKeyInput): Promise<{ key: string; apiKey: ApiKey }> {
    if (input.costBudgetPerHour != null) authorize(viewer, 'apiKey:setBudget');
    let enterpriseId: number | null = null;
    if (viewer.role === Role.ENTERPRISE) {
      if (viewer.kind !== 'account') throw forbidden('An API key cannot create other keys.');
      if (input.role !== Role.ENTERPRISE)
        throw forbidden('An enterprise may only create keys for its declaration software (role ENTERPRISE).');
      enterpriseId = viewer.scope.enterpriseId;
    } else if (input.role === Role.ENTERPRISE) {
      if (!input.enterpriseId)
        throw badInput('An ENTERPRISE key needs enterpriseId.', {
          invalid: [{ field: 'enterpriseId', problems: ['is required for role ENTERPRISE'] }],
        });
      const enterprise = await this.em.findOne(Enterprise, { id: Number(input.enterpriseId) });
      if (!enterprise) throw notFound(`No enterprise has id ${input.enterpriseId}.`);
      enterpriseId = enterprise.id;
    }
    const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
    const apiKey = this.em.create(ApiKey, {
      name: input.name,
      role: input.role,
      enterpriseId,
      keyHash: hashApiKey(key),
      keyPrefix: key.slice(0, 12),
      createdBy: viewer.kind === 'account' ? viewer.id : null,
      costBudgetPerHour: input.costBudgetPerHour ?? null,
      createdAt: new Date(),
    });
    await this.em.transactional(async (tx) => {
      tx.persist(apiKey);
      await tx.flush();
      recordAudit(
        tx,
        viewer,
        'apiKey.create',
        { kind: 'apiKey', id: apiKey.id },
        { name: apiKey.name, role: apiKey.role, enterpriseId, costBudgetPerHour: apiKey.costBudgetPerHour ?? null },
      );
    });
    return { key, apiKey };
  }

  async revokeKey(viewer: KnownViewer, id: number): Promise<ApiKey> {
    const keys = await this.listKeys(viewer);
    const apiKey = keys.find((k) => k.id === id);
    if (!apiKey) throw notFound(`No API key ${id} is yours to revoke.`);
    if (apiKey.revokedAt) return apiKey;
    await this.em.transactional(async (tx) => {
      apiKey.revokedAt = new Date();
      recordAudit(tx, viewer, 'apiKey.revoke', { kind: 'apiKey', id }, { name: apiKey.name });
    });
    return apiKey;
  }
}
