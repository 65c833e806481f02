/**
 * Tests run in forked processes, one file per process: chDB allows one data directory per
 * process, and PGlite is single-connection, so files must not share either.
 */
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CommonJS and ESM copies; type-graphql loads the CommonJS one, so everything
    // must, or graphql-js rejects types "from another module or realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Fault, load and bad-input suites: `npm run test:reliability` (vitest.reliability.config.ts).
    exclude: ['test/reliability/**', 'node_modules/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    setupFiles: ['test/support/setup.ts'],
    reporters: ['default'],
  },
});
