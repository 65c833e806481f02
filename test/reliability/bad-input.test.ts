// Bad input: well over 1,000 generated malformed or hostile requests against the real server over
// HTTP: broken JSON and wrong body types, wrong variable types, deep nesting, alias and fragment
// bombs, huge lists and strings, bad credentials, and injection strings in every filter and id
// argument of the schema's queries (and in the inputs of the write mutations, made invalid so that
// nothing may be written). Each answer must be below 500, carry no stack trace, SQL or database
// error text, and no INTERNAL_SERVER_ERROR; afterwards Postgres and ClickHouse hold exactly what
// they held before.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countRatingFacts } from '../../analytics/ingest.js';
import { tableCounts } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';
import { ENTERPRISE_KEY, SYSTEM_KEY } from '../support/sends.js';
import { post } from './support/harness.js';

// Thousands of requests from one address within seconds: the per-client rate limits and budgets
// (tested in api-limits.test.ts) are raised, so every hostile request reaches the engine.
const api = useSeededApi({
  settings: (config) => ({
    rateLimits: { perKeyPerMinute: 1e9, perIpPerMinute: 1e9 },
    graphql: { ...config.graphql, costBudgetPerHour: 1e12, anonymousCostBudgetPerHour: 1e12 },
  }),
});
const ANALYTICS_KEY = 'sqa_demo_analytics';

