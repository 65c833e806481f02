/**
 * Developer command (`npm run db:migration -- name`): diffs the entities against a fresh embedded
 * database with every existing migration applied, writes the new migration into api/db/migrations
 * and regenerates the ordered list in migrations/index.ts.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from './orm.js';

const sourceDir = path.resolve('api/db/migrations');
const name = process.argv[2];

const db = await openDatabase({ mode: 'embedded', dir: '' }, { inMemory: true });
try {
  const result = await db.orm.migrator.create(sourceDir, false, false, name);
  if (!result.fileName) {
    console.log('No changes: the migrations already match the entities.');
  } else {
    console.log(`Wrote api/db/migrations/${result.fileName}`);
  }
} finally {
  await db.close();
}

const files = fs
  .readdirSync(sourceDir)
  .filter((f) => /^Migration\d+.*\.ts$/.test(f))
  .sort();
const classes = files.map((f) => ({
  file: f.replace(/\.ts$/, ''),
  cls: classNameOf(fs.readFileSync(path.join(sourceDir, f), 'utf8')),
}));
fs.writeFileSync(
  path.join(sourceDir, 'index.ts'),
  [
    '/** The ordered list of Postgres migrations; explicit so a compiled build needs no folder scan. */',
    ...classes.map((c) => `import { ${c.cls} } from './${c.file}.js';`),
    '',
    `export const migrationsList = [${classes.map((c) => `{ name: '${c.file}', class: ${c.cls} }`).join(', ')}];`,
    '',
  ].join('\n'),
);

function classNameOf(source: string): string {
  const match = /export class (\w+)/.exec(source);
  if (!match) throw new Error('migration without an exported class');
  return match[1];
}
