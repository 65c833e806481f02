/**
 * The demo data set: one department modelled on Hải Phòng with its branches, teams, stages,
 * officers (with team transfers), enterprises and twelve months of declarations with handling
 * records. Deterministic for a given seed and end date. Rows are generated in memory and written
 * with multi-row INSERTs in one transaction: a failed seed leaves nothing behind.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../../auth/passwords.js';
import { hashApiKey } from '../../auth/viewer.js';
import { Role } from '../../auth/roles.js';
import { DAY_MS, VIETNAM_OFFSET_MS, vietnamDate } from '../../time.js';
import { generateLegalNotices } from './legal-notices.js';
import { silentProgress, type Progress } from './progress.js';
import { Random } from './random.js';
import * as HP from './hai-phong.js';
import { generateDemoSurveys } from '../../surveys/demo-surveys.js';
import type { Config } from '../../config.js';
import { DEFAULT_CASE_SETTINGS } from '../../cases/case-lifecycle.js';
import { addWorkingDays, type WorkingCalendar } from '../../cases/working-days.js';
import { DEMO_HOLIDAYS } from './demo-holidays.js';

export interface SeedOptions {
  seed: number;
  /** 1 = the full demo (≈ 2,000 enterprises, 36,000 declarations); tests use less. */
  scale: number;
  /** The end of the twelve months of declarations. */
  until: Date;
  progress?: (total: number) => Progress;
  /** Case deadline settings (the server's); default DEFAULT_CASE_SETTINGS. */
  cases?: Config['cases'];
}

export interface SeedSummary {
  departments: number;
  branches: number;
  teams: number;
  stages: number;
  officers: number;
  enterprises: number;
  declarations: number;
  handlingRecords: number;
}

/** The enterprise the demo `enterprise` login and declaration-software key act for: the largest filer. */
export const DEMO_ENTERPRISE_ID = 1;

/** Demo API keys, printed at start-up. They exist only in a database seeded with demo data. */
export const DEMO_API_KEYS = [
  { name: 'Demo customs-system feed', role: Role.SYSTEM, key: 'sqa_demo_system_feed', enterpriseId: null },
  { name: 'Demo analytics client', role: Role.ANALYTICS, key: 'sqa_demo_analytics', enterpriseId: null },
  { name: 'Demo administrator', role: Role.ADMIN, key: 'sqa_demo_admin', enterpriseId: null },
  {
    name: 'Demo declaration software',
    role: Role.ENTERPRISE,
    key: 'sqa_demo_declaration_software',
    enterpriseId: DEMO_ENTERPRISE_ID,
  },
] as const;

export const DEMO_PASSWORD = 'demo';

/** One account per role; scopes point into the demo department (id 1) and its first branch. */
export const DEMO_ACCOUNTS = [
  { login: 'admin', displayName: 'Quản trị hệ thống', role: Role.ADMIN, scope: {} },
  { login: 'leader', displayName: 'Lãnh đạo Tổng cục', role: Role.LEADER, scope: {} },
  {
    login: 'inspector',
    displayName: 'Thanh tra Cục Hải quan Hải Phòng',
    role: Role.INSPECTOR,
    scope: { departmentId: 1 },
  },
  { login: 'supervisor', displayName: 'Lãnh đạo Chi cục KV I', role: Role.SUPERVISOR, scope: { branchId: 1 } },
  { login: 'officer', displayName: 'Công chức HP00001', role: Role.OFFICER, scope: { officerId: 1, branchId: 1 } },
  {
    login: 'enterprise',
    displayName: 'Doanh nghiệp (mẫu)',
    role: Role.ENTERPRISE,
    scope: { enterpriseId: DEMO_ENTERPRISE_ID },
  },
] as const;

type Row = unknown[];
interface Table {
  name: string;
  columns: string[];
  rows: Row[];
}

const DAY = DAY_MS;
const MINUTE = 60_000;
const VN_OFFSET = VIETNAM_OFFSET_MS;

/**
 * Adds the demo logins to a demo database that lacks them (one seeded by an older version).
 * A database is a demo one when it holds the demo feed key, so a real database never gets them.
 */
