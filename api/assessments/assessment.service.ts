/**
 * The rating flow: an enterprise records a form (a draft it can review), edits it, then sends it;
 * or submits it in one step. Only the subjects that handled the declaration can be rated. Sending
 * writes the form, its items and an outbox event atomically; sent forms never change.
 */
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enterpriseOf, type RowScope } from '../auth/permissions.js';
import { actorOf, type KnownViewer } from '../auth/viewer.js';
import { Declaration } from '../declarations/declaration.entity.js';
import { DeclarationStatus } from '../declarations/declaration.enums.js';
import { scopeConditions } from '../declarations/declaration.service.js';
import { conflict, notFound } from '../errors.js';
import { parseId } from '../graphql/ids.js';
import { paginate, type Page, type PageArgs } from '../graphql/connection.js';
import { AssessmentItem } from './assessment-item.entity.js';
import { Assessment } from './assessment.entity.js';
import type { AssessmentFilter } from './assessment.args.js';
import { AssessmentStatus, SubjectKind, type Phase } from './assessment.enums.js';
import { normalisePhone, type AssessmentContentInput, type RecordAssessmentInput } from './assessment.input.js';
import {
  findKeyedForm,
  insertSentForm,
  loadDeclarationFacts,
  markSent,
  type ExistingForm,
  type KeyedForm,
} from './assessment.store.js';
import { formFingerprint, keyReused, sendFingerprint } from './idempotency.js';
import {
  checkRatingWindow,
  validateContent,
  type DeclarationFacts,
  type ItemData,
  type ReasonRule,
} from './rating-rules.js';
import { Reason } from './reason.entity.js';
import { DEFAULT_CASE_SETTINGS, openingDeadlines } from '../cases/case-lifecycle.js';
import type { Config } from '../config.js';

