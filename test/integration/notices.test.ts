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

it('publishes notices to all enterprises or to some, with an unread badge and read counts', async () => {
  expect((await api.server.gql(PUBLISH, { input: notice() }, admin)).errors).toBeUndefined();
  expect((await api.server.gql(PUBLISH, { input: notice({ documentNumber: '1/2026/QĐ-HQHP', enterpriseIds: ['1'] }) }, admin)).errors).toBeUndefined();
  expect((await api.server.gql(PUBLISH, { input: notice({ documentNumber: '2/2026/QĐ-HQHP', enterpriseIds: ['2'] }) }, admin)).errors).toBeUndefined();
  const feed = await api.server.gql(FEED, { unread: false }, enterprise);
  expect(feed.data!.unreadNoticeCount).toBe(2);
  expect(feed.data!.notices.edges.map((e: any) => e.node.documentNumber)).toEqual(['1/2026/QĐ-HQHP', '39/2018/TT-BTC']);
  const first = feed.data!.notices.edges[0].node.id;
  expect((await api.server.gql('mutation($ids: [ID!]!) { markNoticesRead(ids: $ids) }', { ids: [first] }, enterprise)).data!.markNoticesRead).toBe(1);
  const after = await api.server.gql(FEED, { unread: true }, 'sqa_demo_declaration_software');
  expect(after.data!.unreadNoticeCount).toBe(1);
  expect(after.data!.notices.edges.map((e: any) => e.node.documentNumber)).toEqual(['39/2018/TT-BTC']);
  const counts = await api.server.gql('{ notices(first: 10) { edges { node { documentNumber readCount } } } }', {}, admin);
  expect(counts.data!.notices.edges.find((e: any) => e.node.documentNumber === '1/2026/QĐ-HQHP').node.readCount).toBe(1);
});

it('refuses bad notices and non-administrators, writing nothing', async () => {
  const officerToken = await api.server.login('officer');
  const before = await tableCounts(api.stores.em());
  const bad = await api.server.gql(PUBLISH, { input: notice({ effectiveOn: '2018-01-01' }) }, admin);
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const url = await api.server.gql(PUBLISH, { input: notice({ sourceUrl: 'javascript:alert(1)' }) }, admin);
  expect(url.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const byEnterprise = await api.server.gql(PUBLISH, { input: notice() }, enterprise);
  expect(byEnterprise.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const officer = await api.server.gql(FEED, { unread: false }, officerToken);
  expect(officer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(await tableCounts(api.stores.em())).toEqual(before);
});
