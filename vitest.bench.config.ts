// `npm run bench`: D1 costs measured inside workerd against a real local D1. Not part of `npm test`.
import { defineConfig } from 'vitest/config';
import { workerPool } from './vitest.config.ts';

export default defineConfig({
  // A benchmark clicks far faster than a person: no rate limits here.
  // The metered entry counts each queue-consumer invocation's D1 queries (million.bench.test.ts).
  plugins: [await workerPool({ RATE_LIMITS: 'off' }, './test/bench/metered-worker.ts')],
  test: {
    include: ['test/bench/**/*.bench.test.ts'],
    setupFiles: ['./test/worker/apply-migrations.ts'],
    // The SQLite lower bound runs first, in Node, in the same run: the ratios compare one run.
    globalSetup: ['./test/bench/lower-bound-setup.ts'],
    testTimeout: 30 * 60_000,
  },
});
