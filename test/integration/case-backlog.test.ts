/**
 * The case backlog by responsible branch: open cases by age now, and the reopen rate of the cases
 * opened in a period, each against an independent count in Postgres; within the viewer's reach.
 */
import { beforeAll, expect, it } from 'vitest';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const now = new Date(FIXED_UNTIL.getTime() - 3_600_000);
const api = useSeededApi({ clock: () => now });
const FROM = '2025-07-01T00:00:00+07:00';
const TO = '2026-07-01T00:00:00+07:00';
const Q = `query($from: DateTimeISO!, $to: DateTimeISO!) { caseBacklog(from: $from, to: $to) { branch { id } open ageing concluded reopened reopenRate } }`;
let leader: string;

beforeAll(async () => {
  leader = await api.server.login('leader');
  // A few open cases of different ages and a reopened one, so that every figure has something to count.
  await api.stores.em().execute(
    `update complaint_case set status = 'VERIFYING', closed_at = null,
       opened_at = ?::timestamptz - (id % 40) * interval '1 day' where id in (select id from complaint_case order by id limit 12)`,
    [now],
  );
});

it('counts the open backlog by age and the reopened cases per branch as Postgres does', async () => {
  const res = await api.server.gql(Q, { from: FROM, to: TO }, leader);
  expect(res.errors, api.server.logged.slice(-3).join('\n')).toBeUndefined();
  const rows = await api.stores.em().execute<Record<string, string>[]>(
    `with c as (
       select c.id, c.responsible_branch_id as branch, c.status, extract(epoch from (?::timestamptz - c.opened_at)) / 86400 as days,
              c.opened_at >= ? and c.opened_at < ? as in_period
       from complaint_case c join branch b on b.id = c.responsible_branch_id
       where b.department_id = (select department_id from account where login = 'leader') or (select department_id from account where login = 'leader') is null
     )
     select branch,
       count(*) filter (where status <> 'CLOSED') as open,
       count(*) filter (where status <> 'CLOSED' and days < 3) as a0,
       count(*) filter (where status <> 'CLOSED' and days >= 3 and days < 8) as a1,
       count(*) filter (where status <> 'CLOSED' and days >= 8 and days < 15) as a2,
       count(*) filter (where status <> 'CLOSED' and days >= 15 and days < 31) as a3,
       count(*) filter (where status <> 'CLOSED' and days >= 31) as a4,
       count(*) filter (where in_period and exists (select 1 from complaint_case_step s where s.case_id = c.id and s.kind = 'CONCLUDED')) as concluded,
       count(*) filter (where in_period and exists (select 1 from complaint_case_step s where s.case_id = c.id and s.kind = 'REOPENED')) as reopened
     from c where status <> 'CLOSED' or in_period group by branch order by branch`,
    [now, FROM, TO],
  );
  const expected = rows.map((r) => ({
    branch: { id: String(r.branch) },
    open: Number(r.open),
    ageing: [r.a0, r.a1, r.a2, r.a3, r.a4].map(Number),
    concluded: Number(r.concluded),
    reopened: Number(r.reopened),
    reopenRate: Number(r.concluded) > 0 ? Number(r.reopened) / Number(r.concluded) : null,
  }));
  expect(res.data!.caseBacklog).toEqual(expected);
  const all = res.data!.caseBacklog as { open: number; ageing: number[]; reopened: number }[];
  expect(all.reduce((n, r) => n + r.open, 0)).toBeGreaterThanOrEqual(12);
  expect(new Set(all.flatMap((r) => r.ageing.map((n, i) => (n > 0 ? i : -1)))).size).toBeGreaterThan(3);

  const supervisor = await api.server.gql(Q, { from: FROM, to: TO }, await api.server.login('supervisor'));
  expect(supervisor.errors).toBeUndefined();
  for (const r of supervisor.data!.caseBacklog as { branch: { id: string } }[]) expect(r.branch.id).toBe('1');
  const officer = await api.server.gql(Q, { from: FROM, to: TO }, await api.server.login('officer'));
  expect(officer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});
