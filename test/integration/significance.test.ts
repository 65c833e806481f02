/**
 * Significance marks against an independent computation: counts of 4–5★ ratings are taken from
 * Postgres (not ClickHouse), the two-proportion z statistic is computed here, and its two-sided
 * p-value by numerical integration of the normal density (not the approximation the API uses).
 */
import { beforeAll, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const Q2 = { from: '2026-04-01T00:00:00+07:00', to: '2026-07-01T00:00:00+07:00' };
const Q1 = { from: '2026-01-01T00:00:00+07:00', to: '2026-04-01T00:00:00+07:00' };
const YEAR = { from: '2025-07-01T00:00:00+07:00', to: '2026-07-01T00:00:00+07:00' };

let token: string;
beforeAll(async () => {
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
  token = await api.server.login('inspector');
});

/** Satisfied (4–5★) and all ratings per branch, sent in [from, to), from Postgres. */
async function countsByBranch(from: string, to: string): Promise<Map<string, { k: number; n: number }>> {
  const rows = await api.stores.em().execute<{ branch: number; k: string; n: string }[]>(
    `select i.branch_id as branch, count(*) filter (where i.level >= 4) as k, count(*) as n
       from assessment_item i join assessment a on a.id = i.assessment_id
       where a.status = 'SENT' and a.sent_at >= ? and a.sent_at < ? group by 1`,
    [new Date(from), new Date(to)],
  );
  return new Map(rows.map((r) => [String(r.branch), { k: Number(r.k), n: Number(r.n) }]));
}

/** Two-sided p-value of z: 2 ∫_|z|^∞ φ, by Simpson's rule on [|z|, |z| + 12]. */
function twoSidedP(z: number): number {
  const a = Math.abs(z);
  const steps = 20_000;
  const h = 12 / steps;
  const phi = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  let sum = phi(a) + phi(a + 12);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 0 ? 2 : 4) * phi(a + i * h);
  return 2 * ((sum * h) / 3);
}

/** Null when the test is undefined: every rating on one side of 4★ in both groups (no variance). */
function expected(k1: number, n1: number, k2: number, n2: number) {
  const p = (k1 + k2) / (n1 + n2);
  if (p === 0 || p === 1) return null;
  const z = (k1 / n1 - k2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  const pValue = twoSidedP(z);
  return { difference: k1 / n1 - k2 / n2, z, pValue, significant: pValue < 0.05 };
}

function expectMark(mark: any, want: ReturnType<typeof expected>) {
  if (want === null) {
    expect(mark).toBeNull();
    return;
  }
  expect(mark.difference).toBeCloseTo(want.difference, 9);
  expect(mark.z).toBeCloseTo(want.z, 9);
  expect(Math.abs(mark.pValue - want.pValue)).toBeLessThan(1e-6);
  expect(mark.significant).toBe(want.significant);
}

it('marks each drill-down child against the rest of its parent, as the counts say', async () => {
  const res = await api.server.gql(
    `query($filter: RatingFilterInput) { ratingDrillDown(path: [{ dimension: DEPARTMENT, id: "1" }], filter: $filter) {
      children { keys { value } count comparedWithParent { difference z pValue significant } } } }`,
    { filter: YEAR },
    token,
  );
  expect(res.errors).toBeUndefined();
  const counts = await countsByBranch(YEAR.from, YEAR.to);
  const all = [...counts.values()].reduce((a, c) => ({ k: a.k + c.k, n: a.n + c.n }), { k: 0, n: 0 });
  const children = res.data!.ratingDrillDown.children;
  expect(children.length).toBe(counts.size);
  let significant = 0;
  for (const child of children) {
    const c = counts.get(child.keys[0].value)!;
    expect(child.count).toBe(c.n);
    const want = expected(c.k, c.n, all.k - c.k, all.n - c.n);
    expectMark(child.comparedWithParent, want);
    if (want?.significant) significant++;
  }
  expect(children.length).toBeGreaterThan(3);
  // Both marks occur: some branches differ from the rest by more than chance, some do not.
  expect(significant).toBeGreaterThan(0);
  expect(significant).toBeLessThan(children.length);
});

it("marks the period's change against the previous period, on the KPIs and on each scorecard", async () => {
  const kpis = await api.server.gql(
    `query($from: DateTimeISO!, $to: DateTimeISO!) { ratingKpis(from: $from, to: $to) { csatChange { difference z pValue significant } } }`,
    Q2,
    token,
  );
  expect(kpis.errors).toBeUndefined();
  const now = await countsByBranch(Q2.from, Q2.to);
  const before = await countsByBranch(Q1.from, Q1.to);
  const sum = (m: Map<string, { k: number; n: number }>) =>
    [...m.values()].reduce((a, c) => ({ k: a.k + c.k, n: a.n + c.n }), { k: 0, n: 0 });
  const [a, b] = [sum(now), sum(before)];
  expectMark(kpis.data!.ratingKpis.csatChange, expected(a.k, a.n, b.k, b.n));

  const cards = await api.server.gql(
    `query($from: DateTimeISO!, $to: DateTimeISO!) { evaluationScorecards(unit: BRANCH, from: $from, to: $to, withPrevious: true) {
      unit { value } csatChange { difference z pValue significant } } }`,
    Q2,
    token,
  );
  expect(cards.errors).toBeUndefined();
  let marked = 0;
  for (const card of cards.data!.evaluationScorecards) {
    const c = now.get(card.unit.value);
    const p = before.get(card.unit.value);
    if (!c || !p) {
      expect(card.csatChange).toBeNull();
      continue;
    }
    expectMark(card.csatChange, expected(c.k, c.n, p.k, p.n));
    marked++;
  }
  expect(marked).toBeGreaterThan(3);
});
