// The iframe's script: brings the server-rendered button to life, answers the loader, and runs
// a click (see give.ts for the steps).
import {
  broadcast,
  post,
  receive,
  SIBLING_CHANNEL,
  type ButtonCounts,
  type HelloMessage,
  type PopupDoneMessage,
  type SiblingCountsMessage,
} from '../common/protocol';
import { BOOT_ELEMENT_ID, ROOT_ELEMENT_ID, type ButtonBoot } from '../common/boot';
import { buttonFace } from '../common/face';
import { clickHere, fetchView, gainStorageAccess, openPopup, storageAccessGranted } from './give';
import type { Notice } from '../common/button-words';
import { paint } from './paint';
import { watchVisibility } from './visibility';
import './button.css';

const boot = JSON.parse(document.getElementById(BOOT_ELEMENT_ID)!.textContent!) as ButtonBoot;
const root = document.getElementById(ROOT_ELEMENT_ID)!;
const button = root.querySelector('button')!;

let counts = boot.counts;
let confirmed = boot.confirmed;
let notice: Notice | null = null;
let busy = false;
/** Set after a blocked popup: the next click opens it straight away, while it still may. */
let popupNext = false;

/** Who the loader says embeds us; a Kudos page that frames the button itself may say nothing. */
const claimedSite = boot.site || location.origin;

/**
 * The embedding page's origin once the browser vouches for it (ancestorOrigins, or the origin
 * of the loader's hello); until then nothing is posted to the parent and the site is unconfirmed.
 */
let site: string | null = location.ancestorOrigins?.[0] === claimedSite ? claimedSite : null;

/** Kudos' own pages need no confirmation (the server agrees: none of them can be framed). */
const confirmedHere = () => confirmed || site === location.origin;

function show(changes: { counts?: ButtonCounts; notice?: Notice | null; busy?: boolean }) {
  counts = changes.counts ?? counts;
  if (changes.notice !== undefined) notice = changes.notice;
  busy = changes.busy ?? busy;
  paint(root, buttonFace(boot.look, boot.words, counts, notice, busy));
}

function tellParent(clicksTotal: number) {
  if (site) post(window.parent, { type: 'clicked', clicksTotal }, site);
}

/** Other buttons for the same thing on this page (e.g. at the top and the bottom of a post). */
const siblings = typeof BroadcastChannel === 'function' ? new BroadcastChannel(SIBLING_CHANNEL) : null;

/** Shows counts the server just answered after a click, here and in the sibling buttons. */
function showAnswer(answer: ButtonCounts, answerNotice: Notice | null) {
  show({ counts: answer, notice: answerNotice, busy: false });
  if (siblings) broadcast(siblings, { type: 'counts', owner: boot.owner, url: boot.url, counts: answer });
}

siblings?.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = receive<SiblingCountsMessage>(event, location.origin, null, ['counts']);
  if (message && message.owner === boot.owner && message.url === boot.url) show({ counts: message.counts });
});

async function onGive() {
  if (busy) return;
  if (!mayClick()) return show({ notice: 'covered' });
  if (counts.status === 'given') return show({ notice: 'alreadyGiven' });
  if (counts.status === 'own') return show({ notice: 'ownThing' });
  if (popupNext) return openGivePopup();
  show({ busy: true, notice: null });
  try {
    // The first paint is the same for everyone; the click is when the viewer's state is asked
    // for (with the session, where the browser sends it or grants storage access now).
    if (counts.status === 'signed_out') {
      await gainStorageAccess();
      ({ counts, confirmed } = await fetchView(boot, site));
    }
    if (counts.status === 'ready' && confirmedHere() && site) {
      const result = await clickHere(boot, site);
      if (result.recorded) {
        tellParent(result.counts.clicks_total);
        return showAnswer(result.counts, 'thanks');
      }
      if (!result.needsPopup) return showAnswer(result.counts ?? counts, 'alreadyGiven');
    }
    show({ busy: false });
    // Given or own after all (the session arrived with storage access): nothing more to do.
    if (counts.status !== 'given' && counts.status !== 'own') openGivePopup();
  } catch {
    show({ notice: 'failed', busy: false });
  }
}

function openGivePopup() {
  const popup = openPopup(boot, site);
  // The click's user activation may have been used up by a refused storage-access request.
  popupNext = !popup;
  if (!popup) return show({ notice: 'popupBlocked' });
  show({ busy: true, notice: null });
  const onMessage = (event: MessageEvent<unknown>) => {
    const message = receive<PopupDoneMessage>(event, location.origin, popup, ['done']);
    if (!message || message.owner !== boot.owner || message.url !== boot.url) return;
    const newlyGiven = message.counts.status === 'given' && counts.status !== 'given';
    showAnswer(message.counts, newlyGiven ? 'thanks' : null);
    if (newlyGiven) tellParent(message.counts.clicks_total);
  };
  addEventListener('message', onMessage);
  // Closed without an answer (cancelled): the button is usable again.
  const watch = setInterval(() => {
    if (!popup.closed) return;
    clearInterval(watch);
    // The popup's last message may still be on its way.
    setTimeout(() => {
      removeEventListener('message', onMessage);
      if (busy) show({ busy: false });
    }, 500);
  }, 300);
}

/**
 * How much wider the label is than its room, measured on the first paint, which is the same for
 * every reader: the page learns the size, so it must never follow the viewer's state.
 */
const firstLabel = root.querySelector('.label');
const overflow = firstLabel ? firstLabel.scrollWidth - firstLabel.clientWidth : 0;

// The loader says hello once the iframe has loaded; the browser sets its origin, so it is proof
// of who embeds us (Firefox has no location.ancestorOrigins).
addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!receive<HelloMessage>(event, claimedSite, window.parent, ['hello'])) return;
  site = claimedSite;
  if (overflow > 0) post(window.parent, { type: 'resize', width: innerWidth + overflow, height: innerHeight }, site);
});

button.addEventListener('click', () => void onGive());
const mayClick = watchVisibility(button);

// A grant from an earlier visit: show the viewer's real state without waiting for a click.
if (counts.status === 'signed_out') {
  void storageAccessGranted().then(async (granted) => {
    if (!granted) return;
    ({ counts, confirmed } = await fetchView(boot, site));
    show({});
  });
}
