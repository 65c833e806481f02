/**
 * Comment search in ClickHouse, with and without diacritics: the same forms are found whichever
 * way the words are typed, and they are the forms Postgres holds with that text; officers may not
 * search, a supervisor finds only its branch's.
 */
import { beforeAll, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const Q = `query($search: String!, $filter: RatingFilterInput, $first: Int) { ratingComments(search: $search, filter: $filter, first: $first) {
  totalCount comments { formId subjectKind subjectId level ratedAt comment } } }`;

let inspector: string;
beforeAll(async () => {
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
  inspector = await api.server.login('inspector');
});

async function search(text: string, token = inspector, filter?: Record<string, unknown>) {
  const res = await api.server.gql(Q, { search: text, filter, first: 100 }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.ratingComments;
}

it('finds the same forms with and without diacritics, in any case, as Postgres holds them', async () => {
  const [row] = await api.stores.em().execute<{ n: string }[]>(
    `select count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id
       where a.status = 'SENT' and i.comment ilike '%kiểm tra hồ sơ%'`,
  );
  expect(Number(row.n)).toBeGreaterThan(0);
  const accented = await search('kiểm tra hồ sơ');
  const plain = await search('kiem tra ho so');
  const shouted = await search('KIỂM  TRA, HỒ SƠ');
  expect(accented.totalCount).toBe(Number(row.n));
  expect(plain.totalCount).toBe(accented.totalCount);
  expect(shouted.totalCount).toBe(accented.totalCount);
  const forms = (r: any) => r.comments.map((c: any) => c.formId);
  expect(forms(plain)).toEqual(forms(accented));
  expect(forms(shouted)).toEqual(forms(accented));
  for (const c of accented.comments) expect(c.comment).toMatch(/kiểm tra hồ sơ/i);
  // Newest first.
  const times = accented.comments.map((c: any) => Date.parse(c.ratedAt));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  // đ is a letter of its own in Vietnamese, but searches as d.
  const [d] = await api.stores.em().execute<{ n: string }[]>(
    `select count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id
       where a.status = 'SENT' and i.comment ilike '%điện thoại%'`,
  );
  expect((await search('dien thoai')).totalCount).toBe(Number(d.n));
});

it('needs every word, and narrows to the filter and the viewer’s scope', async () => {
  expect((await search('kiem tra ho so zzzz')).totalCount).toBe(0);
  const all = await search('kiem tra');
  const ones = await search('kiem tra', inspector, { levels: [1] });
  expect(ones.totalCount).toBeLessThanOrEqual(all.totalCount);
  expect(ones.comments.every((c: any) => c.level === 1)).toBe(true);
  const supervisor = await api.server.login('supervisor');
  const branch = await search('kiem tra', supervisor);
  const [row] = await api.stores.em().execute<{ n: string }[]>(
    `select count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id
       where a.status = 'SENT' and i.branch_id = 1 and i.comment ilike '%kiểm tra%'`,
  );
  expect(branch.totalCount).toBe(Number(row.n));
});

it('is refused to officers and to searches too short or too long', async () => {
  const officer = await api.server.login('officer');
  const refused = await api.server.gql(Q, { search: 'kiem tra' }, officer);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  for (const text of ['k', 'x'.repeat(101)]) {
    const bad = await api.server.gql(Q, { search: text }, inspector);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }
});
