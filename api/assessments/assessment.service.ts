/**
 * The rating flow: an enterprise records a form (a draft it can review), edits it, then sends it;
 * or submits it in one step. Only the subjects that handled the declaration can be rated. Sending
 * writes the form, its items and an outbox event in one transaction; sent forms never change.
 */
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enterpriseOf, type RowScope } from '../auth/permissions.js';
import { actorOf, type KnownViewer } from '../auth/viewer.js';
import { Declaration } from '../declarations/declaration.entity.js';
import { DeclarationStatus } from '../declarations/declaration.enums.js';
import { scopeConditions } from '../declarations/declaration.service.js';
import { HandlingRecord } from '../declarations/handling-record.entity.js';
import { badInput, conflict, notFound } from '../errors.js';
import { paginate, type Page, type PageArgs } from '../graphql/connection.js';
import { enqueue } from '../outbox/outbox.js';
import { AssessmentItem } from './assessment-item.entity.js';
import { Assessment } from './assessment.entity.js';
import { AssessmentStatus, Phase, SubjectKind } from './assessment.enums.js';
import { normalisePhone, type AssessmentContentInput, type RecordAssessmentInput } from './assessment.input.js';
import { Reason } from './reason.entity.js';

/** A subject that handled a declaration, with where it sits (for analytics attribution). */
export interface RateableSubject {
  kind: SubjectKind;
  id: number;
  branchId: number;
  teamId: number | null;
  stageId: number | null;
}

interface Problem {
  field: string;
  problems: string[];
}

export const ASSESSMENT_SENT = 'assessment.sent';

/** Which subjects may be rated for a declaration: its branch and what its handling records name. */
export function rateableSubjects(declaration: Pick<Declaration, 'branch'>, records: HandlingRecord[]): RateableSubject[] {
  const branchId = declaration.branch.id;
  const subjects = new Map<string, RateableSubject>();
  const add = (s: RateableSubject) => {
    const key = `${s.kind}:${s.id}`;
    if (!subjects.has(key)) subjects.set(key, s);
  };
  add({ kind: SubjectKind.BRANCH, id: branchId, branchId, teamId: null, stageId: null });
  const ordered = [...records].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id - b.id);
  for (const r of ordered) add({ kind: SubjectKind.TEAM, id: r.team.id, branchId, teamId: r.team.id, stageId: null });
  for (const r of ordered) add({ kind: SubjectKind.STAGE, id: r.stage.id, branchId, teamId: r.team.id, stageId: r.stage.id });
  for (const r of ordered) add({ kind: SubjectKind.OFFICER, id: r.officer.id, branchId, teamId: r.team.id, stageId: r.stage.id });
  return [...subjects.values()];
}

