// The one button renderer, on every page that shows a Kudos button: other sites' pages and
// Kudos' own (a thing's page, the previews of Get your button). embed.js loads it (once, cached
// for good); it draws every button in a shadow root, as github-buttons does, from ONE counts
// request sent without credentials.
// - On another site nothing about the reader reaches Kudos before a click: no iframe, no cookie,
//   no per-reader request. A click opens the first-party popup on Kudos (/give), which signs in,
//   confirms the site the first time, gives, and reports back the new counts.
// - On Kudos itself the renderer is first party: it reads the viewer's state (GET
//   /api/v1/button, with the session) and gives in place (POST /api/v1/clicks); the popup opens
//   only when it can help (signing in, a budget).
// (The one other way a button is drawn, the oEmbed iframe /button/embed, exists because an
// oEmbed consumer such as WordPress runs no script of ours in its page: only a sandboxed iframe.)
import css from '../button/button.css?inline';
import { paint } from '../button/paint';
import { watchVisibility } from '../button/visibility';
import { WORDS, type Notice } from '../common/button-words';
import { buttonFace } from '../common/face';
import { BUTTON_SIZES, readLook, type ButtonLook } from '../common/options';
import { receive, type ButtonCounts, type PopupDoneMessage } from '../common/protocol';
import { countsKey, thingOfLink, type LinkedThing } from '../common/thing-of-link';
import { countsRequest, MAX_THINGS_PER_REQUEST, PREFETCH_KEY, type CountsList, type Prefetch } from '../common/counts-request';

interface Button extends LinkedThing {
  look: ButtonLook;
  host: HTMLElement;
  root: HTMLElement;
  counts: ButtonCounts;
  notice: Notice | null;
  busy: boolean;
  mayClick: () => boolean;
}

const script = document.currentScript as HTMLScriptElement;
const kudos = new URL(script.src).origin;
/** On Kudos' own pages: the viewer's state is shown, and a click gives in place. */
const firstParty = location.origin === kudos;
/** The oEmbed document sets the font on <html>; here the theme wrapper carries it and fills the host. */
const SHADOW_CSS = `${css}.light,.dark,.auto{font:600 13px/1 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;display:block}`;
/**
 * One constructed style sheet for every button: CSSOM, which a page's `style-src` does not
 * govern (Kudos' own pages allow no inline style, nor do strict blogs). Older browsers get a
 * <style> element instead.
 */
const sheet = 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype ? new CSSStyleSheet() : null;
sheet?.replaceSync(SHADOW_CSS);
const HEART =
  '<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 14.5S1.5 10.4 1.5 5.8A3.4 3.4 0 0 1 8 4.1a3.4 3.4 0 0 1 6.5 1.7C14.5 10.4 8 14.5 8 14.5z"/></svg>';
const buttons: Button[] = [];

function show(button: Button, changes: Partial<Pick<Button, 'counts' | 'notice' | 'busy'>>) {
  Object.assign(button, changes);
  paint(button.root, buttonFace(button.look, WORDS[button.look.lang], button.counts, button.notice, button.busy));
}

function draw(link: HTMLAnchorElement, counts: [number, number] | null): Button {
  const data = link.dataset;
  const look = readLook({ get: (name) => (name === 'lang' ? (data.lang ?? link.closest<HTMLElement>('[lang]')?.lang) : data[name]) });
  const [width, height] = BUTTON_SIZES[look.style];
  const host = document.createElement('span');
  host.className = 'kudos-button';
  // The style's size (the link's size in docs/embed.md's CSS, so nothing moves), wider only when
  // the label needs it (e.g. a reader's larger minimum font size).
  host.style.cssText = `display:inline-block;min-width:${width}px;height:${height}px;vertical-align:middle`;
  const shadow = host.attachShadow({ mode: 'open' });
  if (sheet) shadow.adoptedStyleSheets = [sheet];
  const compact = look.style === 'compact';
  shadow.innerHTML =
    `${sheet ? '' : `<style>${SHADOW_CSS}</style>`}<div class="${look.theme}"><div class="kb"><button type="button" class="give" aria-describedby="kb-hint"${compact ? ' aria-label=""' : ''}>` +
    `${HEART}${compact ? '' : '<span class="label"></span>'}</button><span class="count" aria-live="polite" aria-atomic="true"><span class="n"></span><span class="sr"></span></span>` +
    `<span id="kb-hint" class="sr" aria-live="polite"></span></div></div>`;
  const root = shadow.lastElementChild as HTMLElement;
  const give = root.querySelector('button')!;
  const button: Button = {
    ...thingOfLink(link),
    look,
    host,
    root,
    // Everyone sees the same button before acting: a neutral label and the public count.
    counts: { status: 'signed_out', clicks_total: counts?.[0] ?? 0, clicks_this_month: counts?.[1] ?? 0 },
    notice: null,
    busy: false,
    mayClick: () => true,
  };
  show(button, {});
  link.replaceWith(host);
  button.mayClick = watchVisibility(give);
  give.addEventListener('click', () => void onGive(button));
  if (firstParty) void viewerCounts(button).then((counts) => counts && show(button, { counts }));
  return button;
}

/** The viewer's state for `button` (first party only: the request carries the session). */
async function viewerCounts(button: Button): Promise<ButtonCounts | null> {
  const res = await fetch(`${kudos}/api/v1/button?${new URLSearchParams({ owner: button.owner, url: button.url })}`);
  if (!res.ok) return null;
  const { status, clicks_total, clicks_this_month } = (await res.json()) as ButtonCounts;
  return { status, clicks_total, clicks_this_month };
}

