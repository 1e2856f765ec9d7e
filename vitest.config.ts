import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { createServer } from 'node:net';
import { defineConfig } from 'vitest/config';

/** A free loopback port, for a test server started by a globalSetup. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

// The Stripe double (test/support/stripe-double.ts) listens here; the Worker learns the port
// from its bindings, the globalSetup that starts the double from the environment.
const stripeDoublePort = await freePort();
process.env.KUDOS_STRIPE_DOUBLE_PORT = String(stripeDoublePort);

// The hostile sites of issue 20's audit (test/support/hostile-sites.ts), one origin each; the
// tests read their ports from the TEST_HOSTILE_SITES binding.
const hostileSitePorts = {
  spa: await freePort(),
  reflect: await freePort(),
  metas: await freePort(),
  drip: await freePort(),
  okay: await freePort(),
  honest: await freePort(),
};
process.env.KUDOS_HOSTILE_SITE_PORTS = JSON.stringify(hostileSitePorts);

// A creator's webhook receiver (test/support/webhook-sink.ts).
const webhookSinkPort = await freePort();
process.env.KUDOS_WEBHOOK_SINK_PORT = String(webhookSinkPort);

/**
 * The Worker under test in workerd, with local-only settings; `extra` adds or replaces bindings,
 * `main` replaces the entry module (the benchmarks' metered one).
 */
export async function workerPool(extra: Record<string, string> = {}, main?: string) {
  return cloudflareTest({
    ...(main ? { main } : {}),
    wrangler: { configPath: './wrangler.toml' },
    miniflare: {
      // A second local D1 for the giver-shard tests (test/worker/giver-shards.test.ts); wrangler.toml
      // declares none: production adds a shard when one database nears full (docs/architecture.md).
      d1Databases: { DB: 'kudos', DB_GIVERS_2: 'kudos-givers-2' },
      bindings: {
        TEST_MIGRATIONS: await readD1Migrations('./schema/migrations'),
        // Local-only settings (never in wrangler.toml): the free dev provider on loopback hosts and
        // a test admin token; Stripe keys that only the Stripe double (test/support) accepts.
        LOCAL_DEV: 'true',
        PAYMENT_PROVIDER: 'dev',
        ADMIN_TOKEN: 'dev-admin-token',
        STRIPE_SECRET_KEY: 'sk_test_kudos_double',
        STRIPE_WEBHOOK_SECRET: 'whsec_kudos_double',
        STRIPE_API_HOST: '127.0.0.1',
        STRIPE_API_PORT: String(stripeDoublePort),
        STRIPE_API_PROTOCOL: 'http',
        TEST_HOSTILE_SITES: JSON.stringify(hostileSitePorts),
        // A failed message comes back from the mail queue after a second, not five minutes.
        MAIL_RETRY_SECONDS: '1',
        TEST_WEBHOOK_SINK: `http://127.0.0.1:${webhookSinkPort}`,
        // A failed webhook delivery comes back after a second (then 5, 25, … seconds).
        WEBHOOK_RETRY_SECONDS: '1',
        ...extra,
      },
    },
  });
}

export default defineConfig({
  plugins: [await workerPool()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/worker/**/*.test.ts'],
    setupFiles: ['./test/worker/apply-migrations.ts'],
    // Every worker test signs people up (a 100k-iteration PBKDF2 each) and talks to D1: on a
    // loaded 2-core machine the 5 s default is not enough. Heavy tests set their own, longer one.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Start the Stripe double and the hostile sites (Node HTTP servers) on the ports chosen above.
    globalSetup: ['./test/support/stripe-double-setup.ts', './test/support/hostile-sites-setup.ts', './test/support/webhook-sink-setup.ts'],
  },
});
