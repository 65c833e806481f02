/**
 * Rating anomaly flags for a viewer: the page of flags in the viewer's scope, an inspector's
 * decision on one (the flag's state and an audit row in one transaction), and the ratings that
 * confirmed flags take out of scorecards and rankings.
 */
import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, type KnownViewer } from '../auth/viewer.js';
import type { AnomalyScope } from '../auth/permissions.js';
import { badInput, notFound } from '../errors.js';
import { paginate, type Page, type PageArgs } from '../graphql/connection.js';
import { parseIds } from '../graphql/ids.js';
import { AnomalyDecisionKind, AnomalyStatus } from './anomaly.enums.js';
import type { RatingAnomalyFilter } from './anomaly.types.js';
import { RatingAnomaly, RatingAnomalyDecision } from './rating-anomaly.entity.js';
import { SubjectKind } from '../assessments/assessment.enums.js';

export class AnomalyService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: () => Date,
  ) {}

  list(scope: AnomalyScope, filter: RatingAnomalyFilter = {}, page: PageArgs): Promise<Page<RatingAnomaly>> {
    if (filter.subjectIds?.length && !filter.subjectKind) throw badInput('Give subjectKind with subjectIds.');
    const where: FilterQuery<RatingAnomaly>[] = [scoped(scope)];
    if (filter.kinds?.length) where.push({ kind: { $in: filter.kinds } });
    if (filter.statuses?.length) where.push({ status: { $in: filter.statuses } });
    if (filter.subjectKind) where.push({ subjectKind: filter.subjectKind });
    const subjects = parseIds(filter.subjectIds, 'subjectIds');
    if (subjects?.length) where.push({ subjectId: { $in: subjects } });
    const branches = parseIds(filter.branchIds, 'branchIds');
    if (branches?.length) where.push({ branchId: { $in: branches } });
    if (filter.from) where.push({ lastRatedAt: { $gte: filter.from } });
    if (filter.to) where.push({ firstRatedAt: { $lt: filter.to } });
    return paginate(this.em, RatingAnomaly, { $and: where }, page, 'desc');
  }

  async decide(
    viewer: KnownViewer,
    scope: AnomalyScope,
    id: number,
    decision: AnomalyDecisionKind,
    note: string,
    excludeRatings: boolean,
  ): Promise<RatingAnomaly> {
    const text = note.trim();
    if (text.length < 1 || text.length > 2000) throw badInput('The note must be 1 to 2,000 characters.');
    if (excludeRatings && decision !== AnomalyDecisionKind.CONFIRM)
      throw badInput('Only a confirmed flag can exclude its ratings.');
    return this.em.transactional(async (tx) => {
      const flag = await tx.findOne(
        RatingAnomaly,
        { $and: [{ id }, scoped(scope)] },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!flag) throw notFound('No such anomaly flag.');
      const at = this.clock();
      flag.status = decision === AnomalyDecisionKind.CONFIRM ? AnomalyStatus.CONFIRMED : AnomalyStatus.DISMISSED;
      flag.excludeRatings = excludeRatings;
      flag.updatedAt = at;
      tx.create(RatingAnomalyDecision, {
        anomalyId: flag.id,
        decision,
        excludeRatings,
        note: text,
        actor: actorOf(viewer),
        at,
      });
      await tx.flush();
      return flag;
    });
  }
}

function scoped(scope: AnomalyScope): FilterQuery<RatingAnomaly> {
  const where: FilterQuery<RatingAnomaly>[] = [];
  if (scope.officerId !== null) where.push({ subjectKind: SubjectKind.OFFICER, subjectId: scope.officerId });
  if (scope.branchId !== null) where.push({ branchId: scope.branchId });
  if (scope.departmentId !== null) where.push({ departmentId: scope.departmentId });
  return where.length === 0 ? {} : { $and: where };
}

/**
 * The ratings confirmed flags exclude, among flags whose ratings fall in [from, to): what
 * scorecards and rankings leave out, and count as "n ratings excluded".
 */
export async function excludedRatingItems(em: EntityManager, from?: Date, to?: Date): Promise<number[]> {
  const where: FilterQuery<RatingAnomaly>[] = [{ status: AnomalyStatus.CONFIRMED, excludeRatings: true }];
  if (from) where.push({ lastRatedAt: { $gte: from } });
  if (to) where.push({ firstRatedAt: { $lt: to } });
  const flags = await em.find(RatingAnomaly, { $and: where }, { fields: ['itemIds'] });
  return [...new Set(flags.flatMap((f) => f.itemIds))].sort((a, b) => a - b);
}
