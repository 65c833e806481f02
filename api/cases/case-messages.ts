/**
 * What a case's steps tell people and integrators: one event per step worth knowing (opened,
 * escalated, answered, reopened, closed), with the same `data` for every case event, and the
 * readers of each. The opening event is written by the sending statement (assessment.store.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/roles.js';
import type { EventType } from '../messages/catalogue.js';
import type { Audience } from '../messages/message-event.entity.js';
import { publishEvent } from '../messages/publish.js';
import type { ComplaintCase } from './case.entity.js';

/** The `data` of every case event; the enterprise's own subscriptions receive it. */
export function caseEventData(c: ComplaintCase): Record<string, unknown> {
  return {
    caseId: c.id,
    assessmentId: c.assessmentId,
    declarationId: c.declarationId,
    status: c.status,
    level: c.level,
    subjectKind: c.subjectKind,
    subjectId: c.subjectId,
  };
}

export function publishCaseEvent(
  em: EntityManager,
  c: ComplaintCase,
  type: Extract<EventType, `case.${string}`>,
  at: Date,
  readers: { key: string; audiences: Audience[] } | null,
  extra: Record<string, unknown> = {},
): void {
  const enterpriseReads = readers?.audiences.some((a) => 'role' in a && a.role === Role.ENTERPRISE);
  publishEvent(em, {
    type,
    occurredAt: at,
    data: { ...caseEventData(c), ...extra },
    enterpriseId: c.enterpriseId,
    audiences: readers?.audiences ?? [],
    message: readers
      ? {
          key: readers.key,
          params: { caseId: String(c.id) },
          // The enterprise reads its answer on its form; staff open the case.
          link: enterpriseReads ? `/assessments?form=${c.assessmentId}` : `/cases/${c.id}`,
        }
      : undefined,
  });
}

export const inspectorsOf = (c: ComplaintCase): Audience[] => [{ role: Role.INSPECTOR, scopeId: c.departmentId }];
export const enterpriseOf = (c: ComplaintCase): Audience[] => [{ role: Role.ENTERPRISE, scopeId: c.enterpriseId }];
