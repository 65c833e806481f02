/**
 * Anomaly flags end to end: declarations and forms go in through the public API (the system key
 * records declarations, each enterprise's own key sends its forms), the relay as the server runs
 * it delivers them and calls the detectors, and `ratingAnomalies` shows what they found. Ordinary
 * traffic alone raises nothing; a burst, a retaliation pattern and copied comments mixed into the
 * same volume of ordinary traffic are flagged, each with its evidence; a confirmed flag's
 * exclusion shows on the scorecard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../../api/relay/relay-loop.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { startConfiguredRelay } from '../../api/relay/relay-worker.js';
import { useSeededApi } from '../support/server.js';
import { SYSTEM_KEY, testDeclarationNumber } from '../support/sends.js';

let now = new Date('2026-07-06T08:00:00+07:00');
const api = useSeededApi({ clock: () => now });
const ADMIN_KEY = 'sqa_demo_admin';
const Q3 = { from: '2026-07-01T00:00:00+07:00', to: '2026-10-01T00:00:00+07:00' };

const RECORD = `mutation($input: RecordDeclarationInput!) { recordDeclaration(input: $input) { number rateableSubjects { kind id } } }`;
const SUBMIT = `mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id } }`;
const FLAGS = `query($filter: RatingAnomalyFilter, $first: Int, $after: String) {
  ratingAnomalies(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id kind status subject { kind id code } branch { code } ratingCount formCount formIds
      raters { id taxCode } figures { name value } firstRatedAt lastRatedAt excludeRatings
      decisions { decision note excludeRatings } } } } }`;

interface Rater {
  taxCode: string;
  name: string;
  key: string;
}
interface Sent {
  form: string;
  rater: Rater;
  officer: string;
  level: number;
}

let serial = 0;
let relay: RunningRelay;
const relayErrors: unknown[] = [];
const officers = new Map<string, string>();

async function gql(query: string, variables: Record<string, unknown>, key: string) {
  const res = await api.server.gql(query, variables, key);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

async function newRater(n: number): Promise<Rater> {
  const taxCode = `08${String(90000000 + n)}`;
  const name = `Công ty TNHH Kiểm thử ${n}`;
  // The customs feed creates the enterprise with its first declaration; an administrator then gives it a key.
  await gql(
    RECORD,
    { input: declaration(testDeclarationNumber(++serial, 8), { taxCode, name }, 'GREEN', 'HP00001', 'KTHS') },
    SYSTEM_KEY,
  );
  const found = await gql(
    'query($t: String) { enterprises(filter: { taxCode: $t }) { edges { node { id } } } }',
    { t: taxCode },
    ADMIN_KEY,
  );
  const created = await gql(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
    { input: { name: `software ${n}`, role: 'ENTERPRISE', enterpriseId: found.enterprises.edges[0].node.id } },
    ADMIN_KEY,
  );
  return { taxCode, name, key: created.createApiKey.key };
}

function declaration(
  number: string,
  enterprise: { taxCode: string; name: string },
  channel: string,
  officerCode: string,
  stageCode: string,
) {
  const t = (minutes: number) => new Date(now.getTime() - 3_600_000 + minutes * 60_000).toISOString();
  return {
    number,
    enterprise,
    branchCode: 'HPKV1',
    direction: 'IMPORT',
    typeCode: 'A11',
    channel,
    status: 'CLEARED',
    registeredAt: t(0),
    releasedAt: t(40),
    handling: [{ stageCode, teamCode: 'HPKV1-TT', officerCode, startedAt: t(5), finishedAt: t(30) }],
  };
}

/** Records a declaration handled by one officer and sends the rater's form rating that officer (and the branch 4★). */
async function send(
  rater: Rater,
  officer: string,
  level: number,
  options: { channel?: string; stage?: string; comment?: string; advanceMinutes?: number } = {},
): Promise<Sent> {
  now = new Date(now.getTime() + (options.advanceMinutes ?? 90) * 60_000);
  const number = testDeclarationNumber(++serial, 8);
  const channel = options.channel ?? 'YELLOW';
  const stage = options.stage ?? (channel === 'RED' ? 'KTTT' : 'KTHS');
  const recorded = await gql(
    RECORD,
    { input: declaration(number, { taxCode: rater.taxCode, name: rater.name }, channel, officer, stage) },
    SYSTEM_KEY,
  );
  const subjects: { kind: string; id: string }[] = recorded.recordDeclaration.rateableSubjects;
  const officerItem = {
    subjectKind: 'OFFICER',
    subjectId: subjects.find((s) => s.kind === 'OFFICER')!.id,
    level,
    ...(options.comment ? { comment: options.comment } : {}),
    ...(level <= 2 && !options.comment ? { reasonCodes: ['PROFESSIONAL_ERROR'] } : {}),
  };
  const branchItem = { subjectKind: 'BRANCH', subjectId: subjects.find((s) => s.kind === 'BRANCH')!.id, level: 4 };
  const sent = await gql(
    SUBMIT,
    {
      input: { declarationNumber: number, phase: 'AFTER', items: [branchItem, officerItem] },
      key: `anomaly-${number}`,
    },
    rater.key,
  );
  return { form: sent.submitAssessment.id, rater, officer, level };
}

