/**
 * What enterprises wrote in the survey, for the staff who read its report: grouped by branch and
 * indicator, never with the respondent or the time. A branch with fewer respondents in the period
 * than the report's minimum shows no comments (its few respondents could be told apart), and
 * comments are listed in alphabetical order, not as they arrived.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReviewPeriod } from '../periods.js';
import type { ReportScope } from './survey-report.js';

export interface SurveyCommentRow {
  branchId: number;
  indicatorId: number;
  respondents: number;
  comments: string[];
}

/** At most this many comments per branch and indicator; `total` says how many there are. */
export const COMMENTS_PER_GROUP = 50;

export async function surveyComments(
  em: EntityManager,
  period: Pick<ReviewPeriod, 'from' | 'to'>,
  scope: ReportScope,
  minRespondents: number,
  branchId: number | null,
): Promise<(SurveyCommentRow & { total: number })[]> {
  const where: string[] = [`r.status = 'SUBMITTED'`, 'r.submitted_at >= ?', 'r.submitted_at < ?'];
  const params: unknown[] = [period.from, period.to];
  for (const [column, value] of [
    ['rb.branch_id', scope.branchId],
    ['b.department_id', scope.departmentId],
    ['rb.branch_id', branchId],
  ] as const) {
    if (value === null) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  const rows = await em.execute<
    { branch_id: number; indicator_id: number; respondents: string; comments: string[]; total: string }[]
  >(
    `with answered as (
       select rb.branch_id, r.id as response_id
       from survey_response r join survey_response_branch rb on rb.response_id = r.id join branch b on b.id = rb.branch_id
       where ${where.join(' and ')}
     ), sizes as (
       select branch_id, count(distinct response_id) as respondents from answered group by branch_id having count(distinct response_id) >= ?
     )
     select x.branch_id, a.indicator_id, s.respondents, count(*) as total,
            (array_agg(btrim(a.comment) order by btrim(a.comment)))[1:${COMMENTS_PER_GROUP}] as comments
     from answered x join sizes s on s.branch_id = x.branch_id
     join survey_answer a on a.response_id = x.response_id
     where a.comment is not null and btrim(a.comment) <> ''
     group by x.branch_id, a.indicator_id, s.respondents
     order by x.branch_id, a.indicator_id`,
    [...params, minRespondents],
  );
  return rows.map((r) => ({
    branchId: Number(r.branch_id),
    indicatorId: Number(r.indicator_id),
    respondents: Number(r.respondents),
    total: Number(r.total),
    comments: r.comments,
  }));
}
