// Belt and braces beside the SameSite=Lax session cookie (same-site pages and top-level
// navigations still carry it): a state-changing request is accepted only from Kudos' own pages (or from a non-browser client,
// which sends no Origin and no Sec-Fetch-Site).
import type { MiddlewareHandler } from 'hono';
import { refuse } from '../domain/refusal';
import type { AppEnv } from './context';

export const sameOriginWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  // An app's token (http/oauth.ts) is sent by the app itself, never added by a browser the way a
  // cookie is: no other site can forge it, so it needs no check of where the request came from.
  if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && !c.get('grant')) {
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    const ownOrigin = new URL(c.req.url).origin;
    if ((origin && origin !== ownOrigin) || (site && site !== 'same-origin' && site !== 'none')) {
      throw refuse('cross_site_request', 'Requests that change something must come from the Kudos site itself.');
    }
  }
  await next();
};
