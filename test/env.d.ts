import type { D1Migration } from 'cloudflare:test';
import type { Env as KudosEnv } from '../worker/env';

declare global {
  namespace Cloudflare {
    interface Env extends KudosEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** A second local D1: a giver shard for test/worker/giver-shards.test.ts. */
      DB_GIVERS_2: D1Database;
      /** JSON: the ports of test/support/hostile-sites.ts (vitest.config.ts). */
      TEST_HOSTILE_SITES: string;
      /** The origin of test/support/webhook-sink.ts (vitest.config.ts). */
      TEST_WEBHOOK_SINK: string;
    }
    interface GlobalProps {
      mainModule: typeof import('../worker/index');
    }
  }
}
