/**
 * What the enterprise page reads: one enterprise by id, its cases (a filter only inspection staff
 * may use, since it says who rated), and its part in the surveys (inspection staff, and the
 * enterprise about itself only).
 */
import { beforeAll, expect, it } from 'vitest';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
let inspector: string;
let enterpriseId: string;

const CASES = 'query($id: ID!) { cases(first: 5, filter: { enterpriseId: $id }) { totalCount edges { node { id } } } }';
const SURVEYS = 'query($id: ID!) { enterprise(id: $id) { name surveyParticipation { campaign { id } status } } }';

beforeAll(async () => {
  inspector = await api.server.login('inspector');
  const [row] = await api.stores
    .em()
    .execute<{ enterprise_id: number }[]>(
      `select enterprise_id from complaint_case group by 1 order by count(*) desc, 1 limit 1`,
    );
  enterpriseId = String(row.enterprise_id);
});

it("lists an enterprise's cases for inspection staff, as many as Postgres holds, and refuses the filter to others", async () => {
  const res = await api.server.gql(CASES, { id: enterpriseId }, inspector);
  expect(res.errors).toBeUndefined();
  const [count] = await api.stores
    .em()
    .execute<{ n: string }[]>(`select count(*) as n from complaint_case where enterprise_id = ?`, [
      Number(enterpriseId),
    ]);
  expect(res.data!.cases.totalCount).toBe(Number(count.n));
  expect(Number(count.n)).toBeGreaterThan(0);
  for (const login of ['leader', 'supervisor']) {
    const refused = await api.server.gql(CASES, { id: enterpriseId }, await api.server.login(login));
    expect(refused.errors?.[0].extensions?.code, login).toBe('FORBIDDEN');
  }
});

it('shows survey participation to inspection staff and to the enterprise about itself, never to others', async () => {
  const seen = await api.server.gql(SURVEYS, { id: enterpriseId }, inspector);
  expect(seen.errors).toBeUndefined();
  const [campaigns] = await api.stores.em().execute<{ n: string }[]>(`select count(*) as n from survey_campaign`);
  expect(seen.data!.enterprise.surveyParticipation).toHaveLength(Math.min(20, Number(campaigns.n)));
  const [answered] = await api.stores
    .em()
    .execute<{ n: string }[]>(
      `select count(*) as n from survey_response where enterprise_id = ? and status = 'SUBMITTED'`,
      [Number(enterpriseId)],
    );
  const submitted = (seen.data!.enterprise.surveyParticipation as { status: string | null }[]).filter(
    (p) => p.status === 'SUBMITTED',
  );
  expect(submitted.length).toBeLessThanOrEqual(Number(answered.n));

  const leader = await api.server.gql(SURVEYS, { id: enterpriseId }, await api.server.login('leader'));
  expect(leader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const officer = await api.server.gql(
    'query($id: ID!) { enterprise(id: $id) { name } }',
    { id: enterpriseId },
    await api.server.login('officer'),
  );
  expect(officer.data!.enterprise.name).toBeTruthy();

  // The demo enterprise about itself: its own participation, but no other enterprise's.
  const own = await api.server.login('enterprise');
  const [me] = await api.stores
    .em()
    .execute<{ enterprise_id: number }[]>(`select enterprise_id from account where login = 'enterprise'`);
  const declarations = await api.server.gql(
    '{ declarations(first: 1) { edges { node { enterprise { id surveyParticipation { status } } } } } }',
    {},
    own,
  );
  expect(declarations.errors).toBeUndefined();
  expect(declarations.data!.declarations.edges[0].node.enterprise.id).toBe(String(me.enterprise_id));
  const missing = await api.server.gql('query($id: ID!) { enterprise(id: $id) { name } }', { id: '999999' }, inspector);
  expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});
