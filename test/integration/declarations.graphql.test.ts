import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../../api/auth/viewer.js';
import { tableCounts } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const SYSTEM = 'sqa_demo_system_feed';
const RECORD = `mutation($input: RecordDeclarationInput!) {
  recordDeclaration(input: $input) { number channel status enterprise { taxCode name } branch { code }
    handlingRecords { stage { code } team { code } officer { code } startedAt finishedAt } } }`;

function input(overrides: Record<string, unknown> = {}) {
  return {
    number: '109876543210',
    enterprise: { taxCode: '0209999999', name: 'Công ty TNHH Kiểm Thử' },
    branchCode: 'HPKV1',
    direction: 'IMPORT',
    typeCode: 'A11',
    channel: 'YELLOW',
    status: 'CLEARED',
    registeredAt: '2026-06-15T01:00:00.000Z',
    releasedAt: '2026-06-15T04:00:00.000Z',
    handling: [
      {
        stageCode: 'TNHS',
        teamCode: 'HPKV1-TT',
        officerCode: 'HP00001',
        startedAt: '2026-06-15T01:05:00.000Z',
        finishedAt: '2026-06-15T01:10:00.000Z',
      },
      {
        stageCode: 'KTHS',
        teamCode: 'HPKV1-TT',
        officerCode: 'HP00002',
        startedAt: '2026-06-15T01:20:00.000Z',
        finishedAt: '2026-06-15T02:30:00.000Z',
      },
    ],
    ...overrides,
  };
}

const api = useSeededApi();

