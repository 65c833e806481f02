/** Writing to the transactional outbox: call inside the transaction of the change it reports. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent } from './outbox-event.entity.js';

export function enqueue(em: EntityManager, topic: string, aggregateId: string, payload: Record<string, unknown>): OutboxEvent {
  return em.create(OutboxEvent, { topic, aggregateId, payload, createdAt: new Date() });
}