export class AssessmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date = () => new Date(),
    private readonly cases: Config['cases'] = DEFAULT_CASE_SETTINGS,
    private readonly ratingWindowDays = 30,
  ) {}

  /** Saves a draft. Retrying with the same idempotency key and content returns the same draft. */
  async record(viewer: KnownViewer, input: RecordAssessmentInput, idempotencyKey?: string | null): Promise<Assessment> {
    const enterpriseId = enterpriseOf(viewer);
    const fingerprint = idempotencyKey ? formFingerprint('record', input) : null;
    const { declaration, items, earlier } = await this.checkNew(enterpriseId, input, idempotencyKey, fingerprint);
    if (earlier) return this.load(earlier.id);
    return this.guardUnique(async () => {
      const now = this.now();
      const form = this.em.create(Assessment, {
        declaration: this.em.getReference(Declaration, declaration.id),
        enterprise: enterpriseId,
        phase: input.phase,
        status: AssessmentStatus.RECORDED,
        contactConsent: input.contactConsent ?? false,
        idempotencyKey: idempotencyKey ?? null,
        requestFingerprint: fingerprint,
        createdBy: actorOf(viewer),
        createdAt: now,
        updatedAt: now,
      });
      this.applyContent(this.em, form, input, items);
      await this.em.flush();
      return form;
    });
  }

  /** Replaces the content of a draft. */
  async update(viewer: KnownViewer, id: number, content: AssessmentContentInput): Promise<Assessment> {
    const enterpriseId = enterpriseOf(viewer);
    return this.em.transactional(async (tx) => {
      const em = tx;
      const form = await em.findOne(
        Assessment,
        { id, enterprise: enterpriseId },
        { populate: ['items', 'declaration'] },
      );
      if (!form) throw notFound(`No assessment form ${id} belongs to your enterprise.`);
      if (form.status === AssessmentStatus.SENT)
        throw conflict('This form has been sent; a sent form cannot be changed.');
      const facts = await loadDeclarationFacts(em, enterpriseId, form.declaration.number, form.phase);
      const items = validateContent(facts.declaration!, form.phase, content, await this.reasons(content));
      for (const old of form.items.getItems()) em.remove(old);
      this.applyContent(em, form, content, items);
      await em.flush();
      return form;
    });
  }

  /**
   * Sends a draft. Sending a sent form again is a CONFLICT, unless it is a retry carrying the
   * idempotency key the form was sent with: then it returns the form unchanged. A key already used
   * for anything else is refused before the form is touched.
   */
  async send(viewer: KnownViewer, id: number, idempotencyKey?: string | null): Promise<Assessment> {
    const enterpriseId = enterpriseOf(viewer);
    if (idempotencyKey) {
      const earlier = await findKeyedForm(this.em, enterpriseId, idempotencyKey);
      if (earlier) {
        if (earlierFingerprint(earlier) !== sendFingerprint(id)) throw keyReused('send');
        return this.load(earlier.id);
      }
    }
    // Only the call that flips RECORDED to SENT goes on; a concurrent second send finds it sent.
    const at = this.now();
    const flipped = await guardSendKey(async () =>
      markSent(this.em, id, enterpriseId, at, idempotencyKey ?? null, await openingDeadlines(this.em, this.cases, at)),
    );
    if (flipped) return this.load(id);
    const form = await this.em.findOne(Assessment, { id, enterprise: enterpriseId });
    if (!form) throw notFound(`No assessment form ${id} belongs to your enterprise.`);
    if (idempotencyKey && form.sendKey === idempotencyKey) return form;
    throw conflict('This form has already been sent.');
  }

  /** Records and sends in one step (for declaration software). The key makes retries safe. */
  async submit(viewer: KnownViewer, input: RecordAssessmentInput, idempotencyKey: string): Promise<Assessment> {
    const enterpriseId = enterpriseOf(viewer);
    const fingerprint = formFingerprint('submit', input);
    const { declaration, items, earlier } = await this.checkNew(enterpriseId, input, idempotencyKey, fingerprint);
    if (earlier) return this.load(earlier.id);
    const at = this.now();
    const row = await insertSentForm(this.em, {
      declarationId: declaration.id,
      enterpriseId,
      phase: input.phase,
      contactName: input.contactName?.trim() || null,
      contactPhone: input.contactPhone ? normalisePhone(input.contactPhone) : null,
      contactConsent: input.contactConsent ?? false,
      idempotencyKey,
      requestFingerprint: fingerprint,
      createdBy: actorOf(viewer),
      at,
      items,
      caseDeadlines: await openingDeadlines(this.em, this.cases, at),
    });
    if (row) return this.em.map(Assessment, row);
    // Lost a race: the same retry arrived twice at once, or another form took the phase meanwhile.
    const raced = await this.checkNew(enterpriseId, input, idempotencyKey, fingerprint);
    if (raced.earlier) return this.load(raced.earlier.id);
    throw conflict(`Declaration ${input.declarationNumber} has already been rated for phase ${input.phase}.`);
  }

  async byId(scope: RowScope, id: number): Promise<Assessment> {
    const form = await this.em.findOne(Assessment, { $and: [{ id }, ...formScope(scope)] });
    if (!form) throw notFound(`No assessment form ${id} is visible to you.`);
    return form;
  }

  /** The seeds' lookup: forms by form, enterprise, time, branch, team, stage, officer and level. */
  list(scope: RowScope, filter: AssessmentFilter, page: PageArgs) {
    const where: FilterQuery<Assessment>[] = [...formScope(scope)];
    if (filter.status) where.push({ status: filter.status });
    if (filter.phase) where.push({ phase: filter.phase });
    if (filter.declarationNumber) where.push({ declaration: { number: filter.declarationNumber } });
    // Digits only (the argument's check), so no LIKE wildcard can come from the user.
    else if (filter.declarationNumberContains)
      where.push({ declaration: { number: { $like: `%${filter.declarationNumberContains}%` } } });
    if (filter.formId) where.push({ id: parseId(filter.formId, 'formId') });
    if (filter.enterpriseId) where.push({ enterprise: parseId(filter.enterpriseId, 'enterpriseId') });
    if (filter.sentFrom) where.push({ sentAt: { $gte: filter.sentFrom } });
    if (filter.sentTo) where.push({ sentAt: { $lt: filter.sentTo } });
    // Unit and level conditions hold for one and the same item: "officer 12 rated 1–2★".
    const item: Record<string, unknown> = {};
    if (filter.branchId) item.branchId = parseId(filter.branchId, 'branchId');
    if (filter.teamId) item.teamId = parseId(filter.teamId, 'teamId');
    if (filter.stageId) item.stageId = parseId(filter.stageId, 'stageId');
    if (filter.officerId)
      Object.assign(item, { subjectKind: SubjectKind.OFFICER, subjectId: parseId(filter.officerId, 'officerId') });
    if (filter.levels?.length) item.level = { $in: filter.levels };
    if (Object.keys(item).length > 0) where.push({ items: { $some: item } });
    return paginate(this.em, Assessment, { $and: where }, page, 'desc');
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

  /**
   * Everything a new form needs checked, in one read: the declaration is the enterprise's, the
   * phase is free, the content is valid. A form already made with the idempotency key wins.
   */
  private async checkNew(
    enterpriseId: number,
    input: RecordAssessmentInput,
    idempotencyKey: string | null = null,
    fingerprint: string | null = null,
  ): Promise<{ declaration: DeclarationFacts; items: ItemData[]; earlier: KeyedForm | null }> {
    const found = await loadDeclarationFacts(
      this.em,
      enterpriseId,
      input.declarationNumber,
      input.phase,
      idempotencyKey,
    );
    if (found.earlier) {
      const same =
        earlierFingerprint(found.earlier) === fingerprint ||
        // A form made before fingerprints were kept: the same declaration and phase is the same request.
        (found.earlier.madeIt &&
          found.earlier.requestFingerprint === null &&
          found.earlier.declarationId === found.declaration?.id &&
          found.earlier.phase === input.phase);
      if (!same) throw keyReused('record');
      return { declaration: null as never, items: [], earlier: found.earlier };
    }
    if (!found.declaration)
      throw notFound(`No declaration numbered ${input.declarationNumber} belongs to your enterprise.`);
    if (found.existing) throw phaseTaken(found.declaration.number, input.phase, found.existing);
    checkRatingWindow(found.declaration, this.now(), this.ratingWindowDays);
    const items = validateContent(found.declaration, input.phase, input, await this.reasons(input));
    return { declaration: found.declaration, items, earlier: null };
  }

  private applyContent(em: EntityManager, form: Assessment, content: AssessmentContentInput, items: ItemData[]) {
    form.contactName = content.contactName?.trim() || null;
    form.contactPhone = content.contactPhone ? normalisePhone(content.contactPhone) : null;
    form.contactConsent = content.contactConsent ?? false;
    form.updatedAt = this.now();
    for (const item of items) form.items.add(em.create(AssessmentItem, { ...item, assessment: form }));
  }

  private reasons(content: AssessmentContentInput): Promise<Map<string, ReasonRule>> {
    return reasonCatalog(this.em, [...new Set(content.items.flatMap((i) => i.reasonCodes))]);
  }

  private async load(id: number): Promise<Assessment> {
    return this.em.findOneOrFail(Assessment, { id }, { refresh: true });
  }

  /** Two concurrent first records of one declaration and phase: the loser gets a CONFLICT. */
  private async guardUnique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict(
          'Another form for this declaration and phase was saved at the same moment. Reload and edit that one.',
        );
      }
      throw error;
    }
  }
}

