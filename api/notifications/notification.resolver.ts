/** The in-app inbox of the signed-in account. */
import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer } from '../auth/permissions.js';
import { Role } from '../auth/roles.js';
import type { KnownViewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { ConnectionType, PageArgs, paginate } from '../graphql/connection.js';
import { MessagePreference } from '../messages/message-preference.entity.js';
import { NotificationRead } from './notification-read.entity.js';
import { Notification } from './notification.entity.js';

export const NotificationConnection = ConnectionType(Notification);

/** The audiences a viewer belongs to: its role within its own scope, and itself. */
function audienceOf(viewer: KnownViewer) {
  const { scope } = viewer;
  const scopeId =
    viewer.role === Role.ENTERPRISE
      ? scope.enterpriseId
      : viewer.role === Role.SUPERVISOR
        ? scope.branchId
        : [Role.INSPECTOR, Role.LEADER].includes(viewer.role)
          ? scope.departmentId
          : null;
  return {
    $or: [
      { audienceRole: viewer.role, audienceScopeId: scopeId },
      { audienceRole: viewer.role, audienceScopeId: null },
      { audienceAccountId: viewer.id },
    ],
  };
}

@Resolver()
export class NotificationResolver {
  @Query(() => NotificationConnection, {
    description: 'Your inbox, newest first (empty when you turned in-app messages off).',
  })
  async notifications(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: Context,
  ) {
    const viewer = inboxViewer(ctx);
    const where: Record<string, unknown> = { ...audienceOf(viewer) };
    if (!(await wantsInApp(ctx, viewer.id))) where.id = -1;
    else if (unreadOnly) where.id = { $nin: await readIds(ctx, viewer.id) };
    return NotificationConnection.of(await paginate(ctx.em, Notification, where as never, page, 'desc'));
  }

  @Query(() => Int, { description: 'Unread messages in your inbox.' })
  async unreadNotificationCount(@Ctx() ctx: Context) {
    const viewer = inboxViewer(ctx);
    if (!(await wantsInApp(ctx, viewer.id))) return 0;
    return ctx.em.count(Notification, { ...audienceOf(viewer), id: { $nin: await readIds(ctx, viewer.id) } });
  }

  @Mutation(() => Int, { description: 'Marks messages of your inbox read; returns how many were newly marked.' })
  async markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context) {
    const viewer = inboxViewer(ctx);
    if (ids.length > 500) throw badInput('Mark at most 500 messages at once.');
    const mine = await ctx.em.find(Notification, {
      ...audienceOf(viewer),
      id: { $in: ids.map(Number).filter(Number.isInteger) },
    });
    const already = new Set(await readIds(ctx, viewer.id));
    const fresh = mine.filter((n) => !already.has(n.id));
    for (const n of fresh)
      ctx.em.create(NotificationRead, { notificationId: n.id, accountId: viewer.id, readAt: ctx.clock() });
    await ctx.em.flush();
    return fresh.length;
  }
}

/** The inbox belongs to people: a signed-in account. */
function inboxViewer(ctx: Context) {
  const viewer = requireViewer(ctx.viewer, 'catalog:read');
  if (viewer.kind !== 'account')
    throw badInput('The inbox belongs to signed-in accounts; machines subscribe to webhooks.');
  return viewer;
}

async function wantsInApp(ctx: Context, accountId: number): Promise<boolean> {
  return (await ctx.em.findOne(MessagePreference, { accountId }))?.inApp ?? true;
}

async function readIds(ctx: Context, accountId: number): Promise<number[]> {
  return (await ctx.em.find(NotificationRead, { accountId })).map((r) => r.notificationId);
}
