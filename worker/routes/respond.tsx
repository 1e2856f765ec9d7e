// How routes answer with a page: the page rendered in the reader's language, with the pages'
// CSP and never cached (every page may be personal).
import type { AppContext } from '../http/context';
import { siteLang } from '../http/lang';
import { CSP } from '../http/security-headers';
import { type PageProps, renderPage } from '../views/layout';
import { SITE_WORDS, type SiteWords } from '../views/words';

export function sendPage(c: AppContext, page: PageProps, status: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500 = 200) {
  c.header('Content-Security-Policy', CSP.page);
  c.header('Cache-Control', 'no-store');
  return c.html(renderPage(page, siteLang(c), new URL(c.req.url)), status);
}

/** The site's words in the reader's language. */
export function wordsOf(c: AppContext): SiteWords {
  return SITE_WORDS[siteLang(c)];
}
