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

const TREND = `query($from: DateTimeISO!, $to: DateTimeISO!, $branchId: ID) {
  caseBacklogTrend(from: $from, to: $to, branchId: $branchId) { month from to running opened openAtEnd concluded reopened reopenRate }
}`;

/** The same trend counted in Postgres alone: months as local dates, shifted to instants by UTC+7. */
async function trendInPostgres(from: string, to: string, branchId: number | null) {
  const rows = await api.stores.em().execute<Record<string, string>[]>(
    `with m as (
       select to_char(gs, 'YYYY-MM') as month,
              greatest((gs - interval '7 hours') at time zone 'UTC', ?::timestamptz) as lo,
              least((gs + interval '1 month' - interval '7 hours') at time zone 'UTC', ?::timestamptz) as hi
       from generate_series(date_trunc('month', ?::timestamptz at time zone 'UTC' + interval '7 hours'),
                            ?::timestamptz at time zone 'UTC' + interval '7 hours' - interval '1 microsecond', interval '1 month') gs
     ), c as (
       select c.* from complaint_case c join branch b on b.id = c.responsible_branch_id
       where ((select department_id from account where login = 'leader') is null or b.department_id = (select department_id from account where login = 'leader'))
         and (?::int is null or c.responsible_branch_id = ?::int)
     )
     select m.month,
       (select count(*) from c where c.opened_at >= m.lo and c.opened_at < m.hi) as opened,
       (select count(*) from c where c.opened_at < least(m.hi, ?::timestamptz) and (c.closed_at is null or c.closed_at >= least(m.hi, ?::timestamptz))) as open_at_end,
       (select count(*) from c where c.opened_at >= m.lo and c.opened_at < m.hi and exists (select 1 from complaint_case_step s where s.case_id = c.id and s.kind = 'CONCLUDED')) as concluded,
       (select count(*) from c where c.opened_at >= m.lo and c.opened_at < m.hi and exists (select 1 from complaint_case_step s where s.case_id = c.id and s.kind = 'REOPENED')) as reopened
     from m order by m.month`,
    [from, to, from, to, branchId, branchId, now, now],
  );
  return rows.map((r) => ({
    month: r.month,
    opened: Number(r.opened),
    openAtEnd: Number(r.open_at_end),
    concluded: Number(r.concluded),
    reopened: Number(r.reopened),
  }));
}

it('gives the backlog month by month, each month as Postgres counts it, the running month marked', async () => {
  // Starts mid-month: the first month is clipped to the period.
  const from = '2025-12-15T00:00:00+07:00';
  const res = await api.server.gql(TREND, { from, to: TO }, leader);
  expect(res.errors, api.server.logged.slice(-3).join('\n')).toBeUndefined();
  const months = res.data!.caseBacklogTrend as Record<string, unknown>[];
  expect(months.map((m) => m.month)).toEqual([
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
    '2026-04',
    '2026-05',
    '2026-06',
  ]);
  expect(months[0].from).toBe(new Date(from).toISOString());
  expect(months[1].from).toBe(new Date('2026-01-01T00:00:00+07:00').toISOString());
  // `now` is an hour before the period ends: only June is under way.
  expect(months.map((m) => m.running)).toEqual([false, false, false, false, false, false, true]);
  const expected = await trendInPostgres(from, TO, null);
  expect(
    months.map(({ month, opened, openAtEnd, concluded, reopened }) => ({
      month,
      opened,
      openAtEnd,
      concluded,
      reopened,
    })),
  ).toEqual(expected);
  expect(expected.reduce((n, m) => n + m.opened, 0)).toBeGreaterThan(0);
  expect(new Set(expected.map((m) => m.openAtEnd)).size).toBeGreaterThan(1);
  for (const m of months) {
    const c = m.concluded as number;
    expect(m.reopenRate).toBe(c > 0 ? (m.reopened as number) / c : null);
  }

  const branch = await api.server.gql(TREND, { from, to: TO, branchId: '1' }, leader);
  const branchMonths = branch.data!.caseBacklogTrend as { opened: number }[];
  expect(
    branchMonths.map(({ month, opened, openAtEnd, concluded, reopened }: Record<string, unknown>) => ({
      month,
      opened,
      openAtEnd,
      concluded,
      reopened,
    })),
  ).toEqual(await trendInPostgres(from, TO, 1));
  expect(branchMonths.reduce((n, m) => n + m.opened, 0)).toBeLessThan(expected.reduce((n, m) => n + m.opened, 0));
});

it('refuses a trend longer than 36 months or an empty period, and officers', async () => {
  const long = await api.server.gql(TREND, { from: '2020-01-01T00:00:00+07:00', to: TO }, leader);
  expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const empty = await api.server.gql(TREND, { from: TO, to: TO }, leader);
  expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const officer = await api.server.gql(TREND, { from: FROM, to: TO }, await api.server.login('officer'));
  expect(officer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});
