// The renderer embed.js loads (once, cached for good): it draws every Kudos button of the page
// itself, in a shadow root like github-buttons does, from ONE counts request sent without
// credentials. Nothing about the reader reaches Kudos before a click: no iframe, no cookie, no
// per-reader request. A click opens the first-party popup on Kudos (/give), which signs in,
// confirms the site the first time, gives, and reports back the new counts.
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
/** The iframe document sets the font on <html>; here the theme wrapper carries it and fills the host. */
const SHADOW_CSS = `${css}.light,.dark,.auto{font:600 13px/1 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;display:block}`;
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
  // The style's size (the link's size in the README's CSS, so nothing moves), wider only when
  // the label needs it (e.g. a reader's larger minimum font size).
  host.style.cssText = `display:inline-block;min-width:${width}px;height:${height}px;vertical-align:middle`;
  const shadow = host.attachShadow({ mode: 'open' });
  const compact = look.style === 'compact';
  shadow.innerHTML =
    `<style>${SHADOW_CSS}</style><div class="${look.theme}"><div class="kb"><button type="button" class="give" aria-describedby="kb-hint"${compact ? ' aria-label=""' : ''}>` +
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
  give.addEventListener('click', () => onGive(button));
  return button;
}

/** Every button for the same thing on this page shows the same counts. */
function showEverywhere(of: Button, counts: ButtonCounts, notice: Notice | null) {
  for (const other of buttons) if (other.owner === of.owner && other.url === of.url) show(other, { counts, busy: false, notice: other === of ? notice : null });
}

function onGive(button: Button) {
  if (button.busy) return;
  // Clickjacking: the button must have been fully in view for a moment (the popup confirms the site the first time anyway).
  if (!button.mayClick()) return show(button, { notice: 'covered' });
  if (button.counts.status === 'given') return show(button, { notice: 'alreadyGiven' });
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
  openPopup = popup;
  show(button, { busy: true, notice: null });
  clearInterval(closedWatch);
  closedWatch = setInterval(() => {
    if (!popup.closed) return;
    clearInterval(closedWatch);
    // The popup's last message may still be on its way.
    setTimeout(() => {
      if (waiting?.busy && openPopup === popup) show(waiting, { busy: false });
    }, 500);
  }, 300);
}

let waiting: Button | null = null;
let openPopup: Window | null = null;
let closedWatch: ReturnType<typeof setInterval> | undefined;

addEventListener('message', (event: MessageEvent<unknown>) => {
  const done = openPopup && receive<PopupDoneMessage>(event, kudos, openPopup, ['done']);
  const button = waiting;
  if (!done || !button || done.owner !== button.owner) return;
  const newlyGiven = done.counts.status === 'given' && button.counts.status !== 'given';
  showEverywhere(button, done.counts, newlyGiven ? 'thanks' : null);
  if (newlyGiven)
    button.host.dispatchEvent(new CustomEvent('kudos:clicked', { bubbles: true, composed: true, detail: { clicksTotal: done.counts.clicks_total } }));
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
