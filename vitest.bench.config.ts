// `npm run bench`: D1 costs measured inside workerd against a real local D1. Not part of `npm test`.
import { defineConfig } from 'vitest/config';
import workerTests from './vitest.config.ts';

export default defineConfig({
  plugins: workerTests.plugins,
  test: {
    include: ['test/bench/**/*.bench.test.ts'],
    setupFiles: ['./test/worker/apply-migrations.ts'],
    // The SQLite lower bound runs first, in Node, in the same run: the ratios compare one run.
    globalSetup: ['./test/bench/lower-bound-setup.ts'],
    testTimeout: 30 * 60_000,
  },
});
