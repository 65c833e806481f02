/**
 * What a period report says about one unit, computed with the same services as the console's
 * questions: the KPIs against the previous period (ratingKpis), the monthly trend, the ranking
 * of the unit's branches (or teams), its complaint cases, the survey's low-mark items (review
 * periods only) and the scorecards. The files (XLSX, PDF) only lay this out.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import { caseStatistics } from '../../analytics/queries/caseStatistics.js';
import type { StatisticsScope } from '../auth/permissions.js';
import type { Config } from '../config.js';
import { EvaluationService } from '../evaluation/evaluation.service.js';
import { ratingKpis } from '../statistics/rating-kpis.js';
import { rankGroups, StatisticsService } from '../statistics/statistics.service.js';
import { GroupDimension, type RatingFilterInput, type RatingGroup } from '../statistics/statistics.types.js';
import { surveyReport } from '../surveys/survey-report.js';
import { ReportUnitKind } from './period-report.entity.js';
import type { ReportPeriod } from './report-periods.js';

export interface Figures {
  count: number;
  csat: number | null;
  mean: number | null;
  dissatisfied: number | null;
}

export interface ReportData {
  period: { key: string; kind: string; from: string; to: string; previousFrom: string };
  unit: { kind: ReportUnitKind; id: number; name: string; departmentId: number };
  kpis: {
    current: Figures;
    previous: Figures;
    forms: number;
    releasedDeclarations: number;
    ratedDeclarations: number;
    responseRate: number | null;
  };
  trend: { month: string; count: number; csat: number | null; mean: number | null }[];
  ranking: { rank: number | null; name: string; count: number; csat: number | null; shrunkMean: number | null }[];
  cases: {
    opened: number;
    open: number;
    concluded: number;
    concludedOnTime: number;
    substantiated: number;
    escalated: number;
  };
  lowMarks: { branch: string; indicator: string; score: number }[];
  scorecards: {
    name: string;
    ratings: number;
    csat: number | null;
    cases: number;
    substantiated: number;
    timeliness: number | null;
  }[];
}

export interface ReportUnit {
  kind: ReportUnitKind;
  id: number;
  name: string;
  departmentId: number;
}

const figures = (g: RatingGroup): Figures => ({
  count: g.count,
  csat: g.csat ?? null,
  mean: g.mean ?? null,
  dissatisfied: g.dissatisfied ?? null,
});

export async function buildReportData(
  em: EntityManager,
  analytics: AnalyticsStore,
  settings: Pick<Config, 'surveys'>,
  unit: ReportUnit,
  period: ReportPeriod,
): Promise<ReportData> {
  const isBranch = unit.kind === ReportUnitKind.BRANCH;
  // The unit's own reach, as a viewer of exactly that unit would have it (never who rated).
  const scope: StatisticsScope = {
    officerId: null,
    branchId: isBranch ? unit.id : null,
    departmentId: unit.departmentId,
    enterprises: false,
    selfOfficerId: null,
  };
  const filter: RatingFilterInput = isBranch ? { branchIds: [String(unit.id)] } : { departmentIds: [String(unit.id)] };
  // A unit's report is read by its managers, never by an officer about itself: no self rule applies.
  const stats = new StatisticsService(analytics, null);
  const childDimension = isBranch ? GroupDimension.TEAM : GroupDimension.BRANCH;
  const [kpis, trend, children, [cases], cards, survey] = await Promise.all([
    ratingKpis(em, analytics, null, scope, period.from, period.to, filter),
    stats.statistics(scope, { ...filter, from: period.from, to: period.to }, [GroupDimension.MONTH], 0),
    stats.statistics(scope, { ...filter, from: period.from, to: period.to }, [childDimension], 10),
    caseStatistics(
      analytics,
      {
        departmentIds: [unit.departmentId],
        branchIds: isBranch ? [unit.id] : undefined,
        from: period.from,
        to: period.to,
      },
      null,
    ),
    new EvaluationService(em, analytics, null).scorecards(
      scope,
      {
        unit: childDimension,
        evaluated: isBranch ? 'team' : 'branch',
        from: period.from,
        to: period.to,
        filter,
        minCount: 10,
      },
      false,
    ),
    period.review
      ? surveyReport(em, {
          period: period.review,
          scope: { branchId: scope.branchId, departmentId: scope.departmentId },
          branchIds: null,
          minRespondents: settings.surveys.minRespondents,
          lowMarkThreshold: settings.surveys.lowMarkPercent,
          canEdit: () => false,
        })
      : Promise.resolve(null),
  ]);
  const names = await unitNames(em, isBranch ? 'team' : 'branch', [
    ...children.groups.map((g) => Number(g.keys[0].value)),
    ...cards.map((c) => Number(c.unit.value)),
  ]);
  let rank = 0;
  return {
    period: {
      key: period.key,
      kind: period.kind,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      previousFrom: kpis.previousFrom.toISOString(),
    },
    unit,
    kpis: {
      current: figures(kpis.current),
      previous: figures(kpis.previous),
      forms: kpis.forms,
      releasedDeclarations: kpis.releasedDeclarations,
      ratedDeclarations: kpis.ratedDeclarations,
      responseRate: kpis.responseRate,
    },
    trend: trend.groups
      .map((g) => ({
        month: String(g.keys[0].value).slice(0, 7),
        count: g.count,
        csat: g.csat ?? null,
        mean: g.mean ?? null,
      }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    ranking: rankGroups(children.groups, 'BEST').map((g) => ({
      rank: g.belowMinimum ? null : ++rank,
      name: names.get(Number(g.keys[0].value)) ?? String(g.keys[0].value),
      count: g.count,
      csat: g.csat ?? null,
      shrunkMean: g.shrunkMean ?? null,
    })),
    cases: {
      opened: cases?.cases ?? 0,
      open: cases?.open ?? 0,
      concluded: cases?.concluded ?? 0,
      concludedOnTime: cases?.concludedOnTime ?? 0,
      substantiated: cases?.substantiated ?? 0,
      escalated: cases?.escalated ?? 0,
    },
    lowMarks: (survey?.lowMarks ?? []).map((l) => ({
      branch: l.branch.name,
      indicator: `${l.indicator.code} ${l.indicator.nameVi}`,
      score: l.score,
    })),
    scorecards: cards.map((c) => ({
      name: names.get(Number(c.unit.value)) ?? c.unit.value,
      ratings: c.ratings.count,
      csat: c.ratings.csat ?? null,
      cases: c.cases,
      substantiated: c.substantiated,
      timeliness: c.timeliness ?? null,
    })),
  };
}

async function unitNames(em: EntityManager, table: 'branch' | 'team', ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await em.execute<{ id: number; name: string }[]>(`select id, name from ${table} where id in (?)`, [
    [...new Set(ids)],
  ]);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
