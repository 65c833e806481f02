/**
 * Webhook subscriptions within a viewer's webhook scope: make, list, pause, resume, delete,
 * rotate the secret, send a test event. A subscription outside the scope is NOT_FOUND; asking
 * for events or an enterprise outside it is FORBIDDEN.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WebhookScope } from '../auth/permissions.js';
import { badInput, forbidden, notFound } from '../errors.js';
import { SUBSCRIBABLE_TYPES } from '../messages/catalogue.js';
import { publishEvent } from '../messages/publish.js';
import { MessageDelivery } from '../messages/message-delivery.entity.js';
import { newWebhookSecret } from './envelope.js';
import { checkWebhookTarget, TargetRefused } from './target-guard.js';
import { WebhookSubscription } from './webhook.entity.js';

const MAX_SUBSCRIPTIONS_PER_OWNER = 20;
const ROTATION_OVERLAP_MS = 24 * 3_600_000;

export class WebhookService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly allowPrivateTargets: boolean,
  ) {}

  list(scope: WebhookScope): Promise<WebhookSubscription[]> {
    return this.em.find(WebhookSubscription, scope.enterpriseId === null ? {} : { enterpriseId: scope.enterpriseId }, {
      orderBy: { id: 'asc' },
      limit: 100,
    });
  }

  async create(
    scope: WebhookScope,
    actor: string,
    input: { url: string; eventTypes: string[]; description?: string | null; enterpriseId?: number | null },
  ): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const types = [...new Set(input.eventTypes)];
    const unknown = types.filter((t) => !(SUBSCRIBABLE_TYPES as string[]).includes(t));
    if (unknown.length > 0)
      throw badInput(`Unknown event types: ${unknown.join(', ')}. Known: ${SUBSCRIBABLE_TYPES.join(', ')}.`, {
        invalid: [{ field: 'eventTypes', problems: [`unknown: ${unknown.join(', ')}`] }],
      });
    const notYours = scope.eventTypes ? types.filter((t) => !scope.eventTypes!.includes(t)) : [];
    if (notYours.length > 0)
      throw forbidden(`An enterprise may subscribe only to its own events; not to ${notYours.join(', ')}.`);
    let enterpriseId = input.enterpriseId ?? null;
    if (scope.enterpriseId !== null) {
      if (enterpriseId !== null && enterpriseId !== scope.enterpriseId)
        throw forbidden('An enterprise may subscribe only to its own events.');
      enterpriseId = scope.enterpriseId;
    }
    try {
      await checkWebhookTarget(input.url, this.allowPrivateTargets);
    } catch (error) {
      if (error instanceof TargetRefused)
        throw badInput(error.message, { invalid: [{ field: 'url', problems: [error.message] }] });
      throw error;
    }
    const owned = await this.em.count(WebhookSubscription, { enterpriseId });
    if (owned >= MAX_SUBSCRIPTIONS_PER_OWNER)
      throw badInput(`At most ${MAX_SUBSCRIPTIONS_PER_OWNER} subscriptions; delete one first.`);
    const secret = newWebhookSecret();
    const subscription = this.em.create(WebhookSubscription, {
      url: input.url,
      description: input.description?.trim() || null,
      secret,
      eventTypes: types,
      enterpriseId,
      createdBy: actor,
      createdAt: this.now(),
    });
    await this.em.flush();
    return { subscription, secret };
  }

  async byId(scope: WebhookScope, id: number): Promise<WebhookSubscription> {
    const found = await this.em.findOne(WebhookSubscription, {
      id,
      ...(scope.enterpriseId === null ? {} : { enterpriseId: scope.enterpriseId }),
    });
    if (!found) throw notFound(`No webhook subscription ${id} is yours.`);
    return found;
  }

  async setPaused(scope: WebhookScope, id: number, paused: boolean): Promise<WebhookSubscription> {
    const hook = await this.byId(scope, id);
    hook.pausedAt = paused ? (hook.pausedAt ?? this.now()) : null;
    await this.em.flush();
    return hook;
  }

  /** Deletes the subscription; its pending deliveries stop (recorded as failed), its history stays. */
  async delete(scope: WebhookScope, id: number): Promise<boolean> {
    const hook = await this.byId(scope, id);
    await this.em.transactional(async (em) => {
      await em.execute(
        `update message_delivery set status = 'FAILED', last_error = 'The subscription was deleted.' where subscription_id = ? and status = 'PENDING'`,
        [id],
      );
      await em.execute('delete from webhook_subscription where id = ?', [hook.id]);
    });
    return true;
  }

  /** A new secret; the old one keeps signing for a day so receivers switch without a gap. */
  async rotateSecret(scope: WebhookScope, id: number): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const hook = await this.byId(scope, id);
    const secret = newWebhookSecret();
    hook.previousSecret = hook.secret;
    hook.previousSecretUntil = new Date(this.now().getTime() + ROTATION_OVERLAP_MS);
    hook.secret = secret;
    await this.em.flush();
    return { subscription: hook, secret };
  }

  /** Queues a `webhook.test` event for this subscription only; returns its envelope id. */
  async sendTest(scope: WebhookScope, id: number): Promise<string> {
    const hook = await this.byId(scope, id);
    const event = publishEvent(this.em, {
      type: 'webhook.test',
      occurredAt: this.now(),
      data: { subscriptionId: hook.id },
      enterpriseId: hook.enterpriseId ?? null,
    });
    await this.em.flush();
    return `evt_${event.id}`;
  }

  deliveries(subscriptionId: number, first: number): Promise<MessageDelivery[]> {
    return this.em.find(MessageDelivery, { subscriptionId }, { orderBy: { id: 'desc' }, limit: Math.min(first, 100) });
  }
}
