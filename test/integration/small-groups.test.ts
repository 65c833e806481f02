/**
 * Small-group protection: what an officer reads about itself never isolates fewer than k forms
 * (PRIVACY_MIN_GROUP) and never comes at a grain an enterprise could be picked out by. Figures
 * are checked against Postgres, counted independently.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Account } from '../../api/auth/account.entity.js';
import { hashPassword } from '../../api/auth/passwords.js';
import { Role } from '../../api/auth/roles.js';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi({ clock: () => new Date(FIXED_UNTIL.getTime() - 3_600_000) });
let officer: string;
let k: number;

/** The officer with the most ratings, signed in as itself. */
let officerId: number;

beforeAll(async () => {
  const em = api.stores.em();
  await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
  const [top] = await em.getConnection().execute<{ id: number }[]>(
    `select i.subject_id as id from assessment_item i join assessment a on a.id = i.assessment_id
        where a.status = 'SENT' and i.subject_kind = 'OFFICER' group by 1 order by count(*) desc limit 1`,
  );
  officerId = Number(top.id);
  em.create(Account, {
    login: 'rated-officer',
    displayName: 'rated officer',
    role: Role.OFFICER,
    officerId,
    passwordHash: await hashPassword('demo'),
    createdAt: new Date(),
  } as never);
  await em.flush();
  officer = await api.server.login('rated-officer');
  k = api.stores.config.privacy.minGroup;
});

const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

describe('an officer about itself', () => {
  it('cannot ask by day, by enterprise, or by phase and channel together, nor over a short window', async () => {
    for (const query of [
      '{ ratingStatistics(groupBy: [DAY], minCount: 1) { groups { count } } }',
      '{ ratingStatistics(groupBy: [PHASE, CHANNEL], minCount: 1) { groups { count } } }',
      '{ ratingStatistics(groupBy: [CHANNEL], filter: { phases: [DURING] }, minCount: 1) { groups { count } } }',
      '{ ratingStatistics(filter: { from: "2026-03-01T00:00:00Z", to: "2026-03-01T00:00:00.001Z" }) { overall { count } } }',
      '{ caseStatistics(filter: { from: "2026-03-01T00:00:00Z", to: "2026-03-01T00:00:00.001Z" }) { cases } }',
    ]) {
      const res = await api.server.gql(query, {}, officer);
      expect(code(res), query).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.reason).toBe('SMALL_GROUP');
    }
    const byEnterprise = await api.server.gql(
      '{ ratingStatistics(groupBy: [ENTERPRISE]) { overall { count } } }',
      {},
      officer,
    );
    expect(['BAD_USER_INPUT', 'FORBIDDEN']).toContain(code(byEnterprise));
  });

  it('never gets a group under k, whatever minCount it asks; the groups it gets are exact', async () => {
    const res = await api.server.gql(
      '{ ratingStatistics(groupBy: [MONTH], minCount: 1) { overall { count } groups { count keys { value } } } }',
      {},
      officer,
    );
    expect(res.errors).toBeUndefined();
    const rows = await api.stores
      .em()
      .getConnection()
      .execute<{ month: string; n: number }[]>(
        `select to_char(date_trunc('month', a.sent_at at time zone 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') as month, count(*) as n
           from assessment_item i join assessment a on a.id = i.assessment_id
          where a.status = 'SENT' and i.subject_kind = 'OFFICER' and i.subject_id = ${officerId} group by 1`,
      );
    const expected = rows.filter((r) => Number(r.n) >= k).map((r) => [r.month, Number(r.n)]);
    const got = res.data!.ratingStatistics.groups.map((g: { count: number; keys: { value: string }[] }) => [
      g.keys[0].value.slice(0, 10),
      g.count,
    ]);
    expect(got.sort()).toEqual(expected.sort());
    for (const g of res.data!.ratingStatistics.groups) expect(g.count).toBeGreaterThanOrEqual(k);
    // The data holds months too small to show (else this test would prove nothing).
    expect(rows.some((r) => Number(r.n) < k)).toBe(true);
  });

  it('a selection under k shows as empty, and its reasons as none', async () => {
    // One week around the officer's first rating: small enough to hold fewer than k of them.
    const [first] = await api.stores
      .em()
      .getConnection()
      .execute<{ at: Date; n: number }[]>(
        `select min(a.sent_at) as at from assessment_item i join assessment a on a.id = i.assessment_id
          where a.status = 'SENT' and i.subject_kind = 'OFFICER' and i.subject_id = ${officerId}`,
      );
    const from = new Date(new Date(first.at).getTime() - 1000);
    const to = new Date(from.getTime() + 7 * 86_400_000 + 1000);
    const [{ n }] = await api.stores
      .em()
      .getConnection()
      .execute<{ n: number }[]>(
        `select count(*) as n from assessment_item i join assessment a on a.id = i.assessment_id
          where a.status = 'SENT' and i.subject_kind = 'OFFICER' and i.subject_id = ${officerId} and a.sent_at >= ? and a.sent_at < ?`,
        [from, to],
      );
    const res = await api.server.gql(
      'query($f: DateTimeISO!, $t: DateTimeISO!) { ratingStatistics(filter: { from: $f, to: $t }, minCount: 1) { overall { count belowMinimum mean } } ratingReasons(filter: { from: $f, to: $t }) { code count } }',
      { f: from.toISOString(), t: to.toISOString() },
      officer,
    );
    expect(res.errors).toBeUndefined();
    if (Number(n) < k) {
      expect(res.data!.ratingStatistics.overall).toEqual({ count: 0, belowMinimum: true, mean: null });
      expect(res.data!.ratingReasons).toEqual([]);
    } else {
      expect(res.data!.ratingStatistics.overall.count).toBe(Number(n));
    }
  });

  it('an inspector still gets fine grains about the same officer', async () => {
    const inspector = await api.server.login('inspector');
    const res = await api.server.gql(
      'query($o: ID!) { ratingStatistics(filter: { officerIds: [$o] }, groupBy: [DAY], minCount: 1) { groups { count } } }',
      { o: String(officerId) },
      inspector,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.ratingStatistics.groups.some((g: { count: number }) => g.count < k)).toBe(true);
  });
});