/** What the earlier request with a key was: the fingerprint it was stored with, or "send this form". */
function earlierFingerprint(earlier: KeyedForm): string | null {
  return earlier.madeIt ? earlier.requestFingerprint : sendFingerprint(earlier.id);
}

/** Two sends of different forms with one key at the same moment: the unique send key refuses the second. */
async function guardSendKey<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw keyReused('send');
    throw error;
  }
}

function phaseTaken(number: string, phase: Phase, existing: ExistingForm) {
  return conflict(
    existing.status === AssessmentStatus.SENT
      ? `Declaration ${number} has already been rated for phase ${phase}; a sent form cannot be changed.`
      : `Declaration ${number} already has a draft for phase ${phase} (form ${existing.id}): edit or send that one.`,
    { assessmentId: String(existing.id), assessmentStatus: existing.status },
  );
}

/**
 * The reason catalog changes rarely (a migration or an administrator), so every send does not
 * need to read it: it is kept for a minute, and re-read at once when a code is not in it.
 */
let cachedReasons: { at: number; byCode: Map<string, ReasonRule> } | null = null;

async function reasonCatalog(em: EntityManager, codes: string[]): Promise<Map<string, ReasonRule>> {
  const fresh =
    cachedReasons && Date.now() - cachedReasons.at < 60_000 && codes.every((c) => cachedReasons!.byCode.has(c));
  if (!fresh) {
    const all = await em.find(Reason, { active: true }, { disableIdentityMap: true });
    cachedReasons = {
      at: Date.now(),
      byCode: new Map(all.map((r) => [r.code, { minLevel: r.minLevel, maxLevel: r.maxLevel }])),
    };
  }
  return cachedReasons!.byCode;
}

function formScope(scope: RowScope): FilterQuery<Assessment>[] {
  return scopeConditions(scope).map((declaration) => ({ declaration }));
}