interface BadRequest {
  label: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

const PAYLOADS: unknown[] = [
  "' OR '1'='1",
  "1' OR 1=1 --",
  '1; DROP TABLE assessment; --',
  '1) UNION SELECT password_hash FROM account --',
  "' || (SELECT version()) || '",
  '{id:UInt64}',
  "1' AND sleep(3) --",
  '1 AND pg_sleep(3)',
  '$1',
  '?',
  '-1',
  '0',
  '99999999999999999999999',
  '1e309',
  'NaN',
  'null',
  '%00',
  '\u0000',
  '\\x00\\',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://example.invalid/a}',
  '𝕏😀ǅ\u202e',
  'YnJhbmNoOjE=',
  "QnJhbmNoOjE='--",
  '2026-13-45T99:99:99Z',
  '   ',
  '',
  'x'.repeat(20_000),
  -2147483649,
  1.5,
  true,
  { $ne: null },
  [[['x']]],
];

/** Every argument and input field a caller can fill, with the query that carries it. */
const TARGETS: { label: string; query: string; vars: (p: unknown) => Record<string, unknown>; key: string }[] = [];
const add = (label: string, query: string, vars: (p: unknown) => Record<string, unknown>, key = ANALYTICS_KEY) =>
  TARGETS.push({ label, query, vars, key });

const STATS =
  'query($f: RatingFilterInput, $g: [GroupDimension!]!, $m: Int!) { ratingStatistics(filter: $f, groupBy: $g, minCount: $m) { overall { count } groups { count } } }';
for (const field of [
  'branchIds',
  'departmentIds',
  'officerIds',
  'teamIds',
  'stageIds',
  'enterpriseIds',
  'levels',
  'channels',
  'phases',
  'subjectKinds',
]) {
  add(`ratingStatistics.filter.${field}`, STATS, (p) => ({ f: { [field]: [p] }, g: ['BRANCH'], m: 1 }));
}
for (const field of ['from', 'to'])
  add(`ratingStatistics.filter.${field}`, STATS, (p) => ({ f: { [field]: p }, g: [], m: 1 }));
add('ratingStatistics.groupBy', STATS, (p) => ({ g: [p], m: 1 }));
add('ratingStatistics.minCount', STATS, (p) => ({ g: [], m: p }));
add(
  'ratingRanking',
  'query($d: GroupDimension!, $n: Int!) { ratingRanking(dimension: $d, first: $n) { count } }',
  (p) => ({ d: p, n: 5 }),
);
add('ratingRanking.first', 'query($n: Int!) { ratingRanking(dimension: BRANCH, first: $n) { count } }', (p) => ({
  n: p,
}));
add(
  'ratingDrillDown.path.id',
  'query($id: ID!) { ratingDrillDown(path: [{ dimension: BRANCH, id: $id }]) { __typename } }',
  (p) => ({ id: p }),
);
add(
  'ratingDrillDown.childDimension',
  'query($c: GroupDimension) { ratingDrillDown(childDimension: $c) { __typename } }',
  (p) => ({ c: p }),
);
add(
  'ratingKpis.from',
  'query($a: DateTimeISO!) { ratingKpis(from: $a, to: "2026-07-01T00:00:00Z") { forms } }',
  (p) => ({ a: p }),
);
add(
  'evaluationScorecards.to',
  'query($b: DateTimeISO!) { evaluationScorecards(from: "2026-01-01T00:00:00Z", to: $b, unit: BRANCH) { __typename } }',
  (p) => ({ b: p }),
);
add(
  'evaluationScorecards.filter',
  'query($f: RatingFilterInput) { evaluationScorecards(filter: $f, from: "2026-01-01T00:00:00Z", to: "2026-07-01T00:00:00Z", unit: TEAM) { __typename } }',
  (p) => ({ f: { branchIds: [p] } }),
);
const ASSESSMENTS =
  'query($f: AssessmentFilter, $a: String, $n: Int!) { assessments(filter: $f, after: $a, first: $n) { edges { node { id } } } }';
for (const field of [
  'branchId',
  'declarationNumber',
  'enterpriseId',
  'formId',
  'officerId',
  'phase',
  'sentFrom',
  'sentTo',
]) {
  add(`assessments.filter.${field}`, ASSESSMENTS, (p) => ({ f: { [field]: p }, n: 5 }), 'LEADER');
}
add('assessments.filter.levels', ASSESSMENTS, (p) => ({ f: { levels: [p] }, n: 5 }), 'LEADER');
add('assessments.after', ASSESSMENTS, (p) => ({ a: p, n: 5 }), 'LEADER');
add('assessments.first', ASSESSMENTS, (p) => ({ n: p }), 'LEADER');
const conn = (name: string, type: string, fields: string[], key = 'LEADER') => {
  const q = `query($f: ${type}, $a: String) { ${name}(filter: $f, after: $a, first: 5) { edges { node { id } } } }`;
  for (const field of fields) add(`${name}.filter.${field}`, q, (p) => ({ f: { [field]: p } }), key);
  add(`${name}.after`, q, (p) => ({ a: p }), key);
};
conn('branches', 'BranchFilter', ['departmentId', 'search']);
conn('declarations', 'DeclarationFilter', [
  'branchId',
  'channel',
  'direction',
  'enterpriseId',
  'number',
  'registeredFrom',
  'registeredTo',
  'status',
  'taxCode',
]);
conn('enterprises', 'EnterpriseFilter', ['search', 'taxCode']);
conn('officers', 'OfficerFilter', ['branchId', 'search', 'teamId']);
conn('teams', 'TeamFilter', ['branchId', 'search']);
conn('cases', 'CaseFilterInput', ['branchId', 'overdue', 'status']);
for (const field of ['branchIds', 'departmentIds', 'from', 'to']) {
  add(
    `caseStatistics.filter.${field}`,
    'query($f: CaseStatisticsFilter) { caseStatistics(filter: $f, groupBy: BRANCH) { cases } }',
    (p) => ({ f: { [field]: field.endsWith('Ids') ? [p] : p } }),
    'LEADER',
  );
}
for (const [name, arg, type] of [
  ['assessment', 'id', 'ID!'],
  ['branch', 'id', 'ID!'],
  ['officer', 'id', 'ID!'],
  ['team', 'id', 'ID!'],
  ['complaintCase', 'id', 'ID!'],
  ['declaration', 'number', 'String!'],
] as const) {
  add(`${name}(${arg})`, `query($x: ${type}) { ${name}(${arg}: $x) { __typename } }`, (p) => ({ x: p }), 'LEADER');
}
add('reasons(level)', 'query($l: Int) { reasons(level: $l) { code } }', (p) => ({ l: p }), ENTERPRISE_KEY);
add(
  'unratedDeclarations.after',
  'query($a: String) { unratedDeclarations(after: $a) { edges { node { number } } } }',
  (p) => ({ a: p }),
  ENTERPRISE_KEY,
);
add(
  'notifications.after',
  'query($a: String) { notifications(after: $a) { edges { node { id } } } }',
  (p) => ({ a: p }),
  'LEADER',
);
// Writes, each made invalid (level 0, or a malformed number) so that nothing may be stored.
const SUBMIT =
  'mutation($i: RecordAssessmentInput!, $k: String!) { submitAssessment(input: $i, idempotencyKey: $k) { id } }';
add(
  'submitAssessment.declarationNumber',
  SUBMIT,
  (p) => ({
    i: { declarationNumber: p, phase: 'AFTER', items: [{ subjectKind: 'BRANCH', subjectId: '1', level: 0 }] },
    k: 'bad-1',
  }),
  ENTERPRISE_KEY,
);
add(
  'submitAssessment.comment',
  SUBMIT,
  (p) => ({
    i: {
      declarationNumber: '1',
      phase: 'AFTER',
      items: [{ subjectKind: 'BRANCH', subjectId: '1', level: 0, comment: p, reasonCodes: [p] }],
    },
    k: p,
  }),
  ENTERPRISE_KEY,
);
add(
  'submitAssessment.subjectId',
  SUBMIT,
  (p) => ({
    i: {
      declarationNumber: '000000000000',
      phase: 'AFTER',
      items: [{ subjectKind: 'OFFICER', subjectId: p, level: 9 }],
    },
    k: 'bad-2',
  }),
  ENTERPRISE_KEY,
);
const RECORD = 'mutation($i: RecordDeclarationInput!) { recordDeclaration(input: $i) { number } }';
const declaration = (over: Record<string, unknown>) => ({
  number: 'not-a-number',
  enterprise: { taxCode: '0209999999', name: 'X' },
  branchCode: 'HPKV1',
  direction: 'IMPORT',
  typeCode: 'A11',
  channel: 'GREEN',
  status: 'CLEARED',
  registeredAt: '2026-06-15T01:00:00Z',
  releasedAt: '2026-06-15T02:00:00Z',
  handling: [],
  ...over,
});
for (const field of ['branchCode', 'typeCode', 'registeredAt'])
  add(`recordDeclaration.${field}`, RECORD, (p) => ({ i: declaration({ [field]: p }) }), SYSTEM_KEY);
add(
  'recordDeclaration.enterprise',
  RECORD,
  (p) => ({ i: declaration({ enterprise: { taxCode: p, name: p } }) }),
  SYSTEM_KEY,
);
add(
  'login',
  'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }',
  (p) => ({ l: p, p }),
  '',
);

function gqlBody(query: string, variables?: unknown) {
  return JSON.stringify({ query, variables });
}

function structural(): BadRequest[] {
  const me = '{ me { __typename } }';
  const r: BadRequest[] = [];
  const raw = (label: string, body: string | Buffer, headers?: Record<string, string>) =>
    r.push({ label, body, headers });
  // Broken JSON and wrong body types.
  for (const body of [
    '',
    '{',
    '{"query": "{ me { __typename } }"',
    '{"query":}',
    'nul',
    '[]',
    '"string"',
    '123',
    'null',
    '{"query": 123}',
    '{"query": ["{ me }"]}',
    '{"query": {"a": 1}}',
    '{"query": null}',
    '{"variables": {}}',
    `{"query": "${me}", "variables": "not-json"}`,
    `{"query": "${me}", "variables": [1, 2]}`,
    `{"query": "${me}", "operationName": 5}`,
    `{"query": "${me}", "extensions": "x"}`,
    `[{"query": "${me}"}, {"query": "${me}"}]`,
    '{"query": "{ me { __typename } }"}}}}',
    '\u0000\u0001\u0002',
    '{"__proto__": {"admin": true}, "query": "{ me { __typename } }"}',
    `{"query": "${me}", "variables": {"__proto__": {"x": 1}}}`,
  ]) {
    raw(`json ${body.slice(0, 30)}`, body);
  }
  raw('invalid utf-8', Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0xfd, 0x22, 0x7d]));
  raw('text/plain', gqlBody(me), { 'content-type': 'text/plain' });
  raw('form-urlencoded', 'query=%7B%20me%20%7B%20__typename%20%7D%20%7D', {
    'content-type': 'application/x-www-form-urlencoded',
  });
  raw('multipart', '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--', {
    'content-type': 'multipart/form-data; boundary=x',
  });
  raw('json declared, xml sent', '<?xml version="1.0"?><query/>');
  raw('gzip declared, plain sent', gqlBody(me), { 'content-encoding': 'gzip' });
  raw('huge body', JSON.stringify({ query: me, variables: { x: 'y'.repeat(12_000_000) } }));
  // GraphQL syntax and validation.
  for (const q of [
    '{',
    '}',
    '{ me { }',
    'query { me { __typename } ',
    'mutation',
    'subscription { x }',
    '{ __typename @nope }',
    '{ me { login(x: 1) } }',
    'query($a: Int = "x") { me { __typename } }',
    'query($a: Unknown) { me { __typename } }',
    '{ "string" }',
    `{ ${'x'.repeat(100_000)} }`,
    'fragment A on Query { ...A } { ...A }',
    'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
    '{ ...on Nope { x } }',
    '{ branches(first: 5) { edges { node { id } } } } { me { __typename } }',
    'query A { me { __typename } } query A { me { __typename } }',
  ]) {
    raw(`graphql ${q.slice(0, 30)}`, gqlBody(q));
  }
  // Deep nesting: selection sets, list values, input objects, JSON.
  for (const depth of [20, 100, 1000, 5000]) {
    raw(`deep selection ${depth}`, gqlBody(`{ ${'me { '.repeat(depth)}__typename${' }'.repeat(depth)} }`));
    raw(
      `deep list literal ${depth}`,
      gqlBody(`{ reasons(level: ${'['.repeat(depth)}1${']'.repeat(depth)}) { code } }`),
    );
    raw(`deep braces ${depth}`, gqlBody('{'.repeat(depth) + '}'.repeat(depth)));
    raw(
      `deep json variables ${depth}`,
      `{"query": "query($f: RatingFilterInput) { ratingStatistics(filter: $f) { overall { count } } }", "variables": {"f": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`,
    );
    raw(`deep json array ${depth}`, `{"query": "${me}", "variables": {"x": ${'['.repeat(depth)}${']'.repeat(depth)}}}`);
  }
  raw('deep json 100000', `{"query": "${me}", "variables": {"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`);
  raw(
    'deep introspection',
    gqlBody(`{ __schema { types { ${'fields { type { ofType { '.repeat(20)}name${' } } }'.repeat(20)} } } }`),
  );
  // Alias, field, directive and fragment bombs.
  for (const n of [100, 1000, 10_000]) {
    raw(
      `alias bomb me ${n}`,
      gqlBody(`{ ${Array.from({ length: n }, (_, i) => `a${i}: me { __typename }`).join(' ')} }`),
    );
    raw(
      `alias bomb statistics ${n}`,
      gqlBody(
        `{ ${Array.from({ length: n }, (_, i) => `s${i}: ratingStatistics(groupBy: [OFFICER], minCount: 1) { groups { count } }`).join(' ')} }`,
      ),
      { authorization: `Bearer ${ANALYTICS_KEY}` },
    );
    raw(`duplicate field ${n}`, gqlBody(`{ ${'departments { id name } '.repeat(n)} }`), {
      authorization: `Bearer ${ANALYTICS_KEY}`,
    });
    raw(`directive bomb ${n}`, gqlBody(`{ me ${'@include(if: true) '.repeat(n)} { __typename } }`));
    raw(
      `operations ${n}`,
      JSON.stringify({
        query: Array.from({ length: n }, (_, i) => `query Q${i} { me { __typename } }`).join(' '),
        operationName: `Q${n - 1}`,
      }),
    );
  }
  const laughs = Array.from({ length: 30 }, (_, i) =>
    i === 0
      ? 'fragment F0 on Query { departments { id name } }'
      : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`,
  ).join(' ');
  raw('fragment explosion', gqlBody(`${laughs} { ...F29 }`), { authorization: `Bearer ${ANALYTICS_KEY}` });
  raw(
    'alias bomb mutations',
    gqlBody(`mutation { ${Array.from({ length: 500 }, (_, i) => `m${i}: markAllNotificationsRead`).join(' ')} }`),
  );
  // Huge lists and strings.
  for (const n of [1000, 100_000]) {
    const ids = Array.from({ length: n }, (_, i) => String(i + 1));
    raw(`huge branchIds ${n}`, gqlBody(STATS, { f: { branchIds: ids, officerIds: ids }, g: ['BRANCH'], m: 1 }), {
      authorization: `Bearer ${ANALYTICS_KEY}`,
    });
    raw(`huge levels ${n}`, gqlBody(STATS, { f: { levels: ids.map(Number) }, g: [], m: 1 }), {
      authorization: `Bearer ${ANALYTICS_KEY}`,
    });
    raw(`huge groupBy ${n}`, gqlBody(STATS, { g: Array.from({ length: n }, () => 'BRANCH'), m: 1 }), {
      authorization: `Bearer ${ANALYTICS_KEY}`,
    });
    raw(
      `huge items ${n}`,
      gqlBody(SUBMIT, {
        i: {
          declarationNumber: '000000000000',
          phase: 'AFTER',
          items: Array.from({ length: n }, () => ({ subjectKind: 'BRANCH', subjectId: '1', level: 5 })),
        },
        k: 'huge',
      }),
      { authorization: `Bearer ${ENTERPRISE_KEY}` },
    );
    raw(
      `huge handling ${n}`,
      gqlBody(RECORD, {
        i: declaration({
          number: '123456789012',
          handling: Array.from({ length: n }, () => ({
            stageCode: 'TNHS',
            teamCode: 'HPKV1-TT',
            officerCode: 'HP00001',
            startedAt: '2026-06-15T01:05:00Z',
          })),
        }),
      }),
      { authorization: `Bearer ${SYSTEM_KEY}` },
    );
  }
  raw('first: 2^31-1', gqlBody(ASSESSMENTS, { n: 2147483647 }), { authorization: `Bearer ${ANALYTICS_KEY}` });
  raw(
    'drill path 1000',
    gqlBody('query($p: [DrillStep!]!) { ratingDrillDown(path: $p) { __typename } }', {
      p: Array.from({ length: 1000 }, (_, i) => ({ dimension: 'BRANCH', id: String(i) })),
    }),
    { authorization: `Bearer ${ANALYTICS_KEY}` },
  );
  // Credentials.
  for (const auth of [
    "Bearer ' OR 1=1 --",
    `Bearer ${'k'.repeat(100_000)}`,
    'Basic YWRtaW46ZGVtbw==',
    'Bearer',
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwicm9sZSI6IkFETUlOIn0.',
    'Bearer a.b.c',
    'Bearer sqa_demo_admin%00',
    `Bearer ${SYSTEM_KEY}' --`,
    '\u00ff\u00fe',
  ]) {
    raw(`auth ${auth.slice(0, 25)}`, gqlBody('{ me { __typename } apiKeys { name } }'), { authorization: auth });
  }
  return r;
}

