import { beforeAll, expect, it } from 'vitest';
import { tableCounts } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
const PUBLISH = `mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { id documentNumber } }`;
const FEED = `query($unread: Boolean!) { unreadNoticeCount notices(first: 10, unreadOnly: $unread) { totalCount edges { node { id documentNumber read } } } }`;
const notice = (overrides: Record<string, unknown> = {}) => ({
  documentNumber: '39/2018/TT-BTC',
  titleVi: 'Thông tư sửa đổi, bổ sung Thông tư 38/2015/TT-BTC về thủ tục hải quan',
  titleEn: 'Circular amending Circular 38/2015/TT-BTC on customs procedures',
  issuer: 'Bộ Tài chính',
  issuedOn: '2018-04-20',
  effectiveOn: '2018-06-05',
  summary: 'Sửa đổi quy định về hồ sơ hải quan, kiểm tra, giám sát hải quan.',
  sourceUrl: 'https://vbpl.vn/tw/Pages/vbpq-toanvan.aspx?ItemID=129012',
  ...overrides,
});

let admin: string;
let enterprise: string;
beforeAll(async () => {
  admin = await api.server.login('admin');
  enterprise = await api.server.login('enterprise');
});

it('has demo notices: the demo enterprise has two unread, read counts for administrators', async () => {
  const feed = await api.server.gql(FEED, { unread: false }, enterprise);
  expect(feed.errors).toBeUndefined();
  expect(feed.data!.unreadNoticeCount).toBe(2);
  const numbers = feed.data!.notices.edges.map((e: any) => e.node.documentNumber);
  expect(numbers.some((n: string) => /\/TT-BTC$/.test(n))).toBe(true);
  expect(numbers.some((n: string) => /\/QĐ-(TCHQ|CHQ)$/.test(n))).toBe(true);
  const list = await api.server.gql(
    '{ notices(first: 10) { totalCount edges { node { readCount audienceSize forAllEnterprises } } } }',
    {},
    admin,
  );
  expect(list.data!.notices.totalCount).toBeGreaterThanOrEqual(5);
  for (const { node } of list.data!.notices.edges) {
    expect(node.readCount).toBeGreaterThanOrEqual(0);
    expect(node.readCount).toBeLessThanOrEqual(node.audienceSize);
  }
  expect(list.data!.notices.edges.some((e: any) => !e.node.forAllEnterprises)).toBe(true);
});

it('publishes notices to all enterprises or to some, with an unread badge and read counts', async () => {
  const before = (await api.server.gql(FEED, { unread: true }, enterprise)).data!;
  const unreadBefore = before.notices.edges.map((e: any) => e.node.documentNumber);
  expect((await api.server.gql(PUBLISH, { input: notice() }, admin)).errors).toBeUndefined();
  expect(
    (
      await api.server.gql(
        PUBLISH,
        { input: notice({ documentNumber: '1/2026/QĐ-HQHP', enterpriseIds: ['1'] }) },
        admin,
      )
    ).errors,
  ).toBeUndefined();
  expect(
    (
      await api.server.gql(
        PUBLISH,
        { input: notice({ documentNumber: '2/2026/QĐ-HQHP', enterpriseIds: ['2'] }) },
        admin,
      )
    ).errors,
  ).toBeUndefined();
  const feed = await api.server.gql(FEED, { unread: true }, enterprise);
  expect(feed.data!.unreadNoticeCount).toBe(before.unreadNoticeCount + 2);
  expect(feed.data!.notices.edges.map((e: any) => e.node.documentNumber)).toEqual([
    '1/2026/QĐ-HQHP',
    '39/2018/TT-BTC',
    ...unreadBefore,
  ]);
  const first = feed.data!.notices.edges[0].node.id;
  expect(
    (await api.server.gql('mutation($ids: [ID!]!) { markNoticesRead(ids: $ids) }', { ids: [first] }, enterprise)).data!
      .markNoticesRead,
  ).toBe(1);
  // Marking again changes nothing.
  expect(
    (await api.server.gql('mutation($ids: [ID!]!) { markNoticesRead(ids: $ids) }', { ids: [first] }, enterprise)).data!
      .markNoticesRead,
  ).toBe(0);
  const after = await api.server.gql(FEED, { unread: true }, 'sqa_demo_declaration_software');
  expect(after.data!.unreadNoticeCount).toBe(before.unreadNoticeCount + 1);
  expect(after.data!.notices.edges.map((e: any) => e.node.documentNumber)).toEqual(['39/2018/TT-BTC', ...unreadBefore]);
  const counts = await api.server.gql(
    '{ notices(first: 10) { edges { node { documentNumber readCount audienceSize forAllEnterprises enterprises { id } } } } }',
    {},
    admin,
  );
  const mine = counts.data!.notices.edges.find((e: any) => e.node.documentNumber === '1/2026/QĐ-HQHP').node;
  expect(mine).toEqual({
    documentNumber: '1/2026/QĐ-HQHP',
    readCount: 1,
    audienceSize: 1,
    forAllEnterprises: false,
    enterprises: [{ id: '1' }],
  });
  const toAll = counts.data!.notices.edges.find((e: any) => e.node.documentNumber === '39/2018/TT-BTC').node;
  const [enterprises] = await api.stores
    .em()
    .getConnection()
    .execute<{ n: string }[]>('select count(*) as n from enterprise');
  expect(toAll).toMatchObject({
    readCount: 0,
    audienceSize: Number(enterprises.n),
    forAllEnterprises: true,
    enterprises: null,
  });
  // Enterprises learn neither read counts nor who else a notice went to.
  const seen = await api.server.gql(
    '{ notices(first: 3) { edges { node { readCount audienceSize enterprises { id } } } } }',
    {},
    enterprise,
  );
  expect(seen.data!.notices.edges.length).toBeGreaterThan(0);
  expect(
    seen.data!.notices.edges.every(
      (e: any) => e.node.readCount === null && e.node.audienceSize === null && e.node.enterprises === null,
    ),
  ).toBe(true);
});

