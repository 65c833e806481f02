/**
 * The one place that reads the environment. Every setting is validated here, once, at start-up;
 * a bad value stops the process with a message naming the variable and the expected form.
 * Everything else receives a typed `Config` object.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, { message: 'must look like postgres://user:password@host:5432/database' });

const httpUrl = z.string().regex(/^https?:\/\/[^\s]+$/, { message: 'must look like http://host:8123' });

const schema = z.object({
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  CLICKHOUSE_URL: httpUrl.optional(),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be a plain identifier such as customs_sqa' })
    .default('customs_sqa'),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_CLUSTER: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
      message: "must be the cluster name from the servers' remote_servers, e.g. sqa",
    })
    .optional(),
  ANALYTICS_CACHE_MB: z.coerce
    .number({ message: 'must be a number of megabytes (0 turns the cache off)' })
    .min(0)
    .max(65536)
    .default(64),
  ANSWER_CACHE_MB: z.coerce
    .number({ message: 'must be a number of megabytes (0 turns the cache off)' })
    .min(0)
    .max(65536)
    .default(32),
  CLICKHOUSE_SESSIONS: z.coerce
    .number({ message: 'must be a whole number of sessions' })
    .int()
    .min(1)
    .max(64)
    .optional(),
  RELAY_LEASE_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(1).max(3600).default(60),
  RELAY_WORKER_ID: z.string().max(64).optional(),
  RELAY_POLL_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int()
    .min(50)
    .max(60_000)
    .default(1000),
  RELAY_FAULT: z
    .enum(['pause-before-ack'], { message: 'must be pause-before-ack (fault tests only) or unset' })
    .optional(),
  DEMO_DATA: bool.optional(),
  DEMO_SEED: z.coerce.number({ message: 'must be a whole number' }).int().min(0).default(20200101),
  DEMO_SCALE: z.coerce.number({ message: 'must be a number between 0.01 and 10' }).min(0.01).max(10).default(1),
  GRAPHQL_INTROSPECTION: z
    .enum(['authenticated', 'true', 'false', '1', '0', 'yes', 'no'], {
      message: 'must be authenticated, true or false',
    })
    .default('authenticated'),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).default(20000),
  GRAPHQL_MAX_ALIASES: z.coerce.number({ message: 'must be a number' }).int().min(1).default(30),
  GRAPHQL_MAX_ROOT_FIELDS: z.coerce.number({ message: 'must be a number' }).int().min(1).default(10),
  GRAPHQL_MAX_BODY_BYTES: z.coerce
    .number({ message: 'must be a number of bytes' })
    .int()
    .min(1024)
    .default(256 * 1024),
  GRAPHQL_TIMEOUT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(100).default(25_000),
  GRAPHQL_COST_BUDGET_PER_HOUR: z.coerce
    .number({ message: 'must be a number of cost points' })
    .int()
    .min(100)
    .default(1_000_000),
  GRAPHQL_ANONYMOUS_COST_BUDGET_PER_HOUR: z.coerce
    .number({ message: 'must be a number of cost points' })
    .int()
    .min(100)
    .default(100_000),
  GRAPHQL_TRUSTED_DOCUMENTS_FOR_SESSIONS: bool.default(false),
  RATE_LIMIT_PER_KEY_PER_MINUTE: z.coerce.number({ message: 'must be a number of requests' }).int().min(1).default(600),
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number({ message: 'must be a number of requests' }).int().min(1).default(1200),
  TRUST_PROXY: z.string().default('false'),
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).min(0).max(600).default(15),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  AUTH_SECRET: z
    .string()
    .min(32, { message: 'must be at least 32 characters (e.g. `openssl rand -base64 48`)' })
    .optional(),
  AUTH_CACHE_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds from 0 (off) to 5' })
    .min(0)
    .max(5)
    .default(5),
  AUTH_TOKEN_TTL_MINUTES: z.coerce
    .number({ message: 'must be a number of minutes' })
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(8 * 60),
  RATING_WINDOW_DAYS: z.coerce.number({ message: 'must be a number of days' }).int().min(1).max(366).default(30),
  REMINDER_INTERVAL_DAYS: z.coerce.number({ message: 'must be a number of days' }).int().min(1).max(90).default(3),
  REMINDER_JOB_MINUTES: z.coerce
    .number({ message: 'must be a number of minutes (0 turns the job off)' })
    .int()
    .min(0)
    .default(60),
  CASE_ACKNOWLEDGE_DAYS: z.coerce
    .number({ message: 'must be a number of working days' })
    .int()
    .min(0)
    .max(30)
    .default(1),
  CASE_CONCLUDE_DAYS: z.coerce.number({ message: 'must be a number of working days' }).int().min(1).max(90).default(10),
  CASE_ANSWER_DAYS: z.coerce.number({ message: 'must be a number of working days' }).int().min(0).max(30).default(2),
  CASE_AUTO_CLOSE_DAYS: z.coerce
    .number({ message: 'must be a number of working days' })
    .int()
    .min(1)
    .max(90)
    .default(10),
  SURVEY_MIN_RESPONDENTS: z.coerce
    .number({ message: 'must be a whole number of respondents' })
    .int()
    .min(1)
    .max(100)
    .default(3),
  SURVEY_LOW_MARK_PERCENT: z.coerce.number({ message: 'must be a percentage 0–100' }).min(0).max(100).default(80),
  PUBLIC_URL: httpUrl.optional(),
  INVITATION_TTL_HOURS: z.coerce
    .number({ message: 'must be a number of hours' })
    .int()
    .min(1)
    .max(30 * 24)
    .default(72),
  OUTBOX_RETENTION_DAYS: z.coerce
    .number({ message: 'must be a number of days (0 keeps delivered events for ever)' })
    .int()
    .min(0)
    .max(3660)
    .default(30),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, {
      message: 'must look like smtp://user:password@mail.example.vn:587 (or smtps://…:465)',
    })
    .optional(),
  MAIL_FROM: z.string().min(3).max(254).default('"Hải quan Hải Phòng" <no-reply@customs-sqa.local>'),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.default(false),
  REPORT_FONT: z.string().min(1).default('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  PRIVACY_MIN_GROUP: z.coerce.number({ message: 'must be a whole number of forms' }).int().min(2).max(100).default(5),
  PRIVACY_MIN_WINDOW_DAYS: z.coerce.number({ message: 'must be a number of days' }).int().min(1).max(366).default(7),
  LOGIN_SLOW_AFTER: z.coerce.number({ message: 'must be a number of failures' }).int().min(1).max(100).default(3),
  LOGIN_LOCK_AFTER: z.coerce.number({ message: 'must be a number of failures' }).int().min(2).max(1000).default(10),
  LOGIN_IP_LOCK_AFTER: z.coerce.number({ message: 'must be a number of failures' }).int().min(2).max(10000).default(50),
  LOGIN_LOCK_MINUTES: z.coerce
    .number({ message: 'must be a number of minutes' })
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  WORKING_WEEKDAYS: z
    .string()
    .regex(/^[0-6](,[0-6])*$/, { message: 'must list weekdays as digits, 0 = Sunday … 6 = Saturday, e.g. 1,2,3,4,5' })
    .default('1,2,3,4,5'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  postgres:
    | { mode: 'embedded'; dir: string }
    /** preparedStatements: the send path's statements by name (api/db/prepared.ts); absent means true. */
    | { mode: 'server'; url: string; preparedStatements?: boolean };
  /** `sessions`: engine sessions (embedded) or keep-alive connections (server); default one per core. */
  clickhouse:
    | { mode: 'embedded'; dir: string; database: string; sessions?: number }
    | {
        mode: 'server';
        url: string;
        database: string;
        username: string;
        password: string;
        cluster: string | null;
        sessions?: number;
      };
  /**
   * The outbox relay. `fault` is for the fault-injection suite only (test/reliability): the relay
   * stops for good between a ClickHouse insert and its acknowledgement, so a test can kill it there.
   */
  relay: { leaseSeconds: number; workerId: string | null; pollMs: number; fault: 'pause-before-ack' | null };
  /** Per-process memory for answers of analytics reads (analytics/resultCache.ts); 0 turns it off. */
  analyticsCache: { maxBytes: number };
  /** Per-process memory for whole GraphQL answers of repeated statistics questions (graphql/answer-cache.ts); 0 turns it off. */
  answerCache: { maxBytes: number };
  demo: { enabled: boolean; seed: number; scale: number };
  graphql: GraphQLSettings;
  /** Per-minute request limits per client (API key or signed-in account) and per IP address. */
  rateLimits: { perKeyPerMinute: number; perIpPerMinute: number };
  /** Express `trust proxy`: which X-Forwarded-For hops to believe when finding a client's IP. */
  trustProxy: boolean | number | string;
  /** How long a stopping server waits for requests in flight before cutting them off. */
  shutdownDrainSeconds: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** `secret` null: generated once and kept in DATA_DIR (fine for one instance; set AUTH_SECRET for several). */
  /** `cacheSeconds`: how long a resolved viewer is reused (api/auth/viewer-cache.ts). */
  auth: { secret: string | null; tokenTtlMinutes: number; cacheSeconds: number };
  rating: { windowDays: number; reminderIntervalDays: number; reminderJobMinutes: number };
  /** Case deadlines, in working days. */
  cases: {
    acknowledgeDays: number;
    concludeDays: number;
    answerDays: number;
    autoCloseDays: number;
    workingWeekdays: number[];
  };
  /** Accounts: where invitation links point (the console's address) and how long they work. */
  accounts: { publicUrl: string; invitationTtlHours: number };
  /** Delivered outbox events and relay batches are deleted after this many days (0: kept). */
  outboxRetentionDays: number;
  /**
   * Messages: e-mail through `smtpUrl` (null: kept for administrators to read), links made absolute
   * with `publicUrl`; webhooks to loopback and private addresses only when allowed.
   */
  messages: { smtpUrl: string | null; mailFrom: string; publicUrl: string; allowPrivateWebhookTargets: boolean };
  /** Period reports: the TrueType font of the PDFs (Vietnamese needs Unicode glyphs). */
  reports: { fontPath: string };
  /** Survey reports: figures of fewer respondents are hidden from branch staff; scores below lowMarkPercent are low marks. */
  surveys: { minRespondents: number; lowMarkPercent: number };
  /**
   * Small-group protection for the rated: figures an officer (or a supervisor about cases where it
   * is the subject) reads about itself never cover fewer than `minGroup` forms or a period shorter
   * than `minWindowDays`.
   */
  privacy: { minGroup: number; minWindowDays: number };
  /** Login throttling: consecutive failures per account slow down after `slowAfter` and lock after `lockAfter`. */
  login: { slowAfter: number; lockAfter: number; ipLockAfter: number; lockMinutes: number };
  /** `/metrics` answers only with `Authorization: Bearer <token>` when set; null: open (local use). */
  metricsToken: string | null;
};

