// "Get your button" (/get-your-button; /button-setup leads there): snippet, previews, plugin,
// badge and the check of a creator's own page.
import { Hono } from 'hono';
import { checkPage } from '../actions/button-check';
import { siteStanding, waitingForCreator } from '../actions/waiting';
import { normaliseUrl } from '../domain/rules';
import { type AppContext, type AppEnv, pageReading } from '../http/context';
import { takeFlash } from '../http/flash';
import { readFormAs } from '../http/form';
import { UrlForm } from '../http/schemas';
import { rateLimit } from '../http/rate-limit';
import { sameOriginWrites } from '../http/same-origin';
import type { Account } from '../store/accounts';
import { ButtonSetupPage, type ButtonSetupView } from '../views/button-setup';
import { orShowAgain, sendPage, signedIn, wordsOf } from './respond';

export const buttonSetup = new Hono<AppEnv>();

async function show(c: AppContext, me: Account, view: Omit<ButtonSetupView, 'handle' | 'origin' | 'w' | 'waiting' | 'standing' | 'currency'>) {
  const w = wordsOf(c);
  const db = c.get('db');
  // What waits for the creator, and whether the checked page's site is verified (else its kudos are held).
  const [waiting, standing] = await Promise.all([
    waitingForCreator(db, me.id),
    // Even when the page did not answer: the site's standing does not depend on it.
    view.check ? siteStanding(db, me.id, view.check.url) : null,
  ]);
  const currency = c.get('config').currency;
  const page = ButtonSetupPage({ handle: me.handle, origin: new URL(c.req.url).origin, w, waiting, standing, currency, ...view });
  return sendPage(c, { title: w.titles.button, viewer: me, flash: takeFlash(c), children: page });
}

buttonSetup.get('/button-setup', (c) => c.redirect('/get-your-button', 301));

buttonSetup.get('/get-your-button', async (c) => {
  const me = await signedIn(c);
  return show(c, me, { pageUrl: normaliseUrl(c.req.query('page') ?? ''), check: null });
});

buttonSetup.post('/get-your-button/check', sameOriginWrites, async (c) => {
  const me = await signedIn(c, '/get-your-button');
  const { url } = await readFormAs(c, UrlForm);
  // Over the limit: the styled 429 page with Retry-After (routes/site-errors.ts).
  await rateLimit(c, 'read_page', me.id);
  return orShowAgain(
    c,
    async () => {
      const check = await checkPage(url, new URL(c.req.url).origin, me.handle, pageReading(c));
      return show(c, me, { pageUrl: normaliseUrl(check.url), check });
    },
    (said) => show(c, me, { pageUrl: null, check: null, checkError: said }),
  );
});
