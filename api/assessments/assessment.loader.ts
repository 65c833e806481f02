/** Per-request DataLoaders for assessment forms and their items. */
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { byIdLoader, childrenLoader } from '../graphql/loaders.js';
import { AssessmentItem } from './assessment-item.entity.js';
import { Assessment } from './assessment.entity.js';

export function createAssessmentLoaders(em: EntityManager) {
  return {
    assessment: byIdLoader(em, Assessment),
    itemsOfAssessment: childrenLoader(em, AssessmentItem, 'assessment'),
    assessmentsOfDeclaration: childrenLoader(em, Assessment, 'declaration'),
    lastReminderOfDeclaration: new DataLoader<number, Date | null>(async (ids) => {
      const rows = await em
        .getConnection()
        .execute<{ declaration_id: number; sent_at: string }[]>(
          'select declaration_id, max(sent_at) as sent_at from rating_reminder where declaration_id in (?) group by declaration_id',
          [[...ids]],
        );
      const latest = new Map(rows.map((r) => [Number(r.declaration_id), new Date(r.sent_at)]));
      return ids.map((id) => latest.get(id) ?? null);
    }),
  };
}
