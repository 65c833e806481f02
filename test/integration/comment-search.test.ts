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

/** The normalisation written again in JavaScript, for the independent count. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

it("ranks the terms of a branch's comments against the rest of its department's, as counted from Postgres", async () => {
  const res = await api.server.gql(
    `{ distinctiveCommentTerms(path: [{ dimension: DEPARTMENT, id: "1" }, { dimension: BRANCH, id: "1" }], first: 100) {
      ratings restRatings terms { term count restCount logOdds z } } }`,
    {},
    inspector,
  );
  expect(res.errors).toBeUndefined();
  const got = res.data!.distinctiveCommentTerms;
  const rows = await api.stores.em().execute<{ branch: number; comment: string }[]>(
    `select i.branch_id as branch, i.comment from assessment_item i join assessment a on a.id = i.assessment_id
       join branch b on b.id = i.branch_id where a.status = 'SENT' and b.department_id = 1 and i.comment is not null`,
  );
  const unit = new Map<string, number>();
  const rest = new Map<string, number>();
  let ratings = 0;
  let restRatings = 0;
  for (const r of rows) {
    const words = normalise(r.comment).split(' ').filter(Boolean);
    if (words.length === 0) continue;
    const mine = Number(r.branch) === 1;
    if (mine) ratings++;
    else restRatings++;
    const bigrams = new Set(words.slice(1).map((w, i) => `${words[i]} ${w}`));
    for (const b of bigrams) (mine ? unit : rest).set(b, ((mine ? unit : rest).get(b) ?? 0) + 1);
  }
  expect(got.ratings).toBe(ratings);
  expect(got.restRatings).toBe(restRatings);
  const expected = [...unit.entries()]
    .filter(([, n]) => n >= 2)
    .map(([term, n]) => {
      const [a, b, c, d] = [
        n + 0.5,
        ratings - n + 0.5,
        (rest.get(term) ?? 0) + 0.5,
        restRatings - (rest.get(term) ?? 0) + 0.5,
      ];
      const logOdds = Math.log((a * d) / (b * c));
      return {
        term,
        count: n,
        restCount: rest.get(term) ?? 0,
        logOdds,
        z: logOdds / Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d),
      };
    })
    .sort((x, y) => y.z - x.z || x.term.localeCompare(y.term))
    .slice(0, 100);
  expect(got.terms.length).toBeGreaterThan(0);
  expect(got.terms.map((t: any) => t.term)).toEqual(expected.map((t) => t.term));
  for (const [i, t] of got.terms.entries()) {
    expect(t.count).toBe(expected[i].count);
    expect(t.restCount).toBe(expected[i].restCount);
    expect(t.z).toBeCloseTo(expected[i].z, 9);
  }
  // The link to the comments: the term as a search finds exactly the unit's ratings that use it.
  const top = got.terms[0];
  const found = await search(top.term, inspector, { branchIds: ['1'] });
  expect(found.totalCount).toBeGreaterThanOrEqual(top.count);
});
