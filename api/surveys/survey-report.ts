/**
 * The survey report of a review period (quarter, half-year, year): responses submitted in the
 * period (Hải Phòng time) counted for every branch they name, aggregated per indicator, section
 * and branch, with the low-mark items and their improvement measures. Only aggregates leave this
 * module; a group with fewer respondents than the minimum shows no figures.
 *
 * Scores are 0–100: a RATING indicator's is the share of 4–5 answers, a TIMELINESS indicator's
 * the share "faster than" or "as committed"; a section's is the mean of its indicators' scores,
 * a unit's the mean of its sections' scores (each over those with answers).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Branch } from '../catalog/branch.entity.js';
import type { ReviewPeriod } from '../periods.js';
import { QuestionKind } from './survey.enums.js';
import { SurveyImprovementMeasure, SurveyIndicator, SurveySection } from './survey.entity.js';
import { surveyCatalogue } from './survey.service.js';
import type {
  SurveyIndicatorFigures,
  SurveyLowMark,
  SurveyReport,
  SurveySectionFigures,
  SurveyUnitReport,
} from './survey.types.js';

/** Which branches a report covers; null does not limit. */
export interface ReportScope {
  branchId: number | null;
  departmentId: number | null;
}

interface Tally {
  answers: number;
  rated: number;
  ratingSum: number;
  satisfied: number;
  faster: number;
  asCommitted: number;
  slower: number;
}

const EMPTY: Tally = { answers: 0, rated: 0, ratingSum: 0, satisfied: 0, faster: 0, asCommitted: 0, slower: 0 };

interface Tallies {
  /** branch id (0 = the whole scope) → indicator id → tally */
  byUnit: Map<number, Map<number, Tally>>;
  respondents: Map<number, number>;
}

function scopeSql(scope: ReportScope, branchIds: number[] | null): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (scope.branchId !== null) {
    where.push('rb.branch_id = ?');
    params.push(scope.branchId);
  }
  if (scope.departmentId !== null) {
    where.push('b.department_id = ?');
    params.push(scope.departmentId);
  }
  if (branchIds && branchIds.length > 0) {
    where.push(`rb.branch_id in (${branchIds.map(() => '?').join(', ')})`);
    params.push(...branchIds);
  }
  return { sql: where.length ? ' and ' + where.join(' and ') : '', params };
}

const TALLY_COLUMNS = `count(*) as answers, count(a.rating) as rated, coalesce(sum(a.rating), 0) as rating_sum,
  count(*) filter (where a.rating >= 4) as satisfied,
  count(*) filter (where a.timeliness = 'FASTER') as faster,
  count(*) filter (where a.timeliness = 'AS_COMMITTED') as as_committed,
  count(*) filter (where a.timeliness = 'SLOWER') as slower`;

type TallyRow = {
  unit: number;
  indicator_id: number;
  answers: string;
  rated: string;
  rating_sum: string;
  satisfied: string;
  faster: string;
  as_committed: string;
  slower: string;
};

/** Counts answers per branch and indicator, and per indicator over the whole scope (each response once). */
export async function tallySurvey(
  em: EntityManager,
  period: Pick<ReviewPeriod, 'from' | 'to'>,
  scope: ReportScope,
  branchIds: number[] | null = null,
): Promise<Tallies> {
  const s = scopeSql(scope, branchIds);
  const inPeriod = `r.status = 'SUBMITTED' and r.submitted_at >= ? and r.submitted_at < ?`;
  const params = [period.from, period.to, ...s.params];
  const responsesInScope = `select distinct rb.response_id from survey_response_branch rb join branch b on b.id = rb.branch_id where true${s.sql}`;
  const [perBranch, overall, branchRespondents, [allRespondents]] = await Promise.all([
    em.execute<TallyRow[]>(
      `select rb.branch_id as unit, a.indicator_id, ${TALLY_COLUMNS}
       from survey_response r join survey_response_branch rb on rb.response_id = r.id join branch b on b.id = rb.branch_id
       join survey_answer a on a.response_id = r.id
       where ${inPeriod}${s.sql} group by rb.branch_id, a.indicator_id`,
      params,
    ),
    em.execute<TallyRow[]>(
      `select 0 as unit, a.indicator_id, ${TALLY_COLUMNS}
       from survey_response r join survey_answer a on a.response_id = r.id
       where ${inPeriod} and r.id in (${responsesInScope}) group by a.indicator_id`,
      params,
    ),
    em.execute<{ unit: number; n: string }[]>(
      `select rb.branch_id as unit, count(distinct r.id) as n from survey_response r join survey_response_branch rb on rb.response_id = r.id
       join branch b on b.id = rb.branch_id where ${inPeriod}${s.sql} group by rb.branch_id`,
      params,
    ),
    em.execute<{ n: string }[]>(
      `select count(*) as n from survey_response r where ${inPeriod} and r.id in (${responsesInScope})`,
      params,
    ),
  ]);
  const byUnit = new Map<number, Map<number, Tally>>();
  for (const row of [...perBranch, ...overall]) {
    const unit = Number(row.unit);
    if (!byUnit.has(unit)) byUnit.set(unit, new Map());
    byUnit.get(unit)!.set(Number(row.indicator_id), {
      answers: Number(row.answers),
      rated: Number(row.rated),
      ratingSum: Number(row.rating_sum),
      satisfied: Number(row.satisfied),
      faster: Number(row.faster),
      asCommitted: Number(row.as_committed),
      slower: Number(row.slower),
    });
  }
  const respondents = new Map(branchRespondents.map((r) => [Number(r.unit), Number(r.n)]));
  respondents.set(0, Number(allRespondents.n));
  return { byUnit, respondents };
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
const meanOf = (xs: (number | null)[]) => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length ? round(present.reduce((a, b) => a + b, 0) / present.length, 2) : null;
};

