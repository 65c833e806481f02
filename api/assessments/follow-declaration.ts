/**
 * Ratings follow their declaration. When the customs system re-sends a declaration (the feed or a
 * bulk import) with another channel, branch or handling, the items of its forms are attributed
 * again by the one rule (`rateableSubjects`), in the transaction that records the declaration; if
 * a sent form's facts changed, the declaration's facts version goes up and an outbox event asks
 * the relay to replace its rating facts in ClickHouse, and the cases of re-attributed items are
 * re-delivered too. So Postgres and ClickHouse say the same before and after a rebuild.
 *
 * An item whose officer × stage is no longer in the handling records keeps its team and stage: the
 * enterprise rated what it saw, and the correction does not take the rating away.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Channel } from '../declarations/declaration.enums.js';
import { SubjectKind } from './assessment.enums.js';
import { rateableSubjects, subjectKey, type HandlingFact } from './rating-rules.js';

export const DECLARATION_FACTS_CHANGED = 'declaration.facts_changed';

/** What a declaration's rating facts depend on. */
export interface FactSources {
  channel: Channel;
  branchId: number;
  records: HandlingFact[];
}

function signature(s: FactSources): string {
  const records = s.records.map((r) => `${r.stageId}/${r.teamId}/${r.officerId}/${r.startedAt.getTime()}`).sort();
  return JSON.stringify([s.channel, s.branchId, records]);
}

interface ItemRow {
  id: number;
  status: string;
  subject_kind: SubjectKind;
  subject_id: number;
  branch_id: number;
  team_id: number | null;
  stage_id: number | null;
}

/**
 * Re-attributes the declaration's rating items after its facts changed from `before` to `after`;
 * returns whether its rating facts got a new version.
 */
export async function followDeclaration(
  em: EntityManager,
  declarationId: number,
  before: FactSources,
  after: FactSources,
  at: Date,
): Promise<boolean> {
  if (signature(before) === signature(after)) return false;
  const items = await em.execute<ItemRow[]>(
    `select i.id, a.status, i.subject_kind, i.subject_id, i.branch_id, i.team_id, i.stage_id
     from assessment_item i join assessment a on a.id = i.assessment_id where a.declaration_id = ?`,
    [declarationId],
  );
  if (items.length === 0) return false;
  const subjects = new Map(
    rateableSubjects(after.branchId, after.records).map((s) => [subjectKey(s.kind, s.id, s.stageId), s]),
  );
  const changed: (ItemRow & { sent: boolean })[] = [];
  for (const item of items) {
    // A branch rating rates the branch that handled the declaration.
    const subjectId = item.subject_kind === SubjectKind.BRANCH ? after.branchId : Number(item.subject_id);
    const subject = subjects.get(subjectKey(item.subject_kind, subjectId, item.stage_id));
    const next = {
      subject_id: subjectId,
      branch_id: after.branchId,
      team_id: subject ? subject.teamId : item.team_id,
      stage_id: subject ? subject.stageId : item.stage_id,
    };
    if (
      next.subject_id !== Number(item.subject_id) ||
      next.branch_id !== Number(item.branch_id) ||
      next.team_id !== (item.team_id === null ? null : Number(item.team_id)) ||
      next.stage_id !== (item.stage_id === null ? null : Number(item.stage_id))
    )
      changed.push({ ...item, ...next, sent: item.status === 'SENT' });
  }
  if (changed.length > 0) {
    await em.execute(
      `update assessment_item as i set subject_id = x.subject_id, branch_id = x.branch_id, team_id = x.team_id, stage_id = x.stage_id
       from json_to_recordset(?::json) as x(id int, subject_id int, branch_id int, team_id int, stage_id int) where i.id = x.id`,
      [
        JSON.stringify(
          changed.map(({ id, subject_id, branch_id, team_id, stage_id }) => ({
            id,
            subject_id,
            branch_id,
            team_id,
            stage_id,
          })),
        ),
      ],
    );
    // case_facts carry the item's team and stage: a new case version re-delivers them.
    await em.execute(
      `with touched as (
         update complaint_case set version = version + 1 where item_id in (?) returning id
       )
       insert into outbox_event (topic, aggregate_id, payload, created_at)
       select 'case.changed', id::text, json_build_object('caseId', id), ? from touched`,
      [changed.map((c) => c.id), at],
    );
  }
  const anySent = items.some((i) => i.status === 'SENT');
  if (!anySent || (before.channel === after.channel && !changed.some((c) => c.sent))) return false;
  await em.execute(
    `with d as (update declaration set facts_version = facts_version + 1 where id = ? returning id, facts_version)
     insert into outbox_event (topic, aggregate_id, payload, created_at)
     select ?, d.id::text, json_build_object('declarationId', d.id, 'factsVersion', d.facts_version), ? from d`,
    [declarationId, DECLARATION_FACTS_CHANGED, at],
  );
  return true;
}
