// What people see when a page is missing or fails: a styled page in their language. The API and
// the button's own endpoints keep answering JSON (worker/http/errors.ts), so scripts never get HTML.
import type { Context } from 'hono';
import type { AppContext, AppEnv } from '../http/context';
import { errorBody, failureOf, onError } from '../http/errors';
import { redirectWithFlash } from '../http/flash';
import { currentAccount } from '../http/session';
import { NotFound } from '../views/layout';
import { Refusal } from '../domain/refusal';
import { refusalSaid, SignInFirst, sendPage, wordsOf } from './respond';

/** A person's browser asks for a page (or posts a page's form); anything else is a script. */
function wantsPage(c: AppContext): boolean {
  if (c.req.path.startsWith('/api/')) return false;
  const accept = c.req.header('Accept') ?? '';
  const form =
    (c.req.header('Content-Type') ?? '').startsWith('application/x-www-form-urlencoded') ||
    (c.req.header('Content-Type') ?? '').startsWith('multipart/form-data');
  return accept.includes('text/html') || form || (c.req.method === 'GET' && accept === '');
}

async function viewerOrNone(c: AppContext) {
  try {
    return await currentAccount(c);
  } catch {
    return undefined;
  }
}

export async function notFoundPage(c: AppContext, what?: string) {
  const w = wordsOf(c);
  return sendPage(
    c,
    {
      title: w.titles.notFound,
      viewer: await viewerOrNone(c),
      children: NotFound({ heading: w.notFound.h, what: what ?? w.notFound.page, home: w.notFound.home }),
    },
    404,
  );
}

export async function siteNotFound(c: Context<AppEnv>) {
  if (c.req.path.startsWith('/api/') || !wantsPage(c)) return c.json(errorBody('not_found', 'No such endpoint.'), 404);
  return notFoundPage(c);
}

export async function siteError(error: Error, c: Context<AppEnv>) {
  if (!wantsPage(c)) return onError(error, c);
  const w = wordsOf(c);
  // A page for members: sign in, then straight back to it (or to the page whose form was sent).
  if (error instanceof SignInFirst) return redirectWithFlash(c, `/login?next=${encodeURIComponent(error.back)}`, { kind: 'error', text: w.said.signInFirst });
  const failure = failureOf(error);
  for (const [name, value] of Object.entries(failure.headers)) c.header(name, value);
  const what = error instanceof Refusal ? refusalSaid(c, error) : (failure.message ?? w.error.p);
  const page = NotFound({ heading: w.error.h, what, home: w.notFound.home });
  return sendPage(c, { title: w.titles.error, viewer: await viewerOrNone(c), children: page }, failure.status as 500);
}