function indicatorFigures(
  indicator: SurveyIndicator,
  t: Tally,
  hidden: boolean,
  threshold: number,
): SurveyIndicatorFigures {
  const timed = t.faster + t.asCommitted + t.slower;
  const share = (n: number, of: number) => (hidden || of === 0 ? null : round(n / of));
  const score = hidden
    ? null
    : indicator.kind === QuestionKind.RATING
      ? t.rated
        ? round((100 * t.satisfied) / t.rated, 2)
        : null
      : timed
        ? round((100 * (t.faster + t.asCommitted)) / timed, 2)
        : null;
  return {
    indicator,
    answers: t.answers,
    mean: hidden || t.rated === 0 ? null : round(t.ratingSum / t.rated, 3),
    satisfiedShare: indicator.kind === QuestionKind.RATING ? share(t.satisfied, t.rated) : null,
    fasterShare: indicator.kind === QuestionKind.TIMELINESS ? share(t.faster, timed) : null,
    asCommittedShare: indicator.kind === QuestionKind.TIMELINESS ? share(t.asCommitted, timed) : null,
    slowerShare: indicator.kind === QuestionKind.TIMELINESS ? share(t.slower, timed) : null,
    score,
    low: score !== null && score < threshold,
  };
}

function unitReport(
  branch: Branch | null,
  tallies: Map<number, Tally> | undefined,
  respondents: number,
  catalogue: { section: SurveySection; indicators: SurveyIndicator[] }[],
  minRespondents: number,
  threshold: number,
): SurveyUnitReport {
  const hidden = respondents < minRespondents;
  const sections: SurveySectionFigures[] = catalogue.map(({ section, indicators }) => {
    const figures = indicators.map((i) => indicatorFigures(i, tallies?.get(i.id) ?? EMPTY, hidden, threshold));
    return { section, score: meanOf(figures.map((f) => f.score)), indicators: figures };
  });
  return {
    branch,
    respondents,
    belowMinimum: hidden,
    score: hidden ? null : meanOf(sections.map((s) => s.score)),
    sections,
  };
}

/** Catalogue with every indicator that ever had answers (retired ones included), by section. */
const reportCatalogue = (em: EntityManager) => surveyCatalogue(em, { withRetired: true });

/**
 * Each branch's overall survey score (0–100) for a period: the CDCI's input. Below the minimum
 * number of respondents the score is null, as in the report, so the index never rests on one
 * enterprise's answers.
 */
export async function surveyScores(
  em: EntityManager,
  period: Pick<ReviewPeriod, 'from' | 'to'>,
  scope: ReportScope,
  minRespondents: number,
): Promise<Map<number, { score: number | null; respondents: number }>> {
  const [tallies, catalogue] = await Promise.all([tallySurvey(em, period, scope), reportCatalogue(em)]);
  const out = new Map<number, { score: number | null; respondents: number }>();
  for (const [unit, n] of tallies.respondents) {
    if (unit === 0) continue;
    out.set(unit, {
      score: unitReport(null, tallies.byUnit.get(unit), n, catalogue, minRespondents, 0).score,
      respondents: n,
    });
  }
  return out;
}

export async function surveyReport(
  em: EntityManager,
  args: {
    period: ReviewPeriod;
    scope: ReportScope;
    branchIds: number[] | null;
    minRespondents: number;
    lowMarkThreshold: number;
    /** Whether the viewer may write the measure of a low-mark item of this branch. */
    canEdit: (branchId: number, departmentId: number) => boolean;
  },
): Promise<SurveyReport> {
  const { period, scope, minRespondents, lowMarkThreshold } = args;
  const [tallies, catalogue] = await Promise.all([tallySurvey(em, period, scope, args.branchIds), reportCatalogue(em)]);
  const branchIds = [...tallies.respondents.keys()].filter((id) => id !== 0);
  const branches = branchIds.length
    ? await em.find(Branch, { id: { $in: branchIds } }, { orderBy: { code: 'asc' } })
    : [];
  const units = branches.map((b) =>
    unitReport(
      b,
      tallies.byUnit.get(b.id),
      tallies.respondents.get(b.id) ?? 0,
      catalogue,
      minRespondents,
      lowMarkThreshold,
    ),
  );

  const measures = branchIds.length
    ? await em.find(SurveyImprovementMeasure, { periodKey: period.key, branch: { $in: branchIds } })
    : [];
  const measureOf = new Map(measures.map((m) => [`${m.branch.id}:${m.indicator.id}`, m]));
  const lowMarks: SurveyLowMark[] = [];
  for (const unit of units) {
    for (const section of unit.sections) {
      for (const f of section.indicators) {
        if (!f.low || f.score === null) continue;
        const branch = unit.branch!;
        const m = measureOf.get(`${branch.id}:${f.indicator.id}`);
        lowMarks.push({
          branch,
          indicator: f.indicator,
          section: section.section,
          score: f.score,
          measure: m?.measure ?? null,
          owner: m?.owner ?? null,
          beyondBranchAuthority: m?.beyondBranchAuthority ?? false,
          updatedAt: m?.updatedAt ?? null,
          canEdit: args.canEdit(branch.id, branch.department.id),
        });
      }
    }
  }
  lowMarks.sort((a, b) => a.score - b.score || a.branch.code.localeCompare(b.branch.code));
  return {
    period: period.key,
    from: period.from,
    to: period.to,
    minRespondents,
    lowMarkThreshold,
    overall: unitReport(
      null,
      tallies.byUnit.get(0),
      tallies.respondents.get(0) ?? 0,
      catalogue,
      minRespondents,
      lowMarkThreshold,
    ),
    branches: units,
    lowMarks,
  };
}
