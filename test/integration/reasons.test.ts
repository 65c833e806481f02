/** ratingReasons: reason counts from ClickHouse against Postgres, within each viewer's scope. */
import { beforeAll, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const em = () => api.stores.em();
const FROM = '2026-01-01T00:00:00+07:00';
const TO = '2026-07-01T00:00:00+07:00';
const REASONS = `query($filter: RatingFilterInput) { ratingReasons(filter: $filter) { code count reason { code nameVi nameEn } } }`;

beforeAll(async () => {
  await rebuildRatingFacts(em(), api.stores.analytics);
});

async function postgresCounts(extra: string, params: unknown[]): Promise<Record<string, number>> {
  const rows = await em().execute<{ code: string; n: string }[]>(
    `select code, count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id, unnest(i.reason_codes) as code
     where a.status = 'SENT' and a.sent_at >= ? and a.sent_at < ? ${extra} group by code`,
    [new Date(FROM), new Date(TO), ...params],
  );
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.n)]));
}

it('counts every reason of the period as Postgres does, most frequent first, with its names', async () => {
  const res = await api.server.gql(REASONS, { filter: { from: FROM, to: TO } }, await api.server.login('leader'));
  expect(res.errors).toBeUndefined();
  const rows = res.data!.ratingReasons as { code: string; count: number; reason: { nameVi: string } | null }[];
  expect(rows.length).toBeGreaterThan(3);
  expect(Object.fromEntries(rows.map((r) => [r.code, r.count]))).toEqual(await postgresCounts('', []));
  expect(rows.map((r) => r.count)).toEqual([...rows.map((r) => r.count)].sort((a, b) => b - a));
  expect(rows.every((r) => r.reason && r.reason.nameVi.length > 0)).toBe(true);
});

it('narrows by level and branch like every statistics filter', async () => {
  const res = await api.server.gql(
    REASONS,
    { filter: { from: FROM, to: TO, levels: [1, 2], branchIds: ['1'] } },
    await api.server.login('leader'),
  );
  expect(res.errors).toBeUndefined();
  const got = Object.fromEntries(
    res.data!.ratingReasons.map((r: { code: string; count: number }) => [r.code, r.count]),
  );
  expect(got).toEqual(await postgresCounts('and i.level in (1, 2) and i.branch_id = ?', [1]));
  expect(Object.keys(got).length).toBeGreaterThan(0);
});

it('gives an officer only the reasons about themselves, and refuses the enterprise filter to non-inspectors', async () => {
  const officer = await api.server.login('officer');
  const own = await api.server.gql(REASONS, { filter: { from: FROM, to: TO } }, officer);
  expect(own.errors).toBeUndefined();
  const got = Object.fromEntries(
    own.data!.ratingReasons.map((r: { code: string; count: number }) => [r.code, r.count]),
  );
  // About oneself, reasons come only out of at least PRIVACY_MIN_GROUP (5) ratings (small-groups.test.ts).
  const [{ n }] = await em().execute<{ n: string }[]>(
    `select count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id
     where a.status = 'SENT' and a.sent_at >= ? and a.sent_at < ? and i.subject_kind = 'OFFICER' and i.subject_id = 1`,
    [new Date(FROM), new Date(TO)],
  );
  const counts = await postgresCounts(`and i.subject_kind = 'OFFICER' and i.subject_id = ?`, [1]);
  expect(got).toEqual(Number(n) >= api.stores.config.privacy.minGroup ? counts : {});
  const other = await api.server.gql(REASONS, { filter: { from: FROM, to: TO, officerIds: ['2'] } }, officer);
  expect(other.data!.ratingReasons).toEqual([]);
  const byEnterprise = await api.server.gql(
    REASONS,
    { filter: { enterpriseIds: ['1'] } },
    await api.server.login('supervisor'),
  );
  expect(byEnterprise.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const anonymous = await api.server.gql(REASONS, {});
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
