/**
 * The response rate needs declarations that were never rated, which only Postgres knows:
 * declarations released in the period within the viewer's scope, and how many have a sent form.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StatisticsScope } from '../auth/permissions.js';
import type { RatingFilterInput } from './statistics.types.js';

export async function releasedAndRated(
  em: EntityManager,
  scope: StatisticsScope,
  filter: RatingFilterInput,
  from: Date,
  to: Date,
): Promise<{ releasedDeclarations: number; ratedDeclarations: number }> {
  const where = ['d.released_at >= ?', 'd.released_at < ?'];
  const params: unknown[] = [from, to];
  const asked = (filter.branchIds ?? []).map(Number);
  if (scope.branchId !== null && asked.length > 0 && !asked.includes(scope.branchId))
    return { releasedDeclarations: 0, ratedDeclarations: 0 };
  const branches = scope.branchId !== null ? [scope.branchId] : asked;
  if (branches.length) {
    where.push('d.branch_id in (?)');
    params.push(branches);
  }
  const departments = scope.departmentId !== null ? [scope.departmentId] : (filter.departmentIds ?? []).map(Number);
  if (departments.length) {
    where.push('b.department_id in (?)');
    params.push(departments);
  }
  if (filter.channels?.length) {
    where.push('d.channel in (?)');
    params.push(filter.channels);
  }
  // An officer's rate is that of the declarations it handled.
  if (scope.officerId !== null) {
    where.push('exists (select 1 from handling_record h where h.declaration_id = d.id and h.officer_id = ?)');
    params.push(scope.officerId);
  }
  const [row] = await em.execute<{ released: string; rated: string }[]>(
    `select count(*) as released,
            count(*) filter (where exists (select 1 from assessment a where a.declaration_id = d.id and a.status = 'SENT')) as rated
     from declaration d join branch b on b.id = d.branch_id
     where ${where.join(' and ')}`,
    params,
  );
  return { releasedDeclarations: Number(row.released), ratedDeclarations: Number(row.rated) };
}
