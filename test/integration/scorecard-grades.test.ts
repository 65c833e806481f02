/**
 * Scorecards fit for a review: an officer's stage-adjusted mean (checked against Postgres: the
 * overall mean plus the officer's mean less what its stages' means predict), and grade bands from
 * the CSAT under thresholds an administrator sets per period (the period's own, else the default).
 */
import { beforeAll, expect, it } from 'vitest';
import { excludedRatingItems } from '../../api/anomalies/anomaly.service.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const Q2 = { from: '2026-04-01T00:00:00+07:00', to: '2026-07-01T00:00:00+07:00' };
const CARDS = `query($from: DateTimeISO!, $to: DateTimeISO!, $unit: GroupDimension!, $min: Int! = 10) {
  evaluationScorecards(unit: $unit, from: $from, to: $to, minCount: $min) { unit { value } ratings { count csat belowMinimum } stageAdjustedMean grade }
}`;
let leader: string;
let admin: string;

beforeAll(async () => {
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
  leader = await api.server.login('leader');
  admin = await api.server.login('admin');
});

it("adjusts each officer's mean for the stages it worked, as Postgres computes it", async () => {
  const res = await api.server.gql(CARDS, { ...Q2, unit: 'OFFICER', min: 2 }, leader);
  expect(res.errors).toBeUndefined();
  const excluded = await excludedRatingItems(api.stores.em(), new Date(Q2.from), new Date(Q2.to));
  const rows = await api.stores.em().execute<{ officer: number; stage: number; n: string; total: string }[]>(
    `select i.subject_id as officer, i.stage_id as stage, count(*) as n, sum(i.level) as total
     from assessment_item i join assessment a on a.id = i.assessment_id
     where a.status = 'SENT' and a.sent_at >= ? and a.sent_at < ? and i.subject_kind = 'OFFICER'
       and not (i.id = any(?::int[]))
     group by 1, 2`,
    [Q2.from, Q2.to, `{${excluded.join(',')}}`],
  );
  const stage = new Map<number, { n: number; sum: number }>();
  let n = 0;
  let sum = 0;
  for (const r of rows) {
    const s = stage.get(r.stage) ?? { n: 0, sum: 0 };
    s.n += Number(r.n);
    s.sum += Number(r.total);
    stage.set(r.stage, s);
    n += Number(r.n);
    sum += Number(r.total);
  }
  const overall = sum / n;
  const expected = new Map<number, number>();
  const officers = new Map<number, { n: number; sum: number; predicted: number }>();
  for (const r of rows) {
    const o = officers.get(r.officer) ?? { n: 0, sum: 0, predicted: 0 };
    const s = stage.get(r.stage)!;
    o.n += Number(r.n);
    o.sum += Number(r.total);
    o.predicted += Number(r.n) * (s.sum / s.n);
    officers.set(r.officer, o);
  }
  for (const [id, o] of officers) expected.set(id, overall + (o.sum - o.predicted) / o.n);

  const cards = res.data!.evaluationScorecards as any[];
  const adjusted = cards.filter((c) => c.stageAdjustedMean !== null);
  expect(adjusted.length).toBeGreaterThan(5);
  for (const c of adjusted) expect(c.stageAdjustedMean).toBeCloseTo(expected.get(Number(c.unit.value))!, 9);
  for (const c of cards.filter((x) => x.ratings.belowMinimum)) expect(c.stageAdjustedMean).toBeNull();
  const branches = await api.server.gql(CARDS, { ...Q2, unit: 'BRANCH' }, leader);
  for (const c of branches.data!.evaluationScorecards as any[]) expect(c.stageAdjustedMean).toBeNull();
});

it('grades every card by its CSAT under the period’s bands, which only administrators set', async () => {
  const grade = (csat: number, b: { excellent: number; good: number; pass: number }) =>
    csat * 100 >= b.excellent ? 'EXCELLENT' : csat * 100 >= b.good ? 'GOOD' : csat * 100 >= b.pass ? 'PASS' : 'FAIL';
  const check = async (bands: { excellent: number; good: number; pass: number }) => {
    const res = await api.server.gql(CARDS, { ...Q2, unit: 'BRANCH' }, leader);
    const cards = res.data!.evaluationScorecards as any[];
    expect(cards.length).toBeGreaterThan(3);
    for (const c of cards)
      expect(c.grade).toBe(c.ratings.count > 0 && !c.ratings.belowMinimum ? grade(c.ratings.csat, bands) : null);
    return new Set(cards.map((c) => c.grade));
  };
  const defaults = await api.server.gql(
    '{ gradeBands(period: "2026-Q2") { period excellent good pass updatedAt } }',
    {},
    leader,
  );
  expect(defaults.data!.gradeBands).toEqual({ period: '*', excellent: 95, good: 90, pass: 80, updatedAt: null });
  await check({ excellent: 95, good: 90, pass: 80 });

  const SET =
    'mutation($e: Float!, $g: Float!, $p: Float!) { setGradeBands(period: "2026-Q2", excellent: $e, good: $g, pass: $p) { period } }';
  expect((await api.server.gql(SET, { e: 99, g: 97, p: 96 }, leader)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await api.server.gql(SET, { e: 80, g: 90, p: 70 }, admin)).errors?.[0].extensions?.code).toBe(
    'BAD_USER_INPUT',
  );
  expect((await api.server.gql(SET, { e: 99, g: 97, p: 96 }, admin)).errors).toBeUndefined();
  const strict = await check({ excellent: 99, good: 97, pass: 96 });
  expect(strict.has('FAIL')).toBe(true);
  // Another period keeps the default.
  const q1 = await api.server.gql('{ gradeBands(period: "2026-Q1") { period excellent } }', {}, leader);
  expect(q1.data!.gradeBands).toEqual({ period: '*', excellent: 95 });
  const [audit] = await api.stores
    .em()
    .execute<{ n: string }[]>(`select count(*) as n from audit_entry where action = 'gradeBands.set'`);
  expect(Number(audit.n)).toBe(1);
});
