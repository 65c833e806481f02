import { beforeAll, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const em = () => api.stores.em();
let leader: string;

beforeAll(async () => {
  await rebuildRatingFacts(em(), api.stores.analytics);
  leader = await api.server.login('leader');
});

const FROM = '2026-04-01T00:00:00+07:00';
const TO = '2026-07-01T00:00:00+07:00';

it("gives the quarter's figures, the previous quarter's, and the response rate, as Postgres counts them", async () => {
  const res = await api.server.gql(
    `query($from: DateTimeISO!, $to: DateTimeISO!) { ratingKpis(from: $from, to: $to) {
      previousFrom forms releasedDeclarations ratedDeclarations responseRate previousForms previousResponseRate
      current { count csat mean } previous { count } } }`,
    { from: FROM, to: TO },
    leader,
  );
  expect(res.errors).toBeUndefined();
  const k = res.data!.ratingKpis;
  expect(new Date(k.previousFrom).toISOString()).toBe(new Date('2026-01-01T00:00:00+07:00').toISOString());
  const count = async (sql: string, params: unknown[]) =>
    Number((await em().execute<{ n: string }[]>(sql, params))[0].n);
  const items = `select count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id where a.status = 'SENT' and a.sent_at >= ? and a.sent_at < ?`;
  expect(k.current.count).toBe(await count(items, [new Date(FROM), new Date(TO)]));
  expect(k.previous.count).toBe(await count(items, [new Date(k.previousFrom), new Date(FROM)]));
  expect(k.forms).toBe(
    await count(`select count(*) as n from assessment where status = 'SENT' and sent_at >= ? and sent_at < ?`, [
      new Date(FROM),
      new Date(TO),
    ]),
  );
  const released = await count('select count(*) as n from declaration where released_at >= ? and released_at < ?', [
    new Date(FROM),
    new Date(TO),
  ]);
  expect(k.releasedDeclarations).toBe(released);
  expect(k.responseRate).toBeCloseTo(k.ratedDeclarations / released, 12);
  // The previous period's forms and response rate, as Postgres counts them.
  const previous = [new Date(k.previousFrom), new Date(FROM)];
  expect(k.previousForms).toBe(
    await count(
      `select count(*) as n from assessment where status = 'SENT' and sent_at >= ? and sent_at < ?`,
      previous,
    ),
  );
  const releasedBefore = await count(
    'select count(*) as n from declaration where released_at >= ? and released_at < ?',
    previous,
  );
  const ratedBefore = await count(
    `select count(*) as n from declaration d where d.released_at >= ? and d.released_at < ? and exists (select 1 from assessment a where a.declaration_id = d.id and a.status = 'SENT')`,
    previous,
  );
  expect(releasedBefore).toBeGreaterThan(0);
  expect(k.previousResponseRate).toBeCloseTo(ratedBefore / releasedBefore, 12);
  expect(k.responseRate).toBeGreaterThan(0.2);
});

it('ranks branches by shrunk mean, the best first, small groups last', async () => {
  const res = await api.server.gql(
    `{ ratingRanking(dimension: BRANCH, order: BEST, first: 20, minCount: 30) { keys { value label } count shrunkMean belowMinimum } }`,
    {},
    leader,
  );
  expect(res.errors).toBeUndefined();
  const rows = res.data!.ratingRanking;
  expect(rows.length).toBeGreaterThan(3);
  expect(rows[0].keys[0].label).toMatch(/^Chi cục/);
  const ranked = rows.filter((r: any) => !r.belowMinimum);
  for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].shrunkMean).toBeGreaterThanOrEqual(ranked[i].shrunkMean);
  // With the minimum at the median branch's count, some branches fall below it: they come last.
  const median = [...rows.map((r: any) => r.count)].sort((a, b) => a - b)[Math.floor(rows.length / 2)];
  const split = (
    await api.server.gql(
      `query($m: Int!) { ratingRanking(dimension: BRANCH, order: BEST, first: 20, minCount: $m) { count belowMinimum } }`,
      { m: median },
      leader,
    )
  ).data!.ratingRanking;
  const firstSmall = split.findIndex((r: any) => r.belowMinimum);
  expect(firstSmall).toBeGreaterThan(0);
  expect(split.slice(firstSmall).every((r: any) => r.belowMinimum && r.count < median)).toBe(true);
  expect(split.slice(0, firstSmall).every((r: any) => r.count >= median)).toBe(true);
  const worst = await api.server.gql(
    `{ ratingRanking(dimension: BRANCH, order: WORST, first: 1, minCount: 30) { keys { value } } }`,
    {},
    leader,
  );
  expect(worst.data!.ratingRanking[0].keys[0].value).toBe(ranked.at(-1).keys[0].value);
});

it('drills from the department to a branch to a team, with breadcrumbs and children that add up', async () => {
  const Q = `query($path: [DrillStep!]!) { ratingDrillDown(path: $path, minCount: 1) {
    breadcrumbs { dimension value label } childDimension node { count } children { keys { dimension value label } count } } }`;
  const top = await api.server.gql(Q, { path: [{ dimension: 'DEPARTMENT', id: '1' }] }, leader);
  expect(top.errors).toBeUndefined();
  const d = top.data!.ratingDrillDown;
  expect(d.breadcrumbs).toEqual([{ dimension: 'DEPARTMENT', value: '1', label: 'Cục Hải quan thành phố Hải Phòng' }]);
  expect(d.childDimension).toBe('BRANCH');
  expect(d.children.reduce((n: number, c: any) => n + c.count, 0)).toBe(d.node.count);
  const branch = d.children[0].keys[0].value;
  const down = await api.server.gql(
    Q,
    {
      path: [
        { dimension: 'DEPARTMENT', id: '1' },
        { dimension: 'BRANCH', id: branch },
      ],
    },
    leader,
  );
  const b = down.data!.ratingDrillDown;
  expect(b.node.count).toBe(d.children[0].count);
  expect(b.childDimension).toBe('TEAM');
  expect(b.children.length).toBeGreaterThan(0);
  expect(b.children.every((c: any) => c.keys[0].label?.startsWith('Đội'))).toBe(true);
  const [teamItems] = await em().execute<{ n: string }[]>(
    `select count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id where a.status = 'SENT' and i.branch_id = ? and i.team_id is not null`,
    [Number(branch)],
  );
  expect(b.children.reduce((n: number, c: any) => n + c.count, 0)).toBe(Number(teamItems.n));
  const bad = await api.server.gql(Q, { path: [{ dimension: 'LEVEL', id: '7' }] }, leader);
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

it('refuses a request that fans out into too many statistics scans, before running any', async () => {
  const aliases = Array.from(
    { length: 21 },
    (_, i) => `s${i}: ratingStatistics(groupBy: [MONTH]) { overall { count } }`,
  ).join('\n');
  const res = await api.server.gql(`{ ${aliases} }`, {}, leader);
  expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  expect(res.data ?? null).toBeNull();
  const fine = await api.server.gql(
    `{ a: ratingStatistics(groupBy: [MONTH]) { overall { count } } b: ratingKpis(from: "${FROM}", to: "${TO}") { forms } }`,
    {},
    leader,
  );
  expect(fine.errors).toBeUndefined();
});