describe('comments about oneself', () => {
  beforeAll(async () => {
    // The demo seed has few comments: give seven of the officer's ratings of the half-year one each.
    await api.stores
      .em()
      .getConnection()
      .execute(
        `update assessment_item set comment = 'Nhận xét ' || id where id in (
           select i.id from assessment_item i join assessment a on a.id = i.assessment_id
            where a.status = 'SENT' and i.subject_kind = 'OFFICER' and i.subject_id = ? and a.sent_at >= ?
            order by a.sent_at limit 7)`,
        [officerId, new Date('2026-01-01T00:00:00+07:00')],
      );
    await rebuildRatingFacts(api.stores.em(), api.stores.analytics);
  });

  const COMMENTS = `query($from: DateTimeISO!, $to: DateTimeISO!) {
    commentsAboutMe(from: $from, to: $to, first: 100) { totalCount belowMinimum comments { level comment } } }`;

  /** The officer's own comments in Postgres, counted independently: [level, text], as the API orders them. */
  async function postgresComments(from: Date, to: Date): Promise<[number, string][]> {
    const rows = await api.stores
      .em()
      .getConnection()
      .execute<{ level: number; comment: string }[]>(
        `select i.level, i.comment from assessment_item i join assessment a on a.id = i.assessment_id
          where a.status = 'SENT' and i.subject_kind = 'OFFICER' and i.subject_id = ? and coalesce(i.comment, '') <> ''
            and a.sent_at >= ? and a.sent_at < ?`,
        [officerId, from, to],
      );
    return rows
      .map((r): [number, string] => [Number(r.level), r.comment])
      .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  }

  it('reaches the officer with text and level only, out of at least k comments, never by time', async () => {
    const from = new Date('2026-01-01T00:00:00+07:00');
    const to = FIXED_UNTIL;
    const expected = await postgresComments(from, to);
    expect(expected.length).toBeGreaterThanOrEqual(k);
    const res = await api.server.gql(COMMENTS, { from, to }, officer);
    expect(res.errors).toBeUndefined();
    const got = res.data!.commentsAboutMe;
    if (expected.length >= k) {
      expect(got.belowMinimum).toBe(false);
      expect(got.totalCount).toBe(expected.length);
      expect(got.comments.map((c: { level: number; comment: string }) => [c.level, c.comment])).toEqual(
        expected.slice(0, 100),
      );
    } else expect(got).toEqual({ totalCount: 0, belowMinimum: true, comments: [] });
    // Nothing in the type leads to a form, a rater or a time.
    const fields = await api.server.gql('{ __type(name: "OwnComment") { fields { name } } }', {}, officer);
    expect(fields.data!.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(['comment', 'level']);
  });

  it('gives nothing from fewer than k comments, and refuses a short window', async () => {
    // A window holding the officer's first few comments only.
    const [first] = await api.stores
      .em()
      .getConnection()
      .execute<{ at: Date }[]>(
        `select a.sent_at as at from assessment_item i join assessment a on a.id = i.assessment_id
          where a.status = 'SENT' and i.subject_kind = 'OFFICER' and i.subject_id = ? and coalesce(i.comment, '') <> ''
          order by a.sent_at limit 1`,
        [officerId],
      );
    const from = new Date(new Date(first.at).getTime() - 8 * 86_400_000);
    const to = new Date(new Date(first.at).getTime() + 1);
    expect((await postgresComments(from, to)).length).toBeLessThan(k);
    const few = await api.server.gql(COMMENTS, { from, to }, officer);
    expect(few.data!.commentsAboutMe).toEqual({ totalCount: 0, belowMinimum: true, comments: [] });
    const at = new Date(first.at);
    const short = await api.server.gql(COMMENTS, { from: at, to: new Date(at.getTime() + 1) }, officer);
    expect(short.errors?.[0].extensions?.reason, JSON.stringify(short)).toBe('SMALL_GROUP');
    // Staff who are no rated officer have no comments about themselves; enterprises may not ask.
    const inspector = await api.server.gql(COMMENTS, { from, to }, await api.server.login('inspector'));
    expect(inspector.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const enterprise = await api.server.gql(COMMENTS, { from, to }, await api.server.login('enterprise'));
    expect(enterprise.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