export class AssessmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Saves a draft. Retrying with the same idempotency key returns the same draft. */
  async record(viewer: KnownViewer, input: RecordAssessmentInput, idempotencyKey?: string | null): Promise<Assessment> {
    const enterpriseId = enterpriseOf(viewer);
    if (idempotencyKey) {
      const earlier = await this.em.findOne(Assessment, { enterprise: enterpriseId, idempotencyKey });
      if (earlier) return earlier;
    }
    return this.guardUnique(() =>
      this.em.transactional(async (em) => {
        const form = await this.createDraft(em as EntityManager, viewer, enterpriseId, input, idempotencyKey ?? null);
        await em.flush();
        return form;
      }),
    );
  }

  /** Replaces the content of a draft. */
  async update(viewer: KnownViewer, id: number, content: AssessmentContentInput): Promise<Assessment> {
    const enterpriseId = enterpriseOf(viewer);
    return this.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const form = await this.ownForm(em, enterpriseId, id);
      if (form.status === AssessmentStatus.SENT) throw conflict('This form has been sent; a sent form cannot be changed.');
      const declaration = await em.findOneOrFail(Declaration, { id: form.declaration.id });
      const items = await this.checkContent(em, declaration, form.phase, content);
      for (const old of form.items.getItems()) em.remove(old);
      this.applyContent(em, form, content, items);
      await em.flush();
      return form;
    });
  }

  /**
   * Sends a draft. Sending a sent form again is a CONFLICT, unless it is a retry carrying the
   * idempotency key the form was sent with: then it returns the form unchanged.
   */
  async send(viewer: KnownViewer, id: number, idempotencyKey?: string | null): Promise<Assessment> {
    const enterpriseId = enterpriseOf(viewer);
    return this.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const form = await this.ownForm(em, enterpriseId, id);
      if (form.status === AssessmentStatus.SENT) {
        if (idempotencyKey && form.sendKey === idempotencyKey) return form;
        throw conflict('This form has already been sent.');
      }
      // Two concurrent sends: only the one that flips RECORDED to SENT goes on.
      const sentAt = this.now();
      const flipped = await em.nativeUpdate(
        Assessment,
        { id: form.id, status: AssessmentStatus.RECORDED },
        { status: AssessmentStatus.SENT, sentAt, updatedAt: sentAt, sendKey: idempotencyKey ?? null },
      );
      if (flipped !== 1) throw conflict('This form has already been sent.');
      Object.assign(form, { status: AssessmentStatus.SENT, sentAt, updatedAt: sentAt, sendKey: idempotencyKey ?? null });
      await this.publishSent(em, form);
      return form;
    });
  }

  /** Records and sends in one step (for declaration software). The key makes retries safe. */
  async submit(viewer: KnownViewer, input: RecordAssessmentInput, idempotencyKey: string): Promise<Assessment> {
    const enterpriseId = enterpriseOf(viewer);
    const earlier = await this.em.findOne(Assessment, { enterprise: enterpriseId, idempotencyKey });
    if (earlier) {
      if (earlier.status === AssessmentStatus.SENT) return earlier;
      return this.send(viewer, earlier.id, idempotencyKey);
    }
    return this.guardUnique(() =>
      this.em.transactional(async (tx) => {
        const em = tx as EntityManager;
        const form = await this.createDraft(em, viewer, enterpriseId, input, idempotencyKey);
        const sentAt = this.now();
        Object.assign(form, { status: AssessmentStatus.SENT, sentAt, updatedAt: sentAt, sendKey: idempotencyKey });
        await em.flush();
        await this.publishSent(em, form);
        return form;
      }),
    );
  }

  async byId(scope: RowScope, id: number): Promise<Assessment> {
    const form = await this.em.findOne(Assessment, { $and: [{ id }, ...formScope(scope)] } as FilterQuery<Assessment>);
    if (!form) throw notFound(`No assessment form ${id} is visible to you.`);
    return form;
  }

  list(scope: RowScope, filter: { status?: AssessmentStatus | null; phase?: Phase | null; declarationNumber?: string | null }, page: PageArgs) {
    const where: FilterQuery<Assessment>[] = [...formScope(scope)];
    if (filter.status) where.push({ status: filter.status });
    if (filter.phase) where.push({ phase: filter.phase });
    if (filter.declarationNumber) where.push({ declaration: { number: filter.declarationNumber } });
    return paginate(this.em, Assessment, { $and: where } as FilterQuery<Assessment>, page, 'desc');
  }

  /**
   * Declarations of an enterprise registered within the rating window that have no sent form yet
   * (the portal's "not yet rated" warning), newest first.
   */
  async unrated(enterpriseId: number, windowDays: number, page: PageArgs): Promise<Page<Declaration>> {
    const since = new Date(this.now().getTime() - windowDays * 86_400_000);
    const where: FilterQuery<Declaration> = {
      enterprise: enterpriseId,
      registeredAt: { $gte: since },
      status: { $ne: DeclarationStatus.CANCELLED },
      assessments: { $none: { status: AssessmentStatus.SENT } },
    };
    return paginate(this.em, Declaration, where, page, 'desc');
  }

  private async createDraft(
    em: EntityManager,
    viewer: KnownViewer,
    enterpriseId: number,
    input: RecordAssessmentInput,
    idempotencyKey: string | null,
  ): Promise<Assessment> {
    const declaration = await em.findOne(Declaration, { number: input.declarationNumber, enterprise: enterpriseId });
    if (!declaration) throw notFound(`No declaration numbered ${input.declarationNumber} belongs to your enterprise.`);
    const existing = await em.findOne(Assessment, { declaration, phase: input.phase });
    if (existing) {
      throw conflict(
        existing.status === AssessmentStatus.SENT
          ? `Declaration ${declaration.number} has already been rated for phase ${input.phase}; a sent form cannot be changed.`
          : `Declaration ${declaration.number} already has a draft for phase ${input.phase} (form ${existing.id}): edit or send that one.`,
        { assessmentId: String(existing.id), assessmentStatus: existing.status },
      );
    }
    const items = await this.checkContent(em, declaration, input.phase, input);
    const now = this.now();
    const form = em.create(Assessment, {
      declaration,
      enterprise: enterpriseId,
      phase: input.phase,
      status: AssessmentStatus.RECORDED,
      idempotencyKey,
      createdBy: actorOf(viewer),
      createdAt: now,
      updatedAt: now,
    });
    this.applyContent(em, form, input, items);
    return form;
  }

  private applyContent(em: EntityManager, form: Assessment, content: AssessmentContentInput, items: ItemData[]) {
    form.contactName = content.contactName?.trim() || null;
    form.contactPhone = content.contactPhone ? normalisePhone(content.contactPhone) : null;
    form.updatedAt = this.now();
    for (const item of items) form.items.add(em.create(AssessmentItem, { ...item, assessment: form }));
  }

  /** Validates the content against the declaration and the reason catalog; all problems at once. */
  private async checkContent(em: EntityManager, declaration: Declaration, phase: Phase, content: AssessmentContentInput): Promise<ItemData[]> {
    const problems: Problem[] = [];
    const add = (field: string, message: string) => problems.push({ field, problems: [message] });

    if (declaration.status === DeclarationStatus.CANCELLED) add('declarationNumber', 'This declaration was cancelled and cannot be rated.');
    if (phase === Phase.AFTER && !declaration.releasedAt) add('phase', 'The goods have not been released yet: rate this declaration with phase DURING.');
    if (phase === Phase.DURING && declaration.releasedAt) add('phase', 'The goods have been released: rate this declaration with phase AFTER.');

    const records = await em.find(HandlingRecord, { declaration });
    const subjects = new Map(rateableSubjects(declaration, records).map((s) => [`${s.kind}:${s.id}`, s]));
    const codes = [...new Set(content.items.flatMap((i) => i.reasonCodes))];
    const reasons = await reasonCatalog(em, codes);

    const seen = new Set<string>();
    const items: ItemData[] = [];
    content.items.forEach((item, i) => {
      const at = `items[${i}]`;
      const key = `${item.subjectKind}:${Number(item.subjectId)}`;
      const subject = subjects.get(key);
      if (!subject) add(`${at}.subjectId`, `${item.subjectKind.toLowerCase()} ${item.subjectId} did not handle declaration ${declaration.number}, so it cannot be rated for it.`);
      if (seen.has(key)) add(`${at}.subjectId`, `${item.subjectKind.toLowerCase()} ${item.subjectId} is rated twice in this form.`);
      seen.add(key);
      for (const code of item.reasonCodes) {
        const reason = reasons.get(code);
        if (!reason) add(`${at}.reasonCodes`, `Unknown reason code "${code}".`);
        else if (item.level < reason.minLevel || item.level > reason.maxLevel) add(`${at}.reasonCodes`, `Reason "${code}" does not apply to level ${item.level}.`);
      }
      const comment = item.comment?.trim() || null;
      if (item.level <= 2 && item.reasonCodes.length === 0 && !comment) {
        add(`${at}.reasonCodes`, 'For a dissatisfied rating (1–2★), pick a reason or write a comment.');
      }
      if (subject) {
        items.push({
          subjectKind: subject.kind,
          subjectId: subject.id,
          branchId: subject.branchId,
          teamId: subject.teamId,
          stageId: subject.stageId,
          level: item.level,
          reasonCodes: [...new Set(item.reasonCodes)],
          comment,
        });
      }
    });
    if (problems.length > 0) {
      throw badInput(`The form was not saved: ${problems.map((p) => p.problems[0]).join(' ')}`, { invalid: problems });
    }
    return items;
  }

  private async ownForm(em: EntityManager, enterpriseId: number, id: number): Promise<Assessment> {
    const form = await em.findOne(Assessment, { id, enterprise: enterpriseId }, { populate: ['items'] });
    if (!form) throw notFound(`No assessment form ${id} belongs to your enterprise.`);
    return form;
  }

  /**
   * The outbox event names the form only: the relay reads the form and its items from Postgres,
   * the source of truth, so a rebuild and the live relay share one code path.
   */
  private async publishSent(em: EntityManager, form: Assessment): Promise<void> {
    enqueue(em, ASSESSMENT_SENT, String(form.id), {
      assessmentId: form.id,
      declarationId: form.declaration.id,
      enterpriseId: form.enterprise.id,
      phase: form.phase,
      sentAt: form.sentAt!.toISOString(),
    });
    await em.flush();
  }

  /** Two concurrent first records of one declaration and phase: the loser gets a CONFLICT. */
  private async guardUnique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict('Another form for this declaration and phase was saved at the same moment. Reload and edit that one.');
      }
      throw error;
    }
  }
}

type ItemData = Pick<AssessmentItem, 'subjectKind' | 'subjectId' | 'branchId' | 'level' | 'reasonCodes'> & {
  teamId: number | null;
  stageId: number | null;
  comment: string | null;
};

/**
 * The reason catalog changes rarely (a migration or an administrator), so every send does not
 * need to read it: it is kept for a minute, and re-read at once when a code is not in it.
 */
let cachedReasons: { at: number; byCode: Map<string, Reason> } | null = null;

async function reasonCatalog(em: EntityManager, codes: string[]): Promise<Map<string, Reason>> {
  const fresh = cachedReasons && Date.now() - cachedReasons.at < 60_000 && codes.every((c) => cachedReasons!.byCode.has(c));
  if (!fresh) {
    const all = await em.find(Reason, { active: true }, { disableIdentityMap: true });
    cachedReasons = { at: Date.now(), byCode: new Map(all.map((r) => [r.code, r])) };
  }
  return cachedReasons!.byCode;
}

function formScope(scope: RowScope): FilterQuery<Assessment>[] {
  return scopeConditions(scope).map((declaration) => ({ declaration }) as FilterQuery<Assessment>);
}
