/**
 * Alert rules: a department's CSAT below a threshold over N days with at least n ratings fires
 * once when crossed, not again while it stays crossed, clears when it no longer holds, and fires
 * again on the next crossing; the owner reads it in the inbox in its language's key.
 */
import { beforeAll, expect, it } from 'vitest';
import { evaluateAlerts } from '../../api/alerts/alert-evaluation.js';
import { createMessageRelay } from '../../api/messages/message-relay.js';
import { OutboxFactSource } from '../../api/relay/outbox-fact-source.js';
import { relayOnce } from '../../api/relay/relay-loop.js';
import { sendNewForm, testDeclarationNumber, type Declarant } from '../support/sends.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

// Five days after the seeded data ends, so the last day holds only this test's ratings.
let now = new Date(FIXED_UNTIL.getTime() + 5 * 86_400_000);
const api = useSeededApi({ clock: () => now });
let enterprise: Declarant;
let inspector: string;
let ruleId: string;
let serial = 0;

const evaluate = () => evaluateAlerts(api.stores.db.orm.em, api.stores.analytics, now);
/** Sends a form rating the branch 1★ and its officer 5★, and relays it to ClickHouse. */
async function lowForm() {
  await sendNewForm(api.server.gql, testDeclarationNumber(++serial, 8), enterprise, now, 1);
  await relayOnce(api.stores.analytics, new OutboxFactSource(api.stores.db.orm.em));
}

beforeAll(async () => {
  const [row] = await api.stores
    .em()
    .execute<{ tax_code: string; name: string }[]>(
      `select e.tax_code, e.name from enterprise e join account a on a.enterprise_id = e.id where a.login = 'enterprise'`,
    );
  enterprise = { taxCode: row.tax_code, name: row.name };
  inspector = await api.server.login('inspector');
});

it('lets inspectors set rules for their department only', async () => {
  const refused = await api.server.gql(
    'mutation { createAlertRule(input: { name: "x", kind: CSAT_BELOW, threshold: 80, departmentId: "999" }) { id } }',
    {},
    inspector,
  );
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const officer = await api.server.login('officer');
  const notTheirs = await api.server.gql('{ alertRules { id } }', {}, officer);
  expect(notTheirs.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const made = await api.server.gql(
    'mutation { createAlertRule(input: { name: "CSAT Cục dưới 80%", kind: CSAT_BELOW, threshold: 80, days: 1, minRatings: 4 }) { id raised days minRatings } }',
    {},
    inspector,
  );
  expect(made.errors).toBeUndefined();
  expect(made.data!.createAlertRule).toMatchObject({ raised: false, days: 1, minRatings: 4 });
  ruleId = made.data!.createAlertRule.id;
});

it('fires once when the threshold is crossed and not again until it clears', async () => {
  await lowForm(); // 2 ratings (1★ and 5★): below the minimum of 4
  expect(await evaluate()).toEqual({ raised: 0, cleared: 0 });
  await lowForm(); // 4 ratings, CSAT 50 % < 80 %
  expect(await evaluate()).toEqual({ raised: 1, cleared: 0 });
  expect(await evaluate()).toEqual({ raised: 0, cleared: 0 });
  await lowForm(); // still crossed: no second alert
  expect(await evaluate()).toEqual({ raised: 0, cleared: 0 });

  await createMessageRelay(api.stores.db.orm.em, api.stores.config).flush(now);
  const inbox = await api.server.gql(
    '{ notifications(first: 5) { edges { node { topic messageKey params { name value } link } } } }',
    {},
    inspector,
  );
  const alerts = inbox.data!.notifications.edges.map((e: any) => e.node).filter((n: any) => n.topic === 'alert.raised');
  expect(alerts).toHaveLength(1);
  expect(alerts[0].messageKey).toBe('alert.csatBelow');
  expect(Object.fromEntries(alerts[0].params.map((p: any) => [p.name, p.value]))).toMatchObject({
    csat: '50',
    ratings: '4',
    threshold: '80',
    days: '1',
  });

  // Two days later the window holds no rating: cleared. The next crossing raises a new alert.
  now = new Date(now.getTime() + 2 * 86_400_000);
  expect(await evaluate()).toEqual({ raised: 0, cleared: 1 });
  await lowForm();
  await lowForm();
  expect(await evaluate()).toEqual({ raised: 1, cleared: 0 });
  inspector = await api.server.login('inspector'); // the clock moved past the token's lifetime
  const rules = await api.server.gql(
    '{ alertRules { id raised incidents { subjectKind value clearedAt } } }',
    {},
    inspector,
  );
  const rule = rules.data!.alertRules.find((r: any) => r.id === ruleId);
  expect(rule.raised).toBe(true);
  expect(rule.incidents.map((i: any) => [i.subjectKind, i.value, i.clearedAt === null])).toEqual([
    ['DEPARTMENT', 50, true],
    ['DEPARTMENT', 50, false],
  ]);
});