const ORDINARY_LEVELS = [5, 4, 4, 3, 5, 4, 2, 4, 5, 4, 3, 5, 4, 1, 4, 5, 3, 4, 5, 2, 4, 4, 5, 3];
// Ordinary comments are each written once: short ones, and longer ones that differ in substance.
const ORDINARY_COMMENTS = [
  'Thủ tục nhanh',
  'Hơi chậm',
  'Cần hướng dẫn rõ hơn về chứng từ vận tải đường biển',
  'Tốt',
  'Cán bộ kiểm tra kỹ nhưng lịch sự, giải thích lý do đầy đủ',
  'Ổn',
  'Phải chờ kết quả soi chiếu container gần một ngày',
  'Rất chuyên nghiệp',
  'Hệ thống khai báo điện tử bị lỗi vào buổi chiều thứ sáu',
  'Được',
  'Nhân viên trực cổng cảng hỗ trợ chúng tôi ngoài giờ hành chính',
  'Chậm',
  'Đề nghị niêm yết công khai danh mục giấy tờ cần nộp bổ sung',
  'Hài lòng',
  'Việc tham vấn giá kéo dài khiến lô hàng lỡ chuyến tàu',
];

/** One round of ordinary traffic: 24 forms, six enterprises, eight officers, mixed levels and channels. */
async function ordinaryRound(raters: Rater[], pool: string[], round: number): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (let i = 0; i < 24; i++) {
    const channel = i % 6 === 1 ? 'RED' : i % 2 === 0 ? 'GREEN' : 'YELLOW';
    const comment = i % 5 === 0 ? ORDINARY_COMMENTS[round * 5 + i / 5] : undefined;
    sent.push(
      await send(raters[i % 6], pool[(i + round) % 8], ORDINARY_LEVELS[(i + round * 7) % 24], { channel, comment }),
    );
  }
  return sent;
}

/** Sessions expire as the test clock moves on: sign in just before asking. */
const signIn = (login: string) => api.server.login(login);

async function flags(key: string, filter: Record<string, unknown> = {}) {
  return (await gql(FLAGS, { filter, first: 100 }, key)).ratingAnomalies;
}

let ordinary: Rater[];
let pool: string[];

beforeAll(async () => {
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
  relay = await startConfiguredRelay(api.stores.config, api.stores.analytics, api.stores.db, {
    onError: (error) => relayErrors.push(error),
  });
  const list = await gql('{ officers(first: 20) { edges { node { id code } } } }', {}, ADMIN_KEY);
  for (const e of list.officers.edges) officers.set(e.node.code, e.node.id);
  ordinary = [];
  for (let n = 1; n <= 6; n++) ordinary.push(await newRater(n));
  // HP00001 is the demo officer account's own record; it does not take part in ordinary traffic.
  pool = ['HP00002', 'HP00003', 'HP00004', 'HP00005', 'HP00006', 'HP00007', 'HP00008', 'HP00009'];
});

afterAll(async () => {
  await relay?.stop();
});

