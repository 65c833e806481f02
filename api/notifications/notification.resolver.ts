/** The in-app inbox of the signed-in account, and webhook subscriptions for other systems. */
import { randomBytes } from 'node:crypto';
import { ArrayMaxSize, ArrayMinSize, IsIn, Matches } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { authorize, requireViewer } from '../auth/permissions.js';
import { Role } from '../auth/roles.js';
import type { KnownViewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { ConnectionType, PageArgs, paginate } from '../graphql/connection.js';
import { NotificationRead } from './notification-read.entity.js';
import { Notification } from './notification.entity.js';
import { WebhookSubscription } from './webhook.entity.js';

export const NotificationConnection = ConnectionType(Notification);
export const TOPICS = ['case.opened', 'case.escalated', 'case.answered', 'case.reopened'] as const;

/** The audience a viewer belongs to: its role within its own scope. */
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
  return { audienceRole: viewer.role, $or: [{ audienceScopeId: scopeId }, { audienceScopeId: null }] };
}

@ObjectType()
class CreatedWebhook {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description:
      'Verify each delivery: X-SQA-Signature = "sha256=" + hex HMAC-SHA256 of the body with this secret. Shown once.',
  })
  secret!: string;
}

@ArgsType()
class CreateWebhookArgs {
  @Field(() => String)
  @Matches(/^https?:\/\/[^\s]{1,1990}$/, { message: 'url must be an http(s) URL' })
  url!: string;

  @Field(() => [String], { description: `Any of ${TOPICS.join(', ')}.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(TOPICS.length)
  @IsIn(TOPICS, { each: true, message: `topics must be among ${TOPICS.join(', ')}` })
  topics!: string[];
}

@Resolver()
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'Your inbox, newest first.' })
  async notifications(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: Context,
  ) {
    const viewer = inboxViewer(ctx);
    const where: Record<string, unknown> = { ...audienceOf(viewer) };
    if (unreadOnly) where.id = { $nin: await readIds(ctx, viewer.id) };
    return NotificationConnection.of(await paginate(ctx.em, Notification, where as never, page, 'desc'));
  }

  @Query(() => Int, { description: 'Unread messages in your inbox.' })
  async unreadNotificationCount(@Ctx() ctx: Context) {
    const viewer = inboxViewer(ctx);
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

  @Mutation(() => CreatedWebhook, { description: 'Subscribe a URL to notification topics (administrators).' })
  async createWebhook(@Args(() => CreateWebhookArgs) { url, topics }: CreateWebhookArgs, @Ctx() ctx: Context) {
    authorize(ctx.viewer, 'apiKey:manage');
    if (ctx.viewer.kind !== 'anonymous' && ctx.viewer.role !== Role.ADMIN)
      throw badInput('Only administrators manage webhooks.');
    const secret = randomBytes(32).toString('base64url');
    const hook = ctx.em.create(WebhookSubscription, {
      url,
      topics: [...new Set(topics)],
      secret,
      createdAt: ctx.clock(),
    });
    await ctx.em.flush();
    return { id: String(hook.id), secret };
  }
}

/** The inbox belongs to people: a signed-in account. */
function inboxViewer(ctx: Context) {
  const viewer = requireViewer(ctx.viewer, 'catalog:read');
  if (viewer.kind !== 'account')
    throw badInput('The inbox belongs to signed-in accounts; machines subscribe to webhooks.');
  return viewer;
}

async function readIds(ctx: Context, accountId: number): Promise<number[]> {
  return (await ctx.em.find(NotificationRead, { accountId })).map((r) => r.notificationId);
}
