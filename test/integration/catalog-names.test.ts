// Statistics labels come from the process's catalog-name cache, which a catalog change refreshes.
import { beforeAll, expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();
beforeAll(async () => {
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
});
const Q = `{ ratingStatistics(groupBy: [BRANCH]) { groups { keys { value label } } } }`;

it('labels groups with catalog names, and shows a renamed branch right after the change', async () => {
  const labels = async () =>
    new Map<string, string>(
      (await api.server.gql(Q, {}, 'sqa_demo_analytics')).data!.ratingStatistics.groups.map((g: any) => [
        g.keys[0].value,
        g.keys[0].label,
      ]),
    );
  const [branch] = await api.stores
    .em()
    .execute<{ id: number; name: string }[]>('select id, name from branch order by id limit 1');
  expect((await labels()).get(String(branch.id))).toBe(branch.name);
  await api.stores.em().execute("update branch set name = 'Chi cục đổi tên' where id = ?", [branch.id]);
  const started = Date.now();
  let label = (await labels()).get(String(branch.id));
  // On a Postgres server the notification comes over another connection: allow it a moment.
  while (label !== 'Chi cục đổi tên' && Date.now() - started < 3000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    label = (await labels()).get(String(branch.id));
  }
  expect(label).toBe('Chi cục đổi tên');
});
