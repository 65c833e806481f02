import { beforeAll, expect, it } from 'vitest';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const em = () => api.stores.em();
const LOOKUP = `query($filter: AssessmentFilter, $after: String) {
  assessments(first: 100, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id sentAt items { level subject { kind id } } } } } }`;

let inspector: string;
beforeAll(async () => {
  inspector = await api.server.login('inspector');
});

async function allPages(filter: Record<string, unknown>, token = inspector) {
  const ids: string[] = [];
  let after: string | null = null;
  let total: number | undefined;
  do {
    const res: any = await api.server.gql(LOOKUP, { filter, after }, token);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    total = res.data.assessments.totalCount;
    ids.push(...res.data.assessments.edges.map((e: any) => e.node.id));
    after = res.data.assessments.pageInfo.hasNextPage ? res.data.assessments.pageInfo.endCursor : null;
  } while (after);
  expect(ids.length).toBe(total);
  return ids.map(Number).sort((a, b) => a - b);
}

it('finds the forms in which one officer was rated 1–2★, as Postgres does', async () => {
  const [officer] = await em().execute<{ id: number }[]>(
    `select subject_id as id from assessment_item where subject_kind = 'OFFICER' and level <= 2 group by subject_id order by count(*) desc limit 1`,
  );
  const expected = await em().execute<{ id: number }[]>(
    `select distinct assessment_id as id from assessment_item where subject_kind = 'OFFICER' and subject_id = ? and level in (1, 2) order by 1`,
    [officer.id],
  );
  expect(await allPages({ officerId: String(officer.id), levels: [1, 2] })).toEqual(expected.map((r) => Number(r.id)));
});

it('combines a period, a branch and a stage, paging without gaps', async () => {
  const from = '2026-03-01T00:00:00+07:00';
  const to = '2026-05-01T00:00:00+07:00';
  const expected = await em().execute<{ id: number }[]>(
    `select distinct a.id from assessment a join assessment_item i on i.assessment_id = a.id
     where a.sent_at >= ? and a.sent_at < ? and i.branch_id = 2 and i.stage_id = 3 order by 1`,
    [new Date(from), new Date(to)],
  );
  expect(await allPages({ sentFrom: from, sentTo: to, branchId: '2', stageId: '3' })).toEqual(
    expected.map((r) => Number(r.id)),
  );
});

it("finds one form by id, and one enterprise's forms for inspection staff only", async () => {
  const [form] = await em().execute<{ id: number; enterprise_id: number }[]>(
    'select id, enterprise_id from assessment order by id desc limit 1',
  );
  expect(await allPages({ formId: String(form.id) })).toEqual([Number(form.id)]);
  const [count] = await em().execute<{ n: string }[]>('select count(*) as n from assessment where enterprise_id = ?', [
    form.enterprise_id,
  ]);
  expect((await allPages({ enterpriseId: String(form.enterprise_id) })).length).toBe(Number(count.n));
  const supervisor = await api.server.login('supervisor');
  const refused = await api.server.gql(LOOKUP, { filter: { enterpriseId: String(form.enterprise_id) } }, supervisor);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});
