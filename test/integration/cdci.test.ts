/**
 * The CDCI on a small hand-checked data set. The third quarter of 2026 is empty in the demo seed
 * (it ends on 1 July), so every figure of that quarter below comes from the rows this file adds:
 *
 *   weights for 2026-Q3 (set through the API): S 40, R 30, D 20, T 10; SURVEY_MIN_RESPONDENTS=1
 *
 *   branch 1  survey: PRO_STYLE 5, PRO_SKILL 3 → PRO (100 + 0)/2 = 50; TIME_DOCS faster → TIME 100
 *                     → S = (50 + 100)/2 = 75
 *             ratings 5, 4, 2, 1 → R = 2/4 = 50
 *             cases: 2 concluded, 1 by its deadline → T = 50
 *             department assessment 90 → D = 90
 *             CDCI = (40·75 + 30·50 + 20·90 + 10·50) / 100 = (3000 + 1500 + 1800 + 500) / 100 = 68
 *   branch B  survey: PRO_STYLE 4 → PRO 100 → S = 100
 *             ratings 5, 5, 4, 2, 1 → R = 3/5 = 60
 *             cases: 1 concluded on time, 1 still open → T = 1/1 = 100
 *             department assessment 70 → D = 70
 *             CDCI = (4000 + 1800 + 1400 + 1000) / 100 = 82
 *   branch C  only the department assessment, 80: the other weights are absent, so CDCI = 20·80/20 = 80
 *   the other branches: nothing in the quarter → no index, no rank
 *
 *   ranking: B 82 (1), C 80 (2), branch 1 68 (3)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { hashApiKey } from '../../api/auth/viewer.js';
import { useSeededApi } from '../support/server.js';

// One respondent per branch is enough here (the default minimum, 3, would drop S: see surveys.test.ts).
vi.stubEnv('SURVEY_MIN_RESPONDENTS', '1');
afterAll(() => vi.unstubAllEnvs());
const now = new Date('2026-08-14T10:00:00+07:00');
const api = useSeededApi({ clock: () => now });
const em = () => api.stores.em();
const ENTERPRISE_1 = 'sqa_demo_declaration_software';
const ENTERPRISE_2 = 'sqa_test_cdci_enterprise_two';

const RANKING = `query($p: String!) { cdciRanking(period: $p) { period previousPeriod isRunning formula weights { appliesTo survey satisfaction departmentAssessment caseTimeliness }
  rows { rank branch { id code } index previousIndex previousRank change components { component symbol value weight basis } } } }`;
const SUBMIT = `mutation($c: ID!, $i: SurveyResponseInput!) { submitSurveyResponse(campaignId: $c, input: $i) { status } }`;

let leader: string;
let B: number;
let C: number;

async function cdciCounts() {
  const [row] = await em().execute<{ w: string; a: string }[]>(
    'select (select count(*) from cdci_weights) as w, (select count(*) from cdci_department_assessment) as a',
  );
  return { weights: Number(row.w), assessments: Number(row.a) };
}

/** A released declaration of the branch in August, rated once on the branch at `level`; returns the item id. */
async function rate(branchId: number, level: number, seq: number): Promise<number> {
  const at = new Date(`2026-08-${String(3 + seq).padStart(2, '0')}T09:00:00+07:00`);
  const [d] = await em().execute<{ id: number }[]>(
    `insert into declaration (number, enterprise_id, branch_id, direction, type_code, channel, registered_at, released_at, status)
     values (?, 1, ?, 'IMPORT', 'A11', 'GREEN', ?, ?, 'RELEASED') returning id`,
    [
      `109${String(branchId).padStart(3, '0')}${String(seq).padStart(6, '0')}`,
      branchId,
      at,
      new Date(at.getTime() + 3_600_000),
    ],
  );
  const sent = new Date(at.getTime() + 7_200_000);
  const [a] = await em().execute<{ id: number }[]>(
    `insert into assessment (declaration_id, enterprise_id, phase, status, created_by, created_at, updated_at, sent_at) values (?, 1, 'AFTER', 'SENT', 'test', ?, ?, ?) returning id`,
    [d.id, sent, sent, sent],
  );
  const [item] = await em().execute<{ id: number }[]>(
    `insert into assessment_item (assessment_id, subject_kind, subject_id, branch_id, level, reason_codes) values (?, 'BRANCH', ?, ?, ?, '{}') returning id`,
    [a.id, branchId, branchId, level],
  );
  return Number(item.id);
}

