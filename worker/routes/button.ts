// The embeddable button, server side: /embed.js (the loader), /w/* (hashed scripts: the one
// renderer, on every site and on Kudos' own pages), /button/embed (the oEmbed iframe, the one
// page other sites may frame), and /give: the first-party popup (or plain page) that signs in,
// confirms a site, and gives. Every click goes through actions/give.ts `giveKudos`.
import { Hono } from 'hono';
import { buttonState, type ViewerState } from '../actions/button-state';
import { type ButtonRef, readButtonRef } from '../domain/rules';
import { Refusal } from '../domain/refusal';
import { WIDGET } from '../generated/widget-assets';
import { readFormAs } from '../http/form';
import { GiveForm } from '../http/schemas';
import { rateLimit } from '../http/rate-limit';
import type { AppContext, AppEnv } from '../http/context';
import { CSP } from '../http/security-headers';
import { sameOriginWrites } from '../http/same-origin';
import { clickWrites, currentAccount, rememberWrites, setSessionCookie, stateReads, viewerRef } from '../http/session';
import { buttonThing, type GiveAnswer, giveKudos, type Refused } from '../actions/give';
import { buttonStatusOf, popupStageOf } from '../domain/click';
import { logIn } from '../actions/accounts';
import { type Account, personByHandle } from '../store/accounts';
import { waitsForClaim } from '../store/claims';
import { forgetCounts, publicCounts } from '../http/counts-cache';
import { asSite, confirmSite, hasConfirmedSite } from '../http/confirmed-sites';
import { checkCsrf, csrfToken } from '../http/csrf-token';
import { WORDS } from '../../widget/common/button-words';
import { readLook, type ButtonLang } from '../../widget/common/options';
import { givePage, type GivePageProps } from '../views/give-page';
import { embedDocument } from '../views/button/embed-document';
import type { PublicCounts } from '../domain/click';
import type { ButtonCounts } from '../../widget/common/protocol';
import { worthOfKudos } from '../actions/month-gives';
import { popupGivesNote } from '../views/month-gives';
import { SITE_WORDS } from '../views/words';
import { refuseIn, wordsOf } from './respond';

export const button = new Hono<AppEnv>();

button.get('/embed.js', (c) =>
  // Its URL never changes, so caches may keep it only briefly; pages pick up a new version soon.
  // CORS *: pages load it with crossorigin="anonymous", so no cookie comes along (docs/embed.md).
  c.body(WIDGET.embedJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' }),
);

/** The WordPress plugin, to upload under Plugins → Add New → Upload Plugin ("Get your button" links it). */
button.get('/wordpress/kudos.zip', (c) => {
  const zip = Uint8Array.from(atob(WIDGET.wordpressZip), (ch) => ch.charCodeAt(0));
  return c.body(zip, 200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': 'attachment; filename="kudos.zip"',
    'Cache-Control': 'public, max-age=3600',
  });
});

