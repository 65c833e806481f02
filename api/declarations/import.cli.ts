/** `npm run import -- declarations.csv`: imports declarations and prints a per-row error report. */
import 'reflect-metadata';
import fs from 'node:fs';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/orm.js';
import { CSV_COLUMNS, importDeclarationsCsv } from './import-declarations.js';

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.error(`Usage: npm run import -- <file.csv>\nColumns (one row per handling record): ${CSV_COLUMNS.join(',')}`);
  process.exit(2);
}

try {
  const config = loadConfig();
  const db = await openDatabase(config.postgres);
  try {
    const report = await importDeclarationsCsv(db.orm.em.fork(), fs.readFileSync(file, 'utf8'));
    for (const e of report.errors) {
      console.log(`line ${e.line}${e.declaration ? ` (declaration ${e.declaration})` : ''}: ${e.field}: ${e.message}`);
    }
    console.log(
      `Imported ${report.declarations.imported} declarations; rejected ${report.declarations.rejected} ` +
        `(${report.rows.rejected} of ${report.rows.read} rows).`,
    );
    process.exitCode = report.errors.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Import failed: ${(error as Error).message}`);
  process.exitCode = 2;
}
