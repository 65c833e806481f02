/**
 * The headline figures of a period, as named steps: the period's ratings, the previous period's,
 * the forms sent, and released versus rated declarations (the response rate). `ratingKpis` and
 * the scheduled period reports both read them here, so a report's figures are the query's.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import type { StatisticsScope } from '../auth/permissions.js';
import { csatComparison } from '../../analytics/stats/significance.js';
import { previousPeriod } from '../time.js';
import { releasedAndRated } from './response-rate.js';
import { StatisticsService } from './statistics.service.js';
import type { RatingFilterInput, RatingGroup, RatingKpis } from './statistics.types.js';

export async function ratingKpis(
  em: EntityManager,
  analytics: AnalyticsStore,
  scope: StatisticsScope,
  from: Date,
  to: Date,
  filter: RatingFilterInput | undefined,
): Promise<RatingKpis> {
  const service = new StatisticsService(analytics);
  const previousFrom = previousPeriod(from, to);
  const [current, previous, forms, declarations] = await Promise.all([
    service.statistics(scope, { ...filter, from, to }, [], 0),
    service.statistics(scope, { ...filter, from: previousFrom, to: from }, [], 0),
    service.formCount(scope, { ...filter, from, to }),
    releasedAndRated(em, scope, filter ?? {}, from, to),
  ]);
  return {
    from,
    to,
    previousFrom,
    current: current.overall as RatingGroup,
    previous: previous.overall as RatingGroup,
    csatChange: csatComparison(current.overall.levelCounts, previous.overall.levelCounts),
    forms,
    ...declarations,
    responseRate: responseRate(declarations),
    filter: filter ?? {},
  };
}

export const responseRate = (d: { releasedDeclarations: number; ratedDeclarations: number }) =>
  d.releasedDeclarations > 0 ? d.ratedDeclarations / d.releasedDeclarations : null;