export async function ensureDemoAccounts(em: EntityManager): Promise<void> {
  const connection = em.getConnection();
  const [demo] = await connection.execute<{ n: string }[]>('select count(*) as n from api_key where key_hash = ?', [
    hashApiKey(DEMO_API_KEYS[0].key),
  ]);
  if (Number(demo.n) === 0) return;
  const existing = new Set(
    (await connection.execute<{ login: string }[]>('select login from account')).map((r) => r.login),
  );
  for (const account of DEMO_ACCOUNTS.filter((a) => !existing.has(a.login))) {
    const scope = account.scope as Partial<Record<'enterpriseId' | 'officerId' | 'branchId' | 'departmentId', number>>;
    await connection.execute(
      `insert into account (login, password_hash, display_name, role, enterprise_id, officer_id, branch_id, department_id, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (login) do nothing`,
      [
        account.login,
        await hashPassword(DEMO_PASSWORD),
        account.displayName,
        account.role,
        scope.enterpriseId ?? null,
        scope.officerId ?? null,
        scope.branchId ?? null,
        scope.departmentId ?? null,
      ],
    );
  }
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  const [row] = await em.getConnection().execute<{ n: string }[]>('select count(*) as n from department');
  return Number(row.n) > 0;
}

export function generateDemoData(options: Omit<SeedOptions, 'progress'>): Table[] {
  const rng = new Random(options.seed);
  const until = options.until.getTime();
  const from = until - 365 * DAY;

  const department = [[1, HP.DEPARTMENT.code, HP.DEPARTMENT.name]];
  const branches = HP.BRANCHES.map((b, i) => [i + 1, b.code, b.name, 1]);
  const stageId = new Map<string, number>(HP.STAGES.map((s, i) => [s.code, i + 1]));
  const stages = HP.STAGES.map((s, i) => [i + 1, s.code, s.nameVi, s.nameEn, i + 1]);

  // Teams: every branch has every kind of team; a stage is done by the teams whose kind lists it.
  const teams: Row[] = [];
  const teamsOfBranchForStage = new Map<string, number[]>();
  HP.BRANCHES.forEach((b, bi) => {
    for (const kind of HP.TEAM_KINDS) {
      const id = teams.length + 1;
      teams.push([id, `${b.code}-${kind.suffix}`, kind.name, bi + 1]);
      for (const stage of kind.stages) {
        const key = `${bi + 1}:${stage}`;
        teamsOfBranchForStage.set(key, [...(teamsOfBranchForStage.get(key) ?? []), id]);
      }
    }
  });

  // Officers: about nine per team; one in ten moved to another team of the branch mid-year.
  const officers: Row[] = [];
  const assignments: Row[] = [];
  const membership = new Map<number, { officer: number; from: number; to: number }[]>();
  const join = (team: number, officer: number, start: number, end: number | null) => {
    assignments.push([
      assignments.length + 1,
      officer,
      team,
      vietnamDate(start),
      end === null ? null : vietnamDate(end),
    ]);
    membership.set(team, [...(membership.get(team) ?? []), { officer, from: start, to: end ?? Infinity }]);
  };
  for (const team of teams) {
    const [teamId, , , branchId] = team as [number, string, string, number];
    for (let k = 0; k < 9; k++) {
      const id = officers.length + 1;
      officers.push([id, `HP${String(id).padStart(5, '0')}`, personName(rng)]);
      const start = from - rng.int(30, 2000) * DAY;
      if (rng.chance(0.1)) {
        const moved = from + rng.int(60, 300) * DAY;
        const sameBranch = teams.filter((t) => t[3] === branchId && t[0] !== teamId);
        join(teamId, id, start, moved - DAY);
        join(rng.pick(sameBranch)[0] as number, id, moved, null);
      } else {
        join(teamId, id, start, null);
      }
    }
  }

  // Enterprises: a few file most declarations (weights fall off with rank, as in real trade).
  const enterpriseCount = Math.max(20, Math.round(2000 * options.scale));
  const enterprises: Row[] = [];
  for (let i = 1; i <= enterpriseCount; i++) {
    const base = `02${String(1_000_000 + i * 37).padStart(8, '0')}`;
    const taxCode = rng.chance(0.05) ? `${base}-00${rng.int(1, 3)}` : base;
    const name = `${rng.pick(HP.COMPANY_FORMS)} ${rng.pick(HP.COMPANY_TRADES)} ${rng.pick(HP.COMPANY_WORDS)}`;
    enterprises.push([i, taxCode, `${name} ${i}`, `Số ${rng.int(1, 300)}, Hải Phòng`]);
  }
  const enterpriseWeights = cumulative(enterprises.map((_, i) => 1 / Math.pow(i + 1, 0.8)));
  const branchWeights = cumulative(HP.BRANCHES.map((b) => b.weight));

  const declarationCount = Math.max(50, Math.round(36_000 * options.scale));
  const declarations: Row[] = [];
  const handling: Row[] = [];
  const times = Array.from({ length: declarationCount }, () => workingInstant(rng, from, until)).sort((a, b) => a - b);
  let importSeq = 0;
  let exportSeq = 0;
  for (let i = 0; i < declarationCount; i++) {
    const id = i + 1;
    const registeredAt = times[i];
    const branchId = pickCumulative(rng, branchWeights) + 1;
    const enterpriseId = pickCumulative(rng, enterpriseWeights) + 1;
    const channel = rng.weighted(HP.CHANNEL_MIX);
    const direction = rng.chance(0.58) ? 'IMPORT' : 'EXPORT';
    const typeCode = rng.weighted<string>(HP.TYPE_CODES[direction]);
    const number =
      direction === 'IMPORT'
        ? `10${String(++importSeq * 7 + 5_000_000_000).slice(-10)}`
        : `30${String(++exportSeq * 7 + 4_000_000_000).slice(-10)}`;

    // Walk the stages of the channel; each takes a realistic time, physical inspection the longest.
    let clock = registeredAt + rng.int(1, 20) * MINUTE;
    let releasedAt: number | null = null;
    const age = until - registeredAt;
    for (const stage of HP.STAGES_BY_CHANNEL[channel]) {
      if (clock > until) break;
      const minutes = stage === 'KTTT' ? rng.int(120, 960) : stage === 'KTHS' ? rng.int(20, 150) : rng.int(2, 45);
      const finished = clock + minutes * MINUTE;
      const teamId = rng.pick(teamsOfBranchForStage.get(`${branchId}:${stage}`)!);
      const officerId = officerOf(rng, membership.get(teamId)!, clock);
      handling.push([
        handling.length + 1,
        id,
        stageId.get(stage),
        teamId,
        officerId,
        new Date(clock),
        finished <= until ? new Date(finished) : null,
      ]);
      if (stage === 'TQ' && finished <= until) releasedAt = finished;
      clock = finished + rng.int(1, 90) * MINUTE;
    }
    const status =
      releasedAt === null
        ? channel === 'RED'
          ? 'UNDER_INSPECTION'
          : 'REGISTERED'
        : age > 2 * DAY
          ? 'CLEARED'
          : 'RELEASED';
    declarations.push([
      id,
      number,
      enterpriseId,
      branchId,
      direction,
      typeCode,
      channel,
      new Date(registeredAt),
      releasedAt === null ? null : new Date(releasedAt),
      status,
    ]);
  }

  const apiKeys = DEMO_API_KEYS.map((k, i) => [
    i + 1,
    k.name,
    hashApiKey(k.key),
    k.key.slice(0, 12),
    k.role,
    k.enterpriseId,
    new Date(until),
    null,
  ]);
  const { assessments, items } = generateRatings(rng, declarations, handling, until);
  // Deadlines on the calendar live cases use: the configured weekdays less the seeded holidays.
  const caseSettings = options.cases ?? DEFAULT_CASE_SETTINGS;
  const calendar: WorkingCalendar = {
    workingWeekdays: new Set(caseSettings.workingWeekdays),
    holidays: new Set(DEMO_HOLIDAYS.map(([day]) => day)),
  };
  const { cases, steps } = generateCases(rng, assessments, items, branches, until, calendar, caseSettings);
  // Last, so adding notices left every row generated before them unchanged.
  const { notices, reads } = generateLegalNotices(rng, enterpriseCount, until);

  return [
    { name: 'department', columns: ['id', 'code', 'name'], rows: department },
    { name: 'branch', columns: ['id', 'code', 'name', 'department_id'], rows: branches },
    { name: 'team', columns: ['id', 'code', 'name', 'branch_id'], rows: teams },
    { name: 'stage', columns: ['id', 'code', 'name_vi', 'name_en', 'sort_order'], rows: stages },
    { name: 'officer', columns: ['id', 'code', 'full_name'], rows: officers },
    {
      name: 'officer_assignment',
      columns: ['id', 'officer_id', 'team_id', 'valid_from', 'valid_to'],
      rows: assignments,
    },
    { name: 'enterprise', columns: ['id', 'tax_code', 'name', 'address'], rows: enterprises },
    {
      name: 'declaration',
      columns: [
        'id',
        'number',
        'enterprise_id',
        'branch_id',
        'direction',
        'type_code',
        'channel',
        'registered_at',
        'released_at',
        'status',
      ],
      rows: declarations,
    },
    {
      name: 'handling_record',
      columns: ['id', 'declaration_id', 'stage_id', 'team_id', 'officer_id', 'started_at', 'finished_at'],
      rows: handling,
    },
    {
      name: 'api_key',
      columns: ['id', 'name', 'key_hash', 'key_prefix', 'role', 'enterprise_id', 'created_at', 'revoked_at'],
      rows: apiKeys,
    },
    {
      name: 'assessment',
      columns: [
        'id',
        'declaration_id',
        'enterprise_id',
        'phase',
        'status',
        'contact_name',
        'contact_phone',
        'created_by',
        'created_at',
        'updated_at',
        'sent_at',
      ],
      rows: assessments,
    },
    {
      name: 'assessment_item',
      columns: [
        'id',
        'assessment_id',
        'subject_kind',
        'subject_id',
        'branch_id',
        'team_id',
        'stage_id',
        'level',
        'reason_codes',
        'comment',
      ],
      rows: items,
    },
    {
      name: 'complaint_case',
      columns: [
        'id',
        'item_id',
        'assessment_id',
        'declaration_id',
        'enterprise_id',
        'subject_kind',
        'subject_id',
        'rated_officer_id',
        'level',
        'responsible_branch_id',
        'department_id',
        'status',
        'opened_at',
        'acknowledge_due_at',
        'conclude_due_at',
        'answer_due_at',
        'finding',
        'actions',
        'answer',
        'concluded_at',
        'answered_at',
        'closed_at',
        'escalated_at',
        'version',
        'due_at',
        'concluded_on_time',
      ],
      rows: cases,
    },
    {
      name: 'complaint_case_step',
      columns: ['id', 'case_id', 'kind', 'status', 'actor', 'at', 'note', 'finding', 'actions'],
      rows: steps,
    },
    {
      name: 'legal_notice',
      columns: [
        'id',
        'document_number',
        'title_vi',
        'title_en',
        'issuer',
        'issued_on',
        'effective_on',
        'summary',
        'source_url',
        'enterprise_ids',
        'published_at',
        'published_by',
      ],
      rows: notices,
    },
    { name: 'legal_notice_read', columns: ['notice_id', 'enterprise_id', 'read_at'], rows: reads },
    { name: 'holiday', columns: ['day', 'name'], rows: DEMO_HOLIDAYS.map(([day, name]) => [day, name]) },
    ...generateDemoSurveys({
      seed: options.seed,
      until: options.until,
      demoEnterpriseId: DEMO_ENTERPRISE_ID,
      declarations,
      branchIds: branches.map((b) => b[0] as number),
    }),
  ];
}

