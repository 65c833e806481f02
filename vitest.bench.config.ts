/**
 * `npm run bench -- <name>`: the benchmarks in test/bench, one file at a time, never in `npm test`.
 * Only `*.bench.ts` files: the name filter must not pick up a test file that shares the word
 * (`analytics` once also ran test/e2e/analytics.e2e.test.ts and test/integration/case-analytics.test.ts).
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Spread, not mergeConfig: that would concatenate the base `include` (every test file).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/bench/**/*.bench.ts'],
    exclude: ['node_modules/**'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 1_800_000,
  },
});
