/**
 * `npm run orgchart:import -- file.xlsx|file.csv [--dry-run]`: imports an org chart export on the
 * server's command line (same rules as the `importOrgChart` mutation); prints the report as JSON.
 * Exit code 1 when the file had errors (then nothing was written).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/orm.js';
import { importOrgChart } from './org-chart-import.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('Usage: npm run orgchart:import -- org-chart.xlsx|org-chart.csv [--dry-run]');
  process.exit(2);
}
const db = await openDatabase(loadConfig().postgres);
try {
  const report = await importOrgChart(
    db.orm.em.fork(),
    'cli',
    { format: /\.xlsx$/i.test(file) ? 'XLSX' : 'CSV', content: fs.readFileSync(file), name: file.split('/').pop() },
    { dryRun: args.includes('--dry-run') },
  );
  console.log(JSON.stringify(report, null, 2));
  if (report.errors.length > 0) process.exitCode = 1;
} finally {
  await db.close();
}