/** Writes the demo data set in one transaction and moves every id sequence past it. */
export async function seedDemo(em: EntityManager, options: SeedOptions): Promise<SeedSummary> {
  const tables = generateDemoData(options);
  const total = tables.reduce((n, t) => n + t.rows.length, 0);
  const progress = options.progress?.(total) ?? silentProgress;
  try {
    await em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const ctx = tx.getTransactionContext();
      for (const table of tables) {
        const perStatement = Math.floor(30_000 / table.columns.length);
        for (let start = 0; start < table.rows.length; start += perStatement) {
          const chunk = table.rows.slice(start, start + perStatement);
          const placeholders = chunk.map(() => `(${table.columns.map(() => '?').join(', ')})`).join(', ');
          const sql = `insert into "${table.name}" (${table.columns.map((c) => `"${c}"`).join(', ')}) values ${placeholders}`;
          await connection.execute(sql, chunk.flat(), 'run', ctx);
          progress.advance(chunk.length);
        }
        // Tables keyed by a pair (reads) have no sequence to move.
        if (!table.columns.includes('id')) continue;
        await connection.execute(
          `select setval(pg_get_serial_sequence('"${table.name}"', 'id'), (select coalesce(max(id), 0) + 1 from "${table.name}"), false)`,
          [],
          'all',
          ctx,
        );
      }
    });
  } finally {
    progress.stop();
  }
  const count = (name: string) => tables.find((t) => t.name === name)!.rows.length;
  return {
    departments: count('department'),
    branches: count('branch'),
    teams: count('team'),
    stages: count('stage'),
    officers: count('officer'),
    enterprises: count('enterprise'),
    declarations: count('declaration'),
    handlingRecords: count('handling_record'),
  };
}

