/**
 * The SQL of the rating write path. Sending is the hot path of the platform (every declaration
 * software posts forms), so it reads what it needs in one query and writes the form, its items
 * and the outbox event in one statement: atomic without an explicit transaction, and without the
 * unit-of-work bookkeeping a form never needs (it is written once).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeclarationStatus } from '../declarations/declaration.enums.js';
import type { AssessmentStatus, Phase } from './assessment.enums.js';
import type { DeclarationFacts, ItemData } from './rating-rules.js';
import type { OpeningDeadlines } from '../cases/case-lifecycle.js';
import { MESSAGE_EVENT_INSERT, messageEventValues } from '../messages/publish.js';
import { executePrepared } from '../db/prepared.js';

export const ASSESSMENT_SENT = 'assessment.sent';

export interface ExistingForm {
  id: number;
  status: AssessmentStatus;
}

/** A form the enterprise already made or sent with an idempotency key, and what for. */
export interface KeyedForm extends ExistingForm {
  declarationId: number;
  phase: Phase;
  /** True when the key made the form (record or submit), false when it only sent it. */
  madeIt: boolean;
  /** The fingerprint of the request that made it; null for forms made before fingerprints were kept. */
  requestFingerprint: string | null;
}

export interface DeclarationLookup {
  /** Null when no declaration with that number belongs to the enterprise. */
  declaration: DeclarationFacts | null;
  /** The form already made for that declaration and phase, if any. */
  existing: ExistingForm | null;
  /** The form already made or sent with the idempotency key, if any. */
  earlier: KeyedForm | null;
}

/**
 * In one round trip: the declaration (if it is the enterprise's) with its handling records, its
 * form for the phase, and any form the enterprise already made with the idempotency key.
 */
export async function loadDeclarationFacts(
  em: EntityManager,
  enterpriseId: number,
  number: string,
  phase: Phase,
  idempotencyKey: string | null = null,
): Promise<DeclarationLookup> {
  const [row] = await executePrepared<{
    id: number | null;
    number: string;
    status: DeclarationStatus;
    released_at: string | null;
    registered_at: string;
    branch_id: number;
    existing: unknown;
    records: unknown;
    earlier: unknown;
  }>(
    em,
    'sqa_declaration_facts',
    `select d.id, d.number, d.status, d.released_at, d.registered_at, d.branch_id,
       (select json_build_object('id', a.id, 'status', a.status) from assessment a where a.declaration_id = d.id and a.phase = ?) as existing,
       coalesce((select json_agg(json_build_object('id', h.id, 'stageId', h.stage_id, 'teamId', h.team_id, 'officerId', h.officer_id, 'startedAt', h.started_at))
                 from handling_record h where h.declaration_id = d.id), '[]') as records,
       (${KEYED_FORM}) as earlier
     from (select 1) as one left join declaration d on d.number = ? and d.enterprise_id = ?`,
    [phase, idempotencyKey, enterpriseId, idempotencyKey, idempotencyKey, number, enterpriseId],
  );
  const earlier = parseJson(row.earlier) as KeyedForm | null;
  if (row.id === null) return { declaration: null, existing: null, earlier };
  const records = (
    parseJson(row.records) as { id: number; stageId: number; teamId: number; officerId: number; startedAt: string }[]
  ).map((r) => ({
    ...r,
    startedAt: new Date(r.startedAt),
  }));
  return {
    earlier,
    declaration: {
      id: Number(row.id),
      number: row.number,
      status: row.status,
      releasedAt: row.released_at ? new Date(row.released_at) : null,
      registeredAt: new Date(row.registered_at),
      branchId: Number(row.branch_id),
      records,
    },
    existing: parseJson(row.existing) as ExistingForm | null,
  };
}

/** The form an idempotency key of the enterprise made or sent. Parameters: key, enterprise, key, key. */
const KEYED_FORM = `select json_build_object('id', a.id, 'status', a.status, 'declarationId', a.declaration_id, 'phase', a.phase,
         'madeIt', coalesce(a.idempotency_key = ?, false), 'requestFingerprint', a.request_fingerprint)
  from assessment a where a.enterprise_id = ? and (a.idempotency_key = ? or a.send_key = ?) order by a.id limit 1`;

