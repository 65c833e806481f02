/**
 * Computes the CDCI of every branch in a department (or the nation) for a review period from
 * its four components (see cdci.formula.ts), ranks the branches, and compares with the period
 * before. Survey scores and case timeliness come from Postgres, satisfaction from the rating
 * facts in ClickHouse.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import { Branch } from '../catalog/branch.entity.js';
import { caseCounts } from '../evaluation/case-counts.js';
import { badInput, notFound } from '../errors.js';
import { parseId } from '../graphql/ids.js';
import { previousReviewPeriod, type ReviewPeriod } from '../periods.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import { GroupDimension } from '../statistics/statistics.types.js';
import { surveyScores } from '../surveys/survey-report.js';
import { CdciDepartmentAssessment, CdciWeights } from './cdci.entity.js';
import {
  CDCI_COMPONENTS,
  CDCI_SYMBOLS,
  cdciIndex,
  DEFAULT_CDCI_WEIGHTS,
  formulaText,
  weightProblem,
  type CdciComponent,
  type CdciWeightSet,
} from './cdci.formula.js';
import type {
  CdciComponentKind,
  CdciDepartmentAssessmentInput,
  CdciRanking,
  CdciRow,
  CdciWeightsInput,
  CdciWeightsView,
} from './cdci.types.js';

export const DEFAULT_WEIGHTS_KEY = 'default';

/** The weights of a period: its own, else the stored default, else the built-in default. */
export async function weightsFor(em: EntityManager, periodKey: string): Promise<CdciWeightsView> {
  const rows = await em.find(CdciWeights, { periodKey: { $in: [periodKey, DEFAULT_WEIGHTS_KEY] } });
  const row = rows.find((r) => r.periodKey === periodKey) ?? rows.find((r) => r.periodKey === DEFAULT_WEIGHTS_KEY);
  const w: CdciWeightSet = row ?? DEFAULT_CDCI_WEIGHTS;
  return {
    appliesTo: row?.periodKey ?? DEFAULT_WEIGHTS_KEY,
    survey: w.survey,
    satisfaction: w.satisfaction,
    departmentAssessment: w.departmentAssessment,
    caseTimeliness: w.caseTimeliness,
  };
}

export async function setWeights(
  em: EntityManager,
  periodKey: string,
  input: CdciWeightsInput,
  actor: string,
  now: Date,
): Promise<CdciWeightsView> {
  const problem = weightProblem(input);
  if (problem) throw badInput(problem);
  const fields = {
    survey: input.survey,
    satisfaction: input.satisfaction,
    departmentAssessment: input.departmentAssessment,
    caseTimeliness: input.caseTimeliness,
    updatedBy: actor,
    updatedAt: now,
  };
  const existing = await em.findOne(CdciWeights, { periodKey });
  if (existing) em.assign(existing, fields);
  else em.create(CdciWeights, { periodKey, ...fields });
  await em.flush();
  return { appliesTo: periodKey, ...input };
}

/** Records the department's scores of branches for a period, all or none. */
export async function setDepartmentAssessments(
  rootEm: EntityManager,
  period: ReviewPeriod,
  input: CdciDepartmentAssessmentInput,
  inScope: (branch: Branch) => boolean,
  actor: string,
  now: Date,
): Promise<CdciDepartmentAssessment[]> {
  const ids = input.scores.map((s) => parseId(s.branchId, 'branchId'));
  if (new Set(ids).size !== ids.length) throw badInput('Score each branch at most once.');
  if (input.scores.some((s) => !Number.isFinite(s.score) || s.score < 0 || s.score > 100))
    throw badInput('A department assessment score is from 0 to 100.');
  return rootEm.transactional(async (em) => {
    const branches = new Map((await em.find(Branch, { id: { $in: ids } })).map((b) => [b.id, b]));
    const existing = new Map(
      (await em.find(CdciDepartmentAssessment, { periodKey: period.key, branch: { $in: ids } })).map((a) => [
        a.branch.id,
        a,
      ]),
    );
    const saved = input.scores.map((s, i) => {
      const branch = branches.get(ids[i]);
      if (!branch) throw notFound(`No such branch: ${s.branchId}.`);
      if (!inScope(branch)) throw badInput(`Branch ${s.branchId} is outside your department.`);
      const fields = { score: s.score, note: s.note ?? null, updatedBy: actor, updatedAt: now };
      const row = existing.get(branch.id);
      if (row) return em.assign(row, fields);
      return em.create(CdciDepartmentAssessment, { periodKey: period.key, branch, ...fields });
    });
    await em.flush();
    return saved;
  });
}

interface Components {
  values: Record<CdciComponent, number | null>;
  basis: Record<CdciComponent, number | null>;
}

