/**
 * The headline figures of a period, as named steps: the period's ratings, the previous period's,
 * the forms sent, and released versus rated declarations (the response rate). `ratingKpis` and
 * the scheduled period reports both read them here, so a report's figures are the query's.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import type { StatisticsScope } from '../auth/permissions.js';
import { csatComparison } from '../../analytics/stats/significance.js';
import { previousComparedUntil, previousPeriod } from '../time.js';
import { refuseUnansweredFilters, releasedAndRated } from './response-rate.js';
import type { Privacy } from './small-groups.js';
import { StatisticsService } from './statistics.service.js';
import type { RatingFilterInput, RatingGroup, RatingKpis } from './statistics.types.js';

export async function ratingKpis(
  em: EntityManager,
  analytics: AnalyticsStore,
  privacy: Privacy | null,
  scope: StatisticsScope,
  from: Date,
  to: Date,
  filter: RatingFilterInput | undefined,
  at: Date = new Date(),
): Promise<RatingKpis> {
  refuseUnansweredFilters(filter ?? {});
  const service = new StatisticsService(analytics, privacy);
  // A running period is compared with the same elapsed part of the previous one.
  const isRunning = from < at && at < to;
  const previousFrom = previousPeriod(from, to);
  const previousTo = previousComparedUntil(from, to, at);
  // One ClickHouse statement for both periods' figures and the forms.
  const [{ current, previous, forms }, declarations] = await Promise.all([
    service.periods(scope, filter ?? {}, { from: previousFrom, to: previousTo }, from, to),
    releasedAndRated(em, scope, filter ?? {}, from, to),
  ]);
  return {
    from,
    to,
    previousFrom,
    previousTo,
    isRunning,
    comparedUntil: isRunning ? at : to,
    current: current as RatingGroup,
    previous: previous as RatingGroup,
    csatChange: csatComparison(current.levelCounts, previous.levelCounts),
    forms,
    ...declarations,
    responseRate: responseRate(declarations),
    filter: filter ?? {},
  };
}

export const responseRate = (d: { releasedDeclarations: number; ratedDeclarations: number }) =>
  d.releasedDeclarations > 0 ? d.ratedDeclarations / d.releasedDeclarations : null;