/** The form an idempotency key of the enterprise already made or sent, if any. */
export async function findKeyedForm(em: EntityManager, enterpriseId: number, key: string): Promise<KeyedForm | null> {
  const [row] = await executePrepared<{ earlier: unknown }>(em, 'sqa_keyed_form', `select (${KEYED_FORM}) as earlier`, [
    key,
    enterpriseId,
    key,
    key,
  ]);
  return parseJson(row.earlier) as KeyedForm | null;
}

export interface SentForm {
  declarationId: number;
  enterpriseId: number;
  phase: Phase;
  contactName: string | null;
  contactPhone: string | null;
  contactConsent: boolean;
  idempotencyKey: string | null;
  requestFingerprint: string | null;
  createdBy: string;
  at: Date;
  items: ItemData[];
  caseDeadlines: CaseDeadlines;
}

/** When the cases a sent form opens are due: the case lifecycle's opening deadlines (`openingDeadlines`). */
export type CaseDeadlines = OpeningDeadlines;

/**
 * Inserts a sent form, its items and its outbox event in one statement. Returns the new form's
 * row, or null when a form for that declaration and phase (or with that key) already exists.
 */
export async function insertSentForm(em: EntityManager, form: SentForm): Promise<Record<string, unknown> | null> {
  const items = form.items.map((i) => ({
    kind: i.subjectKind,
    subject_id: i.subjectId,
    branch_id: i.branchId,
    team_id: i.teamId,
    stage_id: i.stageId,
    level: i.level,
    reason_codes: i.reasonCodes,
    comment: i.comment,
  }));
  const rows = await executePrepared<Record<string, unknown>>(
    em,
    'sqa_insert_sent_form',
    `with form as (
       insert into assessment (declaration_id, enterprise_id, phase, status, contact_name, contact_phone, contact_consent, idempotency_key, send_key, request_fingerprint, created_by, created_at, updated_at, sent_at)
       values (?, ?, ?, 'SENT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict do nothing
       returning *
     ), items as (
       insert into assessment_item (assessment_id, subject_kind, subject_id, branch_id, team_id, stage_id, level, reason_codes, comment)
       select form.id, x.kind, x.subject_id, x.branch_id, x.team_id, x.stage_id, x.level, x.reason_codes, x.comment
       from form, json_to_recordset(?::json) as x(kind text, subject_id int, branch_id int, team_id int, stage_id int, level smallint, reason_codes text[], comment text)
       returning id, assessment_id, subject_kind, subject_id, branch_id, stage_id, level
     ), event as (${OUTBOX_INSERT_FROM('form')}),
     ${CASES_FROM('items')}
     select * from form`,
    [
      form.declarationId,
      form.enterpriseId,
      form.phase,
      form.contactName,
      form.contactPhone,
      form.contactConsent,
      form.idempotencyKey,
      form.idempotencyKey,
      form.requestFingerprint,
      form.createdBy,
      form.at,
      form.at,
      form.at,
      JSON.stringify(items),
      form.caseDeadlines.acknowledgeDueAt,
      form.caseDeadlines.concludeDueAt,
      form.caseDeadlines.dueAt,
    ],
  );
  return rows[0] ?? null;
}

/** Flips a draft of the enterprise to SENT and writes its outbox event, in one statement; false if it was no draft. */
export async function markSent(
  em: EntityManager,
  id: number,
  enterpriseId: number,
  at: Date,
  sendKey: string | null,
  deadlines: CaseDeadlines,
): Promise<boolean> {
  const rows = await executePrepared<{ id: number }>(
    em,
    'sqa_mark_sent',
    `with form as (
       update assessment set status = 'SENT', sent_at = ?, updated_at = ?, send_key = ?
       where id = ? and enterprise_id = ? and status = 'RECORDED'
       returning id, declaration_id, enterprise_id, phase, sent_at
     ), event as (${OUTBOX_INSERT_FROM('form')}),
     ${CASES_FROM('assessment_item')}
     select id from form`,
    [at, at, sendKey, id, enterpriseId, deadlines.acknowledgeDueAt, deadlines.concludeDueAt, deadlines.dueAt],
  );
  return rows.length === 1;
}

/**
 * The outbox event names the form only: the relay reads the form and its items from Postgres.
 * The same statement tells the enterprise's integrations (assessment.sent, no human reader).
 */
