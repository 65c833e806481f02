/**
 * `npm run bench -- capture`: concurrent clients sending assessment forms over HTTP
 * (`submitAssessment`, one request per form) to the real server, on embedded PGlite and on the
 * PostgreSQL server side by side. Reports forms/s and latency percentiles.
 */
import { expect, it } from 'vitest';
import os from 'node:os';
import {
  cpuSecondsOf,
  gql,
  percentile,
  postgresReachable,
  processCpuSeconds,
  round,
  startServerProcess,
  writeReport,
  type ServerProcess,
} from './harness.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const FORMS = Number(process.env.BENCH_FORMS ?? 3000);
const WARMUP = 200;
const ENTERPRISES = 200;

interface Job {
  key: string;
  input: Record<string, unknown>;
}

async function prepareJobs(server: ServerProcess, wanted: number): Promise<Job[]> {
  const jobs: Job[] = [];
  for (let enterpriseId = 1; enterpriseId <= ENTERPRISES && jobs.length < wanted; enterpriseId++) {
    const created = await gql(
      server.url,
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
      { i: { name: `bench ${enterpriseId}`, role: 'ENTERPRISE', enterpriseId: String(enterpriseId) } },
      'sqa_demo_admin',
    );
    const key = created.data!.createApiKey.key as string;
    let after: string | null = null;
    do {
      const page: any = await gql(
        server.url,
        'query($after: String) { unratedDeclarations(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { number releasedAt rateableSubjects { kind id stage { id } } } } } }',
        { after },
        key,
      );
      const conn = page.data!.unratedDeclarations;
      for (const { node } of conn.edges) {
        const officer = node.rateableSubjects.find((s: any) => s.kind === 'OFFICER');
        jobs.push({
          key,
          input: {
            declarationNumber: node.number,
            phase: node.releasedAt ? 'AFTER' : 'DURING',
            items: [
              { subjectKind: 'BRANCH', subjectId: node.rateableSubjects[0].id, level: 5, reasonCodes: ['FAST'] },
              // An officer is rated for one stage it handled (one item per stage).
              ...(officer
                ? [{ subjectKind: 'OFFICER', subjectId: officer.id, stageId: officer.stage?.id, level: 4 }]
                : []),
            ],
          },
        });
      }
      after = conn.pageInfo.hasNextPage && jobs.length < wanted ? conn.pageInfo.endCursor : null;
    } while (after);
  }
  return jobs.slice(0, wanted);
}

async function run(server: ServerProcess, jobs: Job[]) {
  const SUBMIT =
    'mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id status } }';
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const cpuBefore = cpuNow(server);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, worker) => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const t0 = performance.now();
        const res = await gql(
          server.url,
          SUBMIT,
          { input: job.input, key: `bench-${worker}-${next}-${job.input.declarationNumber}` },
          job.key,
        );
        latencies.push(performance.now() - t0);
        if (res.errors || res.data?.submitAssessment?.status !== 'SENT') {
          // The first few refusals, so a run that fails says why.
          if (errors++ < 3) console.error(`capture refused: ${JSON.stringify(res.errors ?? res.data)}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuNow(server);
  // CPU milliseconds per form: the server's process (with PGlite, Postgres runs inside it), the
  // PostgreSQL server's processes, and these clients (the same 2 cores).
  const perForm = (a: number, b: number) => round(((a - b) * 1000) / jobs.length);
  const serverMs = perForm(cpu.server, cpuBefore.server);
  const postgresMs = perForm(cpu.postgres, cpuBefore.postgres);
  const clientsMs = perForm(cpu.clients, cpuBefore.clients);
  latencies.sort((a, b) => a - b);
  return {
    forms: jobs.length,
    serverCpuMsPerForm: serverMs,
    postgresCpuMsPerForm: postgresMs,
    clientsCpuMsPerForm: clientsMs,
    // What the machine's cores allow at that CPU cost per form, were they busy with nothing else.
    coresAllowFormsPerSecond: Math.round((os.cpus().length * 1000) / (serverMs + postgresMs + clientsMs)),
    errors,
    seconds: round(seconds),
    formsPerSecond: round(jobs.length / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
  };
}

function cpuNow(server: ServerProcess) {
  const own = process.cpuUsage();
  return {
    server: processCpuSeconds(server.pid),
    postgres: cpuSecondsOf('postgres'),
    clients: (own.user + own.system) / 1e6,
  };
}

it('capture: forms sent per second, embedded PGlite vs PostgreSQL server', async () => {
  const only = process.env.BENCH_STORE; // "pglite" or "postgres" to run one side only
  const modes = [
    ...(only === 'postgres' ? [] : [false]),
    ...(only !== 'pglite' && (await postgresReachable()) ? [true] : []),
  ];
  const results: Record<string, unknown>[] = [];
  for (const [i, postgres] of modes.entries()) {
    const server = await startServerProcess({
      postgres,
      port: 4700 + i,
      env: {
        RATING_WINDOW_DAYS: '366',
        REMINDER_JOB_MINUTES: '0',
        RATE_LIMIT_PER_KEY_PER_MINUTE: '1000000000',
        RATE_LIMIT_PER_IP_PER_MINUTE: '1000000000',
      },
    });
    try {
      const jobs = await prepareJobs(server, FORMS + WARMUP);
      await run(server, jobs.slice(0, WARMUP));
      const result = { store: server.label, clients: CLIENTS, ...(await run(server, jobs.slice(WARMUP))) };
      results.push(result);
      expect(result.errors).toBe(0);
    } finally {
      await server.stop();
    }
  }
  const [pglite, postgres] = results as { formsPerSecond: number; p99: number }[];
  const report = {
    when: new Date().toISOString(),
    results,
    postgresOverPglite: postgres && pglite ? round(postgres.formsPerSecond / pglite.formsPerSecond) : null,
  };
  writeReport('capture', report);
  console.table(results);
  console.log(JSON.stringify(report));
}, 1_200_000);
