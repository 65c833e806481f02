import { describe, expect, it } from 'vitest';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();

describe('catalog queries', () => {
  it('returns branches with their teams and counts, as seeded', async () => {
    const res = await api.server.gql(
      `{ departments { code branches { code declarationCount teams { code officerCount } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const [department] = res.data!.departments;
    expect(department.code).toBe('HP');
    expect(department.branches.length).toBeGreaterThanOrEqual(8);
    const [expected] = await api.stores
      .em()
      .getConnection()
      .execute<{ n: string }[]>(
        `select count(*) as n from declaration d join branch b on b.id = d.branch_id where b.code = 'HPKV1'`,
      );
    const kv1 = department.branches.find((b: { code: string }) => b.code === 'HPKV1');
    expect(kv1.declarationCount).toBe(Number(expected.n));
    expect(kv1.teams.map((t: { code: string }) => t.code)).toContain('HPKV1-TT');
    const officers = department.branches
      .flatMap((b: any) => b.teams)
      .reduce((n: number, t: any) => n + t.officerCount, 0);
    const [current] = await api.stores
      .em()
      .getConnection()
      .execute<{ n: string }[]>('select count(*) as n from officer_assignment where valid_to is null');
    expect(officers).toBe(Number(current.n));
  });

  it('lists stages in clearance order with both languages', async () => {
    const res = await api.server.gql(`{ stages { code nameVi nameEn sortOrder } }`);
    const stages = res.data!.stages;
    expect(stages.length).toBeGreaterThanOrEqual(12);
    expect(stages[0].code).toBe('TNHS');
    expect(stages.find((s: any) => s.code === 'KTTT')).toMatchObject({
      nameVi: 'Kiểm tra thực tế hàng hóa',
      nameEn: 'Physical inspection of goods',
    });
    expect(stages.map((s: any) => s.sortOrder)).toEqual([...stages.map((s: any) => s.sortOrder)].sort((a, b) => a - b));
  });

  it('pages through officers with cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 50; guard++) {
      const res: any = await api.server.gql(
        `query($after: String) { officers(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id code } } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const page = res.data.officers;
      total = page.totalCount;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(total).toBe(405);
  });

  it('filters officers by their current team', async () => {
    const teams = await api.server.gql(
      `{ teams(first: 1, filter: { search: "HPDV-KT" }) { edges { node { id code officerCount officers { id } } } } }`,
    );
    const team = teams.data!.teams.edges[0].node;
    const res = await api.server.gql(
      `query($t: ID) { officers(first: 100, filter: { teamId: $t }) { totalCount edges { node { id currentTeam { code } } } } }`,
      { t: team.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.officers.totalCount).toBe(team.officerCount);
    expect(res.data!.officers.edges.map((e: any) => e.node.currentTeam.code)).toEqual(
      Array(team.officerCount).fill('HPDV-KT'),
    );
    expect(res.data!.officers.edges.map((e: any) => e.node.id).sort()).toEqual(
      team.officers.map((o: any) => o.id).sort(),
    );
  });

  it('keeps team history: a moved officer has two assignments, the old one closed', async () => {
    const [row] = await api.stores
      .em()
      .getConnection()
      .execute<{ officer_id: number }[]>(
        'select officer_id from officer_assignment group by officer_id having count(*) = 2 limit 1',
      );
    const res = await api.server.gql(
      `query($id: ID!) { officer(id: $id) { assignments { validFrom validTo team { code } } currentTeam { code } } }`,
      { id: row.officer_id },
    );
    const { assignments, currentTeam } = res.data!.officer;
    expect(assignments).toHaveLength(2);
    expect(assignments[0].validTo).not.toBeNull();
    expect(assignments[1].validTo).toBeNull();
    expect(currentTeam.code).toBe(assignments[1].team.code);
  });
});

describe('bad input and limits', () => {
  it('refuses a page larger than 100 with BAD_USER_INPUT', async () => {
    const res = await api.server.gql(`{ branches(first: 101) { edges { node { id } } } }`);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/first/);
  });

  it('refuses a forged cursor with BAD_USER_INPUT', async () => {
    const res = await api.server.gql(`{ branches(first: 5, after: "not-a-cursor") { edges { node { id } } } }`);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const res = await api.server.gql(`{ branch(id: 99999) { code } }`);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('asks anonymous callers to authenticate for enterprises, and lets an analytics key read them', async () => {
    const anonymous = await api.server.gql(`{ enterprises(first: 1) { totalCount } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const keyed = await api.server.gql(
      `{ enterprises(first: 1, filter: { search: "Công ty" }) { totalCount } }`,
      {},
      'sqa_demo_analytics',
    );
    expect(keyed.errors).toBeUndefined();
    expect(keyed.data!.enterprises.totalCount).toBeGreaterThan(0);
  });

  it('refuses an unknown API key instead of treating the caller as anonymous', async () => {
    const res = await api.server.gql(`{ stages { code } }`, {}, 'sqa_not_a_key');
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });

  it('refuses queries nested too deep with QUERY_TOO_COMPLEX', async () => {
    const deep = `{ departments { branches { department { branches { department { branches { department { branches { department { branches { department { branches { code } } } } } } } } } } } } }`;
    const res = await api.server.gql(deep);
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.data ?? null).toBeNull();
  });

  it('refuses queries that would cost too much with QUERY_TOO_COMPLEX before running them', async () => {
    const costly = `{ officers(first: 100) { edges { node { assignments { team { branch { teams { officers { code } } } } } } } } }`;
    const res = await api.server.gql(costly);
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0].extensions?.cost).toBeGreaterThan(res.errors?.[0].extensions?.maxCost);
  });

  it('validates filters: a malformed tax code is BAD_USER_INPUT naming the field', async () => {
    const res = await api.server.gql(
      `{ enterprises(first: 1, filter: { taxCode: "12345" }) { totalCount } }`,
      {},
      'sqa_demo_analytics',
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.invalid?.[0]?.field).toBe('taxCode');
  });
});
