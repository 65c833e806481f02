/**
 * The rules of a new form, through the real schema: an officer who handled several stages is
 * rated per stage and each rating counts for the stage and team it names; the rating window is
 * enforced; a comment over its limit is refused, never cut; count arguments are never negative;
 * the limits are served before a user reaches them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISE_ID } from '../../api/db/seed/demo-seed.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { OutboxFactSource } from '../../api/relay/outbox-fact-source.js';
import { relayOnce } from '../../api/relay/relay-loop.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';
import { ENTERPRISE_KEY, SYSTEM_KEY, testDeclarationNumber } from '../support/sends.js';

const now = new Date(FIXED_UNTIL.getTime() - 3_600_000);
const api = useSeededApi({ clock: () => now });
const em = () => api.stores.em();

const RECORD = `mutation($input: RecordDeclarationInput!) { recordDeclaration(input: $input) {
  rateableSubjects { kind id name stage { id code } team { id code } handledAt } } }`;
const SUBMIT = `mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) {
  id items { level subject { kind id stage { code } team { code } } } } }`;

let enterprise: { taxCode: string; name: string };
let admin: string;

/** A declaration on which officer HP00001 did two stages in two teams, registered `daysAgo` days before now. */
function twoStages(number: string, daysAgo = 0) {
  const at = (minutes: number) =>
    new Date(now.getTime() - daysAgo * 86_400_000 - 3_600_000 + minutes * 60_000).toISOString();
  return {
    number,
    enterprise,
    branchCode: 'HPKV1',
    direction: 'IMPORT',
    typeCode: 'A11',
    channel: 'YELLOW',
    status: 'CLEARED',
    registeredAt: at(0),
    releasedAt: at(50),
    handling: [
      { stageCode: 'TNHS', teamCode: 'HPKV1-TT', officerCode: 'HP00001', startedAt: at(5), finishedAt: at(10) },
      { stageCode: 'KTHS', teamCode: 'HPKV1-KT', officerCode: 'HP00001', startedAt: at(15), finishedAt: at(30) },
    ],
  };
}

beforeAll(async () => {
  const [row] = await em().execute<{ tax_code: string; name: string }[]>(
    'select tax_code, name from enterprise where id = ?',
    [DEMO_ENTERPRISE_ID],
  );
  enterprise = { taxCode: row.tax_code, name: row.name };
  admin = await api.server.login('admin');
  await rebuildRatingFacts(em(), api.stores.analytics);
});

describe('an officer who handled several stages', () => {
  const number = testDeclarationNumber(1, 6);
  let subjects: any[];
  beforeAll(async () => {
    const res = await api.server.gql(RECORD, { input: twoStages(number) }, SYSTEM_KEY);
    expect(res.errors).toBeUndefined();
    subjects = res.data!.recordDeclaration.rateableSubjects;
  });

  it('is offered once per stage, with the stage, the team and when', () => {
    const officers = subjects.filter((s) => s.kind === 'OFFICER');
    expect(officers.map((o) => [o.stage.code, o.team.code])).toEqual([
      ['TNHS', 'HPKV1-TT'],
      ['KTHS', 'HPKV1-KT'],
    ]);
    expect(officers[0].id).toBe(officers[1].id);
    expect(new Date(officers[1].handledAt).getTime()).toBeGreaterThan(new Date(officers[0].handledAt).getTime());
  });

  it('must be told which stage it is rated for', async () => {
    const officer = subjects.find((s) => s.kind === 'OFFICER');
    const res = await api.server.gql(
      SUBMIT,
      {
        input: {
          declarationNumber: number,
          phase: 'AFTER',
          items: [{ subjectKind: 'OFFICER', subjectId: officer.id, level: 5 }],
        },
        key: 'two-stages-001',
      },
      ENTERPRISE_KEY,
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.invalid[0].field).toBe('items[0].stageId');
  });

  it('counts each stage rating for exactly the stage and team it names', async () => {
    const [tnhs, ktht] = subjects.filter((s) => s.kind === 'OFFICER');
    const res = await api.server.gql(
      SUBMIT,
      {
        input: {
          declarationNumber: number,
          phase: 'AFTER',
          items: [
            { subjectKind: 'OFFICER', subjectId: tnhs.id, stageId: tnhs.stage.id, level: 5 },
            {
              subjectKind: 'OFFICER',
              subjectId: ktht.id,
              stageId: ktht.stage.id,
              level: 1,
              comment: 'Kiểm tra hồ sơ quá lâu',
            },
          ],
        },
        key: 'two-stages-002',
      },
      ENTERPRISE_KEY,
    );
    expect(res.errors).toBeUndefined();
    expect(
      res.data!.submitAssessment.items.map((i: any) => [i.level, i.subject.stage.code, i.subject.team.code]),
    ).toEqual([
      [5, 'TNHS', 'HPKV1-TT'],
      [1, 'KTHS', 'HPKV1-KT'],
    ]);
    await relayOnce(api.stores.analytics, new OutboxFactSource(api.stores.db.orm.em, { workerId: 'rules-test' }));
    const stats = await api.server.gql(
      `query($f: RatingFilterInput) { ratingStatistics(filter: $f, groupBy: [STAGE, TEAM]) { groups { keys { value } levelCounts } } }`,
      { f: { officerIds: [tnhs.id], from: new Date(now.getTime() - 60_000).toISOString() } },
      admin,
    );
    expect(stats.errors).toBeUndefined();
    const groups = stats.data!.ratingStatistics.groups.map((g: any) => [
      g.keys.map((k: any) => k.value),
      g.levelCounts,
    ]);
    expect(groups).toEqual(
      [
        [
          [tnhs.stage.id, tnhs.team.id],
          [0, 0, 0, 0, 1],
        ],
        [
          [ktht.stage.id, ktht.team.id],
          [1, 0, 0, 0, 0],
        ],
      ].sort((a, b) => Number((a[0] as string[])[0]) - Number((b[0] as string[])[0])),
    );
  });
});

