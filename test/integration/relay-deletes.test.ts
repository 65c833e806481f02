/**
 * A re-versioned declaration's older facts are deleted by a mutation the relay registers and does
 * not wait for: later sends reach the statistics meanwhile, answers computed while the mutation is
 * pending (when the declaration counts twice) are dropped once it is applied, and what was
 * delivered meanwhile is announced then (alerts run on it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteSupersededFacts, unappliedFactDeletes } from '../../analytics/ingest.js';
import { DEMO_ENTERPRISE_ID } from '../../api/db/seed/demo-seed.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import type { RunningRelay } from '../../api/relay/relay-loop.js';
import { startConfiguredRelay } from '../../api/relay/relay-worker.js';
import { SYSTEM_KEY, declarationInput, sendNewForm, testDeclarationNumber, type Gql } from '../support/sends.js';
import { useSeededApi } from '../support/server.js';
import { FIXED_UNTIL } from '../support/stores.js';

const now = new Date(FIXED_UNTIL.getTime() - 3_600_000);
const api = useSeededApi({ clock: () => now });
const gql: Gql = (query, variables, apiKey) => api.server.gql(query, variables, apiKey);
const RECORD = `mutation($input: RecordDeclarationInput!) { recordDeclaration(input: $input) { number } }`;
const BY_CHANNEL = `query($filter: RatingFilterInput) { ratingStatistics(filter: $filter, groupBy: [CHANNEL]) { groups { keys { value } count } } }`;

let relay: RunningRelay;
let enterprise: { taxCode: string; name: string };
const announced: number[] = [];
const notified: string[] = [];
let unlisten: () => Promise<void>;

beforeAll(async () => {
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
  const [row] = await api.stores
    .em()
    .execute<{ tax_code: string; name: string }[]>('select tax_code, name from enterprise where id = ?', [
      DEMO_ENTERPRISE_ID,
    ]);
  enterprise = { taxCode: row.tax_code, name: row.name };
  unlisten = await api.stores.db.listen('sqa_relay_delivered', (payload) => notified.push(payload));
  // Polling once a minute: the relay runs when a commit wakes it.
  relay = await startConfiguredRelay(
    { relay: { ...api.stores.config.relay, pollMs: 60_000 } },
    api.stores.analytics,
    api.stores.db,
    { onError: (error) => console.error(error), onDelivered: (count) => announced.push(count) },
  );
});
afterAll(async () => {
  await relay?.stop();
  await unlisten?.();
});

/** The demo enterprise's ratings by channel, as its analyst asks (the same question each time, so it may be kept). */
async function byChannel(): Promise<Record<string, number>> {
  const res = await api.server.gql<{ ratingStatistics: { groups: { keys: { value: string }[]; count: number }[] } }>(
    BY_CHANNEL,
    { filter: { enterpriseIds: [String(DEMO_ENTERPRISE_ID)] } },
    'sqa_demo_admin',
  );
  expect(res.errors).toBeUndefined();
  return Object.fromEntries(res.data!.ratingStatistics.groups.map((g) => [g.keys[0].value, g.count]));
}

/** Waits until ClickHouse holds `n` current facts of the declaration in `channel`. */
async function factsArrive(number: string, channel: string, n: number): Promise<void> {
  const [{ id }] = await api.stores
    .em()
    .execute<{ id: number }[]>('select id from declaration where number = ?', [number]);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const result = await api.stores.analytics.client.query({
      query: `SELECT count() AS n FROM rating_facts WHERE is_deleted = 0 AND declaration_id = {id:UInt64} AND channel = {channel:String}`,
      query_params: { id: Number(id), channel },
      format: 'JSONEachRow',
    });
    if (Number((await result.json<{ n: string }>())[0].n) === n) return;
    if (Date.now() > deadline) throw new Error(`${number}: ${n} ${channel} facts did not arrive`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a re-versioned declaration while its delete is pending', () => {
  it('lets later sends through, drops the answers that counted it twice once the delete is applied, and announces then', async () => {
    const rerated = testDeclarationNumber(1, 6);
    await sendNewForm(gql, rerated, enterprise, now, 2);
    await relay.flush();
    const before = await byChannel();
    let watermark: number;
    announced.length = 0;
    notified.length = 0;

    // Merges (and with them mutations) stopped: the delete stays pending until they restart.
    await api.stores.analytics.client.command({ query: 'SYSTEM STOP MERGES rating_facts' });
    try {
      const input = declarationInput(rerated, enterprise, now);
      input.channel = 'GREEN';
      expect((await api.server.gql(RECORD, { input }, SYSTEM_KEY)).errors).toBeUndefined();
      await factsArrive(rerated, 'GREEN', 2);
      // The relay registers the delete just after the insert.
      const registered = Date.now() + 10_000;
      while ((await unappliedFactDeletes(api.stores.analytics)) === 0 && Date.now() < registered)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await unappliedFactDeletes(api.stores.analytics)).toBe(1);

      // Another form is sent and counted while the delete waits.
      const later = testDeclarationNumber(2, 6);
      await sendNewForm(gql, later, enterprise, now, 4);
      await factsArrive(later, 'YELLOW', 2);
      const pending = await byChannel();
      // Both versions of the re-rated declaration count, and the later form too.
      expect(pending.YELLOW).toBe(before.YELLOW + 2);
      expect(pending.GREEN).toBe((before.GREEN ?? 0) + 2);
      expect(await byChannel()).toEqual(pending);
      expect(announced).toEqual([]);
      watermark = api.stores.analytics.cache!.watermark;
    } finally {
      await api.stores.analytics.client.command({ query: 'SYSTEM START MERGES rating_facts' });
    }
    await relay.flush();
    expect(await unappliedFactDeletes(api.stores.analytics)).toBe(0);
    // Every write through the store empties the caches (that command once): the relay must once more when the delete is applied.
    expect(api.stores.analytics.cache!.watermark).toBeGreaterThanOrEqual(watermark + 2);
    // The same question again: not the kept answer that counted the declaration twice.
    expect(await byChannel()).toEqual({ ...before, YELLOW: before.YELLOW, GREEN: (before.GREEN ?? 0) + 2 });
    expect(announced.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4);
    const deadline = Date.now() + 5_000;
    while (!notified.includes('deletes applied') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(notified).toContain('deletes applied');
  });

  it('announces a delete an earlier run left pending once it is applied', async () => {
    await api.stores.analytics.client.command({ query: 'SYSTEM STOP MERGES rating_facts' });
    let restarted: RunningRelay | undefined;
    try {
      // As a relay stopped right after registering it would leave it.
      await deleteSupersededFacts(api.stores.analytics, [{ declarationId: 999_999_999, version: 2 }]);
      expect(await unappliedFactDeletes(api.stores.analytics)).toBe(1);
      notified.length = 0;
      restarted = await startConfiguredRelay(
        { relay: { ...api.stores.config.relay, pollMs: 60_000, workerId: 'restarted' } },
        api.stores.analytics,
        api.stores.db,
        { onError: (error) => console.error(error) },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(notified).not.toContain('deletes applied');
    } finally {
      await api.stores.analytics.client.command({ query: 'SYSTEM START MERGES rating_facts' });
    }
    try {
      const deadline = Date.now() + 10_000;
      while (!notified.includes('deletes applied') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(notified).toContain('deletes applied');
      expect(await unappliedFactDeletes(api.stores.analytics)).toBe(0);
    } finally {
      await restarted?.stop();
    }
  });
});