export interface GraphQLSettings {
  /** 'authenticated': only signed-in accounts and API keys may introspect. */
  introspection: 'all' | 'authenticated' | 'off';
  maxDepth: number;
  maxCost: number;
  maxPageSize: number;
  maxAliases: number;
  maxRootFields: number;
  maxBodyBytes: number;
  timeoutMs: number;
  /** Leaky bucket of cost points per hour: per API key (a key may override it), per account, per anonymous IP. */
  costBudgetPerHour: number;
  anonymousCostBudgetPerHour: number;
  /** Signed-in (console) users may run only the console's own operations (schema/operations). */
  trustedDocumentsForSessions: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every setting.`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default) into a Config, or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as it does in most shells' env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '?');
        return `${name}=${JSON.stringify(cleaned[name] ?? '')}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.CLICKHOUSE_CLUSTER && !e.CLICKHOUSE_URL) {
    throw new ConfigError([
      `CLICKHOUSE_CLUSTER=${JSON.stringify(e.CLICKHOUSE_CLUSTER)}: needs CLICKHOUSE_URL (embedded chDB is a single node)`,
    ]);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    postgres: e.DATABASE_URL
      ? { mode: 'server', url: e.DATABASE_URL, preparedStatements: e.DATABASE_PREPARED_STATEMENTS }
      : { mode: 'embedded', dir: path.join(dataDir, 'pg') },
    clickhouse: e.CLICKHOUSE_URL
      ? {
          mode: 'server',
          url: e.CLICKHOUSE_URL,
          database: e.CLICKHOUSE_DATABASE,
          username: e.CLICKHOUSE_USER,
          password: e.CLICKHOUSE_PASSWORD,
          cluster: e.CLICKHOUSE_CLUSTER ?? null,
          sessions: e.CLICKHOUSE_SESSIONS,
        }
      : {
          mode: 'embedded',
          dir: path.join(dataDir, 'ch'),
          database: e.CLICKHOUSE_DATABASE,
          sessions: e.CLICKHOUSE_SESSIONS,
        },
    analyticsCache: { maxBytes: Math.round(e.ANALYTICS_CACHE_MB * 1024 * 1024) },
    answerCache: { maxBytes: Math.round(e.ANSWER_CACHE_MB * 1024 * 1024) },
    relay: {
      leaseSeconds: e.RELAY_LEASE_SECONDS,
      workerId: e.RELAY_WORKER_ID ?? null,
      pollMs: e.RELAY_POLL_MS,
      fault: e.RELAY_FAULT ?? null,
    },
    // Demo data by default only on the embedded stores: a server database is presumed real.
    demo: { enabled: e.DEMO_DATA ?? !e.DATABASE_URL, seed: e.DEMO_SEED, scale: e.DEMO_SCALE },
    graphql: {
      introspection:
        e.GRAPHQL_INTROSPECTION === 'authenticated'
          ? 'authenticated'
          : ['true', '1', 'yes'].includes(e.GRAPHQL_INTROSPECTION)
            ? 'all'
            : 'off',
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxPageSize: 100,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxRootFields: e.GRAPHQL_MAX_ROOT_FIELDS,
      maxBodyBytes: e.GRAPHQL_MAX_BODY_BYTES,
      timeoutMs: e.GRAPHQL_TIMEOUT_MS,
      costBudgetPerHour: e.GRAPHQL_COST_BUDGET_PER_HOUR,
      anonymousCostBudgetPerHour: e.GRAPHQL_ANONYMOUS_COST_BUDGET_PER_HOUR,
      trustedDocumentsForSessions: e.GRAPHQL_TRUSTED_DOCUMENTS_FOR_SESSIONS,
    },
    rateLimits: { perKeyPerMinute: e.RATE_LIMIT_PER_KEY_PER_MINUTE, perIpPerMinute: e.RATE_LIMIT_PER_IP_PER_MINUTE },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    shutdownDrainSeconds: e.SHUTDOWN_DRAIN_SECONDS,
    logLevel: e.LOG_LEVEL,
    auth: {
      secret: e.AUTH_SECRET ?? null,
      tokenTtlMinutes: e.AUTH_TOKEN_TTL_MINUTES,
      cacheSeconds: e.AUTH_CACHE_SECONDS,
    },
    messages: {
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
      publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`,
      allowPrivateWebhookTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    },
    reports: { fontPath: e.REPORT_FONT },
    rating: {
      windowDays: e.RATING_WINDOW_DAYS,
      reminderIntervalDays: e.REMINDER_INTERVAL_DAYS,
      reminderJobMinutes: e.REMINDER_JOB_MINUTES,
    },
    cases: {
      acknowledgeDays: e.CASE_ACKNOWLEDGE_DAYS,
      concludeDays: e.CASE_CONCLUDE_DAYS,
      answerDays: e.CASE_ANSWER_DAYS,
      autoCloseDays: e.CASE_AUTO_CLOSE_DAYS,
      workingWeekdays: [...new Set(e.WORKING_WEEKDAYS.split(',').map(Number))],
    },
    surveys: { minRespondents: e.SURVEY_MIN_RESPONDENTS, lowMarkPercent: e.SURVEY_LOW_MARK_PERCENT },
    accounts: {
      publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
      invitationTtlHours: e.INVITATION_TTL_HOURS,
    },
    outboxRetentionDays: e.OUTBOX_RETENTION_DAYS,
    privacy: { minGroup: e.PRIVACY_MIN_GROUP, minWindowDays: e.PRIVACY_MIN_WINDOW_DAYS },
    login: {
      slowAfter: e.LOGIN_SLOW_AFTER,
      lockAfter: e.LOGIN_LOCK_AFTER,
      ipLockAfter: e.LOGIN_IP_LOCK_AFTER,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
    },
    metricsToken: e.METRICS_TOKEN ?? null,
  };
}

/**
 * The first administrator's password for `npm run admin:create`, when given in ADMIN_PASSWORD
 * (never on the command line, where `ps` and shell history would keep it); null: ask at a prompt.
 */
export function adminPasswordFromEnv(env: Record<string, string | undefined> = process.env): string | null {
  return env.ADMIN_PASSWORD ? env.ADMIN_PASSWORD : null;
}

// "true"/"false", a hop count, or addresses/subnets as express understands them.
function parseTrustProxy(value: string): boolean | number | string {
  if (['true', 'false'].includes(value)) return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** How the stores are described in logs: never prints credentials. */
export function describeStores(config: Config): string {
  const pg =
    config.postgres.mode === 'embedded'
      ? `embedded PGlite ${relative(config.postgres.dir)}`
      : `server ${redact(config.postgres.url)}`;
  const ch =
    config.clickhouse.mode === 'embedded'
      ? `embedded chDB ${relative(config.clickhouse.dir)}`
      : `server ${redact(config.clickhouse.url)}`;
  return `Postgres: ${pg}, ClickHouse: ${ch}`;
}

function relative(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel.startsWith('..') || path.isAbsolute(rel) ? dir : `./${rel}`;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
