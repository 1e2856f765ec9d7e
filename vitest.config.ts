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
    include: ['test/unit/**/*.test.ts', 'test/worker/**/*.test.ts'],
    setupFiles: ['./test/worker/apply-migrations.ts'],
    // Every worker test signs people up (a 100k-iteration PBKDF2 each) and talks to D1: on a
    // loaded 2-core machine the 5 s default is not enough. Heavy tests set their own, longer one.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
