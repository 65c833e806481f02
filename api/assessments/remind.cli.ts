/** `npm run remind`: runs the rating reminder job once (for a scheduler outside the server). */
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/orm.js';
import { sendRatingReminders } from './reminders.js';

const config = loadConfig();
const db = await openDatabase(config.postgres);
try {
  const count = await sendRatingReminders(db.orm.em.fork(), config.rating);
  console.log(`Recorded ${count} rating reminders.`);
} finally {
  await db.close();
}
