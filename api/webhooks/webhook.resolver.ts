/** Webhook subscriptions for integrators: administrators for any event, enterprises for their own. */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { webhookScope } from '../auth/permissions.js';
import { actorOf } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { parseId } from '../graphql/ids.js';
import { ENTERPRISE_TYPES, EVENT_TYPES, SUBSCRIBABLE_TYPES } from '../messages/catalogue.js';
import { MessageAttempt, MessageDelivery } from '../messages/message-delivery.entity.js';
import { WebhookSubscription } from './webhook.entity.js';
import { WebhookService } from './webhook.service.js';
import { CreateWebhookInput, CreatedWebhook, WebhookEventType } from './webhook.types.js';

function service(ctx: Context) {
  return new WebhookService(ctx.em, ctx.clock, ctx.settings.messages.allowPrivateWebhookTargets);
}
const scopeOf = (ctx: Context) => webhookScope(ctx.viewer, ENTERPRISE_TYPES);

@Resolver(() => WebhookSubscription)
export class WebhookResolver {
  @Query(() => [WebhookEventType], { description: 'The event catalogue webhooks may subscribe to.' })
  webhookEventTypes(): WebhookEventType[] {
    return SUBSCRIBABLE_TYPES.map((type) => ({
      type,
      description: EVENT_TYPES[type].description,
      forEnterprises: EVENT_TYPES[type].enterprise,
    }));
  }

  @Query(() => [WebhookSubscription], { description: 'Your webhook subscriptions (administrators: all).' })
  webhooks(@Ctx() ctx: Context) {
    return service(ctx).list(scopeOf(ctx));
  }

  @Mutation(() => CreatedWebhook, { description: 'Subscribe a URL to events; the secret is shown once.' })
  async createWebhook(@Arg('input', () => CreateWebhookInput) input: CreateWebhookInput, @Ctx() ctx: Context) {
    const scope = scopeOf(ctx);
    if (ctx.viewer.kind === 'anonymous') throw badInput('Sign in first.');
    return service(ctx).create(scope, actorOf(ctx.viewer), {
      ...input,
      enterpriseId: input.enterpriseId ? parseId(input.enterpriseId, 'enterpriseId') : null,
    });
  }

  @Mutation(() => WebhookSubscription, { description: 'Stop deliveries until resumed.' })
  pauseWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).setPaused(scopeOf(ctx), parseId(id, 'id'), true);
  }

  @Mutation(() => WebhookSubscription)
  resumeWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).setPaused(scopeOf(ctx), parseId(id, 'id'), false);
  }

  @Mutation(() => Boolean)
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).delete(scopeOf(ctx), parseId(id, 'id'));
  }

  @Mutation(() => CreatedWebhook, { description: 'A new secret (shown once); the old one also signs for 24 hours.' })
  rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).rotateSecret(scopeOf(ctx), parseId(id, 'id'));
  }

  @Mutation(() => String, { description: 'Queues a webhook.test event for this subscription; returns its id.' })
  sendTestWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).sendTest(scopeOf(ctx), parseId(id, 'id'));
  }

  @FieldResolver(() => [MessageDelivery], { description: 'The latest deliveries, newest first.' })
  deliveries(
    @Root() hook: WebhookSubscription,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: Context,
  ) {
    if (first < 1 || first > 100) throw badInput('first must be between 1 and 100.');
    return service(ctx).deliveries(hook.id, first);
  }
}

@Resolver(() => MessageDelivery)
export class MessageDeliveryResolver {
  @FieldResolver(() => [MessageAttempt], { description: 'Every attempt, oldest first.' })
  attemptLog(@Root() delivery: MessageDelivery, @Ctx() ctx: Context) {
    return ctx.em.find(MessageAttempt, { deliveryId: delivery.id }, { orderBy: { attempt: 'asc' } });
  }
}
