// Graceful stop: the built server is started and sent SIGTERM ten times while a few clients keep
// it busy (drill-downs over keep-alive connections and form sends). Every stop must drain and exit
// with code 0 before SHUTDOWN_DRAIN_SECONDS has passed, never through the forced exit (code 1).
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { sendNewForm, testDeclarationNumber, type Gql } from '../support/sends.js';
import {
  demoEnterprise,
  demoServerEnv,
  freshDatabase,
  post,
  startServerProcess,
  tempDir,
  type ServerProcess,
  type TestDatabase,
} from './support/harness.js';

const STOPS = 10;
const DRAIN_SECONDS = 5;
const DRILL = `query($groupBy: [GroupDimension!]!) { ratingStatistics(groupBy: $groupBy) { overall { count } groups { count } } }`;

let db: TestDatabase | undefined;
let server: ServerProcess | undefined;
afterAll(async () => {
  if (server?.child.exitCode === null) await server.kill9();
  await db?.drop();
});

describe('graceful stop', () => {
  it(`SIGTERM under light load exits 0 within the drain period, ${STOPS} times in a row`, async () => {
    db = await freshDatabase('stop');
    const dataDir = tempDir('stop');
    const env = demoServerEnv(db, dataDir, { SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS) });
    const stops: { code: number | null; signal: NodeJS.Signals | null; ms: number; requests: number }[] = [];
    let serial = 0;
    for (let round = 0; round < STOPS; round++) {
      server = await startServerProcess(env);
      const running = server;
      const enterprise = await demoEnterprise(db);
      const agent = new http.Agent({ keepAlive: true });
      const gql: Gql = async (query, variables, apiKey) => {
        const res = await post(
          `${running.url}/graphql`,
          JSON.stringify({ query, variables }),
          { authorization: `Bearer ${apiKey}` },
          agent,
        );
        return JSON.parse(res.body) as { data?: unknown; errors?: unknown[] };
      };
      let stopping = false;
      let requests = 0;
      // Light load: two drill-down clients and one sender, each looping until the stop; what the
      // stop cuts off (refused connections) is expected and not counted.
      const client = async (work: () => Promise<unknown>) => {
        while (!stopping) {
          try {
            await work();
            requests++;
          } catch {
            if (!stopping) throw new Error('a request failed before the stop');
          }
        }
      };
      const load = Promise.allSettled([
        client(() => gql(DRILL, { groupBy: ['BRANCH'] }, 'sqa_demo_analytics')),
        client(() => gql(DRILL, { groupBy: ['MONTH', 'LEVEL'] }, 'sqa_demo_analytics')),
        client(() =>
          sendNewForm(gql, testDeclarationNumber(++serial, 6), enterprise, new Date(), 1 + (serial % 5)).catch(
            (error: unknown) => {
              if (!stopping) throw error;
            },
          ),
        ),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const started = Date.now();
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        running.child.once('exit', (code, signal) => resolve([code, signal])),
      );
      running.child.kill('SIGTERM');
      stopping = true;
      // A stop that hangs is killed after twice the drain period, and the assertion below fails.
      const killer = setTimeout(() => running.child.kill('SIGKILL'), 2 * DRAIN_SECONDS * 1000);
      const [code, signal] = await exited;
      clearTimeout(killer);
      stops.push({ code, signal, ms: Date.now() - started, requests });
      await load;
      agent.destroy();
    }
    console.log(`STOP REPORT ${JSON.stringify(stops)}`);
    expect(stops.map((s) => s.code)).toEqual(Array(STOPS).fill(0));
    for (const stop of stops) expect(stop.ms).toBeLessThan(DRAIN_SECONDS * 1000);
    expect(stops.every((s) => s.requests > 0)).toBe(true);
  });
});