it('refuses bad notices and non-administrators, writing nothing', async () => {
  const officerToken = await api.server.login('officer');
  const before = await tableCounts(api.stores.em());
  const [counted] = await api.stores
    .em()
    .getConnection()
    .execute<{ n: string }[]>('select count(*) as n from legal_notice');
  const noticesBefore = Number(counted.n);
  const bad = await api.server.gql(PUBLISH, { input: notice({ effectiveOn: '2018-01-01' }) }, admin);
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(bad.errors?.[0].extensions?.invalid).toEqual([
    { field: 'effectiveOn', problems: ['effectiveOn cannot be before issuedOn'] },
  ]);
  const url = await api.server.gql(PUBLISH, { input: notice({ sourceUrl: 'javascript:alert(1)' }) }, admin);
  expect(url.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(url.errors?.[0].extensions?.invalid.map((f: any) => f.field)).toEqual(['sourceUrl']);
  const day = await api.server.gql(PUBLISH, { input: notice({ issuedOn: '2018-02-31' }) }, admin);
  expect(day.errors?.[0].extensions?.invalid.map((f: any) => f.field)).toEqual(['issuedOn']);
  // Every field problem in one answer, so a form can show them all at once.
  const blank = await api.server.gql(
    PUBLISH,
    { input: notice({ titleVi: '   ', enterpriseIds: [], effectiveOn: '2018-01-01' }) },
    admin,
  );
  expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(blank.errors?.[0].extensions?.invalid.map((f: any) => f.field).sort()).toEqual([
    'effectiveOn',
    'enterpriseIds',
    'titleVi',
  ]);
  const unknown = await api.server.gql(PUBLISH, { input: notice({ enterpriseIds: ['1', '999999'] }) }, admin);
  expect(unknown.errors?.[0].extensions?.invalid).toEqual([
    { field: 'enterpriseIds', problems: ['enterpriseIds name an unknown enterprise'] },
  ]);
  const byEnterprise = await api.server.gql(PUBLISH, { input: notice() }, enterprise);
  expect(byEnterprise.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const officer = await api.server.gql(FEED, { unread: false }, officerToken);
  expect(officer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(await tableCounts(api.stores.em())).toEqual(before);
  const [notices] = await api.stores
    .em()
    .getConnection()
    .execute<{ n: string }[]>('select count(*) as n from legal_notice');
  expect(Number(notices.n)).toBe(noticesBefore);
});