describe('recordDeclaration (customs-system feed)', () => {
  it('records a new declaration with its enterprise and handling records', async () => {
    const res = await api.server.gql(RECORD, { input: input() }, SYSTEM);
    expect(res.errors).toBeUndefined();
    const d = res.data!.recordDeclaration;
    expect(d).toMatchObject({
      number: '109876543210',
      channel: 'YELLOW',
      enterprise: { taxCode: '0209999999' },
      branch: { code: 'HPKV1' },
    });
    expect(d.handlingRecords.map((h: any) => h.stage.code)).toEqual(['TNHS', 'KTHS']);
  });

  it('updates on a second send and replaces the handling records', async () => {
    const before = await tableCounts(api.stores.em());
    const res = await api.server.gql(
      RECORD,
      {
        input: input({
          channel: 'RED',
          handling: [
            { stageCode: 'KTTT', teamCode: 'HPKV1-KT', officerCode: 'HP00010', startedAt: '2026-06-15T02:00:00Z' },
          ],
        }),
      },
      SYSTEM,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordDeclaration.channel).toBe('RED');
    expect(res.data!.recordDeclaration.handlingRecords).toHaveLength(1);
    const after = await tableCounts(api.stores.em());
    expect(after.declaration).toBe(before.declaration);
    expect(after.handling_record).toBe(before.handling_record - 1);
    expect(after.enterprise).toBe(before.enterprise);
  });

  it.each([
    ['an unknown branch', { branchCode: 'NOPE' }, 'branchCode'],
    [
      'a team of another branch',
      {
        handling: [
          { stageCode: 'TNHS', teamCode: 'HPDV-TT', officerCode: 'HP00001', startedAt: '2026-06-15T01:05:00Z' },
        ],
      },
      'handling[0].teamCode',
    ],
    [
      'an unknown officer',
      {
        handling: [
          { stageCode: 'TNHS', teamCode: 'HPKV1-TT', officerCode: 'XX999', startedAt: '2026-06-15T01:05:00Z' },
        ],
      },
      'handling[0].officerCode',
    ],
    [
      'an unknown stage',
      {
        handling: [
          { stageCode: 'ZZZ', teamCode: 'HPKV1-TT', officerCode: 'HP00001', startedAt: '2026-06-15T01:05:00Z' },
        ],
      },
      'handling[0].stageCode',
    ],
    ['a release before registration', { releasedAt: '2026-06-14T00:00:00Z' }, 'releasedAt'],
    ['a cleared declaration without release time', { releasedAt: null }, 'releasedAt'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, field) => {
    const before = await tableCounts(api.stores.em());
    const res = await api.server.gql(
      RECORD,
      {
        input: input({
          number: '109876500001',
          enterprise: { taxCode: '0208888888', name: 'Công ty Mới' },
          ...overrides,
        }),
      },
      SYSTEM,
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.invalid.map((p: any) => p.field)).toContain(field);
    expect(await tableCounts(api.stores.em())).toEqual(before);
  });

  it.each([
    ['an 11-digit number', { number: '10987654321' }, 'number'],
    ['a malformed tax code', { enterprise: { taxCode: '02-123', name: 'X' } }, 'enterprise.taxCode'],
    ['a malformed type code', { typeCode: 'A1' }, 'typeCode'],
  ])('validates %s before touching the database', async (_label, overrides, field) => {
    const before = await tableCounts(api.stores.em());
    const res = await api.server.gql(RECORD, { input: input(overrides) }, SYSTEM);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.invalid.map((p: any) => p.field)).toContain(field);
    expect(await tableCounts(api.stores.em())).toEqual(before);
  });

  it('refuses to move a declaration to another enterprise with CONFLICT', async () => {
    const res = await api.server.gql(
      RECORD,
      { input: input({ enterprise: { taxCode: '0207777777', name: 'Công ty Khác' } }) },
      SYSTEM,
    );
    expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
    const [row] = await api.stores
      .em()
      .getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from enterprise where tax_code = '0207777777'`);
    expect(Number(row.n)).toBe(0);
  });

  it('is refused to anonymous callers and to read-only keys', async () => {
    const anonymous = await api.server.gql(RECORD, { input: input() });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const analytics = await api.server.gql(RECORD, { input: input() }, 'sqa_demo_analytics');
    expect(analytics.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('declaration queries', () => {
  it('filters by channel and branch, newest first, with a total', async () => {
    const res = await api.server.gql(
      `{ declarations(first: 50, filter: { channel: RED, branchId: 1 }) { totalCount edges { node { channel registeredAt branch { id } } } } }`,
      {},
      SYSTEM,
    );
    expect(res.errors).toBeUndefined();
    const [expected] = await api.stores
      .em()
      .getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from declaration where channel = 'RED' and branch_id = 1`);
    expect(res.data!.declarations.totalCount).toBe(Number(expected.n));
    const nodes = res.data!.declarations.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: any) => n.channel === 'RED' && n.branch.id === '1')).toBe(true);
  });

  it('shows an enterprise key only its own declarations, even when it asks for another', async () => {
    const em = api.stores.em();
    const [own] = await em
      .getConnection()
      .execute<{ enterprise_id: number; n: string }[]>(
        'select enterprise_id, count(*) as n from declaration group by enterprise_id order by enterprise_id limit 1',
      );
    await em
      .getConnection()
      .execute(
        `insert into api_key (name, key_hash, key_prefix, role, enterprise_id, created_at) values ('test ent', ?, 'sqa_ent', 'ENTERPRISE', ?, now())`,
        [hashApiKey('sqa_test_enterprise'), own.enterprise_id],
      );
    const mine = await api.server.gql(
      `{ declarations(first: 100) { totalCount edges { node { enterprise { id } } } } }`,
      {},
      'sqa_test_enterprise',
    );
    expect(mine.data!.declarations.totalCount).toBe(Number(own.n));
    expect(new Set(mine.data!.declarations.edges.map((e: any) => e.node.enterprise.id))).toEqual(
      new Set([String(own.enterprise_id)]),
    );
    const other = await api.server.gql(
      `query($e: ID) { declarations(first: 5, filter: { enterpriseId: $e }) { totalCount } }`,
      { e: own.enterprise_id + 1 },
      'sqa_test_enterprise',
    );
    expect(other.data!.declarations.totalCount).toBe(0);
    const [foreign] = await em
      .getConnection()
      .execute<{ number: string }[]>('select number from declaration where enterprise_id <> ? limit 1', [
        own.enterprise_id,
      ]);
    const lookup = await api.server.gql(
      `query($n: String!) { declaration(number: $n) { number } }`,
      { n: foreign.number },
      'sqa_test_enterprise',
    );
    expect(lookup.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a revoked key', async () => {
    await api.server.changeAuth(() =>
      api.stores.em().getConnection().execute(`update api_key set revoked_at = now() where key_prefix = 'sqa_ent'`),
    );
    const res = await api.server.gql(`{ declarations(first: 1) { totalCount } }`, {}, 'sqa_test_enterprise');
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
