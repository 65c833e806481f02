/**
 * GraphQL entry points of account administration (administrators), invitations and password
 * changes (every user), and the audit log (administrators).
 */
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { listAudit } from '../audit/audit-log.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import type { Account } from '../auth/account.entity.js';
import { requireViewer } from '../auth/permissions.js';
import { LoginResult } from '../auth/auth.types.js';
import { meOfAccount } from '../auth/auth.resolver.js';
import type { Context } from '../context.js';
import { ConnectionType, PageArgs } from '../graphql/connection.js';
import { parseId } from '../graphql/ids.js';
import {
  AccountAdminService,
  acceptInvitation,
  changeOwnPassword,
  NO_PASSWORD,
  type Invitation,
} from './account-admin.service.js';
import {
  AcceptInvitationArgs,
  ChangePasswordArgs,
  EnterpriseListArgs,
  AccountFilter,
  AccountInfo,
  AccountWithInvitation,
  AuditFilter,
  CreateEnterpriseAccountInput,
  CreateStaffAccountInput,
  EnterpriseAccountsResult,
} from './account.types.js';

export const AccountInfoConnection = ConnectionType(AccountInfo);
export const AuditEntryConnection = ConnectionType(AuditEntry);

const admin = (ctx: Context) => requireViewer(ctx.viewer, 'account:manage');
const service = (ctx: Context) => new AccountAdminService(ctx.em, ctx.tokens, ctx.settings.accounts, ctx.clock);
const optionalId = (value: string | null | undefined, field: string) => (value ? parseId(value, field) : null);

@Resolver()
export class AccountResolver {
  @Query(() => AccountInfoConnection, { description: 'Accounts, oldest first (administrators).' })
  async accounts(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AccountFilter, { nullable: true }) filter: AccountFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    admin(ctx);
    const result = await service(ctx).list(
      { ...filter, enterpriseId: optionalId(filter?.enterpriseId, 'enterpriseId') },
      page,
    );
    return AccountInfoConnection.of({
      ...result,
      edges: result.edges.map((e) => ({ ...e, node: accountInfo(e.node) })),
    });
  }

  @Mutation(() => AccountWithInvitation, { description: 'A staff account and its one-time link to set a password.' })
  async createStaffAccount(
    @Arg('input', () => CreateStaffAccountInput) input: CreateStaffAccountInput,
    @Ctx() ctx: Context,
  ) {
    const { account, invitation } = await service(ctx).createStaff(admin(ctx), {
      ...input,
      officerId: optionalId(input.officerId, 'officerId'),
      branchId: optionalId(input.branchId, 'branchId'),
      departmentId: optionalId(input.departmentId, 'departmentId'),
    });
    return withInvitation(account, invitation);
  }

  @Mutation(() => AccountWithInvitation, { description: 'A user of an enterprise (found or created by tax code).' })
  async createEnterpriseAccount(
    @Arg('input', () => CreateEnterpriseAccountInput) input: CreateEnterpriseAccountInput,
    @Ctx() ctx: Context,
  ) {
    const { account, invitation } = await service(ctx).createEnterpriseUser(admin(ctx), input);
    return withInvitation(account, invitation);
  }

  @Mutation(() => EnterpriseAccountsResult, {
    description: 'One user per enterprise from "tax code[,name]" lines; enterprises that have a user are skipped.',
  })
  async createEnterpriseAccounts(@Args(() => EnterpriseListArgs) { list }: EnterpriseListArgs, @Ctx() ctx: Context) {
    const viewer = admin(ctx);
    const { created, skipped } = await service(ctx).createEnterpriseUsers(viewer, list);
    return { created: created.map((c) => withInvitation(c.account, c.invitation)), skipped };
  }

  @Mutation(() => AccountWithInvitation, { description: 'A new one-time link (the previous one stops working).' })
  async inviteAccount(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const { account, invitation } = await service(ctx).invite(admin(ctx), parseId(id, 'id'), false);
    return withInvitation(account, invitation);
  }

  @Mutation(() => AccountWithInvitation, {
    description: 'Resets a password: the old one stops working, every session ends, and a one-time link is made.',
  })
  async resetAccountPassword(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const { account, invitation } = await service(ctx).invite(admin(ctx), parseId(id, 'id'), true);
    ctx.viewers.clear();
    return withInvitation(account, invitation);
  }

  @Mutation(() => AccountInfo, {
    description: 'Deactivates an account: its sessions end and the API keys it created are revoked, at once.',
  })
  async deactivateAccount(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const account = await service(ctx).setActive(admin(ctx), parseId(id, 'id'), false);
    // Its sessions and keys end in this process before the answer, not at the notification.
    ctx.viewers.clear();
    return accountInfo(account);
  }

  @Mutation(() => AccountInfo, { description: 'Reactivates an account (its old sessions and keys stay revoked).' })
  async reactivateAccount(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return accountInfo(await service(ctx).setActive(admin(ctx), parseId(id, 'id'), true));
  }

  @Mutation(() => LoginResult, { description: 'Sets the password from an invitation or reset link and signs in.' })
  async acceptInvitation(
    @Args(() => AcceptInvitationArgs) { token, password }: AcceptInvitationArgs,
    @Ctx() ctx: Context,
  ): Promise<LoginResult> {
    const result = await acceptInvitation(ctx.em, ctx.tokens, token, password, ctx.clock());
    return { token: result.token, expiresAt: result.expiresAt, me: meOfAccount(result.account) };
  }

  @Mutation(() => Boolean, { description: 'Changes your own password; your other sessions end.' })
  async changePassword(
    @Args(() => ChangePasswordArgs) { currentPassword, newPassword }: ChangePasswordArgs,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx.viewer, 'account:changePassword');
    const changed = await changeOwnPassword(ctx.em, ctx.tokens, viewer, currentPassword, newPassword, ctx.clock());
    ctx.viewers.clear();
    return changed;
  }

  @Query(() => AuditEntryConnection, { description: 'Administrative actions, newest first (administrators).' })
  async auditLog(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    requireViewer(ctx.viewer, 'audit:read');
    return AuditEntryConnection.of(await listAudit(ctx.em, filter ?? {}, page));
  }
}

export function accountInfo(a: Account): AccountInfo {
  const id = (n: number | null | undefined) => (n ? String(n) : null);
  return {
    id: String(a.id),
    login: a.login,
    displayName: a.displayName,
    role: a.role,
    enterpriseId: id(a.enterpriseId),
    officerId: id(a.officerId),
    branchId: id(a.branchId),
    departmentId: id(a.departmentId),
    passwordSet: a.passwordHash !== NO_PASSWORD,
    createdAt: a.createdAt,
    disabledAt: a.disabledAt ?? null,
  };
}

function withInvitation(account: Account, invitation: Invitation): AccountWithInvitation {
  return { account: accountInfo(account), invitation };
}