/** A case on a rated item, opened on 20 August, due 3 September; concluded on `concludedOn` or still open. */
async function openCase(itemId: number, branchId: number, concludedOn: string | null) {
  const [i] = await em().execute<{ assessment_id: number; level: number }[]>(
    'select assessment_id, level from assessment_item where id = ?',
    [itemId],
  );
  const [a] = await em().execute<{ declaration_id: number }[]>('select declaration_id from assessment where id = ?', [
    i.assessment_id,
  ]);
  await em().execute(
    `insert into complaint_case (item_id, assessment_id, declaration_id, enterprise_id, subject_kind, subject_id, level, responsible_branch_id, department_id, status,
       opened_at, acknowledge_due_at, conclude_due_at, actions, concluded_at, finding, concluded_on_time)
     values (?, ?, ?, 1, 'BRANCH', ?, ?, ?, 1, ?, '2026-08-20T10:00:00+07:00', '2026-08-21T10:00:00+07:00', '2026-09-03T10:00:00+07:00', '{}', ?, ?, ?)`,
    [
      itemId,
      i.assessment_id,
      a.declaration_id,
      branchId,
      i.level,
      branchId,
      concludedOn ? 'CONCLUDED' : 'OPEN',
      concludedOn,
      concludedOn ? 'NOT_SUBSTANTIATED' : null,
      // What the case lifecycle's concludedOnTime would have stored.
      concludedOn !== null && new Date(concludedOn) <= new Date('2026-09-03T10:00:00+07:00'),
    ],
  );
}

beforeAll(async () => {
  await em().execute(
    `insert into api_key (name, key_hash, key_prefix, role, enterprise_id, created_at) values ('Test enterprise 2', ?, 'sqa_test_cdc', 'ENTERPRISE', 2, now())`,
    [hashApiKey(ENTERPRISE_2)],
  );
  leader = await api.server.login('leader');

  // The survey: campaign 5 (Q3 2026) is open on 14 August.
  const options2 = (
    await api.server.gql(`{ surveyCampaign(id: "5") { branchOptions { id } } }`, {}, ENTERPRISE_2)
  ).data!.surveyCampaign.branchOptions.map((b: any) => Number(b.id));
  B = options2.find((id: number) => id !== 1)!;
  C = [2, 3, 4, 5, 6, 7, 8, 9].find((id) => id !== B)!;
  const s1 = await api.server.gql(
    SUBMIT,
    {
      c: '5',
      i: {
        branchIds: ['1'],
        answers: [
          { indicatorId: '1', rating: 5 },
          { indicatorId: '2', rating: 3 },
          { indicatorId: '13', timeliness: 'FASTER' },
        ],
      },
    },
    ENTERPRISE_1,
  );
  const s2 = await api.server.gql(
    SUBMIT,
    { c: '5', i: { branchIds: [String(B)], answers: [{ indicatorId: '1', rating: 4 }] } },
    ENTERPRISE_2,
  );
  expect([s1.errors, s2.errors]).toEqual([undefined, undefined]);

  // Ratings and cases.
  const one = [];
  for (const [k, level] of [5, 4, 2, 1].entries()) one.push(await rate(1, level, k));
  const b = [];
  for (const [k, level] of [5, 5, 4, 2, 1].entries()) b.push(await rate(B, level, 10 + k));
  await openCase(one[2], 1, '2026-09-01T10:00:00+07:00');
  await openCase(one[3], 1, '2026-09-10T10:00:00+07:00');
  await openCase(b[3], B, '2026-08-25T10:00:00+07:00');
  await openCase(b[4], B, null);
  await rebuildRatingFacts(em(), api.stores.analytics);
});

