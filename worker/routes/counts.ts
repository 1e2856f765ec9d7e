// GET /api/v1/counts?t=<owner>:<url>&t=…: the counts of every button on a page in one request,
// for the loader's renderer (widget/render/). Public by design: no cookie is read (the loader
// sends none: `credentials: 'omit'`), any page may ask (CORS *), and the answer is cached.
import { Hono } from 'hono';
import { HANDLE, normaliseUrl } from '../domain/rules';
import type { AppContext, AppEnv } from '../http/context';
import { findAccountByHandle } from '../store/accounts';
import { publicCounts } from '../store/counts-cache';
import { buttonState } from '../actions/button-state';
import { refuse } from '../domain/refusal';
import { MAX_THINGS_PER_REQUEST, type CountsList } from '../../widget/common/counts-request';

export const counts = new Hono<AppEnv>();

counts.get('/api/v1/counts', async (c) => {
  const wanted = c.req.queries('t') ?? [];
  if (wanted.length > MAX_THINGS_PER_REQUEST) throw refuse('invalid_field', `At most ${MAX_THINGS_PER_REQUEST} "t" per request.`);
  const answer: { counts: CountsList } = { counts: await Promise.all(wanted.map((t) => countsOf(c, t))) };
  c.header('Access-Control-Allow-Origin', '*');
  // Each thing's counts are cached at the edge (store/counts-cache.ts), and a kudos drops its
  // entry; browsers ask again each time, so a reader who reloads after giving sees it counted.
  c.header('Cache-Control', 'public, no-cache');
  return c.json(answer);
});

async function countsOf(c: AppContext, t: string): Promise<[number, number] | null> {
  const at = t.indexOf(':');
  const owner = t.slice(0, at).toLowerCase();
  const url = normaliseUrl(t.slice(at + 1));
  if (at < 1 || !HANDLE.test(owner) || !url) return null;
  const db = c.get('db');
  const found = await publicCounts(c, owner, url, async () => {
    const account = await findAccountByHandle(db, owner);
    if (!account || account.kind !== 'person') return null;
    const { clicks_total, clicks_this_month } = await buttonState(db, c.get('config'), undefined, account, url);
    return { clicks_total, clicks_this_month };
  });
  return found && [found.clicks_total, found.clicks_this_month];
}
