// The GraphQL answer cache: a repeated statistics question is answered whole, without GraphQL
// or ClickHouse, and never stale, never another viewer's, never without the request's own checks.
import { beforeAll, describe, expect, it } from 'vitest';
import { OutboxFactSource } from '../../api/relay/outbox-fact-source.js';
import { relayOnce } from '../../api/relay/relay-loop.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { sendNewForm, testDeclarationNumber, type Gql } from '../support/sends.js';
import { useSeededApi } from '../support/server.js';
import { FIXED_UNTIL } from '../support/stores.js';

const api = useSeededApi({ clock: () => new Date(FIXED_UNTIL.getTime() - 3_600_000) });
const Q = `query($f: RatingFilterInput) { ratingStatistics(filter: $f, groupBy: [BRANCH]) { overall { count } groups { keys { value label } count } } }`;
const ANALYTICS_KEY = 'sqa_demo_analytics';

type Answer = {
  status: number;
  data?: { ratingStatistics: { overall: { count: number }; groups: { keys: { value: string; label: string }[] }[] } };
  errors?: readonly { extensions?: { code?: string } }[];
  extensions?: { cost?: { requested: number; remaining: number } };
};

beforeAll(async () => {
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
});

const ask = (credential: string, query = Q, variables: Record<string, unknown> = {}) =>
  api.server.gql(query, variables, credential) as Promise<Answer>;

/** Lookups of both caches, read from /metrics as an operator would. */
async function lookups() {
  const text = await (await fetch(`${api.server.url}/metrics`)).text();
  const count = (name: string, outcome: string) =>
    Number(new RegExp(`^${name}_lookups_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    answerHits: count('sqa_graphql_answer_cache', 'hit'),
    resultHits: count('sqa_analytics_cache', 'hit'),
    resultMisses: count('sqa_analytics_cache', 'miss'),
  };
}

const gql: Gql = async (query, variables, apiKey) => api.server.gql(query, variables, apiKey);

describe('answer cache', () => {
  it('answers a repeated question whole, charging its cost, and a delivered batch makes the next answer fresh', async () => {
    const first = await ask(ANALYTICS_KEY);
    expect(first.errors).toBeUndefined();
    const before = await lookups();
    const second = await ask(ANALYTICS_KEY);
    const after = await lookups();
    expect(second.data).toEqual(first.data);
    expect(after.answerHits).toBe(before.answerHits + 1);
    // Nothing below GraphQL was asked: neither a hit nor a miss of the result cache.
    expect([after.resultHits, after.resultMisses]).toEqual([before.resultHits, before.resultMisses]);
    // The cost report is this request's: the same price, charged again (less what the bucket refilled meanwhile).
    expect(second.extensions!.cost!.requested).toBe(first.extensions!.cost!.requested);
    expect(second.extensions!.cost!.remaining).toBeLessThan(first.extensions!.cost!.remaining);

    const [{ tax_code, name }] = await api.stores
      .em()
      .execute<{ tax_code: string; name: string }[]>('select tax_code, name from enterprise where id = 1');
    await sendNewForm(gql, testDeclarationNumber(1, 7), { taxCode: tax_code, name }, FIXED_UNTIL, 1);
    expect((await ask(ANALYTICS_KEY)).data).toEqual(first.data);
    expect(await relayOnce(api.stores.analytics, new OutboxFactSource(api.stores.db.orm.em))).toBeGreaterThan(0);
    // Right after the delivery: the form's two ratings are counted.
    const fresh = await ask(ANALYTICS_KEY);
    expect(fresh.data!.ratingStatistics.overall.count).toBe(first.data!.ratingStatistics.overall.count + 2);
  });

  it("never serves one viewer's answer to a viewer of another scope", async () => {
    const national = await ask(ANALYTICS_KEY);
    const supervisor = await api.server.login('supervisor');
    const scoped = await ask(supervisor);
    const again = await ask(supervisor);
    expect(scoped.data!.ratingStatistics.groups).toHaveLength(1);
    expect(national.data!.ratingStatistics.groups.length).toBeGreaterThan(1);
    expect(again.data).toEqual(scoped.data);
    expect((await ask(ANALYTICS_KEY)).data).toEqual(national.data);
  });

  it('resolves the credential on every request: a session ended is refused, not answered from memory', async () => {
    const token = await api.server.login('leader');
    expect((await ask(token)).errors).toBeUndefined();
    expect((await ask(token)).errors).toBeUndefined();
    await api.server.gql('mutation { logout }', {}, token);
    const refused = await ask(token);
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps only answerable questions answered without error', async () => {
    const kpis = `query { ratingKpis(from: "2026-01-01T00:00:00+07:00", to: "2026-07-01T00:00:00+07:00") { forms } }`;
    const negative = `query { ratingStatistics(minCount: -1) { overall { count } } }`;
    const mixed = `query { ratingStatistics { overall { count } } ratingKpis(from: "2026-01-01T00:00:00+07:00", to: "2026-07-01T00:00:00+07:00") { forms } }`;
    const before = await lookups();
    for (const query of [kpis, negative, mixed, kpis, negative, mixed]) await ask(ANALYTICS_KEY, query);
    expect((await ask(ANALYTICS_KEY, negative)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await lookups()).answerHits).toBe(before.answerHits);
  });

  it('drops its answers when a name they show changes', async () => {
    const first = await ask(ANALYTICS_KEY);
    const group = first.data!.ratingStatistics.groups[0].keys[0];
    await ask(ANALYTICS_KEY);
    await api.stores.em().execute(`update branch set name = name || ' (đổi tên)' where id = ?`, [Number(group.value)]);
    const deadline = Date.now() + 5000;
    let label = group.label;
    while (label === group.label && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const now = await ask(ANALYTICS_KEY);
      label = now.data!.ratingStatistics.groups.find((g) => g.keys[0].value === group.value)!.keys[0].label;
    }
    expect(label).toBe(`${group.label} (đổi tên)`);
    await api.stores.em().execute(`update branch set name = ? where id = ?`, [group.label, Number(group.value)]);
  });
});