describe('rating anomaly flags', () => {
  const burst: Sent[] = [];
  const retaliation: Sent[] = [];
  const copied: Sent[] = [];
  const TARGET = 'HP00010';

  it('raises no flag on ordinary traffic', async () => {
    await ordinaryRound(ordinary, pool, 0);
    // The retaliation target's usual level on red declarations, rated by ordinary enterprises.
    for (let i = 0; i < 4; i++) await send(ordinary[i], TARGET, 4 + (i % 2), { channel: 'RED' });
    await relay.flush();
    expect(relayErrors).toEqual([]);
    const found = await flags(await signIn('inspector'));
    expect(found.edges.map((e: any) => e.node)).toEqual([]);
    expect(found.totalCount).toBe(0);
  }, 240_000);

  it('flags a burst, a retaliation pattern and copied comments mixed into as much ordinary traffic, and only those', async () => {
    const b = await newRater(20);
    const r = await newRater(21);
    const half = await ordinaryRound(ordinary, pool, 1);
    // Retaliation: the enterprise is content with green declarations, and rates the physical-inspection officer 1★ on red ones.
    for (let i = 0; i < 8; i++) await send(r, pool[i], 5, { channel: 'GREEN', advanceMinutes: 600 });
    for (let i = 0; i < 5; i++)
      retaliation.push(await send(r, TARGET, 1, { channel: 'RED', stage: 'KTTT', advanceMinutes: 1440 }));
    // Copied text: four enterprises, four officers, one comment written with and without accents, in other cases and spacing.
    const texts = [
      'Cán bộ gây khó dễ, yêu cầu bổ sung giấy tờ ngoài quy định!',
      'can bo gay kho de yeu cau bo sung giay to ngoai quy dinh',
      'CÁN BỘ GÂY KHÓ DỄ   YÊU CẦU BỔ SUNG GIẤY TỜ NGOÀI QUY ĐỊNH',
      'Cán bộ gây khó dễ, yêu cầu bổ sung giấy tờ ngoài quy định nhé',
    ];
    for (let i = 0; i < 4; i++)
      copied.push(await send(ordinary[i], pool[i + 2], 2, { comment: texts[i], advanceMinutes: 200 }));
    await ordinaryRound(ordinary, pool, 2);
    // Burst: six 1★ ratings of one officer from one enterprise within one minute.
    for (let i = 0; i < 6; i++) burst.push(await send(b, 'HP00001', 1, { advanceMinutes: i === 0 ? 60 : 0.15 }));
    await relay.flush();
    expect(relayErrors).toEqual([]);
    expect(half.length).toBe(24);

    const found = await flags(await signIn('inspector'));
    const nodes = found.edges.map((e: any) => e.node);
    const byKind = (kind: string) => nodes.filter((n: any) => n.kind === kind);
    const figure = (n: any, name: string) => n.figures.find((f: any) => f.name === name)?.value;
    const ids = (sent: Sent[]) => sent.map((s) => s.form).sort();

    const [burstFlag] = byKind('BURST');
    expect(byKind('BURST')).toHaveLength(1);
    expect(burstFlag).toMatchObject({
      status: 'OPEN',
      subject: { kind: 'OFFICER', code: 'HP00001' },
      ratingCount: 6,
      formCount: 6,
    });
    expect([...burstFlag.formIds].sort()).toEqual(ids(burst));
    expect(burstFlag.raters.map((e: any) => e.taxCode)).toEqual([b.taxCode]);
    expect(figure(burstFlag, 'lowRatings')).toBe(6);
    expect(figure(burstFlag, 'pValue')).toBeLessThan(1e-4);
    expect(figure(burstFlag, 'expected')).toBeLessThan(1);

    expect(byKind('RETALIATION')).toHaveLength(1);
    const [ret] = byKind('RETALIATION');
    expect(ret).toMatchObject({ subject: { kind: 'OFFICER', code: TARGET }, ratingCount: 5 });
    expect([...ret.formIds].sort()).toEqual(ids(retaliation));
    expect(ret.raters.map((e: any) => e.taxCode)).toEqual([r.taxCode]);
    expect(figure(ret, 'redLowRatings')).toBe(5);
    // Its green ratings: eight forms, each rating the branch and an officer.
    expect(figure(ret, 'greenRatings')).toBe(16);
    expect(figure(ret, 'greenLowRatings')).toBe(0);
    expect(figure(ret, 'usualRedRatings')).toBe(4);
    expect(figure(ret, 'pValue')).toBeLessThan(1e-4);

    expect(byKind('COPIED_TEXT')).toHaveLength(1);
    const [copy] = byKind('COPIED_TEXT');
    expect([...copy.formIds].sort()).toEqual(ids(copied));
    expect(copy.raters.map((e: any) => e.taxCode).sort()).toEqual(
      ordinary
        .slice(0, 4)
        .map((o) => o.taxCode)
        .sort(),
    );
    expect(figure(copy, 'forms')).toBe(4);

    // The two new enterprises' first ratings of their targets are all 1★: new raters, on exactly those forms.
    const newRaters = byKind('NEW_RATER');
    expect(newRaters.map((n: any) => n.subject.code).sort()).toEqual(['HP00001', TARGET]);
    expect([...newRaters.find((n: any) => n.subject.code === TARGET).formIds].sort()).toEqual(ids(retaliation));

    // Nothing else: every flag is about the abusive forms only.
    const abusive = new Set([...burst, ...retaliation, ...copied].map((s) => s.form));
    expect(nodes.length).toBe(5);
    expect(found.totalCount).toBe(5);
    for (const n of nodes) for (const f of n.formIds) expect(abusive.has(f)).toBe(true);
  }, 240_000);

  it('shows officers their own flags without raters or forms, and supervisors without raters', async () => {
    const mine = await flags(await api.server.login('officer'));
    expect(mine.totalCount).toBe(2);
    for (const n of mine.edges.map((e: any) => e.node)) {
      expect(n.subject.code).toBe('HP00001');
      expect(n.raters).toBeNull();
      expect(n.formIds).toBeNull();
      expect(n.decisions).toBeNull();
    }
    const supervisor = await flags(await api.server.login('supervisor'));
    expect(supervisor.totalCount).toBe(5);
    expect(supervisor.edges.every((e: any) => e.node.raters === null && e.node.formIds !== null)).toBe(true);
  });

  it('pages the flags with a cursor and filters them by kind', async () => {
    const first = (await gql(FLAGS, { first: 2 }, await signIn('inspector'))).ratingAnomalies;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await gql(FLAGS, { first: 100, after: first.pageInfo.endCursor }, await signIn('inspector')))
      .ratingAnomalies;
    expect(rest.edges).toHaveLength(3);
    const all = [...first.edges, ...rest.edges].map((e: any) => e.node.id);
    expect(new Set(all).size).toBe(5);
    expect((await flags(await signIn('inspector'), { kinds: ['NEW_RATER'] })).totalCount).toBe(2);
  });

  it('lets inspectors confirm (excluding the ratings from the scorecard, shown as excluded) or dismiss, with an audited note', async () => {
    const [burstFlag] = (await flags(await signIn('inspector'), { kinds: ['BURST'] })).edges.map((e: any) => e.node);
    const CARD = `query($from: DateTimeISO!, $to: DateTimeISO!) { evaluationScorecards(unit: OFFICER, from: $from, to: $to) {
      unit { value } ratings { count levelCounts } excludedRatings } }`;
    const card = async () =>
      (await gql(CARD, Q3, await signIn('inspector'))).evaluationScorecards.find(
        (c: any) => c.unit.value === officers.get('HP00001'),
      );
    const before = await card();
    expect(before.excludedRatings).toBe(0);

    const DECIDE = `mutation($id: ID!, $decision: AnomalyDecisionKind!, $note: String!, $exclude: Boolean) {
      decideRatingAnomaly(id: $id, decision: $decision, note: $note, excludeRatings: $exclude) { id status excludeRatings decisions { decision note excludeRatings } } }`;
    const officer = await api.server.login('officer');
    const refused = await api.server.gql(
      DECIDE,
      { id: burstFlag.id, decision: 'DISMISS', note: 'không phải tôi' },
      officer,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await api.server.gql(
      DECIDE,
      { id: burstFlag.id, decision: 'DISMISS', note: 'x', exclude: true },
      await signIn('inspector'),
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const empty = await api.server.gql(
      DECIDE,
      { id: burstFlag.id, decision: 'CONFIRM', note: '  ' },
      await signIn('inspector'),
    );
    expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const confirmed = await gql(
      DECIDE,
      { id: burstFlag.id, decision: 'CONFIRM', note: 'Sáu phiếu trong một phút, cùng doanh nghiệp', exclude: true },
      await signIn('inspector'),
    );
    expect(confirmed.decideRatingAnomaly).toMatchObject({
      status: 'CONFIRMED',
      excludeRatings: true,
      decisions: [{ decision: 'CONFIRM', note: 'Sáu phiếu trong một phút, cùng doanh nghiệp', excludeRatings: true }],
    });
    const after = await card();
    expect(after.excludedRatings).toBe(6);
    expect(after.ratings.count).toBe(before.ratings.count - 6);
    expect(after.ratings.levelCounts[0]).toBe(before.ratings.levelCounts[0] - 6);

    const [copy] = (await flags(await signIn('inspector'), { kinds: ['COPIED_TEXT'] })).edges.map((e: any) => e.node);
    await gql(
      DECIDE,
      { id: copy.id, decision: 'DISMISS', note: 'Cùng một hiệp hội góp ý, không phải lạm dụng' },
      await signIn('inspector'),
    );
    expect((await flags(await signIn('inspector'), { statuses: ['DISMISSED'] })).totalCount).toBe(1);
    const [row] = await api.stores
      .em()
      .execute<{ n: string }[]>("select count(*) as n from rating_anomaly_decision where actor like 'account:%'");
    expect(Number(row.n)).toBe(2);
  });
});
