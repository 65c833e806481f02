/**
 * `npm run admin:create -- --login NAME [--name "Display name"]`: creates an administrator on the
 * configured database (migrating an empty one first). The password comes from ADMIN_PASSWORD or
 * is typed at a hidden prompt, twice; it is never accepted as an argument.
 */
import 'reflect-metadata';
import { AppError } from '../errors.js';
import { adminPasswordFromEnv, loadConfig } from '../config.js';
import { openDatabase } from '../db/orm.js';
import { createAdministrator } from './first-admin.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const login = option('login');
if (!login || args.includes('--password')) {
  console.error(
    'Usage: npm run admin:create -- --login NAME [--name "Display name"]\n' +
      'The password is read from ADMIN_PASSWORD or typed at the prompt; never pass it as an argument.',
  );
  process.exit(2);
}

const config = loadConfig();
const password = adminPasswordFromEnv() ?? (await promptTwice());
const db = await openDatabase(config.postgres);
try {
  const account = await createAdministrator(db.orm.em.fork(), {
    login,
    password,
    displayName: option('name'),
  });
  console.log(`Administrator "${account.login}" created (account ${account.id}). Sign in at the console.`);
} catch (error) {
  console.error(error instanceof AppError ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}

async function promptTwice(): Promise<string> {
  if (!process.stdin.isTTY) {
    console.error('No terminal to ask for the password: set ADMIN_PASSWORD instead.');
    process.exit(2);
  }
  const first = await promptHidden('Password for the new administrator: ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) {
    console.error('The two passwords differ; nothing was changed.');
    process.exit(1);
  }
  return first;
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    process.stdout.write(question);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') process.exit(130);
        if (char === '\u007f') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