describe('CDCI inputs', () => {
  it('takes weights adding up to 100 from leaders only, refusing anything else unchanged', async () => {
    const SET = `mutation($p: String, $w: CdciWeightsInput!) { setCdciWeights(period: $p, weights: $w) { appliesTo survey satisfaction departmentAssessment caseTimeliness } }`;
    const before = await cdciCounts();
    const notHundred = await api.server.gql(
      SET,
      { p: '2026-Q3', w: { survey: 50, satisfaction: 30, departmentAssessment: 20, caseTimeliness: 10 } },
      leader,
    );
    expect(notHundred.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(notHundred.errors?.[0].message).toContain('110');
    const negative = await api.server.gql(
      SET,
      { p: '2026-Q3', w: { survey: 110, satisfaction: -10, departmentAssessment: 0, caseTimeliness: 0 } },
      leader,
    );
    expect(negative.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const supervisor = await api.server.gql(
      SET,
      { p: '2026-Q3', w: { survey: 40, satisfaction: 30, departmentAssessment: 20, caseTimeliness: 10 } },
      await api.server.login('supervisor'),
    );
    expect(supervisor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await cdciCounts()).toEqual(before);
    const ok = await api.server.gql(
      SET,
      { p: '2026-Q3', w: { survey: 40, satisfaction: 30, departmentAssessment: 20, caseTimeliness: 10 } },
      leader,
    );
    expect(ok.data!.setCdciWeights).toEqual({
      appliesTo: '2026-Q3',
      survey: 40,
      satisfaction: 30,
      departmentAssessment: 20,
      caseTimeliness: 10,
    });
  });

  it('records department assessments all or none', async () => {
    const SET = `mutation($i: CdciDepartmentAssessmentInput!) { setCdciDepartmentAssessments(input: $i) { branch { id } score } }`;
    const before = await cdciCounts();
    const bad = await api.server.gql(
      SET,
      {
        i: {
          period: '2026-Q3',
          scores: [
            { branchId: '1', score: 90 },
            { branchId: String(B), score: 101 },
          ],
        },
      },
      leader,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await api.server.gql(
      SET,
      {
        i: {
          period: '2026-Q3',
          scores: [
            { branchId: '1', score: 90 },
            { branchId: '404', score: 70 },
          ],
        },
      },
      leader,
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await cdciCounts()).toEqual(before);
    const ok = await api.server.gql(
      SET,
      {
        i: {
          period: '2026-Q3',
          scores: [
            { branchId: '1', score: 90 },
            { branchId: String(B), score: 70 },
            { branchId: String(C), score: 80 },
          ],
        },
      },
      leader,
    );
    expect(ok.errors).toBeUndefined();
    expect((await cdciCounts()).assessments).toBe(before.assessments + 3);
  });
});

describe('the ranking', () => {
  it('computes the index of the hand-checked quarter', async () => {
    const res = await api.server.gql(RANKING, { p: '2026-Q3' }, leader);
    expect(res.errors).toBeUndefined();
    const r = res.data!.cdciRanking;
    expect(r.previousPeriod).toBe('2026-Q2');
    // 14 August is inside the third quarter: its figures are preliminary; the second quarter's are not.
    expect(r.isRunning).toBe(true);
    expect((await api.server.gql(RANKING, { p: '2026-Q2' }, leader)).data!.cdciRanking.isRunning).toBe(false);
    expect(r.weights).toEqual({
      appliesTo: '2026-Q3',
      survey: 40,
      satisfaction: 30,
      departmentAssessment: 20,
      caseTimeliness: 10,
    });
    expect(r.formula).toBe('CDCI = (40·S + 30·R + 20·D + 10·T) / (40 + 30 + 20 + 10)');
    const row = (id: number) => r.rows.find((x: any) => x.branch.id === String(id));
    const values = (id: number) => Object.fromEntries(row(id).components.map((c: any) => [c.symbol, c.value]));
    expect(values(1)).toEqual({ S: 75, R: 50, D: 90, T: 50 });
    expect(values(B)).toEqual({ S: 100, R: 60, D: 70, T: 100 });
    expect(values(C)).toEqual({ S: null, R: null, D: 80, T: null });
    expect(row(1).components.map((c: any) => c.basis)).toEqual([1, 4, null, 2]);
    expect([row(B).index, row(C).index, row(1).index]).toEqual([82, 80, 68]);
    expect([row(B).rank, row(C).rank, row(1).rank]).toEqual([1, 2, 3]);
    expect(r.rows.slice(0, 3).map((x: any) => Number(x.branch.id))).toEqual([B, C, 1]);
    const others = r.rows.filter((x: any) => ![1, B, C].includes(Number(x.branch.id)));
    expect(others).toHaveLength(6);
    expect(others.every((x: any) => x.index === null && x.rank === null)).toBe(true);
  });

  it('compares with the period before, computed with that period’s (default) weights', async () => {
    const q3 = (await api.server.gql(RANKING, { p: '2026-Q3' }, leader)).data!.cdciRanking;
    const q2 = (await api.server.gql(RANKING, { p: '2026-Q2' }, leader)).data!.cdciRanking;
    expect(q2.weights).toEqual({
      appliesTo: 'default',
      survey: 50,
      satisfaction: 20,
      departmentAssessment: 20,
      caseTimeliness: 10,
    });
    const one = q3.rows.find((x: any) => x.branch.id === '1');
    const before = q2.rows.find((x: any) => x.branch.id === '1');
    // The seeded second quarter has ratings and department assessments for branch 1 (and maybe more).
    expect(before.index).not.toBeNull();
    const present = before.components.filter((c: any) => c.value !== null);
    expect(present.map((c: any) => c.symbol)).toEqual(expect.arrayContaining(['R', 'D']));
    const expected =
      present.reduce((s: number, c: any) => s + c.weight * c.value, 0) /
      present.reduce((s: number, c: any) => s + c.weight, 0);
    expect(before.index).toBeCloseTo(expected, 2);
    expect(one.previousIndex).toBe(before.index);
    expect(one.previousRank).toBe(before.rank);
    expect(one.change).toBeCloseTo(68 - before.index, 2);
  });

  it('is shown to branch managers for their department and refused to officers and enterprises', async () => {
    const supervisor = await api.server.gql(RANKING, { p: '2026-Q3' }, await api.server.login('supervisor'));
    expect(supervisor.errors).toBeUndefined();
    expect(supervisor.data!.cdciRanking.rows).toHaveLength(9);
    for (const token of [await api.server.login('officer'), ENTERPRISE_1]) {
      expect((await api.server.gql(RANKING, { p: '2026-Q3' }, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await api.server.gql(RANKING, { p: 'Q3-2026' }, leader)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });
});