button.get('/w/:file', (c) => {
  const file = WIDGET.files[c.req.path];
  if (!file) return c.text('Not found', 404);
  // CORS *: the loader loads the renderer without credentials (crossorigin="anonymous").
  return c.body(file.body, 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable', 'Access-Control-Allow-Origin': '*' });
});

/**
 * The oEmbed iframe (see routes/oembed.ts), often inside WordPress's sandbox. Public counts only:
 * it never reads the session, so a page framing it learns nothing about its reader.
 */
button.get('/button/embed', async (c) => {
  const thing = readThing(c.req.query());
  if (!thing) return c.text('This Kudos button needs an owner and an absolute url.', 400);
  const counts = await publicCountsOf(c, thing);
  if (!counts) return c.text(`No Kudos account is called "${thing.owner}".`, 404);
  const look = readLook(new URLSearchParams(c.req.query()));
  c.header('Content-Security-Policy', CSP.embed(WIDGET.sandbox.scriptHash, WIDGET.button.cssHash));
  // Revalidated each time: a reader coming back from /give sees the new count.
  c.header('Cache-Control', 'public, no-cache');
  const give = `/give?${new URLSearchParams({ ...thing, lang: look.lang, via: 'embed' })}`;
  return c.html(embedDocument({ look, words: WORDS[look.lang], counts, give, assets: { css: WIDGET.button.css, script: WIDGET.sandbox.script } }));
});

/** The popup, or a plain page when opened without JavaScript from the thing's page. */
button.get('/give', async (c) => {
  c.header('Cache-Control', 'private, no-store');
  const thing = readThing(c.req.query());
  // The styled page in the reader's language (routes/site-errors.ts), like every page's refusal.
  if (!thing) throw refuseIn(c, 'invalid_field', wordsOf(c).said.giveLinkBroken);
  const viewer = await currentAccount(c);
  // The site is believed only when a Kudos page (the button iframe) opened this one: another
  // site could name any site here. The browser sets Sec-Fetch-Site; pages cannot forge it.
  const fromKudos = c.req.header('Sec-Fetch-Site') === 'same-origin';
  const popup = c.req.query('popup') === '1';
  // Who sent the reader here names the site: a Kudos page (the button iframe on the thing page)
  // is believed; a page elsewhere only as far as the browser's Referer says: the button the
  // loader drew on that page opened this popup, or the oEmbed iframe (/button/embed) had that
  // page navigate here (wp-embed.js).
  const embed = c.req.query('via') === 'embed';
  const claimed = asSite(c.req.query('site'));
  const site = fromKudos ? claimed : embed ? refererSite(c) : popup && claimed === refererSite(c) ? claimed : null;
  const fromElsewhere = !site && (c.req.header('Sec-Fetch-Site') === 'cross-site' || c.req.header('Sec-Fetch-Site') === 'same-site');
  const lang = langOf(c, c.req.query('lang'));
  if (!viewer) return page(c, { thing, lang, site, popup, embed, fromElsewhere, viewer: null, stage: { kind: 'sign_in', failed: false }, counts: null });
  const state = await buttonState(stateReads(c), c.get('config'), await viewerRef(c), thing.owner, thing.url);
  const stage = state && popupStageOf(state.verdict);
  if (!state || !stage) throw refuseIn(c, 'not_found', wordsOf(c).said.noSuchOwner(thing.owner));
  const counts = countsOf(state);
  // Only in a popup, on a site the person confirmed before, and — when a page elsewhere opened it —
  // only for a thing on that very site: a site can ask for kudos for its own pages, never for
  // another's. Never for `embed`: any page can navigate a reader here, only a press here gives.
  const ownPage = site !== null && new URL(thing.url).origin === site;
  const autoGive = popup && stage.kind === 'confirm' && hasConfirmedSite(c, viewer, site) && (fromKudos || ownPage);
  const waitingFor = (await waitsForOwner(c, thing.owner, viewer, thing.url)) ? thing.owner : null;
  return page(c, { thing, lang, site, popup, embed, fromElsewhere, viewer, stage, counts, autoGive, waitingFor });
});

/** The popup's form: signs in if asked to, confirms the site, and gives. Origin-checked and CSRF-protected. */
button.post('/give', sameOriginWrites, async (c) => {
  c.header('Cache-Control', 'private, no-store');
  const form = await readFormAs(c, GiveForm);
  checkCsrf(c, form.csrf);
  const thing = readThing(form);
  if (!thing) throw refuseIn(c, 'invalid_field', wordsOf(c).said.giveLinkBroken);
  const site = asSite(form.site);
  const popup = form.popup === '1';
  const embed = form.via === 'embed';
  const lang = langOf(c, form.lang || undefined);
  let viewer = await currentAccount(c);
  const { email, password } = form;
  if (email && password) {
    await rateLimit(c, 'sign_in', email.trim());
    try {
      const session = await logIn(c.get('db'), email.slice(0, 254), password.slice(0, 200));
      setSessionCookie(c, session.token);
      viewer = session.account;
    } catch (error) {
      if (!(error instanceof Refusal) || error.code !== 'unauthorized') throw error;
      return page(c, { thing, lang, site, popup, embed, viewer: null, stage: { kind: 'sign_in', failed: true }, counts: null }, 401);
    }
  }
  if (!viewer) return page(c, { thing, lang, site, popup, embed, viewer: null, stage: { kind: 'sign_in', failed: false }, counts: null });
  // Pressing the button on this page, which names the site, is the confirmation.
  if (site) confirmSite(c, viewer, site);
  await rateLimit(c, 'give', viewer.id);
  const primary = clickWrites(c);
  const answer = await giveKudos(primary, c.get('config'), { accountId: viewer.id }, buttonThing(thing.owner, thing.url, thing.title));
  rememberWrites(c, primary);
  const stage = popupStageOf(answer.verdict);
  if (!stage) throw (answer as Refused).refusal;
  const counts = await countsAfter(c, answer);
  // Back to the page the oEmbed button was on: the thing itself when it lives on that site.
  const back = embed && stage.kind === 'done' && site ? (new URL(thing.url).origin === site ? thing.url : `${site}/`) : null;
  if (back) return c.redirect(back, 303);
  const waitingFor = (await waitsForOwner(c, thing.owner, viewer, thing.url)) ? thing.owner : null;
  // The visitor acted here: the opening page may now learn the answer, for a thing on its own site.
  const tellsSite = site !== null && new URL(thing.url).origin === site;
  return page(c, { thing, lang, site, popup, embed, viewer, stage, counts, siteConfirmed: true, waitingFor, tellsSite });
});

// --- helpers ---------------------------------------------------------------------------------

/** owner, url and title from a query or form, or null if unusable. */
const readThing = (input: Record<string, string | undefined>): ButtonRef | null => readButtonRef(input.owner, input.url, input.title);

/** The origin of the page that sent the reader here, as the browser's Referer says; null without one. */
function refererSite(c: AppContext): string | null {
  try {
    return asSite(new URL(c.req.header('Referer') ?? '').origin);
  } catch {
    return null;
  }
}

/** The counts everyone sees (edge-cached, else one query on a read replica); null when the owner does not exist. */
function publicCountsOf(c: AppContext, thing: ButtonRef): Promise<PublicCounts | null> {
  return publicCounts(c, thing.owner, thing.url, async () => {
    const state = await buttonState(stateReads(c), c.get('config'), { signedOut: true }, thing.owner, thing.url);
    return state && { clicks_total: state.clicks_total, clicks_this_month: state.clicks_this_month };
  });
}

/** Whether the thing at `url` waits for its owner to claim it (or would, once this viewer's click registers it). */
async function waitsForOwner(c: AppContext, ownerHandle: string, viewer: Account, url: string): Promise<boolean> {
  const db = c.get('db');
  const owner = await personByHandle(db, ownerHandle);
  // One's own thing waits for nobody (the popup says it is one's own).
  if (!owner || viewer.id === owner.id) return false;
  return waitsForClaim(db, owner.id, url);
}

/** What the button shows for a viewer's state. */
function countsOf(state: ViewerState): ButtonCounts {
  return { status: state.status, clicks_total: state.clicks_total, clicks_this_month: state.clicks_this_month };
}

/** The counts and status after a click, from the click's own batch; drops the cached public counts. */
async function countsAfter(c: AppContext, answer: GiveAnswer): Promise<ButtonCounts> {
  const { owner, thing } = answer;
  if (owner !== null && thing) await forgetCounts(c, owner, thing.url);
  return { status: buttonStatusOf(answer.verdict), clicks_total: thing?.clicksTotal ?? 0, clicks_this_month: thing?.clicksThisMonth ?? 0 };
}

/** The button's language (passed on in the popup's URL, then in its form), else the browser's. */
function langOf(c: AppContext, value: string | undefined): ButtonLang {
  const wanted = value ?? c.req.header('Accept-Language')?.split(',')[0];
  return readLook({ get: (name) => (name === 'lang' ? wanted : null) }).lang;
}

async function page(
  c: AppContext,
  props: Pick<GivePageProps, 'thing' | 'lang' | 'site' | 'popup' | 'embed' | 'stage' | 'counts'> &
    Partial<Pick<GivePageProps, 'fromElsewhere' | 'autoGive' | 'siteConfirmed' | 'waitingFor' | 'tellsSite'>> & { viewer: Account | null },
  status: 200 | 401 = 200,
) {
  const { viewer, siteConfirmed, fromElsewhere = false, autoGive = false, tellsSite = false, ...rest } = props;
  // The form's answer may redirect back to the page the oEmbed button was on (CSP's form-action covers redirects).
  c.header('Content-Security-Policy', CSP.widget(WIDGET.popup.cssHash, props.embed && props.site ? props.site : ''));
  const html = givePage({
    ...rest,
    fromElsewhere,
    autoGive,
    tellsSite,
    viewer: viewer?.handle ?? null,
    siteConfirmed: siteConfirmed ?? (viewer ? hasConfirmedSite(c, viewer, props.site) : false),
    csrf: csrfToken(c),
    assets: WIDGET.popup,
    feeNote: await feeNote(c, viewer, props.lang, props.stage),
  });
  return c.html(html, status);
}

/** "Your €5.00 gives each of your 10 things €0.45 after the 10% fee", counting this kudos, over what this month really gives. */
async function feeNote(c: AppContext, viewer: Account | null, lang: GivePageProps['lang'], stage: GivePageProps['stage']): Promise<string> {
  const config = c.get('config');
  const month = viewer ? await worthOfKudos(c.get('db'), config, viewer.id, { alreadyGiven: stage.kind === 'done' }) : null;
  return popupGivesNote(month && { ...month, canGive: stage.kind !== 'cannot' }, config, SITE_WORDS[lang]);
}
