import { beforeAll, expect, it } from 'vitest';
import { relayOnce } from '../../api/relay/relay-loop.js';
import { OutboxFactSource } from '../../api/relay/outbox-fact-source.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi({ clock: () => new Date(FIXED_UNTIL.getTime() - 3_600_000) });
const em = () => api.stores.em();
const Q = `query($g: GroupDimension) { caseStatistics(groupBy: $g) { key cases open concluded concludedOnTime substantiated escalated medianHoursToConclude } }`;
let inspector: string;

beforeAll(async () => {
  await rebuildRatingFacts(em(), api.stores.analytics);
  inspector = await api.server.login('inspector');
});

async function postgresByBranch() {
  const rows = await em().execute<Record<string, string>[]>(
    `select responsible_branch_id::text as key, count(*) as cases, count(*) filter (where status <> 'CLOSED') as open,
            count(*) filter (where concluded_at is not null) as concluded,
            count(*) filter (where concluded_at <= conclude_due_at) as on_time,
            count(*) filter (where finding in ('SUBSTANTIATED', 'PARTLY_SUBSTANTIATED')) as substantiated,
            count(*) filter (where escalated_at is not null) as escalated
     from complaint_case group by 1 order by 1`,
  );
  return rows.map((r) => ({
    key: r.key,
    cases: +r.cases,
    open: +r.open,
    concluded: +r.concluded,
    concludedOnTime: +r.on_time,
    substantiated: +r.substantiated,
    escalated: +r.escalated,
  }));
}

it('loads the seeded cases into ClickHouse and counts them as Postgres does', async () => {
  const res = await api.server.gql(Q, { g: 'BRANCH' }, inspector);
  expect(res.errors).toBeUndefined();
  const got = res.data!.caseStatistics.map(({ medianHoursToConclude: _m, ...rest }: any) => rest);
  expect(got).toEqual(await postgresByBranch());
  expect(got.length).toBeGreaterThan(3);
});

it('follows a case through its steps via the relay: the latest state wins', async () => {
  const list = await api.server.gql(
    `{ unratedDeclarations(first: 1) { edges { node { number releasedAt rateableSubjects { kind id } } } } }`,
    {},
    'sqa_demo_declaration_software',
  );
  const node = list.data!.unratedDeclarations.edges[0].node;
  const sent = await api.server.gql(
    'mutation($input: RecordAssessmentInput!) { submitAssessment(input: $input, idempotencyKey: "case-facts-1") { id } }',
    {
      input: {
        declarationNumber: node.number,
        phase: node.releasedAt ? 'AFTER' : 'DURING',
        items: [{ subjectKind: 'BRANCH', subjectId: node.rateableSubjects[0].id, level: 2, reasonCodes: ['SLOW'] }],
      },
    },
    'sqa_demo_declaration_software',
  );
  const [c] = await em().execute<{ id: number }[]>('select id from complaint_case where assessment_id = ?', [
    Number(sent.data!.submitAssessment.id),
  ]);
  const source = new OutboxFactSource(api.stores.db.orm.em);
  await relayOnce(api.stores.analytics, source);
  for (const m of ['acknowledgeCase', 'startCaseVerification'])
    await api.server.gql(`mutation($id: ID!) { ${m}(id: $id) { id } }`, { id: c.id }, inspector);
  await api.server.gql(
    'mutation($id: ID!) { concludeCase(id: $id, input: { finding: SUBSTANTIATED, actions: [TRAINING], note: "Đúng." }) { id } }',
    { id: c.id },
    inspector,
  );
  await relayOnce(api.stores.analytics, source);
  const result = await api.stores.analytics.client.query({
    query:
      'SELECT status, finding, count() AS copies FROM case_facts FINAL WHERE case_id = {id:UInt64} GROUP BY status, finding',
    query_params: { id: Number(c.id) },
    format: 'JSONEachRow',
  });
  expect(await result.json()).toEqual([{ status: 'CONCLUDED', finding: 'SUBSTANTIATED', copies: '1' }]);
  const total = await api.server.gql(Q, {}, inspector);
  const [pg] = await em().execute<{ n: string }[]>('select count(*) as n from complaint_case');
  expect(total.data!.caseStatistics[0].cases).toBe(Number(pg.n));
});

it('counts the cases about one officer, as Postgres does', async () => {
  const [top] = await em().execute<{ officer_id: number; n: string }[]>(
    `select rated_officer_id as officer_id, count(*) as n from complaint_case where rated_officer_id is not null group by 1 order by 2 desc limit 1`,
  );
  const res = await api.server.gql(
    `query($f: CaseStatisticsFilter) { caseStatistics(filter: $f) { cases } }`,
    { f: { officerIds: [String(top.officer_id)] } },
    inspector,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.caseStatistics[0].cases).toBe(Number(top.n));
  const bad = await api.server.gql(
    `query($f: CaseStatisticsFilter) { caseStatistics(filter: $f) { cases } }`,
    { f: { officerIds: ['x'] } },
    inspector,
  );
  expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
