// GET /api/v1/counts?t=<owner>:<url>&t=…: the counts of every button on a page in one request,
// for the loader's renderer (widget/render/). Public by design: no cookie is read (the loader
// sends none: `credentials: 'omit'`), any page may ask (CORS *), and the answer is cached.
// Mounted inside routes/api.ts, so the OpenAPI document describes it from its schemas.
import { createRoute } from '@hono/zod-openapi';
import { buttonState } from '../actions/button-state';
import { readButtonRef } from '../domain/rules';
import type { AppContext } from '../http/context';
import * as s from '../http/schemas';
import { stateReads } from '../http/session';
import { publicCounts } from '../http/counts-cache';
import type { CountsList } from '../../widget/common/counts-request';

export const counts = s.newApiRouter();

counts.openapi(
  createRoute({
    method: 'get',
    path: '/counts',
    summary: "The counts of a page's buttons in one request; public, no cookie read, CORS *",
    security: [],
    request: { query: s.CountsQuery },
    responses: {
      200: { description: 'Counts, in the order asked', content: { 'application/json': { schema: s.CountsAnswer } } },
      400: { description: 'More than 100 things', content: { 'application/json': { schema: s.ErrorBody } } },
    },
  }),
  async (c) => {
    const wanted = c.req.valid('query').t ?? [];
    const answer: { counts: CountsList } = { counts: await Promise.all(wanted.map((t) => countsOf(c, t))) };
    c.header('Access-Control-Allow-Origin', '*');
    // Each thing's counts are cached at the edge (http/counts-cache.ts), and a kudos drops its
    // entry; browsers ask again each time, so a reader who reloads after giving sees it counted.
    c.header('Cache-Control', 'public, no-cache');
    return c.json(answer, 200);
  },
);

async function countsOf(c: AppContext, t: string): Promise<[number, number] | null> {
  const at = t.indexOf(':');
  const ref = at < 1 ? null : readButtonRef(t.slice(0, at), t.slice(at + 1));
  if (!ref) return null;
  const { owner, url } = ref;
  const found = await publicCounts(c, owner, url, async () => {
    const state = await buttonState(stateReads(c), c.get('config'), { signedOut: true }, owner, url);
    return state && { clicks_total: state.clicks_total, clicks_this_month: state.clicks_this_month };
  });
  return found && [found.clicks_total, found.clicks_this_month];
}