function personName(rng: Random): string {
  return `${rng.pick(HP.FAMILY_NAMES)} ${rng.pick(HP.MIDDLE_NAMES)} ${rng.pick(HP.GIVEN_NAMES)}`;
}

/** A random instant on a working day (Mon–Sat) between 07:00 and 18:00 Hải Phòng time. */
function workingInstant(rng: Random, from: number, until: number): number {
  for (;;) {
    const day = Math.floor((from + rng.next() * (until - from) + VN_OFFSET) / DAY);
    const weekday = new Date(day * DAY).getUTCDay();
    if (weekday === 0) continue;
    const instant = day * DAY - VN_OFFSET + (7 * 60 + rng.int(0, 11 * 60 - 1)) * MINUTE;
    if (instant >= from && instant < until) return instant;
  }
}

function officerOf(rng: Random, members: { officer: number; from: number; to: number }[], at: number): number {
  const present = members.filter((m) => m.from <= at && at <= m.to);
  return rng.pick(present.length > 0 ? present : members).officer;
}

function cumulative(weights: number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

function pickCumulative(rng: Random, cumulativeWeights: number[]): number {
  const target = rng.next() * cumulativeWeights[cumulativeWeights.length - 1];
  let lo = 0;
  let hi = cumulativeWeights.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulativeWeights[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Historical ratings: about half of the released declarations were rated after release, a few
 * during clearance. Most ratings are 4–5★, as in Hải Phòng's reports, but each officer and branch
 * has its own tendency, so rankings and drill-downs have something to find.
 */
function generateRatings(rng: Random, declarations: Row[], handling: Row[], until: number) {
  const assessments: Row[] = [];
  const items: Row[] = [];
  const recordsOf = new Map<number, Row[]>();
  for (const h of handling) recordsOf.set(h[1] as number, [...(recordsOf.get(h[1] as number) ?? []), h]);
  const officerBias = new Map<number, number>();
  const biasOf = (officer: number) => {
    if (!officerBias.has(officer))
      officerBias.set(officer, rng.chance(0.08) ? -1.2 - rng.next() : rng.next() * 0.6 - 0.3);
    return officerBias.get(officer)!;
  };
  const levelFor = (bias: number) => {
    const x = rng.next() + bias * 0.25;
    return x < 0.012 ? 1 : x < 0.04 ? 2 : x < 0.1 ? 3 : x < 0.38 ? 4 : 5;
  };
  const reasonsFor = (level: number): string[] =>
    level <= 2
      ? [rng.pick(HP.NEGATIVE_REASONS), ...(rng.chance(0.3) ? [rng.pick(HP.NEGATIVE_REASONS)] : [])].filter(
          (c, i, a) => a.indexOf(c) === i,
        )
      : level === 3
        ? rng.chance(0.5)
          ? [rng.pick(HP.NEUTRAL_REASONS)]
          : []
        : rng.chance(0.4)
          ? [rng.pick(HP.POSITIVE_REASONS)]
          : [];

  for (const d of declarations) {
    const [id, , enterpriseId, branchId, , , , registeredAt, releasedAt] = d as [
      number,
      string,
      number,
      number,
      string,
      string,
      string,
      Date,
      Date | null,
    ];
    const records = recordsOf.get(id) ?? [];
    let phase: 'DURING' | 'AFTER';
    let sentAt: number;
    if (releasedAt && rng.chance(0.5)) {
      phase = 'AFTER';
      sentAt = releasedAt.getTime() + rng.int(10, 60 * 48) * 60_000;
    } else if (rng.chance(0.06) && records.length > 0) {
      phase = 'DURING';
      sentAt = (records[0][5] as Date).getTime() + rng.int(5, 120) * 60_000;
    } else continue;
    // The demo enterprise keeps its last three weeks unrated, so its portal has something to rate.
    if (sentAt >= until || (enterpriseId === DEMO_ENTERPRISE_ID && registeredAt.getTime() > until - 21 * DAY)) continue;
    const formId = assessments.length + 1;
    const subjects: [string, number, number | null, number | null, number][] = [];
    if (rng.chance(0.8) || records.length === 0) subjects.push(['BRANCH', branchId, null, null, 0]);
    const seen = new Set<string>();
    for (const r of records) {
      const [, , stageId, teamId, officerId] = r as [number, number, number, number, number];
      if (rng.chance(0.35) && !seen.has(`O${officerId}`))
        subjects.push(['OFFICER', officerId, teamId, stageId, biasOf(officerId)]);
      if (rng.chance(0.2) && !seen.has(`S${stageId}`)) subjects.push(['STAGE', stageId, teamId, stageId, 0]);
      if (rng.chance(0.12) && !seen.has(`T${teamId}`)) subjects.push(['TEAM', teamId, teamId, null, 0]);
      seen.add(`O${officerId}`).add(`S${stageId}`).add(`T${teamId}`);
    }
    // A form rates at least one subject, as the API requires; the branch always handled it.
    if (subjects.length === 0) subjects.push(['BRANCH', branchId, null, null, 0]);
    const unique = subjects.filter((s, i) => subjects.findIndex((t) => t[0] === s[0] && t[1] === s[1]) === i);
    let worst = 5;
    for (const [kind, subjectId, teamId, stageId, bias] of unique) {
      const level = levelFor(bias);
      worst = Math.min(worst, level);
      const reasons = reasonsFor(level);
      const comment =
        level <= 2 && (reasons.length === 0 || rng.chance(0.5))
          ? rng.pick(HP.NEGATIVE_COMMENTS)
          : level === 5 && rng.chance(0.05)
            ? rng.pick(HP.POSITIVE_COMMENTS)
            : null;
      // A Postgres array literal: codes are plain identifiers, and a JS array would become several parameters.
      items.push([
        items.length + 1,
        formId,
        kind,
        subjectId,
        branchId,
        teamId,
        stageId,
        level,
        `{${reasons.join(',')}}`,
        comment,
      ]);
    }
    const contact = worst <= 2 && rng.chance(0.7);
    assessments.push([
      formId,
      id,
      enterpriseId,
      phase,
      'SENT',
      contact ? `${rng.pick(HP.FAMILY_NAMES)} ${rng.pick(HP.MIDDLE_NAMES)} ${rng.pick(HP.GIVEN_NAMES)}` : null,
      contact ? `09${String(rng.int(10_000_000, 99_999_999))}` : null,
      'seed',
      new Date(sentAt - 5 * 60_000),
      new Date(sentAt),
      new Date(sentAt),
    ]);
  }
  // Number forms in the order they were sent, as a live system would.
  const order = assessments
    .map((_, i) => i)
    .sort((x, y) => (assessments[x][10] as Date).getTime() - (assessments[y][10] as Date).getTime());
  const newId = new Map(order.map((old, i) => [old + 1, i + 1]));
  const renumbered = order.map((old, i) => [i + 1, ...assessments[old].slice(1)]);
  for (const item of items) item[1] = newId.get(item[1] as number);
  items.sort((x, y) => (x[1] as number) - (y[1] as number) || (x[0] as number) - (y[0] as number));
  items.forEach((item, i) => (item[0] = i + 1));
  return { assessments: renumbered, items };
}

/**
 * Cases for the historical 1–2★ ratings, handled as a department mostly does: acknowledged the
 * next day, concluded within about a week (some late), answered, and closed; the most recent
 * ones still under way. Deadlines count working days on `calendar`, as live cases' do.
 */
const ANSWER = 'Chi cục đã xác minh và trả lời doanh nghiệp (dữ liệu mẫu).';

function generateCases(
  rng: Random,
  assessments: Row[],
  items: Row[],
  branches: Row[],
  until: number,
  calendar: WorkingCalendar,
  settings: Config['cases'],
) {
  const due = (from: number, days: number) => addWorkingDays(calendar, new Date(from), days).getTime();
  const cases: Row[] = [];
  const steps: Row[] = [];
  const formById = new Map(assessments.map((a) => [a[0] as number, a]));
  const departmentOf = new Map(branches.map((b) => [b[0] as number, b[3] as number]));
  const step = (
    caseId: number,
    kind: string,
    status: string,
    at: number,
    note: string | null = null,
    recorded: { finding?: string; actions?: string[] } = {},
  ) =>
    steps.push([
      steps.length + 1,
      caseId,
      kind,
      status,
      kind === 'OPENED' || kind === 'ESCALATED' ? 'system' : 'account:3',
      new Date(at),
      note,
      recorded.finding ?? null,
      recorded.actions ? `{${recorded.actions.join(',')}}` : null,
    ]);
  for (const item of items) {
    const [itemId, formId, kind, subjectId, branchId, , , level] = item as [
      number,
      number,
      string,
      number,
      number,
      unknown,
      unknown,
      number,
    ];
    if (level > 2) continue;
    const form = formById.get(formId)!;
    const opened = (form[10] as Date).getTime();
    const id = cases.length + 1;
    const ackDue = due(opened, settings.acknowledgeDays);
    const concludeDue = due(opened, settings.concludeDays);
    const acknowledged = opened + rng.int(2, 30) * 3_600_000;
    const concluded = acknowledged + rng.int(1, rng.chance(0.1) ? 20 : 9) * DAY;
    const answered = concluded + rng.int(2, 40) * 3_600_000;
    const closed = answered + rng.int(1, 5) * DAY;
    const finding = rng.weighted({ SUBSTANTIATED: 35, PARTLY_SUBSTANTIATED: 25, NOT_SUBSTANTIATED: 40 });
    const actions =
      finding === 'NOT_SUBSTANTIATED'
        ? []
        : [rng.pick(['GUIDANCE', 'TRAINING', 'PROCESS_CHANGE']), ...(rng.chance(0.05) ? ['DISCIPLINE_REFERRAL'] : [])];
    let status = 'CLOSED';
    step(id, 'OPENED', 'OPEN', opened);
    if (acknowledged < until) step(id, 'ACKNOWLEDGED', 'ACKNOWLEDGED', acknowledged);
    else status = 'OPEN';
    if (status === 'CLOSED' && acknowledged + 3_600_000 < until)
      step(id, 'VERIFICATION_STARTED', 'VERIFYING', acknowledged + 3_600_000);
    else if (status === 'CLOSED') status = 'ACKNOWLEDGED';
    // Concluded late: the job escalated the case when its conclude deadline passed (a step, as in the service).
    const escalated = concluded > concludeDue && concluded < until;
    if (escalated && status === 'CLOSED') step(id, 'ESCALATED', 'VERIFYING', concludeDue, 'Deadline passed.');
    if (status === 'CLOSED' && concluded < until)
      step(id, 'CONCLUDED', 'CONCLUDED', concluded, 'Kết quả xác minh (dữ liệu mẫu).', { finding, actions });
    else if (status === 'CLOSED') status = 'VERIFYING';
    if (status === 'CLOSED' && answered < until) step(id, 'ANSWERED', 'ANSWERED', answered, ANSWER);
    else if (status === 'CLOSED') status = 'CONCLUDED';
    if (status === 'CLOSED' && closed < until) step(id, 'ENTERPRISE_ACKNOWLEDGED', 'CLOSED', closed);
    else if (status === 'CLOSED') status = 'ANSWERED';
    const done = (at: number, from: string[]) => (!['OPEN', ...from].includes(status) ? new Date(at) : null);
    cases.push([
      id,
      itemId,
      formId,
      form[1],
      form[2],
      kind,
      subjectId,
      kind === 'OFFICER' ? subjectId : null,
      level,
      branchId,
      departmentOf.get(branchId),
      status,
      new Date(opened),
      new Date(ackDue),
      new Date(concludeDue),
      done(due(concluded, settings.answerDays), ['ACKNOWLEDGED', 'VERIFYING']),
      done(0, ['ACKNOWLEDGED', 'VERIFYING']) ? finding : null,
      `{${done(0, ['ACKNOWLEDGED', 'VERIFYING']) ? actions.join(',') : ''}}`,
      done(0, ['ACKNOWLEDGED', 'VERIFYING', 'CONCLUDED']) ? ANSWER : null,
      done(concluded, ['ACKNOWLEDGED', 'VERIFYING']),
      done(answered, ['ACKNOWLEDGED', 'VERIFYING', 'CONCLUDED']),
      status === 'CLOSED' ? new Date(closed) : null,
      escalated ? new Date(concludeDue) : null,
      1,
      // The lifecycle's current deadline of the state (STATES in cases/case-lifecycle.ts) and the on-time flag.
      status === 'OPEN'
        ? new Date(ackDue)
        : status === 'ACKNOWLEDGED' || status === 'VERIFYING'
          ? new Date(concludeDue)
          : status === 'CONCLUDED'
            ? new Date(concluded + 2 * DAY)
            : null,
      done(0, ['ACKNOWLEDGED', 'VERIFYING']) !== null && concluded <= concludeDue,
    ]);
  }
  return { cases, steps };
}
