/**
 * `npm run relay`: the outbox relay as its own process, for deployments with a ClickHouse server
 * (embedded chDB belongs to the API process, which runs the relay itself).
 */
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { createLogger, errorFields } from '../logger.js';
import { openStores } from '../stores.js';
import { startConfiguredRelay } from './relay-worker.js';

const config = loadConfig();
if (config.clickhouse.mode === 'embedded') {
  console.error(
    'The relay runs inside `npm start` with embedded chDB. Set CLICKHOUSE_URL to run it as its own process.',
  );
  process.exit(2);
}
const logger = createLogger(config.logLevel);
const stores = await openStores(config);
const relay = await startConfiguredRelay(config, stores.analytics, stores.db, {
  onError: (error) => logger.warn('relay pass failed; will retry', errorFields(error)),
  onDelivered: (count) => logger.info('relay delivered', { facts: count }),
});
logger.info('relay running');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void relay
      .stop()
      .then(() => stores.close())
      .then(() => process.exit(0));
  });
}
