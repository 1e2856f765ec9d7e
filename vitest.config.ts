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
    // Worker tests sign people up (PBKDF2) and settle months; on a busy 2-core machine 5 s is too short.
    testTimeout: 30_000,
  },
});
