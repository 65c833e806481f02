/**
 * The CSD survey end to end through GraphQL on real stores: an enterprise saves a draft, resumes
 * and submits once; bad answers are refused with a stable code and change nothing; reports count
 * answers by the submission instant in Hải Phòng time and show only aggregates; improvement
 * measures follow the viewer's scope.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../api/auth/viewer.js';
import { useSeededApi } from '../support/server.js';

// The seed ends on 1 July 2026 00:00 in Hải Phòng: the Q3 campaign (id 5) has just opened, unanswered.
let now = new Date('2026-07-10T09:00:00+07:00');
const api = useSeededApi({ clock: () => now });
const em = () => api.stores.em();
const ENTERPRISE_1 = 'sqa_demo_declaration_software';
const ENTERPRISE_2 = 'sqa_test_enterprise_two_software';

const CAMPAIGNS = `{ surveyCampaigns { id title status opensAt closesAt myResponse { id status } branchOptions { id code } } }`;
const SAVE = `mutation($c: ID!, $i: SurveyResponseInput!) { saveSurveyResponse(campaignId: $c, input: $i) { id status branchIds answers { indicatorId rating timeliness comment } submittedAt } }`;
const SUBMIT = SAVE.replace('saveSurveyResponse', 'submitSurveyResponse');
const MY = `query($c: ID!) { surveyCampaign(id: $c) { status myResponse { status branchIds answers { indicatorId rating timeliness comment } } } }`;
const REPORT = `query($p: String!, $min: Int) { surveyReport(period: $p, minRespondents: $min) { period from to minRespondents lowMarkThreshold
  overall { respondents belowMinimum score sections { section { code } score indicators { indicator { id code kind } answers mean satisfiedShare fasterShare asCommittedShare slowerShare score low } } }
  branches { branch { id code } respondents belowMinimum score sections { section { code } score indicators { indicator { id } answers mean score low } } }
  lowMarks { branch { id } indicator { id code } score measure owner beyondBranchAuthority canEdit } } }`;

async function surveyCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'survey_campaign',
    'survey_response',
    'survey_response_branch',
    'survey_answer',
    'survey_improvement_measure',
  ]) {
    const [row] = await em().execute<{ n: string }[]>(`select count(*) as n from "${t}"`);
    out[t] = Number(row.n);
  }
  return out;
}

let leader: string;
let inspector: string;
let supervisor: string;
let specialCampaign: string;
let branchOf1: string;

beforeAll(async () => {
  await em().execute(
    `insert into api_key (name, key_hash, key_prefix, role, enterprise_id, created_at) values ('Test enterprise 2', ?, 'sqa_test_ent', 'ENTERPRISE', 2, now())`,
    [hashApiKey(ENTERPRISE_2)],
  );
  [leader, inspector, supervisor] = await Promise.all([
    api.server.login('leader'),
    api.server.login('inspector'),
    api.server.login('supervisor'),
  ]);
});

describe('the default catalogue', () => {
  it('has the five sections of the Declaration on Customer Service with vi and en names and two kinds of question', async () => {
    const res = await api.server.gql(
      `{ surveyCatalogue { section { code nameVi nameEn } indicators { id code kind nameVi nameEn commitmentVi } } }`,
      {},
      ENTERPRISE_1,
    );
    expect(res.errors).toBeUndefined();
    const sections = res.data!.surveyCatalogue;
    expect(sections.map((s: any) => s.section.code)).toEqual(['PRO', 'TRA', 'EFF', 'TIME', 'SUP']);
    expect(sections[0].section.nameVi).toBe('Tính chuyên nghiệp');
    const time = sections[3].indicators;
    expect(time.length).toBeGreaterThan(0);
    expect(time.every((i: any) => i.kind === 'TIMELINESS')).toBe(true);
    expect(time.find((i: any) => i.code === 'TIME_DOCS').commitmentVi).toContain('2 giờ làm việc');
    expect(sections.flatMap((s: any) => s.indicators)).toHaveLength(25);
  });
});

describe('an enterprise answers a campaign', () => {
  it('sees the open campaign, unanswered, with the branches that handled its declarations', async () => {
    const res = await api.server.gql(CAMPAIGNS, {}, ENTERPRISE_1);
    expect(res.errors).toBeUndefined();
    const open = res.data!.surveyCampaigns.filter((c: any) => c.status === 'OPEN');
    expect(open).toHaveLength(1);
    expect(open[0].title).toContain('Quý 3/2026');
    expect(open[0].myResponse).toBeNull();
    expect(open[0].branchOptions.length).toBeGreaterThan(0);
    branchOf1 = open[0].branchOptions[0].id;
    const [handled] = await em().execute<{ n: string }[]>(
      'select count(distinct branch_id) as n from declaration where enterprise_id = 1',
    );
    expect(open[0].branchOptions).toHaveLength(Number(handled.n));
  });

  it('saves a draft, resumes it, and replaces it on the next save', async () => {
    const before = await surveyCounts();
    const draft = await api.server.gql(
      SAVE,
      {
        c: '5',
        i: {
          branchIds: [branchOf1],
          answers: [
            { indicatorId: '1', rating: 4 },
            { indicatorId: '13', timeliness: 'FASTER' },
          ],
        },
      },
      ENTERPRISE_1,
    );
    expect(draft.errors).toBeUndefined();
    expect(draft.data!.saveSurveyResponse).toMatchObject({
      status: 'DRAFT',
      branchIds: [branchOf1],
      submittedAt: null,
    });
    const resumed = await api.server.gql(MY, { c: '5' }, ENTERPRISE_1);
    expect(resumed.data!.surveyCampaign.myResponse.answers).toEqual([
      { indicatorId: '1', rating: 4, timeliness: null, comment: null },
      { indicatorId: '13', rating: null, timeliness: 'FASTER', comment: null },
    ]);
    const again = await api.server.gql(
      SAVE,
      {
        c: '5',
        i: {
          branchIds: [branchOf1],
          answers: [
            { indicatorId: '1', rating: 5 },
            { indicatorId: '2', rating: 2, comment: '  Cần hướng dẫn rõ hơn. ' },
          ],
        },
      },
      ENTERPRISE_1,
    );
    expect(again.errors).toBeUndefined();
    expect(again.data!.saveSurveyResponse.answers).toEqual([
      { indicatorId: '1', rating: 5, timeliness: null, comment: null },
      { indicatorId: '2', rating: 2, timeliness: null, comment: 'Cần hướng dẫn rõ hơn.' },
    ]);
    const after = await surveyCounts();
    expect(after.survey_response).toBe(before.survey_response + 1);
    expect(after.survey_answer).toBe(before.survey_answer + 2);
  });

  it('refuses a value outside the scale, a wrong kind of answer, an unknown indicator and a foreign branch, changing nothing', async () => {
    const before = await surveyCounts();
    const cases: [Record<string, unknown>, string][] = [
      [{ branchIds: [branchOf1], answers: [{ indicatorId: '1', rating: 6 }] }, 'BAD_USER_INPUT'],
      [{ branchIds: [branchOf1], answers: [{ indicatorId: '1', rating: 0 }] }, 'BAD_USER_INPUT'],
      [{ branchIds: [branchOf1], answers: [{ indicatorId: '13', rating: 3 }] }, 'BAD_USER_INPUT'],
      [{ branchIds: [branchOf1], answers: [{ indicatorId: '1', timeliness: 'SLOWER' }] }, 'BAD_USER_INPUT'],
      [{ branchIds: [branchOf1], answers: [{ indicatorId: '999', rating: 3 }] }, 'BAD_USER_INPUT'],
      [
        {
          branchIds: [branchOf1],
          answers: [
            { indicatorId: '1', rating: 3 },
            { indicatorId: '1', rating: 4 },
          ],
        },
        'BAD_USER_INPUT',
      ],
      [{ branchIds: ['99999'], answers: [{ indicatorId: '1', rating: 3 }] }, 'BAD_USER_INPUT'],
      [{ branchIds: ['x'], answers: [] }, 'BAD_USER_INPUT'],
    ];
    for (const [input, code] of cases) {
      const res = await api.server.gql(SUBMIT, { c: '5', i: input }, ENTERPRISE_1);
      expect(res.errors?.[0].extensions?.code, JSON.stringify(input)).toBe(code);
      expect(res.errors?.[0].message).not.toMatch(/sql|select|insert|constraint/i);
    }
    expect(await surveyCounts()).toEqual(before);
    const still = await api.server.gql(MY, { c: '5' }, ENTERPRISE_1);
    expect(still.data!.surveyCampaign.myResponse.status).toBe('DRAFT');
    expect(still.data!.surveyCampaign.myResponse.answers.map((a: any) => a.rating)).toEqual([5, 2]);
  });

  it('refuses answers to a closed campaign', async () => {
    const before = await surveyCounts();
    // Campaign 4 (Q2 2026) closed at 1 July 00:00.
    const res = await api.server.gql(
      SAVE,
      { c: '4', i: { branchIds: [], answers: [{ indicatorId: '1', rating: 5 }] } },
      ENTERPRISE_1,
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CAMPAIGN_CLOSED' });
    expect(res.errors?.[0].message).toMatch(/closed/);
    const missing = await api.server.gql(SAVE, { c: '777', i: { branchIds: [], answers: [] } }, ENTERPRISE_1);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await surveyCounts()).toEqual(before);
  });

  it('submits once; a second submission or a later save is refused and changes nothing', async () => {
    const input = {
      branchIds: [branchOf1],
      answers: [
        { indicatorId: '1', rating: 5 },
        { indicatorId: '2', rating: 2, comment: 'Cần hướng dẫn rõ hơn.' },
        { indicatorId: '13', timeliness: 'SLOWER' },
      ],
    };
    const res = await api.server.gql(SUBMIT, { c: '5', i: input }, ENTERPRISE_1);
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitSurveyResponse.status).toBe('SUBMITTED');
    expect(new Date(res.data!.submitSurveyResponse.submittedAt).getTime()).toBe(now.getTime());
    const before = await surveyCounts();
    for (const mutation of [SUBMIT, SAVE]) {
      const again = await api.server.gql(
        mutation,
        { c: '5', i: { ...input, answers: [{ indicatorId: '1', rating: 1 }] } },
        ENTERPRISE_1,
      );
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_SUBMITTED' });
    }
    expect(await surveyCounts()).toEqual(before);
    const kept = await api.server.gql(MY, { c: '5' }, ENTERPRISE_1);
    expect(kept.data!.surveyCampaign.myResponse.answers.map((a: any) => a.rating ?? a.timeliness)).toEqual([
      5,
      2,
      'SLOWER',
    ]);
  });

  it('is for enterprises only', async () => {
    const res = await api.server.gql(SAVE, { c: '5', i: { branchIds: [], answers: [] } }, inspector);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await api.server.gql(SAVE, { c: '5', i: { branchIds: [], answers: [] } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('period boundaries in Hải Phòng time', () => {
  it('counts an answer by the Vietnamese quarter of its submission instant', async () => {
    const created = await api.server.gql(
      `mutation($i: CreateSurveyCampaignInput!) { createSurveyCampaign(input: $i) { id status } }`,
      {
        i: { title: 'Khảo sát chuyên đề', opensAt: '2026-06-01T00:00:00+07:00', closesAt: '2026-08-01T00:00:00+07:00' },
      },
      leader,
    );
    expect(created.errors).toBeUndefined();
    specialCampaign = created.data!.createSurveyCampaign.id;
    const q2Before = (await api.server.gql(REPORT, { p: '2026-Q2', min: 1 }, inspector)).data!.surveyReport.overall
      .respondents;
    const options = (await api.server.gql(CAMPAIGNS, {}, ENTERPRISE_2)).data!.surveyCampaigns.find(
      (c: any) => c.id === specialCampaign,
    ).branchOptions;

    // 23:59:59.999 on 30 June in Hải Phòng is 16:59:59.999 UTC: still the second quarter.
    now = new Date('2026-06-30T23:59:59.999+07:00');
    const late = await api.server.gql(
      SUBMIT,
      { c: specialCampaign, i: { branchIds: [options[0].id], answers: [{ indicatorId: '3', rating: 4 }] } },
      ENTERPRISE_2,
    );
    expect(late.errors).toBeUndefined();
    // The enterprise 1 answer above was submitted on 10 July: the third quarter.
    now = new Date('2026-07-10T09:00:00+07:00');

    const q2 = (await api.server.gql(REPORT, { p: '2026-Q2', min: 1 }, inspector)).data!.surveyReport;
    expect(q2.from).toBe('2026-03-31T17:00:00.000Z');
    expect(q2.to).toBe('2026-06-30T17:00:00.000Z');
    expect(q2.overall.respondents).toBe(q2Before + 1);
    const q3 = (await api.server.gql(REPORT, { p: '2026-Q3', min: 1 }, inspector)).data!.surveyReport;
    expect(q3.overall.respondents).toBe(1);
    const h1 = (await api.server.gql(REPORT, { p: '2026-H1', min: 1 }, inspector)).data!.surveyReport;
    expect(h1.overall.respondents).toBeGreaterThanOrEqual(q2.overall.respondents);
    const year = (await api.server.gql(REPORT, { p: '2026', min: 1 }, inspector)).data!.surveyReport;
    const [seeded] = await em().execute<{ n: string }[]>(
      `select count(*) as n from survey_response where status = 'SUBMITTED' and submitted_at >= '2025-12-31T17:00:00Z' and submitted_at < '2026-12-31T17:00:00Z'`,
    );
    expect(year.overall.respondents).toBe(Number(seeded.n));
  });
});

describe('reports', () => {
  it('aggregates by indicator, section and branch (checked against the answers)', async () => {
    const res = await api.server.gql(REPORT, { p: '2026-Q3', min: 1 }, inspector);
    expect(res.errors).toBeUndefined();
    const report = res.data!.surveyReport;
    // Only enterprise 1's answer of 10 July: PRO_STYLE 5, PRO_SKILL 2, TIME_DOCS slower.
    const pro = report.overall.sections.find((s: any) => s.section.code === 'PRO');
    expect(pro.indicators[0]).toMatchObject({ answers: 1, mean: 5, satisfiedShare: 1, score: 100, low: false });
    expect(pro.indicators[1]).toMatchObject({ answers: 1, mean: 2, satisfiedShare: 0, score: 0, low: true });
    expect(pro.indicators[2]).toMatchObject({ answers: 0, mean: null, score: null, low: false });
    // Section = mean of its indicators with answers: (100 + 0) / 2.
    expect(pro.score).toBe(50);
    const time = report.overall.sections.find((s: any) => s.section.code === 'TIME');
    expect(time.indicators[0]).toMatchObject({
      answers: 1,
      fasterShare: 0,
      asCommittedShare: 0,
      slowerShare: 1,
      score: 0,
      low: true,
    });
    expect(time.score).toBe(0);
    // Unit = mean of the sections with answers: PRO 50, TIME 0 → 25.
    expect(report.overall.score).toBe(25);
    expect(report.branches).toHaveLength(1);
    expect(report.branches[0]).toMatchObject({ branch: { id: branchOf1 }, respondents: 1, score: 25 });
    expect(report.lowMarks.map((l: any) => l.indicator.code).sort()).toEqual(['PRO_SKILL', 'TIME_DOCS']);
    expect(report.lowMarks.every((l: any) => l.canEdit && l.measure === null)).toBe(true);
  });

  it('never shows an enterprise and hides groups below the minimum from branch staff', async () => {
    // The report type has no field that names an enterprise or an answer.
    const fields = await api.server.gql(`{ __type(name: "SurveyUnitReport") { fields { name } } }`, {}, inspector);
    expect(fields.data!.__type.fields.map((f: any) => f.name).sort()).toEqual([
      'belowMinimum',
      'branch',
      'respondents',
      'score',
      'sections',
    ]);
    const res = await api.server.gql(REPORT, { p: '2026-Q3', min: 1 }, supervisor);
    expect(res.errors).toBeUndefined();
    const report = res.data!.surveyReport;
    // A supervisor cannot lower the minimum (3) to single out the one enterprise that answered.
    expect(report.minRespondents).toBe(3);
    for (const unit of [report.overall, ...report.branches]) {
      expect(unit.belowMinimum).toBe(true);
      expect(unit.score).toBeNull();
      expect(
        unit.sections.flatMap((s: any) => s.indicators).every((i: any) => i.mean === null && i.score === null),
      ).toBe(true);
    }
    expect(report.branches.every((b: any) => b.branch.id === '1')).toBe(true);
    expect(report.lowMarks).toEqual([]);
    for (const login of ['officer']) {
      const refused = await api.server.gql(REPORT, { p: '2026-Q3' }, await api.server.login(login));
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await api.server.gql(REPORT, { p: '2026-Q3' }, ENTERPRISE_1)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await api.server.gql(REPORT, { p: '2026-Q5' }, inspector)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('keeps a survey score of fewer respondents than the minimum out of the CDCI', async () => {
    const res = await api.server.gql(
      `{ cdciRanking(period: "2026-Q3") { rows { branch { id } components { symbol value basis } } } }`,
      {},
      leader,
    );
    const survey = res
      .data!.cdciRanking.rows.find((r: any) => r.branch.id === branchOf1)
      .components.find((c: any) => c.symbol === 'S');
    // One enterprise answered for this branch in Q3; the minimum is 3.
    expect(survey).toEqual({ symbol: 'S', value: null, basis: 1 });
  });

  it('shows a supervisor its own branch over a seeded quarter', async () => {
    const mine = (await api.server.gql(REPORT, { p: '2026-Q2' }, supervisor)).data!.surveyReport;
    const all = (await api.server.gql(REPORT, { p: '2026-Q2', min: 3 }, inspector)).data!.surveyReport;
    expect(mine.branches.map((b: any) => b.branch.id)).toEqual(['1']);
    const inAll = all.branches.find((b: any) => b.branch.id === '1');
    expect(mine.branches[0].respondents).toBe(inAll.respondents);
    expect(mine.branches[0].score).toBe(inAll.score);
    expect(all.branches.length).toBeGreaterThan(1);
  });
});

describe('improvement measures for low-mark items', () => {
  const SET = `mutation($i: ImprovementMeasureInput!) { setSurveyImprovementMeasure(input: $i) { period branchId indicatorId measure owner beyondBranchAuthority } }`;

  it('are written by the branch supervisor for its branch and by inspectors, flagged for the General Department when beyond the branch', async () => {
    const mine = await api.server.gql(
      SET,
      {
        i: {
          period: '2026-Q3',
          branchId: '1',
          indicatorId: '2',
          measure: 'Tập huấn nghiệp vụ cho công chức.',
          owner: 'Đội Thủ tục',
          beyondBranchAuthority: false,
        },
      },
      supervisor,
    );
    expect(mine.errors).toBeUndefined();
    const before = await surveyCounts();
    const other = await api.server.gql(
      SET,
      {
        i: {
          period: '2026-Q3',
          branchId: '2',
          indicatorId: '2',
          measure: 'x',
          owner: 'y',
          beyondBranchAuthority: false,
        },
      },
      supervisor,
    );
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const officer = await api.server.gql(
      SET,
      {
        i: {
          period: '2026-Q3',
          branchId: '1',
          indicatorId: '2',
          measure: 'x',
          owner: 'y',
          beyondBranchAuthority: false,
        },
      },
      await api.server.login('officer'),
    );
    expect(officer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const blank = await api.server.gql(
      SET,
      {
        i: {
          period: '2026-Q3',
          branchId: '1',
          indicatorId: '2',
          measure: '',
          owner: 'y',
          beyondBranchAuthority: false,
        },
      },
      inspector,
    );
    expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await surveyCounts()).toEqual(before);

    const flagged = await api.server.gql(
      SET,
      {
        i: {
          period: '2026-Q3',
          branchId: branchOf1,
          indicatorId: '13',
          measure: 'Kiến nghị Tổng cục nâng cấp hệ thống VNACCS.',
          owner: 'Phòng Giám sát quản lý',
          beyondBranchAuthority: true,
        },
      },
      inspector,
    );
    expect(flagged.errors).toBeUndefined();
    const report = (await api.server.gql(REPORT, { p: '2026-Q3', min: 1 }, inspector)).data!.surveyReport;
    const item = report.lowMarks.find((l: any) => l.indicator.code === 'TIME_DOCS');
    expect(item).toMatchObject({
      measure: 'Kiến nghị Tổng cục nâng cấp hệ thống VNACCS.',
      owner: 'Phòng Giám sát quản lý',
      beyondBranchAuthority: true,
    });
  });
});

describe('concurrent submissions', () => {
  it('store one response when the same enterprise submits twice at once', async () => {
    const created = await api.server.gql(
      `mutation($i: CreateSurveyCampaignInput!) { createSurveyCampaign(input: $i) { id } }`,
      {
        i: { title: 'Khảo sát đồng thời', opensAt: '2026-07-01T00:00:00+07:00', closesAt: '2026-09-01T00:00:00+07:00' },
      },
      leader,
    );
    const id = created.data!.createSurveyCampaign.id;
    const input = { branchIds: [branchOf1], answers: [{ indicatorId: '1', rating: 4 }] };
    const results = await Promise.all([1, 2, 3].map(() => api.server.gql(SUBMIT, { c: id, i: input }, ENTERPRISE_1)));
    expect(results.filter((r) => r.data?.submitSurveyResponse?.status === 'SUBMITTED')).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0].extensions?.code).toBe('CONFLICT');
    const [row] = await em().execute<{ n: string; a: string }[]>(
      'select count(*) as n, (select count(*) from survey_answer a join survey_response r on r.id = a.response_id where r.campaign_id = ?) as a from survey_response where campaign_id = ?',
      [Number(id), Number(id)],
    );
    expect([Number(row.n), Number(row.a)]).toEqual([1, 1]);
  });
});

describe('campaign management', () => {
  it('is for leaders and administrators; a campaign can be closed early, once', async () => {
    const refused = await api.server.gql(
      `mutation { closeSurveyCampaign(id: "${specialCampaign}") { id } }`,
      {},
      supervisor,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await api.server.gql(
      `mutation($i: CreateSurveyCampaignInput!) { createSurveyCampaign(input: $i) { id } }`,
      { i: { title: 'x', opensAt: '2026-08-01T00:00:00+07:00', closesAt: '2026-07-01T00:00:00+07:00' } },
      leader,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const closed = await api.server.gql(
      `mutation { closeSurveyCampaign(id: "${specialCampaign}") { status closedAt } }`,
      {},
      leader,
    );
    expect(closed.data!.closeSurveyCampaign.status).toBe('CLOSED');
    const twice = await api.server.gql(
      `mutation { closeSurveyCampaign(id: "${specialCampaign}") { status } }`,
      {},
      leader,
    );
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
    const late = await api.server.gql(SAVE, { c: specialCampaign, i: { branchIds: [], answers: [] } }, ENTERPRISE_1);
    expect(late.errors?.[0].extensions?.reason).toBe('CAMPAIGN_CLOSED');
    const counted = await api.server.gql(`{ surveyCampaigns { id submittedCount } }`, {}, leader);
    expect(counted.data!.surveyCampaigns.find((c: any) => c.id === specialCampaign).submittedCount).toBe(1);
  });
});

describe('campaign editing', () => {
  const UPDATE = `mutation($id: ID!, $i: UpdateSurveyCampaignInput!) { updateSurveyCampaign(id: $id, input: $i) { id title titleEn opensAt closesAt status } }`;
  const create = async (opensAt: string, closesAt: string) => {
    const made = await api.server.gql(
      `mutation($i: CreateSurveyCampaignInput!) { createSurveyCampaign(input: $i) { id titleEn } }`,
      { i: { title: 'Khảo sát sửa', titleEn: 'Edited survey', opensAt, closesAt } },
      leader,
    );
    expect(made.errors).toBeUndefined();
    expect(made.data!.createSurveyCampaign.titleEn).toBe('Edited survey');
    return made.data!.createSurveyCampaign.id as string;
  };

  it('edits an upcoming campaign whole, an open one but for its opening, and no closed one', async () => {
    const upcoming = await create('2026-08-01T00:00:00+07:00', '2026-09-01T00:00:00+07:00');
    const moved = await api.server.gql(
      UPDATE,
      { id: upcoming, i: { title: ' Khảo sát quý 3 ', titleEn: 'Q3 survey', opensAt: '2026-08-05T00:00:00+07:00' } },
      leader,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateSurveyCampaign).toMatchObject({
      title: 'Khảo sát quý 3',
      titleEn: 'Q3 survey',
      status: 'UPCOMING',
    });
    expect(new Date(moved.data!.updateSurveyCampaign.opensAt).toISOString()).toBe('2026-08-04T17:00:00.000Z');

    const open = await create('2026-07-01T00:00:00+07:00', '2026-08-01T00:00:00+07:00');
    const reopened = await api.server.gql(UPDATE, { id: open, i: { opensAt: '2026-07-05T00:00:00+07:00' } }, leader);
    expect(reopened.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CAMPAIGN_OPEN' });
    const longer = await api.server.gql(
      UPDATE,
      { id: open, i: { closesAt: '2026-08-15T00:00:00+07:00', titleEn: null } },
      leader,
    );
    expect(longer.errors).toBeUndefined();
    expect(longer.data!.updateSurveyCampaign.titleEn).toBeNull();
    const backwards = await api.server.gql(UPDATE, { id: open, i: { closesAt: '2026-06-15T00:00:00+07:00' } }, leader);
    expect(backwards.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    await api.server.gql(`mutation { closeSurveyCampaign(id: "${open}") { id } }`, {}, leader);
    const late = await api.server.gql(UPDATE, { id: open, i: { title: 'x' } }, leader);
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CAMPAIGN_CLOSED' });
    const [row] = await em().execute<{ title: string }[]>('select title from survey_campaign where id = ?', [
      Number(open),
    ]);
    expect(row.title).toBe('Khảo sát sửa');
    const refused = await api.server.gql(UPDATE, { id: upcoming, i: { title: 'x' } }, supervisor);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('survey comments for staff', () => {
  const COMMENTS = `query($p: String!) { surveyComments(period: $p) { branch { id } indicator { id } respondents total comments } }`;

  it('groups the comments by branch and indicator as Postgres counts them, above the respondent floor, without who wrote them', async () => {
    const res = await api.server.gql(COMMENTS, { p: '2026' }, inspector);
    expect(res.errors).toBeUndefined();
    const floor = api.stores.config.surveys.minRespondents;
    const expected = await em().execute<{ branch_id: number; indicator_id: number; n: string }[]>(
      `with answered as (
         select rb.branch_id, r.id from survey_response r join survey_response_branch rb on rb.response_id = r.id
         where r.status = 'SUBMITTED' and r.submitted_at >= '2025-12-31T17:00:00Z' and r.submitted_at < '2026-12-31T17:00:00Z'
       ), big as (select branch_id from answered group by branch_id having count(distinct id) >= ?)
       select x.branch_id, a.indicator_id, count(*) as n from answered x join survey_answer a on a.response_id = x.id
       where x.branch_id in (select branch_id from big) and coalesce(btrim(a.comment), '') <> ''
       group by 1, 2 order by 1, 2`,
      [floor],
    );
    expect(expected.length).toBeGreaterThan(0);
    const got = (res.data!.surveyComments as any[]).map((g) => `${g.branch.id}:${g.indicator.id}:${g.total}`);
    expect(got.sort()).toEqual(expected.map((e) => `${e.branch_id}:${e.indicator_id}:${e.n}`).sort());
    for (const g of res.data!.surveyComments as any[]) {
      expect(g.respondents).toBeGreaterThanOrEqual(floor);
      expect(g.comments).toEqual([...g.comments].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    }

    const own = await api.server.gql(COMMENTS, { p: '2026' }, supervisor);
    expect(own.errors).toBeUndefined();
    for (const g of own.data!.surveyComments as any[]) expect(g.branch.id).toBe('1');
    const refused = await api.server.gql(COMMENTS, { p: '2026' }, ENTERPRISE_1);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
