/**
 * Writes a notification to the in-app inboxes of its audiences and queues it for every webhook
 * subscribed to its topic. Call it inside the transaction of the change it reports.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../auth/roles.js';
import { Notification } from './notification.entity.js';
import { WebhookDelivery, WebhookSubscription } from './webhook.entity.js';

export interface Audience {
  role: Role;
  scopeId: number | null;
}

export async function notify(
  em: EntityManager,
  notice: {
    topic: string;
    message: string;
    caseId?: number | null;
    at: Date;
    audiences: Audience[];
    data?: Record<string, unknown>;
  },
): Promise<void> {
  for (const audience of notice.audiences) {
    em.create(Notification, {
      audienceRole: audience.role,
      audienceScopeId: audience.scopeId,
      topic: notice.topic,
      message: notice.message,
      caseId: notice.caseId ?? null,
      createdAt: notice.at,
    });
  }
  const subscriptions = await em.find(WebhookSubscription, { disabledAt: null, topics: { $contains: [notice.topic] } });
  for (const s of subscriptions) {
    em.create(WebhookDelivery, {
      subscriptionId: s.id,
      topic: notice.topic,
      payload: {
        topic: notice.topic,
        caseId: notice.caseId ?? null,
        message: notice.message,
        at: notice.at.toISOString(),
        ...notice.data,
      },
      attempts: 0,
      nextAttemptAt: notice.at,
    });
  }
}
