/**
 * Who each scorecard row is, for a review that must not confuse two people of the same name: an
 * officer's code with the team and branch it worked in during the period (its latest assignment
 * overlapping the period), a team's code and branch, a branch's code. Read from Postgres.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EvaluatedUnit } from './case-counts.js';

export interface UnitIdentity {
  code: string;
  teamName: string | null;
  branchName: string | null;
}

const SQL: Record<EvaluatedUnit, string> = {
  officer: `select o.id, o.code, t.name as team_name, b.name as branch_name
            from officer o
            left join lateral (select a.team_id from officer_assignment a
                               where a.officer_id = o.id and a.valid_from < ? and (a.valid_to is null or a.valid_to > ?)
                               order by a.valid_from desc limit 1) a on true
            left join team t on t.id = a.team_id left join branch b on b.id = t.branch_id
            where o.id = any(?::int[])`,
  team: `select t.id, t.code, t.name as team_name, b.name as branch_name
         from team t join branch b on b.id = t.branch_id where ? is not null and ? is not null and t.id = any(?::int[])`,
  branch: `select b.id, b.code, null as team_name, b.name as branch_name
           from branch b where ? is not null and ? is not null and b.id = any(?::int[])`,
};

export async function unitIdentities(
  em: EntityManager,
  unit: EvaluatedUnit,
  ids: number[],
  from: Date,
  to: Date,
): Promise<Map<number, UnitIdentity>> {
  if (ids.length === 0) return new Map();
  const rows = await em.execute<{ id: number; code: string; team_name: string | null; branch_name: string | null }[]>(
    SQL[unit],
    [to, from, `{${ids.join(',')}}`],
  );
  return new Map(
    rows.map((r) => [Number(r.id), { code: r.code, teamName: r.team_name ?? null, branchName: r.branch_name ?? null }]),
  );
}