function generate(leaderToken: string): BadRequest[] {
  const requests = structural();
  for (const target of TARGETS) {
    const key = target.key === 'LEADER' ? leaderToken : target.key;
    for (const p of PAYLOADS) {
      requests.push({
        label: `${target.label} <- ${JSON.stringify(p).slice(0, 40)}`,
        body: gqlBody(target.query, target.vars(p)),
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });
    }
    // The same payloads inline in the query text, as literals, where the argument is a string.
    if (/\$x: (ID|String)!/.test(target.query)) {
      for (const p of PAYLOADS.filter((x): x is string => typeof x === 'string')) {
        requests.push({
          label: `${target.label} inline`,
          body: gqlBody(target.query.replace(/^query\(\$x: \w+!\)/, 'query').replace('$x', JSON.stringify(p))),
          headers: key ? { authorization: `Bearer ${key}` } : {},
        });
      }
    }
  }
  return requests;
}

// What must never reach a caller: stack frames, source paths, SQL and database errors.
const LEAKS = [
  /\n\s+at [\w.<>]+ \(/,
  /\bat .*\.(js|ts|mjs):\d+/,
  /node_modules/,
  /\/work\//,
  /stacktrace/i,
  /syntax error at or near/i,
  /relation "\w+"/i,
  /column "\w+"/i,
  /violates \w+ constraint/i,
  /DB::Exception/,
  /\bCode: \d+\./,
  /\bselect\s+.+\s+from\s+"?\w+"?\s+(where|join|order|group|limit)\b/i,
  /\binsert into\s+"?\w+"?\s*\(/i,
  /\bupdate\s+"\w+"\s+set\b/i,
  /DriverException|QueryFailedError|MikroORM|PGlite|ECONNREFUSED|TypeError|ReferenceError|RangeError|Maximum call stack/,
];

function leaks(text: string, request: BadRequest): RegExp | undefined {
  // A validation message may quote the caller's own input back; that is not a leak.
  let scrubbed = text;
  for (const p of PAYLOADS) {
    if (typeof p !== 'string' || p.length < 2) continue;
    for (const form of [p, JSON.stringify(p).slice(1, -1)]) scrubbed = scrubbed.split(form).join('');
  }
  void request;
  return LEAKS.find((re) => re.test(scrubbed));
}

describe('bad input', () => {
  it('answers over 1,000 malformed and hostile requests without a 5xx, a leak or a write', async () => {
    const leaderToken = await api.server.login('leader');
    const requests = generate(leaderToken);
    expect(requests.length).toBeGreaterThanOrEqual(1000);
    const em = api.stores.em();
    const before = await tableCounts(em);
    const [{ n: batchesBefore }] = await em
      .getConnection()
      .execute<{ n: string }[]>('select count(*) as n from relay_batch');
    const factsBefore = await countRatingFacts(api.stores.analytics);

    const statuses = new Map<number, number>();
    const codes = new Map<string, number>();
    const failures: string[] = [];
    const slowest: [number, string][] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++];
        let res;
        try {
          const started = Date.now();
          res = await post(`${api.server.url}/graphql`, request.body, request.headers ?? {}, false, 15_000);
          const ms = Date.now() - started;
          slowest.push([ms, request.label]);
        } catch (error) {
          // The server may cut off a body over its size limit before reading it; that is a refusal, not a failure.
          // So may Node's HTTP parser for headers over its 16 KB limit (it answers 431 and closes).
          if (
            (request.label === 'huge body' || request.label.startsWith('auth Bearer kkk')) &&
            /ECONNRESET|EPIPE/.test(String(error))
          )
            continue;
          failures.push(`${request.label}: connection error ${String(error)}`);
          continue;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push(`${request.label}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
        const leak = leaks(res.body, request);
        if (leak) failures.push(`${request.label}: leaks ${leak}: ${res.body.slice(0, 300)}`);
        try {
          const json = JSON.parse(res.body);
          for (const e of json.errors ?? []) {
            const code = String(e.extensions?.code ?? 'none');
            codes.set(code, (codes.get(code) ?? 0) + 1);
            if (code === 'INTERNAL_SERVER_ERROR' || code === 'none')
              failures.push(`${request.label}: ${code} ${JSON.stringify(e).slice(0, 300)}`);
          }
        } catch {
          // Non-JSON refusals (e.g. body-parser's 400/413 pages) are fine if they leak nothing.
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));

    console.log(
      `BAD INPUT: ${requests.length} requests; HTTP ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; error codes ${JSON.stringify(Object.fromEntries([...codes].sort()))}`,
    );
    console.log('slowest', slowest.sort((a, b) => b[0] - a[0]).slice(0, 8));
    if (failures.length) {
      fs.mkdirSync('test-artifacts', { recursive: true });
      fs.writeFileSync('test-artifacts/bad-input-failures.txt', failures.join('\n\n'));
      console.log(
        `${failures.length} failures (all in test-artifacts/bad-input-failures.txt), the first:\n${failures.slice(0, 10).join('\n')}`,
      );
    }
    expect(failures).toEqual([]);
    // Every request reached the engine: none was turned away by a rate limit or budget.
    expect(statuses.get(429) ?? 0).toBe(0);
    expect(await tableCounts(em)).toEqual(before);
    const [{ n: batchesAfter }] = await em
      .getConnection()
      .execute<{ n: string }[]>('select count(*) as n from relay_batch');
    expect(batchesAfter).toBe(batchesBefore);
    expect(await countRatingFacts(api.stores.analytics)).toBe(factsBefore);
  });
});