const OUTBOX_INSERT_FROM = (cte: string) => `
  insert into outbox_event (topic, aggregate_id, payload, created_at)
  select '${ASSESSMENT_SENT}', ${cte}.id::text,
         json_build_object('assessmentId', ${cte}.id, 'declarationId', ${cte}.declaration_id, 'enterpriseId', ${cte}.enterprise_id, 'phase', ${cte}.phase, 'sentAt', ${cte}.sent_at),
         ${cte}.sent_at
  from ${cte}
  ), form_message as (
  ${MESSAGE_EVENT_INSERT} ${messageEventValues({
    type: `'${ASSESSMENT_SENT}'`,
    occurredAt: `${cte}.sent_at`,
    data: `json_build_object('assessmentId', ${cte}.id, 'declarationId', ${cte}.declaration_id, 'phase', ${cte}.phase, 'sentAt', ${cte}.sent_at)`,
    enterpriseId: `${cte}.enterprise_id`,
    audiences: "'[]'::json",
    messageKey: 'null',
    messageParams: "'{}'::json",
    link: 'null',
  })}
  from ${cte}`;

/**
 * Every item rated 1–2★ opens a case, in the same statement as the form, with its first audit
 * step. It goes where the first active routing rule (by priority) matching the item sends it —
 * a branch, or the department's inspectors — and by default to the branch of the rated subject;
 * never to the rated officer (rules name units only, and a step by the rated officer is refused).
 * Its deadlines are the lifecycle's (`openingDeadlines` in cases/case-lifecycle.ts): takes three
 * parameters, the acknowledge and conclude deadlines and the current one of the OPEN state.
 */
const CASES_FROM = (items: string) => `
  cases as (
    insert into complaint_case (item_id, assessment_id, declaration_id, enterprise_id, subject_kind, subject_id, rated_officer_id, level,
                                responsible_branch_id, department_id, handler, routing_rule_id, status, opened_at, acknowledge_due_at, conclude_due_at, due_at, actions)
    select i.id, i.assessment_id, form.declaration_id, form.enterprise_id, i.subject_kind, i.subject_id,
           case when i.subject_kind = 'OFFICER' then i.subject_id end, i.level,
           coalesce(rule.target_branch_id, i.branch_id), b.department_id, coalesce(rule.target, 'BRANCH'), rule.id,
           'OPEN', form.sent_at, ?, ?, ?, '{}'
    from ${items} i join form on form.id = i.assessment_id join branch b on b.id = i.branch_id
    left join lateral (
      select r.id, r.target, r.target_branch_id from case_routing_rule r
      where r.active
        and (r.subject_kind is null or r.subject_kind = i.subject_kind)
        and (r.department_id is null or r.department_id = b.department_id)
        and (r.branch_id is null or r.branch_id = i.branch_id)
        and (r.stage_id is null or r.stage_id = i.stage_id)
      order by r.priority, r.id
      limit 1
    ) rule on true
    where i.level <= 2
    returning id, assessment_id, declaration_id, enterprise_id, subject_id, opened_at, responsible_branch_id, department_id, handler, level, subject_kind
  ), case_steps as (
    insert into complaint_case_step (case_id, kind, status, actor, at)
    select id, 'OPENED', 'OPEN', 'system', opened_at from cases
  ), case_events as (
    insert into outbox_event (topic, aggregate_id, payload, created_at)
    select 'case.changed', id::text, json_build_object('caseId', id), opened_at from cases
  ), case_messages as (
    ${MESSAGE_EVENT_INSERT} ${messageEventValues({
      type: "'case.opened'",
      occurredAt: 'c.opened_at',
      data: `json_build_object('caseId', c.id, 'assessmentId', c.assessment_id, 'declarationId', c.declaration_id, 'status', 'OPEN',
                               'level', c.level, 'subjectKind', c.subject_kind, 'subjectId', c.subject_id)`,
      enterpriseId: 'c.enterprise_id',
      // The branch's supervisors read it unless a routing rule sent it to the inspectors alone.
      audiences: `case when c.handler = 'BRANCH'
                    then json_build_array(json_build_object('role', 'SUPERVISOR', 'scopeId', c.responsible_branch_id), json_build_object('role', 'INSPECTOR', 'scopeId', c.department_id))
                    else json_build_array(json_build_object('role', 'INSPECTOR', 'scopeId', c.department_id)) end`,
      messageKey: "'case.opened'",
      messageParams: `json_build_object('caseId', c.id::text, 'level', c.level, 'subjectKind', c.subject_kind)`,
      link: "'/cases/' || c.id",
    })}
    from cases c
  )`;

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
