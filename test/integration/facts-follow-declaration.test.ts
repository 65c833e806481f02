/**
 * Facts follow the declaration: a rated declaration re-sent by the customs system (the feed or a
 * CSV import) with another channel or other handling gets a new version of its rating facts
 * through the outbox, so ClickHouse says what Postgres says, before and after a rebuild, and the
 * statistics API answers the same either way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISE_ID } from '../../api/db/seed/demo-seed.js';
import { importDeclarationsCsv } from '../../api/declarations/import-declarations.js';
import { OutboxFactSource } from '../../api/relay/outbox-fact-source.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { relayOnce } from '../../api/relay/relay-loop.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';
import { ENTERPRISE_KEY, SYSTEM_KEY, declarationInput, testDeclarationNumber } from '../support/sends.js';

const now = new Date(FIXED_UNTIL.getTime() - 3_600_000);
const api = useSeededApi({ clock: () => now });
const em = () => api.stores.em();
const relay = () =>
  relayOnce(api.stores.analytics, new OutboxFactSource(api.stores.db.orm.em, { workerId: 'follow-test' }));

const RECORD = `mutation($input: RecordDeclarationInput!) { recordDeclaration(input: $input) { number rateableSubjects { kind id stage { id } } } }`;
const SUBMIT = `mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id } }`;
const STATS = `query($filter: RatingFilterInput) { ratingStatistics(filter: $filter, groupBy: [CHANNEL, TEAM, STAGE]) {
  overall { count } groups { keys { dimension value } count levelCounts } } }`;

let enterprise: { taxCode: string; name: string };
let admin: string;
const number = testDeclarationNumber(1, 7);

/** Every attribute of each sent item of the declaration as Postgres has it: channel from the declaration, ids from the items. */
async function postgresFacts(declaration: string) {
  return em().execute<Record<string, unknown>[]>(
    `select i.id::int as item, d.channel, i.branch_id::int as branch, coalesce(i.team_id, 0)::int as team, coalesce(i.stage_id, 0)::int as stage,
            (case when i.subject_kind = 'OFFICER' then i.subject_id else 0 end)::int as officer, i.level::int as level
     from assessment_item i join assessment a on a.id = i.assessment_id join declaration d on d.id = a.declaration_id
     where a.status = 'SENT' and d.number = ? order by i.id`,
    [declaration],
  );
}

/** The same from ClickHouse, without FINAL, as every hot query reads it: no old version may show. */
async function clickhouseFacts(declaration: string) {
  const [{ id }] = await em().execute<{ id: number }[]>('select id from declaration where number = ?', [declaration]);
  const result = await api.stores.analytics.client.query({
    query: `SELECT toUInt32(item_id) AS item, toString(channel) AS channel, branch_id AS branch, team_id AS team, stage_id AS stage,
                   officer_id AS officer, level FROM rating_facts WHERE is_deleted = 0 AND declaration_id = {id:UInt64} ORDER BY item_id`,
    query_params: { id: Number(id) },
    format: 'JSONEachRow',
  });
  return result.json<Record<string, unknown>>();
}

async function expectStoresAgree(declaration: string) {
  const pg = await postgresFacts(declaration);
  expect(pg.length).toBeGreaterThan(0);
  expect(await clickhouseFacts(declaration)).toEqual(pg);
  return pg;
}

async function statistics() {
  const res = await api.server.gql(STATS, { filter: { enterpriseIds: [String(DEMO_ENTERPRISE_ID)] } }, admin);
  expect(res.errors).toBeUndefined();
  return res.data!.ratingStatistics;
}

async function teamId(code: string): Promise<number> {
  const [row] = await em().execute<{ id: number }[]>('select id from team where code = ?', [code]);
  return Number(row.id);
}

beforeAll(async () => {
  await rebuildRatingFacts(em(), api.stores.analytics);
  const [row] = await em().execute<{ tax_code: string; name: string }[]>(
    'select tax_code, name from enterprise where id = ?',
    [DEMO_ENTERPRISE_ID],
  );
  enterprise = { taxCode: row.tax_code, name: row.name };
  admin = await api.server.login('admin');
  const recorded = await api.server.gql(RECORD, { input: declarationInput(number, enterprise, now) }, SYSTEM_KEY);
  expect(recorded.errors).toBeUndefined();
  const subjects: { kind: string; id: string }[] = recorded.data!.recordDeclaration.rateableSubjects;
  const sent = await api.server.gql(
    SUBMIT,
    {
      input: {
        declarationNumber: number,
        phase: 'AFTER',
        items: [
          { subjectKind: 'BRANCH', subjectId: subjects.find((s) => s.kind === 'BRANCH')!.id, level: 5 },
          { subjectKind: 'TEAM', subjectId: subjects.find((s) => s.kind === 'TEAM')!.id, level: 4 },
          ...subjects
            .filter((s) => s.kind === 'OFFICER' || s.kind === 'STAGE')
            .map((s) => ({ subjectKind: s.kind, subjectId: s.id, level: 2, comment: 'Chậm' })),
        ],
      },
      key: 'follow-declaration-1',
    },
    ENTERPRISE_KEY,
  );
  expect(sent.errors).toBeUndefined();
  await relay();
});