/** What a click on a button in each of these states says instead of giving. */
const NOTICES: Partial<Record<ButtonCounts['status'], Notice>> = { given: 'alreadyGiven', own: 'ownThing', month_settled: 'monthSettled' };

/**
 * First party: gives in place. True when the click is over (given, or the state it met says why
 * not); false when the popup can help (sign in, set a budget, add funds).
 */
async function giveInPlace(button: Button): Promise<boolean> {
  show(button, { busy: true, notice: null });
  const res = await fetch(`${kudos}/api/v1/clicks`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ owner: button.owner, url: button.url, title: button.title }),
  });
  if (res.status === 201) {
    const { thing } = (await res.json()) as { thing: { clicks_total: number; clicks_this_month: number } };
    given(button, { status: 'given', clicks_total: thing.clicks_total, clicks_this_month: thing.clicks_this_month }, 'thanks');
    return true;
  }
  // Refused: what a click gets now (the server's one verdict table) says what to show.
  const counts = (await viewerCounts(button)) ?? button.counts;
  const notice = NOTICES[counts.status] ?? null;
  showEverywhere(button, counts, notice);
  return notice !== null;
}

/** Shows `counts` on every button for the thing; a new kudos also tells the page (`kudos:clicked`). */
function given(button: Button, counts: ButtonCounts, notice: Notice | null) {
  const newlyGiven = counts.status === 'given' && button.counts.status !== 'given';
  showEverywhere(button, counts, newlyGiven ? notice : null);
  if (newlyGiven) button.host.dispatchEvent(new CustomEvent('kudos:clicked', { bubbles: true, composed: true, detail: { clicksTotal: counts.clicks_total } }));
}

/** Every button for the same thing on this page shows the same counts. */
function showEverywhere(of: Button, counts: ButtonCounts, notice: Notice | null) {
  for (const other of buttons) if (other.owner === of.owner && other.url === of.url) show(other, { counts, busy: false, notice: other === of ? notice : null });
}

async function onGive(button: Button) {
  if (button.busy) return;
  // Clickjacking: the button must have been fully in view for a moment (the popup confirms the site the first time anyway).
  if (!button.mayClick()) return show(button, { notice: 'covered' });
  const notice = NOTICES[button.counts.status];
  if (notice) return show(button, { notice });
  if (firstParty && button.counts.status === 'ready') {
    try {
      if (await giveInPlace(button)) return;
    } catch {
      return show(button, { notice: 'failed', busy: false });
    }
  }
  openPopup(button);
}

/** Opens the first-party popup on Kudos for `button`; it answers with the counts to show. */
function openPopup(button: Button) {
  const query = new URLSearchParams({ owner: button.owner, url: button.url, title: button.title, lang: button.look.lang, site: location.origin, popup: '1' });
  const width = 440;
  const height = 600;
  const popup = window.open(
    `${kudos}/give?${query}`,
    'kudos-give',
    `popup,width=${width},height=${height},left=${Math.max(0, (screen.width - width) / 2)},top=${Math.max(0, (screen.height - height) / 3)}`,
  );
  if (!popup) return show(button, { notice: 'popupBlocked' });
  // One popup window (named) serves every button: it answers the one clicked last.
  if (waiting && waiting !== button) show(waiting, { busy: false });
  waiting = button;
  popupWindow = popup;
  show(button, { busy: true, notice: null });
  clearInterval(closedWatch);
  closedWatch = setInterval(() => {
    if (!popup.closed) return;
    clearInterval(closedWatch);
    // The popup's last message may still be on its way.
    setTimeout(() => {
      if (waiting?.busy && popupWindow === popup) show(waiting, { busy: false });
    }, 500);
  }, 300);
}

let waiting: Button | null = null;
let popupWindow: Window | null = null;
let closedWatch: ReturnType<typeof setInterval> | undefined;

addEventListener('message', (event: MessageEvent<unknown>) => {
  const done = popupWindow && receive<PopupDoneMessage>(event, kudos, popupWindow, ['done']);
  const button = waiting;
  if (!done || !button || done.owner !== button.owner) return;
  given(button, done.counts, 'thanks');
});

/** Draws `links` with one counts request for all of them (the loader's, if it asked for exactly these). */
async function flush(links: HTMLAnchorElement[]) {
  const keys = links.map((link) => countsKey(thingOfLink(link)));
  const early = (window as unknown as Record<string, Prefetch | undefined>)[PREFETCH_KEY];
  let counts: CountsList = [];
  try {
    counts = await (early?.keys === keys.join('\n') ? early.answer : countsRequest(kudos, keys));
  } catch {}
  links.forEach((link, i) => {
    if (link.isConnected) buttons.push(draw(link, counts[i] ?? null));
  });
}

function scan() {
  const found = [...document.querySelectorAll<HTMLAnchorElement>('a.kudos-button')].filter((link) => !link.dataset.kudosState);
  for (const link of found) link.dataset.kudosState = 'loading';
  if (!found.length) return;
  for (let i = 0; i < found.length; i += MAX_THINGS_PER_REQUEST) void flush(found.slice(i, i + MAX_THINGS_PER_REQUEST));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
else scan();
// Buttons added later (infinite scroll, client-side rendering) are found too.
new MutationObserver((changes) => changes.some((change) => change.addedNodes.length) && scan()).observe(document.documentElement, {
  childList: true,
  subtree: true,
});
