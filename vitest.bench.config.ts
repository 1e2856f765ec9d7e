// `npm run bench`: D1 costs measured inside workerd against a real local D1. Not part of `npm test`.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: { bindings: { TEST_MIGRATIONS: await readD1Migrations('./schema/migrations') } },
    }),
  ],
  test: {
    include: ['test/bench/**/*.bench.test.ts'],
    setupFiles: ['./test/worker/apply-migrations.ts'],
    testTimeout: 30 * 60_000,
  },
});
