/**
 * Rating facts as Postgres knows them: one row per item of a sent form, in the shape of
 * ClickHouse's `rating_facts`. The relay and the rebuild both read them here, so the two can
 * never disagree on what a fact is.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FactVersion, RatingFact } from '../../analytics/ingest.js';
import { ASSESSMENT_SENT } from '../assessments/assessment.store.js';
import { DECLARATION_FACTS_CHANGED } from '../assessments/follow-declaration.js';

const SELECT_FACTS = `
  select i.id as item_id, a.id as form_id, a.declaration_id, a.enterprise_id, b.department_id, i.branch_id,
         coalesce(i.team_id, 0) as team_id, coalesce(i.stage_id, 0) as stage_id,
         case when i.subject_kind = 'OFFICER' then i.subject_id else 0 end as officer_id,
         i.subject_kind, d.channel, a.phase, i.level, i.reason_codes,
         case when i.comment is null then 0 else 1 end as has_comment, coalesce(i.comment, '') as comment,
         to_char(a.sent_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as rated_at,
         d.facts_version as version
  from assessment a
  join assessment_item i on i.assessment_id = a.id
  join declaration d on d.id = a.declaration_id
  join branch b on b.id = i.branch_id
  where a.status = 'SENT'`;

type Row = Omit<RatingFact, 'reason_codes'> & { reason_codes: string[] | string };

function toFact(row: Row): RatingFact {
  const codes = Array.isArray(row.reason_codes) ? row.reason_codes : parsePgArray(row.reason_codes);
  return {
    department_id: Number(row.department_id),
    branch_id: Number(row.branch_id),
    team_id: Number(row.team_id),
    stage_id: Number(row.stage_id),
    officer_id: Number(row.officer_id),
    subject_kind: row.subject_kind,
    item_id: Number(row.item_id),
    form_id: Number(row.form_id),
    declaration_id: Number(row.declaration_id),
    enterprise_id: Number(row.enterprise_id),
    channel: row.channel,
    phase: row.phase,
    level: Number(row.level),
    reason_codes: codes,
    has_comment: Number(row.has_comment),
    comment: row.comment,
    rated_at: row.rated_at,
    // Sent forms never change, but their declaration may: its facts version, bumped on every change.
    version: Number(row.version),
  };
}

/**
 * Facts of the sent forms named by the outbox events of a relay batch: forms just sent, and every
 * sent form of a declaration whose facts changed, in their current version.
 */
export async function factsOfBatch(em: EntityManager, batchId: number): Promise<RatingFact[]> {
  const rows = await em.execute<Row[]>(
    `${SELECT_FACTS} and (a.id in (select (payload->>'assessmentId')::int from outbox_event where batch_id = ? and topic = '${ASSESSMENT_SENT}')
                      or a.declaration_id in (${CHANGED_DECLARATIONS}))
     order by i.id`,
    [batchId, batchId],
  );
  return rows.map(toFact);
}

const CHANGED_DECLARATIONS = `select (payload->>'declarationId')::int from outbox_event where batch_id = ? and topic = '${DECLARATION_FACTS_CHANGED}'`;

/** The declarations of a batch whose facts changed, with their current facts version: older versions are to go. */
export async function supersededOfBatch(em: EntityManager, batchId: number): Promise<FactVersion[]> {
  const rows = await em.execute<{ id: number; facts_version: number }[]>(
    `select id, facts_version from declaration where id in (${CHANGED_DECLARATIONS}) order by id`,
    [batchId],
  );
  return rows.map((r) => ({ declarationId: Number(r.id), version: Number(r.facts_version) }));
}

/** Facts of sent forms with ids in (afterFormId, upToFormId], at most `limit` forms (for the rebuild). */
export async function factsOfForms(
  em: EntityManager,
  afterFormId: number,
  limit: number,
): Promise<{ facts: RatingFact[]; lastFormId: number | null }> {
  const [bounds] = await em.execute<{ last: number | null }[]>(
    `select max(id) as last from (select id from assessment where status = 'SENT' and id > ? order by id limit ?) f`,
    [afterFormId, limit],
  );
  if (bounds.last === null) return { facts: [], lastFormId: null };
  const rows = await em.execute<Row[]>(`${SELECT_FACTS} and a.id > ? and a.id <= ? order by i.id`, [
    afterFormId,
    bounds.last,
  ]);
  return { facts: rows.map(toFact), lastFormId: Number(bounds.last) };
}

/** Parses a Postgres text[] literal of plain codes ({A,B}); drivers that do not parse arrays send this. */
function parsePgArray(literal: string): string[] {
  const inner = literal.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((s) => s.replace(/^"|"$/g, ''));
}
