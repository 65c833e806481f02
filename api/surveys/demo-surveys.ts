/**
 * Demo survey data, deterministic for a seed: one campaign per quarter for the four quarters
 * before the demo's end and the quarter containing it (still open, and left unanswered by the
 * demo enterprise so its portal has a survey to fill in); a quarter of the enterprises answer
 * each campaign about one or two branches that handled their declarations, each branch with its
 * own strengths and weaknesses so reports have low marks to show; and the department's CDCI
 * assessment of every branch for the past quarters.
 */
import { quarterOf, previousReviewPeriod, type ReviewPeriod } from '../periods.js';
import { Random } from '../db/seed/random.js';
import { SURVEY_CATALOGUE } from './catalogue.js';

type Row = unknown[];
interface Table {
  name: string;
  columns: string[];
  rows: Row[];
}

const DAY = 86_400_000;
const LOW_COMMENTS = [
  'Cần hướng dẫn cụ thể hơn.',
  'Thời gian xử lý còn chậm so với cam kết.',
  'Khó liên lạc qua đường dây nóng.',
  'Đề nghị tăng cường đối thoại với doanh nghiệp.',
];

export function generateDemoSurveys(options: {
  seed: number;
  until: Date;
  demoEnterpriseId: number;
  /** [id, number, enterpriseId, branchId, …, registeredAt (index 7)] */
  declarations: Row[];
  branchIds: number[];
}): Table[] {
  // A stream of its own, so adding surveys changed none of the other demo data.
  const rng = new Random(options.seed ^ 0x5a17e7);
  const until = options.until.getTime();
  const current = quarterOf(new Date(until));
  const quarters: ReviewPeriod[] = [current];
  while (quarters.length < 5) quarters.unshift(previousReviewPeriod(quarters[0]));

  const indicators = SURVEY_CATALOGUE.flatMap((s) => s.indicators);
  const rarelyApplies = new Set(['TIME_SPECIALISED', 'TIME_LARGE', 'TIME_TAX', 'TIME_COMPLAINT', 'SUP_AT_ENTERPRISE']);
  // Each branch is a little better or worse on each indicator; a few pairs clearly weak.
  const bias = new Map<string, number>();
  for (const b of options.branchIds)
    for (const i of indicators)
      bias.set(`${b}:${i.id}`, rng.chance(0.06) ? -0.35 - rng.next() * 0.2 : rng.next() * 0.16 - 0.08);

  const campaigns: Row[] = [];
  const responses: Row[] = [];
  const responseBranches: Row[] = [];
  const answers: Row[] = [];
  const assessments: Row[] = [];

  quarters.forEach((quarter, qi) => {
    const campaignId = qi + 1;
    const opensAt = quarter.from.getTime();
    const closesAt = quarter.to.getTime();
    campaigns.push([
      campaignId,
      `Khảo sát thực hiện Tuyên ngôn phục vụ khách hàng – Quý ${quarter.index}/${quarter.year}`,
      'Doanh nghiệp đánh giá việc thực hiện các cam kết trong Tuyên ngôn phục vụ khách hàng của ngành Hải quan tại các Chi cục đã làm thủ tục.',
      new Date(opensAt),
      new Date(closesAt),
      null,
      'seed',
      new Date(opensAt - 3 * DAY),
    ]);
    const answerUntil = Math.min(closesAt, until);
    if (answerUntil <= opensAt) return;
    // The branches each enterprise dealt with: declarations in the year before the campaign closes.
    const dealt = new Map<number, Set<number>>();
    for (const d of options.declarations) {
      const registeredAt = (d[7] as Date).getTime();
      if (registeredAt < closesAt - 365 * DAY || registeredAt >= closesAt) continue;
      const enterprise = d[2] as number;
      if (!dealt.has(enterprise)) dealt.set(enterprise, new Set());
      dealt.get(enterprise)!.add(d[3] as number);
    }
    for (const [enterprise, branchSet] of [...dealt].sort((a, b) => a[0] - b[0])) {
      if (!rng.chance(0.25)) continue;
      if (enterprise === options.demoEnterpriseId && qi === quarters.length - 1) continue;
      const responseId = responses.length + 1;
      const submittedAt = new Date(opensAt + Math.floor(rng.next() * (answerUntil - opensAt)));
      responses.push([
        responseId,
        campaignId,
        enterprise,
        'SUBMITTED',
        'seed',
        new Date(submittedAt.getTime() - 20 * 60_000),
        submittedAt,
        submittedAt,
      ]);
      const options_ = [...branchSet].sort((a, b) => a - b);
      const chosen =
        options_.length > 1 && rng.chance(0.35) ? [rng.pick(options_), rng.pick(options_)] : [rng.pick(options_)];
      const branches = [...new Set(chosen)];
      for (const b of branches) responseBranches.push([responseId, b]);
      for (const indicator of indicators) {
        if (!rng.chance(rarelyApplies.has(indicator.code) ? 0.35 : 0.9)) continue;
        const x = rng.next() + (bias.get(`${branches[0]}:${indicator.id}`) ?? 0);
        let rating: number | null = null;
        let timeliness: string | null = null;
        if (indicator.kind === 'RATING') rating = x < 0.02 ? 1 : x < 0.06 ? 2 : x < 0.15 ? 3 : x < 0.5 ? 4 : 5;
        else timeliness = x < 0.08 ? 'SLOWER' : x < 0.65 ? 'AS_COMMITTED' : 'FASTER';
        const low = (rating !== null && rating <= 2) || timeliness === 'SLOWER';
        const comment = low && rng.chance(0.4) ? rng.pick(LOW_COMMENTS) : null;
        answers.push([answers.length + 1, responseId, indicator.id, rating, timeliness, comment]);
      }
    }
    // The department's assessment of each branch, once the quarter is over.
    if (closesAt <= until) {
      for (const b of options.branchIds)
        assessments.push([
          assessments.length + 1,
          quarter.key,
          b,
          70 + rng.int(0, 250) / 10,
          null,
          'seed',
          new Date(closesAt),
        ]);
    }
  });

  return [
    {
      name: 'survey_campaign',
      columns: ['id', 'title', 'description', 'opens_at', 'closes_at', 'closed_at', 'created_by', 'created_at'],
      rows: campaigns,
    },
    {
      name: 'survey_response',
      columns: [
        'id',
        'campaign_id',
        'enterprise_id',
        'status',
        'updated_by',
        'created_at',
        'updated_at',
        'submitted_at',
      ],
      rows: responses,
    },
    { name: 'survey_response_branch', columns: ['response_id', 'branch_id'], rows: responseBranches },
    {
      name: 'survey_answer',
      columns: ['id', 'response_id', 'indicator_id', 'rating', 'timeliness', 'comment'],
      rows: answers,
    },
    {
      name: 'cdci_department_assessment',
      columns: ['id', 'period_key', 'branch_id', 'score', 'note', 'updated_by', 'updated_at'],
      rows: assessments,
    },
  ];
}
