// Whose things are whose: the dashboard's "Your things" page with plain forms to verify a site,
// claim what readers registered for you, hide or remove a thing, and take over a thing someone
// else registered on your verified site. The same actions as JSON are declared in routes/api.ts.
import { Hono } from 'hono';
import { claimThing, disputeThing, hideThing, removeThing, verifySite } from '../actions/claims';
import { monthOf } from '../domain/month';
import { refuse } from '../domain/refusal';
import { verifiableOrigin } from '../domain/site-proof';
import { type AppContext, type AppEnv, pageReading } from '../http/context';
import { takeFlash } from '../http/flash';
import { rateLimit } from '../http/rate-limit';
import { UrlForm } from '../http/schemas';
import { sameOriginWrites } from '../http/same-origin';
import { othersThingsOnMySites, sitesOf } from '../store/claims';
import { thingsOfOwner } from '../store/things';
import { formAction, sendPage, signedIn, wordsOf } from './respond';
import { ThingsPage } from '../views/claims';

export const claimPages = new Hono<AppEnv>();

claimPages.get('/dashboard/things', async (c) => {
  const me = await signedIn(c);
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
  return sendPage(c, { title: wordsOf(c).titles.things, viewer: me, flash: takeFlash(c), children: ThingsPage(view) });
});

/** The things page, where its forms go back to with what they did, or why not. */
const THINGS = '/dashboard/things';

const idOf = (c: AppContext) => {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id)) throw refuse('not_found', 'No such thing.');
  return id;
};

claimPages.post(
  '/dashboard/sites',
  sameOriginWrites,
  formAction(THINGS, UrlForm, async (c, me, form) => {
    await rateLimit(c, 'read_page', me.id);
    const { origin, claimed } = await verifySite(c.get('db'), me, form.url, pageReading(c));
    return wordsOf(c).said.siteVerified(origin, claimed);
  }),
);

claimPages.post(
  '/dashboard/things/:id{[0-9]{1,15}}/:action{claim|hide|show|remove|dispute}',
  sameOriginWrites,
  formAction(THINGS, null, async (c, me) => {
    const db = c.get('db');
    const id = idOf(c);
    const said = wordsOf(c).said;
    switch (c.req.param('action')) {
      case 'claim':
        await claimThing(db, me, id);
        return said.claimed;
      case 'hide':
        await hideThing(db, me, id, true);
        return said.hidden;
      case 'show':
        await hideThing(db, me, id, false);
        return said.shown;
      case 'remove':
        return (await removeThing(db, me, id, c.get('config').giverShards)) === 'removed' ? said.removed : said.keptHidden;
      default:
        await disputeThing(db, me, id, pageReading(c), c.get('config').giverShards);
        return said.disputed;
    }
  }),
);
