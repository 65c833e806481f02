/** `npm run seed -- --seed N [--scale S]`: seeds the demo data into an empty database. */
import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../config.js';
import { startOfDayInVietnam } from '../time.js';
import { openDatabase } from './orm.js';
import { consoleProgress } from './seed/progress.js';
import { isSeeded, seedDemo } from './seed/demo-seed.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const config = loadConfig();
const seed = Number(option('seed') ?? config.demo.seed);
const scale = Number(option('scale') ?? config.demo.scale);
if (!Number.isInteger(seed) || !(scale > 0)) {
  console.error('Usage: npm run seed -- [--seed N] [--scale 0.1..10]');
  process.exit(2);
}
const db = await openDatabase(config.postgres);
try {
  const em = db.orm.em.fork() as EntityManager;
  if (await isSeeded(em)) {
    console.error('The database already holds data; the demo seed only fills an empty one.');
    process.exitCode = 1;
  } else {
    const summary = await seedDemo(em, {
      seed,
      scale,
      until: startOfDayInVietnam(),
      progress: (total) => consoleProgress('Seeding', total),
    });
    console.log(JSON.stringify(summary));
  }
} finally {
  await db.close();
}
