/**
 * `npm run test:reliability`: fault, load and bad-input suites (test/reliability), never in `npm test`.
 * They start the built server (`npm run build:api` first) against the PostgreSQL server at
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), one file at a time: the load
 * test must not share the two cores with another suite.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Spread, not mergeConfig: that would concatenate the base `exclude`, which leaves these files out.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/reliability/**/*.test.ts'],
    exclude: ['node_modules/**'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 300_000,
  },
});
