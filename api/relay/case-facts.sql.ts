/** Complaint cases as ClickHouse's `case_facts` stores them, read from Postgres for the relay and the rebuild. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CaseFact } from '../../analytics/ingest.js';

const ISO = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SELECT_CASES = `
  select c.id as case_id, c.item_id, c.department_id, c.responsible_branch_id as branch_id,
         coalesce(i.team_id, 0) as team_id, coalesce(i.stage_id, 0) as stage_id, coalesce(c.rated_officer_id, 0) as officer_id,
         c.subject_kind, c.level, c.status, coalesce(c.finding, '') as finding,
         ${ISO('c.opened_at')} as opened_at, ${ISO('c.conclude_due_at')} as conclude_due_at,
         ${ISO('c.concluded_at')} as concluded_at, ${ISO('c.answered_at')} as answered_at, ${ISO('c.closed_at')} as closed_at,
         case when c.escalated_at is null then 0 else 1 end as escalated,
         case when c.concluded_on_time then 1 else 0 end as concluded_on_time, c.version
  from complaint_case c join assessment_item i on i.id = c.item_id`;

function toFact(r: Record<string, unknown>): CaseFact {
  const n = (k: string) => Number(r[k]);
  return {
    case_id: n('case_id'),
    item_id: n('item_id'),
    department_id: n('department_id'),
    branch_id: n('branch_id'),
    team_id: n('team_id'),
    stage_id: n('stage_id'),
    officer_id: n('officer_id'),
    subject_kind: r.subject_kind as CaseFact['subject_kind'],
    level: n('level'),
    status: String(r.status),
    finding: String(r.finding),
    opened_at: String(r.opened_at),
    conclude_due_at: String(r.conclude_due_at),
    concluded_at: (r.concluded_at as string | null) ?? null,
    answered_at: (r.answered_at as string | null) ?? null,
    closed_at: (r.closed_at as string | null) ?? null,
    escalated: n('escalated'),
    concluded_on_time: n('concluded_on_time'),
    version: n('version'),
  };
}

/** The current state of the cases named by a relay batch's `case.changed` events. */
export async function caseFactsOfBatch(em: EntityManager, batchId: number): Promise<CaseFact[]> {
  const rows = await em.execute<Record<string, unknown>[]>(
    `${SELECT_CASES} where c.id in (select (payload->>'caseId')::int from outbox_event where batch_id = ? and topic = 'case.changed') order by c.id`,
    [batchId],
  );
  return rows.map(toFact);
}

/** Cases with ids in (afterId, …], at most `limit` (for the rebuild). */
export async function caseFactsAfter(em: EntityManager, afterId: number, limit: number): Promise<CaseFact[]> {
  const rows = await em.execute<Record<string, unknown>[]>(`${SELECT_CASES} where c.id > ? order by c.id limit ?`, [
    afterId,
    limit,
  ]);
  return rows.map(toFact);
}
