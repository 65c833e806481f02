/**
 * ratingDrillDown by any dimension: a path through a branch and a month down to officers, time
 * children in time order, children by level, channel, phase and subject kind adding up to their
 * node, enterprises for inspection staff only, and bad steps refused. Counts are checked against
 * Postgres.
 */
import { beforeAll, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const em = () => api.stores.em();
let leader: string;
let inspector: string;

beforeAll(async () => {
  await rebuildRatingFacts(em(), api.stores.analytics);
  leader = await api.server.login('leader');
  inspector = await api.server.login('inspector');
});

const Q = `query($path: [DrillStep!]!, $child: GroupDimension) { ratingDrillDown(path: $path, childDimension: $child, minCount: 1) {
  childDimension node { count } children { keys { dimension value label } count belowMinimum } } }`;

const FACTS = `from assessment a join assessment_item i on i.assessment_id = a.id join declaration d on d.id = a.declaration_id where a.status = 'SENT'`;
const rows = (sql: string, params: unknown[] = []) =>
  em().getConnection().execute<Record<string, string>[]>(sql, params);

const APRIL = [new Date('2026-04-01T00:00:00+07:00'), new Date('2026-05-01T00:00:00+07:00')];

it('drills from a branch through a month to its officers, as Postgres counts them', async () => {
  const [{ branch_id: branch }] = await rows(
    `select i.branch_id ${FACTS} group by i.branch_id order by count(*) desc limit 1`,
  );
  const path = [
    { dimension: 'BRANCH', id: String(branch) },
    { dimension: 'MONTH', id: '2026-04-01' },
  ];
  const res = await api.server.gql(Q, { path, child: 'OFFICER' }, leader);
  expect(res.errors).toBeUndefined();
  const d = res.data!.ratingDrillDown;
  expect(d.childDimension).toBe('OFFICER');
  const expected = await rows(
    `select i.subject_id as id, count(*) as n ${FACTS} and i.subject_kind = 'OFFICER' and i.branch_id = ? and a.sent_at >= ? and a.sent_at < ? group by i.subject_id`,
    [Number(branch), ...APRIL],
  );
  expect(expected.length).toBeGreaterThan(0);
  expect(Object.fromEntries(d.children.map((c: any) => [c.keys[0].value, c.count]))).toEqual(
    Object.fromEntries(expected.map((r) => [String(r.id), Number(r.n)])),
  );
  expect(d.children[0].keys[0].label).toBeTruthy();
  const [all] = await rows(`select count(*) as n ${FACTS} and i.branch_id = ? and a.sent_at >= ? and a.sent_at < ?`, [
    Number(branch),
    ...APRIL,
  ]);
  expect(d.node.count).toBe(Number(all.n));
});

it('gives months in time order under a branch, each as Postgres counts it', async () => {
  const res = await api.server.gql(Q, { path: [{ dimension: 'BRANCH', id: '1' }], child: 'MONTH' }, leader);
  expect(res.errors).toBeUndefined();
  const months = res.data!.ratingDrillDown.children.map((c: any) => [c.keys[0].value, c.count]);
  const expected = await rows(
    `select to_char(date_trunc('month', a.sent_at at time zone 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') as m, count(*) as n
     ${FACTS} and i.branch_id = 1 group by 1 order by 1`,
  );
  expect(months).toEqual(expected.map((r) => [r.m, Number(r.n)]));
});

it('splits a node by level, channel, phase and subject kind, the children adding up to it', async () => {
  for (const child of ['LEVEL', 'CHANNEL', 'PHASE', 'SUBJECT_KIND', 'WEEK', 'QUARTER']) {
    const res = await api.server.gql(Q, { path: [{ dimension: 'BRANCH', id: '2' }], child }, leader);
    expect(res.errors, child).toBeUndefined();
    const d = res.data!.ratingDrillDown;
    expect(d.children.length, child).toBeGreaterThan(1);
    expect(
      d.children.reduce((n: number, c: any) => n + c.count, 0),
      child,
    ).toBe(d.node.count);
  }
  const red = await api.server.gql(
    Q,
    {
      path: [
        { dimension: 'CHANNEL', id: 'RED' },
        { dimension: 'LEVEL', id: '5' },
      ],
      child: 'PHASE',
    },
    leader,
  );
  const [expected] = await rows(`select count(*) as n ${FACTS} and d.channel = 'RED' and i.level = 5`);
  expect(red.data!.ratingDrillDown.node.count).toBe(Number(expected.n));
});

it('drills by enterprise for inspection staff only', async () => {
  const path = [{ dimension: 'BRANCH', id: '1' }];
  const refused = await api.server.gql(Q, { path, child: 'ENTERPRISE' }, leader);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const step = await api.server.gql(Q, { path: [{ dimension: 'ENTERPRISE', id: '1' }] }, leader);
  expect(step.errors?.[0].extensions?.code).toBe('FORBIDDEN');

  const res = await api.server.gql(Q, { path, child: 'ENTERPRISE' }, inspector);
  expect(res.errors).toBeUndefined();
  const [top] = await rows(
    `select a.enterprise_id as id, count(*) as n ${FACTS} and i.branch_id = 1 group by 1 order by 2 desc limit 1`,
  );
  const found = res.data!.ratingDrillDown.children.find((c: any) => c.keys[0].value === String(top.id));
  expect(found.count).toBe(Number(top.n));
  expect(found.keys[0].label).toBeTruthy();
});

it('refuses steps that are not what their dimension holds', async () => {
  const bad = [
    [{ dimension: 'LEVEL', id: '7' }],
    [{ dimension: 'CHANNEL', id: 'BLUE' }],
    [{ dimension: 'MONTH', id: '2026-04-15' }],
    [{ dimension: 'WEEK', id: '2026-04-01' }],
    [{ dimension: 'QUARTER', id: '2026-02-01' }],
    [
      { dimension: 'BRANCH', id: '1' },
      { dimension: 'BRANCH', id: '2' },
    ],
  ];
  for (const path of bad) {
    const res = await api.server.gql(Q, { path }, leader);
    expect(res.errors?.[0].extensions?.code, JSON.stringify(path)).toBe('BAD_USER_INPUT');
  }
  const again = await api.server.gql(Q, { path: [{ dimension: 'MONTH', id: '2026-04-01' }], child: 'MONTH' }, leader);
  expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});
