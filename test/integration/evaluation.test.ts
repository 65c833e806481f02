import { beforeAll, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const em = () => api.stores.em();
const FROM = '2026-01-01T00:00:00+07:00';
const TO = '2026-07-01T00:00:00+07:00';
const Q = `query($unit: GroupDimension!, $from: DateTimeISO!, $to: DateTimeISO!) { evaluationScorecards(unit: $unit, from: $from, to: $to) {
  unit { value label } ratings { count csat shrunkMean belowMinimum } cases substantiated concluded concludedOnTime timeliness } }`;

let inspector: string;
beforeAll(async () => {
  await rebuildRatingFacts(em(), api.stores.analytics);
  inspector = await api.server.login('inspector');
});

it("puts each branch's ratings beside its cases and their timeliness for a half-year", async () => {
  const res = await api.server.gql(Q, { unit: 'BRANCH', from: FROM, to: TO }, inspector);
  expect(res.errors).toBeUndefined();
  const cards = res.data!.evaluationScorecards;
  expect(cards.length).toBeGreaterThanOrEqual(8);
  const rows = await em().execute<
    { branch: number; cases: string; substantiated: string; concluded: string; on_time: string }[]
  >(
    `select responsible_branch_id as branch, count(*) as cases,
            count(*) filter (where finding in ('SUBSTANTIATED', 'PARTLY_SUBSTANTIATED')) as substantiated,
            count(*) filter (where concluded_at is not null) as concluded,
            count(*) filter (where concluded_at <= conclude_due_at) as on_time
     from complaint_case where opened_at >= ? and opened_at < ? group by 1`,
    [new Date(FROM), new Date(TO)],
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    const card = cards.find((c: any) => c.unit.value === String(r.branch));
    expect(card).toMatchObject({
      cases: Number(r.cases),
      substantiated: Number(r.substantiated),
      concluded: Number(r.concluded),
      concludedOnTime: Number(r.on_time),
    });
    expect(card.unit.label).toMatch(/^Chi cục/);
  }
  const [items] = await em().execute<{ n: string }[]>(
    `select count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id where a.status = 'SENT' and a.sent_at >= ? and a.sent_at < ?`,
    [new Date(FROM), new Date(TO)],
  );
  expect(cards.reduce((n: number, c: any) => n + c.ratings.count, 0)).toBe(Number(items.n));
});

it('gives an officer only its own scorecard', async () => {
  const officer = await api.server.login('officer');
  const res = await api.server.gql(Q, { unit: 'OFFICER', from: FROM, to: TO }, officer);
  expect(res.errors).toBeUndefined();
  expect(res.data!.evaluationScorecards.map((c: any) => c.unit.value)).toEqual(['1']);
});

it("compares each unit with its previous period on request: the previous card is that period's own", async () => {
  const Q2 = { from: '2026-04-01T00:00:00+07:00', to: '2026-07-01T00:00:00+07:00' };
  const Q1 = { from: '2026-01-01T00:00:00+07:00', to: '2026-04-01T00:00:00+07:00' };
  const CARD =
    'unit { value } ratings { count shrunkMean belowMinimum } cases substantiated concluded concludedOnTime timeliness';
  const WITH = `query($unit: GroupDimension!, $from: DateTimeISO!, $to: DateTimeISO!) {
    evaluationScorecards(unit: $unit, from: $from, to: $to, withPrevious: true) { ${CARD} previous { ${CARD} previous { cases } } } }`;
  const WITHOUT = `query($unit: GroupDimension!, $from: DateTimeISO!, $to: DateTimeISO!) { evaluationScorecards(unit: $unit, from: $from, to: $to) { ${CARD} previous { cases } } }`;
  for (const unit of ['BRANCH', 'TEAM']) {
    const compared = await api.server.gql(WITH, { unit, ...Q2 }, inspector);
    expect(compared.errors).toBeUndefined();
    const q1 = new Map(
      (await api.server.gql(WITHOUT, { unit, ...Q1 }, inspector)).data!.evaluationScorecards.map((c: any) => [
        c.unit.value,
        c,
      ]),
    );
    const cards = compared.data!.evaluationScorecards;
    expect(cards.filter((c: any) => c.previous !== null).length).toBeGreaterThan(0);
    for (const card of cards) {
      const before = q1.get(card.unit.value) as any;
      if (!before) {
        expect(card.previous).toBeNull();
        continue;
      }
      // One level deep only, and the same figures as asking for Q1 itself.
      expect(card.previous).toEqual({ ...before, previous: null });
    }
  }
  const plain = await api.server.gql(WITHOUT, { unit: 'BRANCH', ...Q2 }, inspector);
  expect(plain.data!.evaluationScorecards.length).toBeGreaterThan(0);
  expect(plain.data!.evaluationScorecards.every((c: any) => c.previous === null)).toBe(true);
});
