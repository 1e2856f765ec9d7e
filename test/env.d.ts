import type { D1Migration } from 'cloudflare:test';
import type { Env as KudosEnv } from '../worker/env';

declare global {
  namespace Cloudflare {
    interface Env extends KudosEnv {
      TEST_MIGRATIONS: D1Migration[];
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
