// Freshness by notification: the relay is woken by the commit of a send (NOTIFY sqa_outbox), not
// by its polling, and a delivered batch is announced (NOTIFY sqa_relay_delivered) to every process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConfiguredRelay } from '../../api/relay/relay-worker.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import type { RunningRelay } from '../../api/relay/relay-loop.js';
import { sendNewForm, testDeclarationNumber, type Gql } from '../support/sends.js';
import { useSeededApi } from '../support/server.js';
import { FIXED_UNTIL } from '../support/stores.js';

const api = useSeededApi({ clock: () => new Date(FIXED_UNTIL.getTime() - 3_600_000) });
const COUNT = `{ ratingStatistics { overall { count } } }`;
let relay: RunningRelay;
const delivered: string[] = [];
let unlisten: () => Promise<void>;

beforeAll(async () => {
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
  unlisten = await api.stores.db.listen('sqa_relay_delivered', (batch) => delivered.push(batch));
  // Polling once a minute: whatever arrives within the test's seconds came by notification.
  relay = await startConfiguredRelay(
    { relay: { ...api.stores.config.relay, pollMs: 60_000 } },
    api.stores.analytics,
    api.stores.db,
    { onError: (error) => console.error(error) },
  );
});
afterAll(async () => {
  await relay?.stop();
  await unlisten?.();
});

const gql: Gql = (query, variables, apiKey) => api.server.gql(query, variables, apiKey);

describe('relay woken by the commit', () => {
  it('makes a sent form visible in the statistics without waiting for a poll', async () => {
    const count = async () =>
      (await api.server.gql<{ ratingStatistics: { overall: { count: number } } }>(COUNT, {}, 'sqa_demo_analytics'))
        .data!.ratingStatistics.overall.count;
    const before = await count();
    const [{ tax_code, name }] = await api.stores
      .em()
      .execute<{ tax_code: string; name: string }[]>('select tax_code, name from enterprise where id = 1');
    await sendNewForm(gql, testDeclarationNumber(1, 7), { taxCode: tax_code, name }, FIXED_UNTIL, 4);
    const sent = performance.now();
    let now = before;
    while (now === before && performance.now() - sent < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      now = await count();
    }
    const ms = performance.now() - sent;
    expect(now).toBe(before + 2);
    expect(ms).toBeLessThan(10_000);
    console.log(`visible ${Math.round(ms)} ms after the send was answered`);
    // The acknowledgement follows the insert; its notification arrives when that commits.
    const acked = performance.now();
    while (delivered.length === 0 && performance.now() - acked < 5_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(delivered.length).toBeGreaterThan(0);
  });
});
