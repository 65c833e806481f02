// Hostile or mistyped arguments are the caller's mistake (BAD_USER_INPUT, HTTP 400), never an
// internal error: ids that are not whole numbers, NUL characters, variables of the wrong type,
// and fragment explosions that would otherwise hold the server. The full generator is
// test/reliability/bad-input.test.ts; these are its representatives in the main suite.
import { describe, expect, it } from 'vitest';
import { tableCounts } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const ANALYTICS = 'sqa_demo_analytics';

describe('input guard', () => {
  it.each([
    ['branch(id:)', 'query($x: ID!) { branch(id: $x) { id } }', { x: "1' OR '1'='1" }],
    ['a filter id', 'query($x: ID) { teams(filter: { branchId: $x }) { edges { node { id } } } }', { x: '1e309' }],
    [
      'an id list',
      'query($x: [ID!]) { ratingStatistics(filter: { branchIds: $x }) { overall { count } } }',
      { x: ['1', '1.5'] },
    ],
    [
      'a NUL in a search',
      'query($x: String) { branches(filter: { search: $x }) { edges { node { id } } } }',
      { x: 'HP\u0000' },
    ],
    ['a NUL in a declaration number', 'query($x: String!) { declaration(number: $x) { number } }', { x: '\u0000' }],
  ])('refuses %s with BAD_USER_INPUT', async (_label, query, variables) => {
    const token = await api.server.login('leader');
    const res = await api.server.gql(query, variables, token);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res)).not.toMatch(/Internal server error/);
  });

  it('answers a variable of the wrong type as BAD_USER_INPUT with HTTP 400, not a masked 500', async () => {
    const res = await api.server.gql('query($l: Int) { reasons(level: $l) { code } }', { l: 'x' }, ANALYTICS);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('still takes a drill-down step whose id is a month, not a row id', async () => {
    const res = await api.server.gql(
      'query($p: [DrillStep!]!) { ratingDrillDown(path: $p, minCount: 1) { breadcrumbs { value } } }',
      { p: [{ dimension: 'MONTH', id: '2026-05-01' }] },
      ANALYTICS,
    );
    expect(res.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(res.errors ?? [])).not.toMatch(/positive whole ids/);
  });

  it('refuses a fragment explosion at once, and writes nothing', async () => {
    const before = await tableCounts(api.stores.em());
    const fragments = Array.from({ length: 31 }, (_, i) =>
      i === 0 ? 'fragment F0 on Query { departments { id } }' : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`,
    );
    const started = Date.now();
    const res = await api.server.gql(`${fragments.join(' ')} { ...F30 }`, {}, ANALYTICS);
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await tableCounts(api.stores.em())).toEqual(before);
  });

  it.each([
    [
      '10,000 aliases of one field',
      `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: departments { id }`).join(' ')} }`,
    ],
    ['selections nested 5,000 deep', `{ ${'me { '.repeat(5000)}__typename${' }'.repeat(5000)} }`],
    ['a list literal nested 5,000 deep', `{ reasons(level: ${'['.repeat(5000)}1${']'.repeat(5000)}) { code } }`],
  ])('refuses %s before or while parsing, with HTTP 400', async (_label, query) => {
    const started = Date.now();
    const res = await api.server.gql(query, {}, ANALYTICS);
    expect(['GRAPHQL_PARSE_FAILED', 'QUERY_TOO_COMPLEX']).toContain(res.errors?.[0].extensions?.code);
    expect(res.errors?.[0].message).toMatch(/more tha[nt] 5000 tokens|nests brackets more than 64 deep/);
    expect(res.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("answers a subscription (the schema has none) as the caller's mistake", async () => {
    const res = await api.server.gql('subscription { x }', {}, ANALYTICS);
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0].extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  });
});
