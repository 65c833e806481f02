/** `npm run analytics:rebuild`: reloads ClickHouse's rating facts from Postgres (stop the server first). */
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { openStores } from '../stores.js';
import { rebuildRatingFacts } from './rebuild.js';

const stores = await openStores(loadConfig());
try {
  const started = Date.now();
  const facts = await rebuildRatingFacts(stores.db.orm.em.fork(), stores.analytics, (n) =>
    process.stderr.write(`\r${n} facts`),
  );
  console.log(`\nRebuilt ${facts} rating facts in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await stores.close();
}
