// The script of /button/embed, the button page an oEmbed answer frames (inlined into the
// document: a sandboxed page has the origin 'null', so a module script from /w/ would need CORS).
// In WordPress, an oEmbed answer from a provider it does not trust is framed with
// sandbox="allow-scripts": no popups, no top navigation, no cookies. The one way out is
// wp-embed.js's message protocol (wp-includes/js/wp-embed.js): any message carrying the iframe's
// secret un-hides it, and `link` navigates the top page to a URL on this iframe's own host, which
// sends the reader to the first-party /give page. Outside WordPress (no secret), a click opens
// the /give popup as the button iframe does.
import { receive, type PopupDoneMessage } from '../common/protocol';

/**
 * wp-embed.js puts the secret into the fragment of the iframe's URL: `#?secret=abc123` (for a
 * trusted provider it adds it only once it has loaded, so it is read each time).
 */
const secretNow = () => /[#?&]secret=([A-Za-z0-9]+)/.exec(location.hash)?.[1];
/** The page that frames us; the browser says so even inside a sandbox (Chromium, Safari). */
const parentOrigin = location.ancestorOrigins?.[0] ?? (document.referrer ? new URL(document.referrer).origin : '*');
const kudos = new URL(location.href).origin;
const root = document.querySelector<HTMLElement>('[data-give]')!;
const button = root.querySelector('button')!;

/** Tells wp-embed.js we are alive, so it shows the iframe and hides the fallback link. */
function wave() {
  const secret = secretNow();
  // Not `height`: wp-embed.js makes every embed at least 200 px tall; any message with the secret un-hides us.
  if (secret) window.parent.postMessage({ secret, message: 'kudos-ready', value: 1 }, parentOrigin);
}

addEventListener('message', (event: MessageEvent<{ message?: string; secret?: string } | null>) => {
  // wp-embed.js says `ready` when it loaded after us.
  if (event.source === window.parent && event.data?.message === 'ready' && event.data.secret === secretNow()) wave();
});
wave();

button.addEventListener('click', () => {
  const give = new URL(root.dataset.give!, kudos);
  const secret = secretNow();
  if (secret) {
    // wp-embed.js follows a link only to this iframe's host, and only while the iframe has focus (it does: it was just clicked).
    window.parent.postMessage({ secret, message: 'link', value: give.href }, parentOrigin);
    return;
  }
  if (parentOrigin !== '*') give.searchParams.set('site', parentOrigin);
  give.searchParams.set('popup', '1');
  const popup = window.open(give.href, 'kudos-give', 'popup,width=440,height=600');
  if (!popup) return;
  addEventListener('message', (event: MessageEvent<unknown>) => {
    const done = receive<PopupDoneMessage>(event, kudos, popup, ['done']);
    if (!done) return;
    root.querySelector('.n')!.textContent = String(done.counts.clicks_total);
    if (done.counts.status === 'given') root.querySelector('.kb')!.classList.add('given');
  });
});
