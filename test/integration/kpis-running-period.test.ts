/**
 * A period still running is marked as such and compared like for like: with the clock on
 * 20 May 2026 10:00 (Hải Phòng), the second quarter runs, and its previous figures stop at
 * 20 February 10:00, as Postgres counts them.
 */
import { beforeAll, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { useSeededApi } from '../support/server.js';

const now = new Date('2026-05-20T10:00:00+07:00');
const api = useSeededApi({ clock: () => now });
const em = () => api.stores.em();
let leader: string;

beforeAll(async () => {
  await rebuildRatingFacts(em(), api.stores.analytics);
  leader = await api.server.login('leader');
});

const KPIS = `query($from: DateTimeISO!, $to: DateTimeISO!, $filter: RatingFilterInput) { ratingKpis(from: $from, to: $to, filter: $filter) {
  previousFrom previousTo isRunning comparedUntil previousForms previous { count } current { count } } }`;

const items = async (from: Date, to: Date) => {
  const [row] = await em().execute<{ n: string }[]>(
    `select count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id where a.status = 'SENT' and a.sent_at >= ? and a.sent_at < ?`,
    [from, to],
  );
  return Number(row.n);
};

it('marks the running quarter and compares it with the same elapsed part of the previous one', async () => {
  const res = await api.server.gql(
    KPIS,
    { from: '2026-04-01T00:00:00+07:00', to: '2026-07-01T00:00:00+07:00' },
    leader,
  );
  expect(res.errors).toBeUndefined();
  const k = res.data!.ratingKpis;
  expect(k.isRunning).toBe(true);
  expect(new Date(k.comparedUntil)).toEqual(now);
  expect(new Date(k.previousFrom)).toEqual(new Date('2026-01-01T00:00:00+07:00'));
  expect(new Date(k.previousTo)).toEqual(new Date('2026-02-20T10:00:00+07:00'));
  const previous = await items(new Date(k.previousFrom), new Date(k.previousTo));
  expect(previous).toBeGreaterThan(0);
  expect(k.previous.count).toBe(previous);
  expect(previous).toBeLessThan(await items(new Date(k.previousFrom), new Date('2026-04-01T00:00:00+07:00')));
});

it('compares a finished quarter whole', async () => {
  const res = await api.server.gql(
    KPIS,
    { from: '2026-01-01T00:00:00+07:00', to: '2026-04-01T00:00:00+07:00' },
    leader,
  );
  const k = res.data!.ratingKpis;
  expect(k.isRunning).toBe(false);
  expect(new Date(k.previousTo)).toEqual(new Date('2026-01-01T00:00:00+07:00'));
  expect(new Date(k.comparedUntil)).toEqual(new Date('2026-04-01T00:00:00+07:00'));
});

it.each([
  ['levels', { levels: [5] }],
  ['subject kinds', { subjectKinds: ['OFFICER'] }],
  ['a period inside the filter', { from: '2026-02-01T00:00:00Z' }],
])('refuses %s, which a response rate cannot honour, with BAD_USER_INPUT', async (_label, filter) => {
  const res = await api.server.gql(
    KPIS,
    { from: '2026-01-01T00:00:00+07:00', to: '2026-04-01T00:00:00+07:00', filter },
    leader,
  );
  expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

it('gives a set of enterprises their own response rate', async () => {
  const admin = await api.server.login('admin');
  const [from, to] = [new Date('2026-01-01T00:00:00+07:00'), new Date('2026-04-01T00:00:00+07:00')];
  const rated = await em().execute<{ id: number }[]>(
    `select distinct d.enterprise_id as id from declaration d join assessment a on a.declaration_id = d.id and a.status = 'SENT'
     where d.released_at >= ? and d.released_at < ? order by 1 limit 5`,
    [from, to],
  );
  const ids = rated.map((r) => Number(r.id));
  const res = await api.server.gql(
    `query($from: DateTimeISO!, $to: DateTimeISO!, $filter: RatingFilterInput) { ratingKpis(from: $from, to: $to, filter: $filter) { releasedDeclarations ratedDeclarations responseRate } }`,
    { from: from.toISOString(), to: to.toISOString(), filter: { enterpriseIds: ids.map(String) } },
    admin,
  );
  expect(res.errors).toBeUndefined();
  const [own] = await em().execute<{ released: string; rated: string }[]>(
    `select count(*) as released, count(*) filter (where exists (select 1 from assessment a where a.declaration_id = d.id and a.status = 'SENT')) as rated
     from declaration d where d.enterprise_id in (?) and d.released_at >= ? and d.released_at < ?`,
    [ids, from, to],
  );
  expect(res.data!.ratingKpis).toEqual({
    releasedDeclarations: Number(own.released),
    ratedDeclarations: Number(own.rated),
    responseRate: Number(own.rated) / Number(own.released),
  });
});
