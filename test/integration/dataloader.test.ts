import { expect, it } from 'vitest';
import { useSeededApi } from '../support/server.js';

const queries: string[] = [];

const api = useSeededApi({ onQuery: (message: string) => queries.push(message) });

/** SELECTs per table, read from the SQL the ORM actually sent. */
function selectsPerTable(log: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of log) {
    const match = /select .*? from "(\w+)"/i.exec(line);
    if (match) counts[match[1]] = (counts[match[1]] ?? 0) + 1;
  }
  return counts;
}

it('resolves a deep catalog tree with one query per entity type', async () => {
  queries.length = 0;
  const res = await api.server.gql(
    `{ departments { branches { department { code } declarationCount teams { officerCount branch { code } officers { code } } } } }`,
  );
  expect(res.errors, JSON.stringify(res.errors) + api.server.logged.join('\n')).toBeUndefined();
  expect(res.data!.departments[0].branches.length).toBeGreaterThanOrEqual(8);
  const counts = selectsPerTable(queries);
  // department and branch twice: the root list, then the batched lookups by id.
  expect(counts).toEqual({ department: 2, branch: 2, team: 1, officer: 1, declaration: 1, officer_assignment: 2 });
});

it('resolves a page of declarations with one query per related entity type', async () => {
  queries.length = 0;
  const res = await api.server.gql(
    `{ declarations(first: 100) { edges { node { number enterprise { name } branch { code } handlingRecords { stage { code } team { code } officer { code currentTeam { code } } } } } } }`,
    {},
    'sqa_demo_system_feed',
  );
  expect(res.errors, JSON.stringify(res.errors) + api.server.logged.join('\n')).toBeUndefined();
  expect(res.data!.declarations.edges).toHaveLength(100);
  const counts = selectsPerTable(queries.filter((q) => !q.includes('"api_key"')));
  expect(counts).toEqual({
    declaration: 1,
    enterprise: 1,
    branch: 1,
    handling_record: 1,
    stage: 1,
    team: 1,
    officer: 1,
    officer_assignment: 1,
  });
});
