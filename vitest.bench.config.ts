/** `npm run bench -- <name>`: the benchmarks in test/bench, one file at a time, never in `npm test`. */
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: { include: ['test/bench/**/*.bench.ts'], maxWorkers: 1, fileParallelism: false, testTimeout: 1_800_000 },
  }),
);