describe('a rated declaration re-sent with new facts', () => {
  it('agrees before any change', async () => {
    const facts = await expectStoresAgree(number);
    expect(facts.every((f) => f.channel === 'YELLOW')).toBe(true);
  });

  it('does not re-version when the same facts are sent again', async () => {
    const [before] = await em().execute<{ n: string }[]>('select count(*) as n from outbox_event');
    const again = await api.server.gql(RECORD, { input: declarationInput(number, enterprise, now) }, SYSTEM_KEY);
    expect(again.errors).toBeUndefined();
    const [after] = await em().execute<{ n: string }[]>('select count(*) as n from outbox_event');
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('follows a new channel and a new team through the feed, with and without a rebuild', async () => {
    const input = declarationInput(number, enterprise, now);
    input.channel = 'GREEN';
    // The document check was in fact done by the inspection team.
    input.handling[1].teamCode = 'HPKV1-KT';
    const res = await api.server.gql(RECORD, { input }, SYSTEM_KEY);
    expect(res.errors).toBeUndefined();
    await relay();
    const facts = await expectStoresAgree(number);
    expect(facts.every((f) => f.channel === 'GREEN')).toBe(true);
    const kt = await teamId('HPKV1-KT');
    const [{ id: ktht }] = await em().execute<{ id: number }[]>("select id from stage where code = 'KTHS'");
    // The officer and the stage of the document check now count for the inspection team.
    expect(facts.filter((f) => f.stage === Number(ktht)).map((f) => f.team)).toEqual([kt, kt]);
    const viaRelay = await statistics();
    await rebuildRatingFacts(em(), api.stores.analytics);
    await expectStoresAgree(number);
    expect(await statistics()).toEqual(viaRelay);
  });

  it('follows a CSV import the same way, and the cases of re-attributed items follow too', async () => {
    const t = (minutes: number) => new Date(now.getTime() - 3_600_000 + minutes * 60_000).toISOString();
    const header =
      'number,tax_code,enterprise_name,branch_code,direction,type_code,channel,status,registered_at,released_at,stage_code,team_code,officer_code,started_at,finished_at';
    const row = (stage: string, team: string, officer: string, from: number, to: number) =>
      [
        number,
        enterprise.taxCode,
        `"${enterprise.name}"`,
        'HPKV1',
        'IMPORT',
        'A11',
        'RED',
        'CLEARED',
        t(0),
        t(40),
        stage,
        team,
        officer,
        t(from),
        t(to),
      ].join(',');
    const csv = [header, row('TNHS', 'HPKV1-KT', 'HP00001', 5, 10), row('KTHS', 'HPKV1-TT', 'HP00002', 15, 30)].join(
      '\n',
    );
    const report = await importDeclarationsCsv(em(), csv);
    expect(report.errors).toEqual([]);
    await relay();
    const facts = await expectStoresAgree(number);
    expect(facts.every((f) => f.channel === 'RED')).toBe(true);
    const [{ pgTeams }] = await em().execute<{ pgTeams: string }[]>(
      `select string_agg(coalesce(i.team_id, 0)::text, ',' order by c.id) as "pgTeams"
       from complaint_case c join assessment_item i on i.id = c.item_id join assessment a on a.id = c.assessment_id
       join declaration d on d.id = a.declaration_id where d.number = ?`,
      [number],
    );
    const [{ id }] = await em().execute<{ id: number }[]>('select id from declaration where number = ?', [number]);
    const cases = await api.stores.analytics.client.query({
      query: `SELECT arrayStringConcat(groupArray(toString(team_id)), ',') AS teams FROM (SELECT team_id FROM case_facts FINAL
              WHERE item_id IN (SELECT item_id FROM rating_facts WHERE declaration_id = {id:UInt64}) ORDER BY case_id)`,
      query_params: { id: Number(id) },
      format: 'JSONEachRow',
    });
    expect((await cases.json<{ teams: string }>())[0].teams).toBe(pgTeams);
    const viaRelay = await statistics();
    await rebuildRatingFacts(em(), api.stores.analytics);
    await expectStoresAgree(number);
    expect(await statistics()).toEqual(viaRelay);
  });
});
