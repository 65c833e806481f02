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

const SERVER_ENV = {
  RATING_WINDOW_DAYS: '366',
  REMINDER_JOB_MINUTES: '0',
  RATE_LIMIT_PER_KEY_PER_MINUTE: '1000000000',
  RATE_LIMIT_PER_IP_PER_MINUTE: '1000000000',
};
const ROUNDS = 3;

type RunResult = Awaited<ReturnType<typeof run>>;

function medianOf(runs: RunResult[], field: keyof RunResult): number {
  const values = runs.map((r) => r[field]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

/** The median of each figure over a variant's rounds. */
function summary(store: string, runs: RunResult[]) {
  const fields = [
    'p50',
    'p95',
    'p99',
    'serverCpuMsPerForm',
    'postgresCpuMsPerForm',
    'clientsCpuMsPerForm',
    'coresAllowFormsPerSecond',
  ] as const;
  return {
    store,
    clients: CLIENTS,
    forms: runs.reduce((n, r) => n + r.forms, 0),
    rounds: runs.length,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    formsPerSecond: medianOf(runs, 'formsPerSecond'),
    ...Object.fromEntries(fields.map((f) => [f, medianOf(runs, f)])),
  };
}

it('capture: forms sent per second, embedded PGlite vs PostgreSQL server (named prepared statements or not)', async () => {
  const only = process.env.BENCH_STORE; // "pglite" or "postgres" to run one side only
  const variants: { label: string; postgres: boolean; env: Record<string, string> }[] = [
    ...(only === 'postgres' ? [] : [{ label: 'embedded PGlite', postgres: false, env: {} }]),
    ...(only !== 'pglite' && (await postgresReachable())
      ? [
          { label: 'PostgreSQL server, prepared statements', postgres: true, env: {} },
          { label: 'PostgreSQL server, plain SQL', postgres: true, env: { DATABASE_PREPARED_STATEMENTS: 'false' } },
        ]
      : []),
  ];
  const servers: ServerProcess[] = [];
  const results: ReturnType<typeof summary>[] = [];
  try {
    for (const [i, v] of variants.entries())
      servers.push(
        await startServerProcess({ postgres: v.postgres, port: 4700 + i, env: { ...SERVER_ENV, ...v.env } }),
      );
    const jobs: Job[][] = [];
    for (const server of servers) {
      const mine = await prepareJobs(server, FORMS + WARMUP);
      await run(server, mine.slice(0, WARMUP));
      jobs.push(mine.slice(WARMUP));
    }
    // Round by round, each variant in turn (the order reversed every round), so a change in the
    // machine's speed falls on all of them alike.
    const runs: RunResult[][] = variants.map(() => []);
    const perRound = Math.floor(FORMS / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      const order = variants.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order)
        runs[i].push(await run(servers[i], jobs[i].slice(round * perRound, (round + 1) * perRound)));
    }
    for (const [i, v] of variants.entries()) results.push(summary(v.label, runs[i]));
    for (const result of results) expect(result.errors).toBe(0);
  } finally {
    for (const server of servers) await server.stop();
  }
  const byLabel = (label: string) => results.find((r) => r.store === label)?.formsPerSecond;
  const pglite = byLabel('embedded PGlite');
  const prepared = byLabel('PostgreSQL server, prepared statements');
  const plain = byLabel('PostgreSQL server, plain SQL');
  const report = {
    when: new Date().toISOString(),
    results,
    postgresOverPglite: prepared && pglite ? round(prepared / pglite) : null,
    preparedOverPlain: prepared && plain ? round(prepared / plain) : null,
  };
  writeReport('capture', report);
  console.table(results);
  console.log(JSON.stringify(report));
}, 1_800_000);