describe('the rules of a new form', () => {
  it('refuses a declaration registered before the rating window with a reason', async () => {
    const number = testDeclarationNumber(2, 6);
    const windowDays = api.stores.config.rating.windowDays;
    expect(
      (await api.server.gql(RECORD, { input: twoStages(number, windowDays + 1) }, SYSTEM_KEY)).errors,
    ).toBeUndefined();
    const res = await api.server.gql(
      SUBMIT,
      {
        input: {
          declarationNumber: number,
          phase: 'AFTER',
          items: [{ subjectKind: 'BRANCH', subjectId: '1', level: 5 }],
        },
        key: 'old-declaration-1',
      },
      ENTERPRISE_KEY,
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RATING_WINDOW_CLOSED' });
    const [row] = await em().execute<{ n: string }[]>(
      'select count(*) as n from assessment a join declaration d on d.id = a.declaration_id where d.number = ?',
      [number],
    );
    expect(Number(row.n)).toBe(0);
  });

  it('refuses a comment over its limit instead of cutting it, and says the limit beforehand', async () => {
    const limits = await api.server.gql(
      '{ ratingLimits { commentMaxLength contactNameMaxLength itemsMax reasonCodesMax windowDays } }',
    );
    expect(limits.data!.ratingLimits).toEqual({
      commentMaxLength: 1000,
      contactNameMaxLength: 100,
      itemsMax: 60,
      reasonCodesMax: 10,
      windowDays: api.stores.config.rating.windowDays,
    });
    const number = testDeclarationNumber(3, 6);
    await api.server.gql(RECORD, { input: twoStages(number) }, SYSTEM_KEY);
    const res = await api.server.gql(
      SUBMIT,
      {
        input: {
          declarationNumber: number,
          phase: 'AFTER',
          items: [{ subjectKind: 'BRANCH', subjectId: '1', level: 2, comment: 'x'.repeat(10_000) }],
        },
        key: 'long-comment-001',
      },
      ENTERPRISE_KEY,
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/at most 1000/);
  });

  it.each([
    ['ratingStatistics', '{ ratingStatistics(minCount: -1) { overall { count } } }'],
    ['ratingRanking', '{ ratingRanking(dimension: BRANCH, minCount: -5) { count } }'],
    ['ratingDrillDown', '{ ratingDrillDown(minCount: -1) { node { count } } }'],
  ])('refuses a negative minCount on %s', async (_field, query) => {
    const res = await api.server.gql(query, {}, admin);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'minCount' });
  });
});

describe('one rule for phases', () => {
  const STATE = `query($n: String!) { declaration(number: $n) { ratingState phaseToRate } }`;
  const UNRATED = `{ unratedDeclarations(first: 100) { edges { node { number ratingState } } } }`;

  it('counts a DURING form after release alike in the unrated list, the reminders and the declaration itself', async () => {
    const number = testDeclarationNumber(4, 6);
    const during = { ...twoStages(number), status: 'UNDER_INSPECTION', releasedAt: undefined };
    expect((await api.server.gql(RECORD, { input: during }, SYSTEM_KEY)).errors).toBeUndefined();
    expect((await api.server.gql(STATE, { n: number }, ENTERPRISE_KEY)).data!.declaration).toEqual({
      ratingState: 'UNRATED',
      phaseToRate: 'DURING',
    });
    const listed = await api.server.gql(UNRATED, {}, ENTERPRISE_KEY);
    expect(listed.data!.unratedDeclarations.edges.map((e: any) => e.node)).toContainEqual({
      number,
      ratingState: 'UNRATED',
    });
    const sent = await api.server.gql(
      SUBMIT,
      {
        input: {
          declarationNumber: number,
          phase: 'DURING',
          items: [{ subjectKind: 'BRANCH', subjectId: '1', level: 4 }],
        },
        key: 'phase-rule-0001',
      },
      ENTERPRISE_KEY,
    );
    expect(sent.errors).toBeUndefined();
    // The goods are released: the declaration is rated, and may still get an optional AFTER form.
    expect((await api.server.gql(RECORD, { input: twoStages(number) }, SYSTEM_KEY)).errors).toBeUndefined();
    expect((await api.server.gql(STATE, { n: number }, ENTERPRISE_KEY)).data!.declaration).toEqual({
      ratingState: 'RATED',
      phaseToRate: 'AFTER',
    });
    const after = await api.server.gql(UNRATED, {}, ENTERPRISE_KEY);
    const numbers = after.data!.unratedDeclarations.edges.map((e: any) => e.node.number);
    expect(numbers).not.toContain(number);
    expect(
      after.data!.unratedDeclarations.edges.every((e: any) => ['UNRATED', 'DRAFT'].includes(e.node.ratingState)),
    ).toBe(true);
    await api.server.gql('mutation { runRatingReminders }', {}, SYSTEM_KEY);
    const [row] = await em().execute<{ n: string }[]>(
      'select count(*) as n from rating_reminder r join declaration d on d.id = r.declaration_id where d.number = ?',
      [number],
    );
    expect(Number(row.n)).toBe(0);
  });

  it('says WINDOW_CLOSED for an unrated declaration past the window', async () => {
    const number = testDeclarationNumber(5, 6);
    await api.server.gql(RECORD, { input: twoStages(number, api.stores.config.rating.windowDays + 2) }, SYSTEM_KEY);
    expect((await api.server.gql(STATE, { n: number }, ENTERPRISE_KEY)).data!.declaration).toEqual({
      ratingState: 'WINDOW_CLOSED',
      phaseToRate: null,
    });
  });
});
