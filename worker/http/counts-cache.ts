// A button's counts as everyone sees them, cached at the edge for a short while: most viewers
// are signed out (or their cookies are blocked), and their buttons then cost no database read.
// A click made through the button or the popup drops the entry at once.
import type { PublicCounts } from '../domain/click';
import type { AppContext } from './context';

const TTL_SECONDS = 30;

/** Workers' zone cache (workers-types 5 declares `caches` without its `default`). */
const edge = () => (caches as CacheStorage & { default: Cache }).default;

/** Same origin as the Worker, so the entry lives in this zone's cache; never routed to. */
function cacheKey(c: AppContext, owner: string, url: string): string {
  return `${new URL(c.req.url).origin}/__cache/button-counts?${new URLSearchParams({ owner, url })}`;
}

function inBackground(c: AppContext, work: Promise<unknown>): Promise<unknown> {
  try {
    c.executionCtx.waitUntil(work);
    return Promise.resolve();
  } catch {
    // No execution context (e.g. app.request in tests): just wait.
    return work;
  }
}

/** `load` answers null for an unknown owner; that is cached too, so junk buttons stay cheap. */
export async function publicCounts(c: AppContext, owner: string, url: string, load: () => Promise<PublicCounts | null>): Promise<PublicCounts | null> {
  const key = cacheKey(c, owner, url);
  const hit = await edge().match(key);
  if (hit) return (await hit.json()) as PublicCounts | null;
  const counts = await load();
  const entry = new Response(JSON.stringify(counts), { headers: { 'Content-Type': 'application/json', 'Cache-Control': `max-age=${TTL_SECONDS}` } });
  await inBackground(c, edge().put(key, entry));
  return counts;
}

export async function forgetCounts(c: AppContext, owner: string, url: string): Promise<void> {
  await edge().delete(cacheKey(c, owner, url));
}
