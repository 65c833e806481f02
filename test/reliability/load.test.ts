// Load: 200 concurrent clients on loopback against the built server (real Postgres, embedded chDB),
// mixing sends (the customs feed records a declaration, the declaration software sends a form for
// it: two requests) and statistics drill-downs (ClickHouse), for LOAD_SECONDS (default 60).
// Every request must succeed: HTTP 200 and no GraphQL error. Latencies are printed and go to README.
import http from 'node:http';
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { sendNewForm, testDeclarationNumber, type Gql } from '../support/sends.js';
import {
  demoEnterprise,
  demoServerEnv,
  eventually,
  freshDatabase,
  post,
  startServerProcess,
  tempDir,
  type ServerProcess,
  type TestDatabase,
} from './support/harness.js';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const SEND_SHARE = 0.25;
const ANALYTICS_KEY = 'sqa_demo_analytics';
const DIMENSIONS = ['BRANCH', 'TEAM', 'OFFICER', 'STAGE', 'MONTH', 'CHANNEL', 'SUBJECT_KIND', 'LEVEL'];
const DRILL = `query($filter: RatingFilterInput, $groupBy: [GroupDimension!]!) {
  ratingStatistics(filter: $filter, groupBy: $groupBy, minCount: 5) { overall { count csat mean } groups { keys { dimension value label } count csat csatLow csatHigh dissatisfied } } }`;

let db: TestDatabase | undefined;
let server: ServerProcess | undefined;
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
afterAll(async () => {
  agent.destroy();
  await server?.kill9();
  await db?.drop();
});

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('load', () => {
  it(`${CLIENTS} concurrent clients mixing sends and drill-downs for ${SECONDS} s: no errors`, async () => {
    db = await freshDatabase('load');
    server = await startServerProcess(demoServerEnv(db, tempDir('load')));
    const enterprise = await demoEnterprise(db);
    const url = `${server.url}/graphql`;
    const latencies = { send: [] as number[], drill: [] as number[] };
    const errors: string[] = [];
    const timed =
      (kind: 'send' | 'drill'): Gql =>
      async (query, variables, apiKey) => {
        const started = performance.now();
        const res = await post(url, JSON.stringify({ query, variables }), { authorization: `Bearer ${apiKey}` }, agent);
        latencies[kind].push(performance.now() - started);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
        return JSON.parse(res.body);
      };
    const [{ min, max }] = await db.query<{ min: Date; max: Date }>(
      `select min(registered_at) as min, max(registered_at) as max from declaration`,
    );
    const span = new Date(max).getTime() - new Date(min).getTime();

    let serial = 0;
    let sends = 0;
    let drills = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const at = new Date();
    const client = async (id: number) => {
      let i = 0;
      while (Date.now() < deadline) {
        i++;
        try {
          if ((id + i) % Math.round(1 / SEND_SHARE) === 0) {
            await sendNewForm(timed('send'), testDeclarationNumber(++serial, 7), enterprise, at, 1 + (serial % 5));
            sends++;
          } else {
            const from = new Date(new Date(min).getTime() + Math.random() * span * 0.7);
            const res = await timed('drill')(
              DRILL,
              {
                filter: { from: from.toISOString(), ...(i % 3 === 0 ? { departmentIds: ['1'] } : {}) },
                groupBy: [DIMENSIONS[(id + i) % DIMENSIONS.length]],
              },
              ANALYTICS_KEY,
            );
            if (res.errors) throw new Error(JSON.stringify(res.errors).slice(0, 300));
            drills++;
          }
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    };
    const loadBefore = os.loadavg()[0];
    const started = Date.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, id) => client(id)));
    const elapsed = (Date.now() - started) / 1000;

    const summary = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return {
        requests: s.length,
        p50: Math.round(percentile(s, 50)),
        p95: Math.round(percentile(s, 95)),
        p99: Math.round(percentile(s, 99)),
        max: Math.round(s[s.length - 1] ?? NaN),
      };
    };
    const all = [...latencies.send, ...latencies.drill];
    const report = {
      clients: CLIENTS,
      seconds: Math.round(elapsed),
      formsSent: sends,
      drillDowns: drills,
      errors: errors.length,
      requestsPerSecond: Math.round(all.length / elapsed),
      // The machine's 1-minute load average before and after: on a shared box the latencies say as much about the neighbours.
      cores: os.cpus().length,
      loadAverage: [Math.round(loadBefore * 10) / 10, Math.round(os.loadavg()[0] * 10) / 10],
      allMs: summary(all),
      sendRequestsMs: summary(latencies.send),
      drillDownsMs: summary(latencies.drill),
    };
    console.log(`LOAD REPORT ${JSON.stringify(report, null, 2)}`);
    if (errors.length) console.log('first errors', errors.slice(0, 5));
    expect(errors).toEqual([]);
    expect(sends).toBeGreaterThan(0);
    expect(drills).toBeGreaterThan(0);
    // Everything sent under load reaches ClickHouse.
    await eventually(
      async () =>
        Number(
          (await db!.query<{ n: string }>('select count(*) as n from outbox_event where processed_at is null'))[0].n,
        ) === 0,
      120_000,
      'the relay to drain after the load',
    );
  });
});
