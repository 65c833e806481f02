/**
 * Saved views: a staff account saves pages of the console under names, saving a name again
 * replaces that view, each account lists and deletes only its own, a path outside the savable
 * pages is refused at the field, and the cap holds.
 */
import { beforeAll, expect, it } from 'vitest';
import { MAX_SAVED_VIEWS } from '../../api/views/saved-view.resolver.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
let leader: string;
let inspector: string;

const save = (token: string, name: string, path: string) =>
  api.server.gql(
    'mutation ($input: SaveViewInput!) { saveView(input: $input) { id name path } }',
    { input: { name, path } },
    token,
  );
const list = async (token: string) => {
  const res = await api.server.gql('{ savedViews { id name path } }', {}, token);
  expect(res.errors).toBeUndefined();
  return res.data!.savedViews as { id: string; name: string; path: string }[];
};

beforeAll(async () => {
  leader = await api.server.login('leader');
  inspector = await api.server.login('inspector');
});

it('keeps each account’s views to itself, newest first, and replaces a view saved again under its name', async () => {
  const first = await save(leader, 'Chi cục theo tháng', '/explore?period=2026-Q2&path=BRANCH:1&child=MONTH');
  expect(first.errors).toBeUndefined();
  expect((await save(leader, 'Tổng quan', '/overview?period=2026-Q2')).errors).toBeUndefined();
  const again = await save(leader, '  Chi cục theo tháng ', '/explore?period=2026-Q1&path=BRANCH:1&child=MONTH');
  expect(again.data!.saveView.id).toBe(first.data!.saveView.id);

  const mine = await list(leader);
  expect(mine.map((v) => [v.name, v.path])).toEqual([
    ['Chi cục theo tháng', '/explore?period=2026-Q1&path=BRANCH:1&child=MONTH'],
    ['Tổng quan', '/overview?period=2026-Q2'],
  ]);
  expect(await list(inspector)).toEqual([]);

  const foreign = await api.server.gql(
    'mutation ($id: ID!) { deleteSavedView(id: $id) }',
    { id: mine[1].id },
    inspector,
  );
  expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  const own = await api.server.gql('mutation ($id: ID!) { deleteSavedView(id: $id) }', { id: mine[1].id }, leader);
  expect(own.data!.deleteSavedView).toBe(true);
  expect((await list(leader)).map((v) => v.name)).toEqual(['Chi cục theo tháng']);
});

it('refuses paths that are not a savable page, names that are blank, and enterprises', async () => {
  for (const path of [
    'https://evil.example/explore',
    '/admin/accounts',
    '/explore#x',
    '//evil.example/overview',
    'explore',
  ]) {
    const res = await save(leader, 'x', path);
    expect(res.errors?.[0].extensions?.code, path).toBe('BAD_USER_INPUT');
  }
  expect((await save(leader, '   ', '/overview')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect((await save(leader, 'x'.repeat(121), '/overview')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const enterprise = await api.server.login('enterprise');
  expect((await save(enterprise, 'x', '/overview')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

it(`holds at most ${MAX_SAVED_VIEWS} views per account, saved concurrently or not`, async () => {
  const supervisor = await api.server.login('supervisor');
  const results = await Promise.all(
    Array.from({ length: MAX_SAVED_VIEWS + 5 }, (_, i) =>
      save(supervisor, `Xem ${i}`, `/overview?period=2026-Q${(i % 4) + 1}`),
    ),
  );
  const codes = results.map((r) => r.errors?.[0].extensions?.code ?? 'OK');
  expect(codes.filter((c) => c === 'OK')).toHaveLength(MAX_SAVED_VIEWS);
  expect(codes.filter((c) => c !== 'OK')).toEqual(Array(5).fill('CONFLICT'));
  expect(await list(supervisor)).toHaveLength(MAX_SAVED_VIEWS);
  // A name already saved is still replaced at the cap.
  expect((await save(supervisor, 'Xem 0', '/cdci')).errors).toBeUndefined();
});
