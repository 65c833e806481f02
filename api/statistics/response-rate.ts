/**
 * The response rate needs declarations that were never rated, which only Postgres knows:
 * declarations released in the period within the viewer's scope and the filter, and how many have
 * a sent form. Every filter of ratingKpis applies here or is refused (`refusedForResponseRate`):
 * units, stages and officers select the declarations they handled, enterprises their own, channels
 * theirs, and phases which forms count as an answer. Levels and subject kinds describe ratings, not
 * declarations, so a response rate cannot be narrowed by them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StatisticsScope } from '../auth/permissions.js';
import { badInput } from '../errors.js';
import { narrowToScope, parseIds } from '../graphql/ids.js';
import type { RatingFilterInput } from './statistics.types.js';

/** Refuses the filters a response rate cannot honour, with BAD_USER_INPUT. */
export function refuseUnansweredFilters(filter: RatingFilterInput): void {
  const refused = [
    filter.levels?.length ? 'levels' : null,
    filter.subjectKinds?.length ? 'subjectKinds' : null,
    filter.from || filter.to ? 'from/to inside the filter' : null,
  ].filter((f) => f !== null);
  if (refused.length > 0)
    throw badInput(
      `ratingKpis cannot apply ${refused.join(', ')}: its response rate counts declarations, which have no level or subject kind, and its period is the from and to arguments. Ask ratingStatistics for figures by level or subject kind.`,
      { refusedFilters: refused },
    );
}

export async function releasedAndRated(
  em: EntityManager,
  scope: StatisticsScope,
  filter: RatingFilterInput,
  from: Date,
  to: Date,
): Promise<{ releasedDeclarations: number; ratedDeclarations: number }> {
  const none = { releasedDeclarations: 0, ratedDeclarations: 0 };
  const where = ['d.released_at >= ?', 'd.released_at < ?'];
  const params: unknown[] = [from, to];
  const branches = narrowToScope(parseIds(filter.branchIds, 'branchIds'), scope.branchId);
  const departments = narrowToScope(parseIds(filter.departmentIds, 'departmentIds'), scope.departmentId);
  // An officer's rate is that of the declarations it handled.
  const officers = narrowToScope(parseIds(filter.officerIds, 'officerIds'), scope.officerId);
  if (branches === null || departments === null || officers === null) return none;
  const list = (condition: string, values: unknown[] | undefined) => {
    if (!values?.length) return;
    where.push(condition);
    params.push(values);
  };
  list('d.branch_id in (?)', branches);
  list('b.department_id in (?)', departments);
  list('d.enterprise_id in (?)', parseIds(filter.enterpriseIds, 'enterpriseIds'));
  list('d.channel in (?)', filter.channels);
  const handled = (column: string, values: number[] | undefined) =>
    list(`exists (select 1 from handling_record h where h.declaration_id = d.id and h.${column} in (?))`, values);
  handled('team_id', parseIds(filter.teamIds, 'teamIds'));
  handled('stage_id', parseIds(filter.stageIds, 'stageIds'));
  handled('officer_id', officers);
  const phases = filter.phases?.length ? filter.phases : null;
  const [row] = await em.execute<{ released: string; rated: string }[]>(
    `select count(*) as released,
            count(*) filter (where exists (select 1 from assessment a where a.declaration_id = d.id and a.status = 'SENT'${phases ? ' and a.phase in (?)' : ''})) as rated
     from declaration d join branch b on b.id = d.branch_id
     where ${where.join(' and ')}`,
    phases ? [phases, ...params] : params,
  );
  return { releasedDeclarations: Number(row.released), ratedDeclarations: Number(row.rated) };
}
