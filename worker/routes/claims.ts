// Whose things are whose: the dashboard's "Your things" page with plain forms to verify a site,
// claim what readers registered for you, hide or remove a thing, and take over a thing someone
// else registered on your verified site. The same actions as JSON are declared in routes/api.ts.
import { Hono } from 'hono';
import { claimThing, disputeThing, hideThing, removeThing, verifySite } from '../actions/claims';
import { monthOf } from '../domain/month';
import { refuse, Refusal } from '../domain/refusal';
import { verifiableOrigin } from '../domain/site-proof';
import { type AppContext, type AppEnv, pageReading } from '../http/context';
import { redirectWithFlash, takeFlash } from '../http/flash';
import { field, readForm } from '../http/form';
import { rateLimit } from '../http/rate-limit';
import { sameOriginWrites } from '../http/same-origin';
import { currentAccount } from '../http/session';
import type { Account } from '../store/accounts';
import { othersThingsOnMySites, sitesOf } from '../store/claims';
import { thingsOfOwner } from '../store/things';
import { sendPage } from './respond';
import { ThingsPage } from '../views/claims';

export const claimPages = new Hono<AppEnv>();

async function signedIn(c: AppContext): Promise<Account | Response> {
  const me = await currentAccount(c);
  return me ?? c.redirect(`/login?next=${encodeURIComponent('/dashboard/things')}`, 303);
}

claimPages.get('/dashboard/things', async (c) => {
  const me = await signedIn(c);
  if (me instanceof Response) return me;
  const db = c.get('db');
  const month = monthOf(Date.now());
  const [mine, waiting, sites, others] = await Promise.all([
    thingsOfOwner(db, me.id, month, 'claimed'),
    thingsOfOwner(db, me.id, month, 'unclaimed'),
    sitesOf(db, me.id),
    othersThingsOnMySites(db, me.id),
  ]);
  const verified = new Set(sites.filter((s) => s.proof !== null).map((s) => s.origin));
  const view = {
    handle: me.handle,
    mine: mine.map((t) => ({ ...t, siteVerified: verified.has(verifiableOrigin(t.url) ?? '') })),
    waiting,
    sites: sites.map((s) => ({ origin: s.origin, toRecheck: s.proof === null })),
    others,
  };
  return sendPage(c, { title: 'Your things', viewer: me, flash: takeFlash(c), children: ThingsPage(view) });
});

/** A form on the things page: runs `act`, then back to the page with its message. */
function thingsAction(act: (c: AppContext, me: Account, form: Record<string, string>) => Promise<string>) {
  return async (c: AppContext) => {
    const me = await signedIn(c);
    if (me instanceof Response) return me;
    const form = await readForm(c);
    try {
      return redirectWithFlash(c, '/dashboard/things', { kind: 'ok', text: await act(c, me, form) });
    } catch (error) {
      // Over a rate limit: the styled 429 page with Retry-After (routes/site-errors.ts), not a flash.
      if (!(error instanceof Refusal) || error.code === 'rate_limited') throw error;
      return redirectWithFlash(c, '/dashboard/things', { kind: 'error', text: error.message });
    }
  };
}

const idOf = (c: AppContext) => {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id)) throw refuse('not_found', 'No such thing.');
  return id;
};

claimPages.post(
  '/dashboard/sites',
  sameOriginWrites,
  thingsAction(async (c, me, form) => {
    await rateLimit(c, 'read_page', me.id);
    const { origin, claimed } = await verifySite(c.get('db'), me, field(form, 'url'), pageReading(c));
    return `${origin} is verified as yours${claimed ? `; ${claimed} waiting thing${claimed === 1 ? ' is' : 's are'} now yours` : ''}.`;
  }),
);

claimPages.post(
  '/dashboard/things/:id{[0-9]{1,15}}/:action{claim|hide|show|remove|dispute}',
  sameOriginWrites,
  thingsAction(async (c, me) => {
    const db = c.get('db');
    const id = idOf(c);
    switch (c.req.param('action')) {
      case 'claim':
        await claimThing(db, me, id);
        return 'Claimed: the thing is yours and shows on your profile.';
      case 'hide':
        await hideThing(db, me, id, true);
        return 'Hidden from your public pages.';
      case 'show':
        await hideThing(db, me, id, false);
        return 'Shown on your public pages again.';
      case 'remove':
        return (await removeThing(db, me, id)) === 'removed' ? 'Removed.' : 'It already has settled kudos, so it stays in the books: hidden instead.';
      default:
        await disputeThing(db, me, id, pageReading(c));
        return 'The thing is yours now; its kudos not yet settled follow it.';
    }
  }),
);