async function componentsOf(
  em: EntityManager,
  analytics: AnalyticsStore,
  period: ReviewPeriod,
  departmentId: number | null,
  minRespondents: number,
): Promise<Map<number, Components>> {
  const scope = { officerId: null, branchId: null, departmentId, enterprises: false, selfOfficerId: null };
  const [survey, ratings, cases, assessments] = await Promise.all([
    surveyScores(em, period, { branchId: null, departmentId }, minRespondents),
    new StatisticsService(analytics, null).statistics(
      scope,
      { from: period.from, to: period.to },
      [GroupDimension.BRANCH],
      1,
    ),
    caseCounts(em, 'branch', scope, period.from, period.to),
    em.find(CdciDepartmentAssessment, {
      periodKey: period.key,
      ...(departmentId !== null ? { branch: { department: departmentId } } : {}),
    }),
  ]);
  const out = new Map<number, Components>();
  const of = (id: number) => {
    if (!out.has(id)) {
      out.set(id, {
        values: { survey: null, satisfaction: null, departmentAssessment: null, caseTimeliness: null },
        basis: { survey: null, satisfaction: null, departmentAssessment: null, caseTimeliness: null },
      });
    }
    return out.get(id)!;
  };
  const pct = (x: number) => Math.round(x * 10_000) / 100;
  for (const [id, s] of survey) {
    of(id).values.survey = s.score;
    of(id).basis.survey = s.respondents;
  }
  for (const g of ratings.groups) {
    const c = of(Number(g.keys[0].value));
    c.values.satisfaction = g.csat === null ? null : pct(g.csat);
    c.basis.satisfaction = g.count;
  }
  for (const [id, c] of cases) {
    of(id).values.caseTimeliness = c.concluded > 0 ? pct(c.concludedOnTime / c.concluded) : null;
    of(id).basis.caseTimeliness = c.concluded;
  }
  for (const a of assessments) of(a.branch.id).values.departmentAssessment = a.score;
  return out;
}

function ranked(indexOf: Map<number, number | null>): Map<number, number> {
  // Equal indexes share a rank (1, 2, 2, 4).
  const sorted = [...indexOf].filter((e): e is [number, number] => e[1] !== null).sort((a, b) => b[1] - a[1]);
  const rank = new Map<number, number>();
  sorted.forEach(([id, index], i) =>
    rank.set(id, i > 0 && sorted[i - 1][1] === index ? rank.get(sorted[i - 1][0])! : i + 1),
  );
  return rank;
}

/** `minRespondents`: a survey score resting on fewer respondents drops out of the index. */
export async function cdciRanking(
  em: EntityManager,
  analytics: AnalyticsStore,
  period: ReviewPeriod,
  departmentId: number | null,
  minRespondents: number,
): Promise<Omit<CdciRanking, 'isRunning'>> {
  const previous = previousReviewPeriod(period);
  const [weights, previousWeights, now, before, branches] = await Promise.all([
    weightsFor(em, period.key),
    weightsFor(em, previous.key),
    componentsOf(em, analytics, period, departmentId, minRespondents),
    componentsOf(em, analytics, previous, departmentId, minRespondents),
    em.find(Branch, departmentId !== null ? { department: departmentId } : {}, { orderBy: { code: 'asc' } }),
  ]);
  const empty: Components['values'] = {
    survey: null,
    satisfaction: null,
    departmentAssessment: null,
    caseTimeliness: null,
  };
  const index = new Map(branches.map((b) => [b.id, cdciIndex(now.get(b.id)?.values ?? empty, weights)]));
  const previousIndex = new Map(
    branches.map((b) => [b.id, cdciIndex(before.get(b.id)?.values ?? empty, previousWeights)]),
  );
  const rank = ranked(index);
  const previousRank = ranked(previousIndex);
  const rows: CdciRow[] = branches.map((branch) => {
    const c = now.get(branch.id);
    const i = index.get(branch.id) ?? null;
    const p = previousIndex.get(branch.id) ?? null;
    return {
      rank: rank.get(branch.id) ?? null,
      branch,
      index: i,
      components: CDCI_COMPONENTS.map((component) => ({
        component: component as CdciComponentKind,
        symbol: CDCI_SYMBOLS[component],
        value: c?.values[component] ?? null,
        weight: weights[component],
        basis: component === 'departmentAssessment' ? null : (c?.basis[component] ?? 0),
      })),
      previousIndex: p,
      previousRank: previousRank.get(branch.id) ?? null,
      change: i !== null && p !== null ? Math.round((i - p) * 100) / 100 : null,
    };
  });
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.branch.code.localeCompare(b.branch.code));
  return {
    period: period.key,
    previousPeriod: previous.key,
    from: period.from,
    to: period.to,
    weights,
    formula: formulaText(weights),
    rows,
  };
}
