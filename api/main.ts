/**
 * `npm start`: the composition root. Reads the config, opens and migrates both stores, seeds the
 * demo data on first run, and serves GraphQL, health checks and the console on one port.
 */
import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfigError, describeStores, loadConfig, type Config } from './config.js';
import { consoleProgress } from './db/seed/progress.js';
import { relayLag } from './relay/outbox-fact-source.js';
import { startConfiguredRelay } from './relay/relay-worker.js';
import { analyticsNeedsRebuild, rebuildRatingFacts } from './relay/rebuild.js';
import { sendRatingReminders } from './assessments/reminders.js';
import { CaseService } from './cases/case.service.js';
import { createMessageRelay, startMessageRelay } from './messages/message-relay.js';
import { evaluateAlerts } from './alerts/alert-evaluation.js';
import { generateDueReports } from './reports/report-job.js';
import type { AnalyticsStore } from '../analytics/clickhouse.js';
import {
  DEMO_ACCOUNTS,
  DEMO_API_KEYS,
  DEMO_PASSWORD,
  ensureDemoAccounts,
  isSeeded,
  seedDemo,
} from './db/seed/demo-seed.js';
import { createAppServices } from './services.js';
import { buildAppSchema } from './graphql/schema.js';
import { createLogger, errorFields, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { startServer } from './server.js';
import { startOfDayInVietnam, vietnamDate } from './time.js';
import { openStores } from './stores.js';

async function main(config: Config) {
  const logger = createLogger(config.logLevel);
  const stores = await openStores(config);
  const em = stores.db.orm.em.fork() as EntityManager;
  if (config.demo.enabled && !(await isSeeded(em))) {
    const until = startOfDayInVietnam();
    process.stderr.write(`Seeding demo data (seed ${config.demo.seed}, twelve months up to ${vietnamDate(until)})…\n`);
    const summary = await seedDemo(em, {
      ...config.demo,
      cases: config.cases,
      until,
      progress: (total) => consoleProgress('Seeding', total),
    });
    process.stderr.write(
      `Seeded ${summary.branches} branches, ${summary.teams} teams, ${summary.officers} officers, ` +
        `${summary.enterprises} enterprises, ${summary.declarations} declarations, ${summary.handlingRecords} handling records.\n`,
    );
  }
  if (await analyticsNeedsRebuild(em, stores.analytics)) {
    process.stderr.write('Loading the analytics store from Postgres…\n');
    const facts = await rebuildRatingFacts(em, stores.analytics);
    process.stderr.write(`Loaded ${facts} rating facts into ClickHouse.\n`);
  }
  let alerting: Promise<void> = Promise.resolve();
  // chDB belongs to this process, so the relay runs here; with a ClickHouse server it may also run apart (npm run relay).
  const relay = await startConfiguredRelay(config, stores.analytics, stores.db, {
    onError: (error) => logger.warn('relay pass failed; will retry', errorFields(error)),
    // New facts may cross an alert rule's threshold (or clear one); one evaluation at a time,
    // so an incident is never raised twice.
    onDelivered: () => {
      alerting = alerting.then(() =>
        evaluateAlerts(stores.db.orm.em, stores.analytics, new Date()).then(
          (alerts) => {
            if (alerts.raised + alerts.cleared > 0) logger.info('alerts evaluated', alerts);
          },
          (error: unknown) => logger.warn('alert evaluation failed', errorFields(error)),
        ),
      );
    },
  });
  // A batch delivered by another relay process changed ClickHouse too: this process's cached answers go.
  await stores.db.listen('sqa_relay_delivered', () => stores.analytics.cache?.invalidate());
  if (config.demo.enabled) await ensureDemoAccounts(em);
  const services = createAppServices(config, stores.analytics);
  const server = await startServer({
    config,
    db: stores.db,
    analytics: stores.analytics,
    schema: await buildAppSchema(),
    services,
    logger,
    readinessDetails: async () => ({ relay: await relayLag(stores.db.orm.em.fork()) }),
    metrics: createMetrics(() => relayLag(stores.db.orm.em.fork()), {
      analytics: () => stores.analytics.cache?.stats(),
      answers: () => services.answers.stats(),
    }),
  });
  const stopJobs = scheduleJobs(config, stores.db.orm.em, stores.analytics, logger);
  // In-app, e-mail and webhook messages go out within seconds, not at the pace of the jobs.
  const stopMessages = startMessageRelay(createMessageRelay(stores.db.orm.em, config), 1000, (error) =>
    logger.warn('message relay pass failed; will retry', errorFields(error)),
  );

  // Graceful stop, armed before readiness is announced: drain HTTP requests (readiness turns 503
  // at once), stop the periodic jobs, let the relay finish the batch it is delivering, then close
  // the stores.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal, drainSeconds: config.shutdownDrainSeconds });
    const started = Date.now();
    // A stop that cannot finish (a store that will not close) must not leave an orphan serving
    // nothing: past the drain period and a grace for the relay and the stores, exit anyway.
    setTimeout(
      () => {
        logger.error('shutdown did not finish in time; exiting', { ms: Date.now() - started });
        process.exit(1);
      },
      (config.shutdownDrainSeconds + 20) * 1000,
    ).unref();
    await server.close();
    stopJobs();
    await stopMessages();
    await relay.stop();
    await stores.close();
    logger.info('stopped', { ms: Date.now() - started });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  console.log(`customs-sqa ready on ${server.url} (${describeStores(config)})`);
  console.log(
    `  GraphQL: ${server.url}/graphql   console: ${server.url}/   health: ${server.url}/healthz, ${server.url}/readyz`,
  );
  if (config.demo.enabled) {
    console.log(`  Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => a.login).join(', ')}`);
    console.log('  Demo API keys (header "Authorization: Bearer <key>"):');
    for (const key of DEMO_API_KEYS) console.log(`    ${key.role.padEnd(10)} ${key.key}   (${key.name})`);
  }
}

/**
 * Runs the periodic jobs every REMINDER_JOB_MINUTES inside the server (0 turns them off): rating
 * reminders, case escalation and auto-closing, and the period reports of periods just ended.
 */
function scheduleJobs(config: Config, rootEm: EntityManager, analytics: AnalyticsStore, logger: Logger): () => void {
  if (config.rating.reminderJobMinutes === 0) return () => {};
  const run = async () => {
    try {
      const count = await sendRatingReminders(rootEm.fork(), config.rating);
      if (count > 0) logger.info('rating reminders recorded', { count });
      const cases = await new CaseService(rootEm.fork(), () => new Date(), config.cases).runJobs();
      if (cases.escalated + cases.closed > 0) logger.info('case job', cases);
      const reports = await generateDueReports(rootEm, analytics, config, new Date());
      if (reports > 0) logger.info('period reports generated', { reports });
    } catch (error) {
      logger.error('periodic job failed', errorFields(error));
    }
  };
  const timer = setInterval(() => void run(), config.rating.reminderJobMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
main(config).catch((error: unknown) => {
  console.error(`customs-sqa could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (config.logLevel === 'debug') console.error(errorFields(error));
  process.exit(1);
});
