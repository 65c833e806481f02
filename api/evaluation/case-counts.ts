/** Case outcomes per branch, team or officer for a period, counted in Postgres. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StatisticsScope } from '../auth/permissions.js';

export type EvaluatedUnit = 'branch' | 'team' | 'officer';

const UNIT_SQL: Record<EvaluatedUnit, string> = {
  branch: 'c.responsible_branch_id',
  team: 'i.team_id',
  officer: 'c.rated_officer_id',
};

export interface CaseCounts {
  cases: number;
  substantiated: number;
  concluded: number;
  concludedOnTime: number;
}

export async function caseCounts(
  em: EntityManager,
  unit: EvaluatedUnit,
  scope: StatisticsScope,
  from: Date,
  to: Date,
): Promise<Map<number, CaseCounts>> {
  const where = ['c.opened_at >= ?', 'c.opened_at < ?', `${UNIT_SQL[unit]} is not null`];
  const params: unknown[] = [from, to];
  const narrow = (condition: string, value: number | null) => {
    if (value === null) return;
    where.push(condition);
    params.push(value);
  };
  narrow('c.rated_officer_id = ?', scope.officerId);
  narrow('c.responsible_branch_id = ?', scope.branchId);
  narrow('c.department_id = ?', scope.departmentId);
  const rows = await em.execute<
    { unit: number; cases: string; substantiated: string; concluded: string; on_time: string }[]
  >(
    `select ${UNIT_SQL[unit]} as unit, count(*) as cases,
            count(*) filter (where c.finding in ('SUBSTANTIATED', 'PARTLY_SUBSTANTIATED')) as substantiated,
            count(*) filter (where c.concluded_at is not null) as concluded,
            count(*) filter (where c.concluded_on_time) as on_time
     from complaint_case c join assessment_item i on i.id = c.item_id
     where ${where.join(' and ')} group by 1`,
    params,
  );
  return new Map(
    rows.map((r) => [
      Number(r.unit),
      {
        cases: Number(r.cases),
        substantiated: Number(r.substantiated),
        concluded: Number(r.concluded),
        concludedOnTime: Number(r.on_time),
      },
    ]),
  );
}
