// The popup's only script: tell the button that opened it what it should show now, then close.
// Without an opener (the no-JavaScript path from the thing page) the page simply stays.
import { post, type PopupDoneMessage } from '../common/protocol';
import { DONE_ELEMENT_ID } from '../common/popup-ids';
import './popup.css';

const done = document.getElementById(DONE_ELEMENT_ID);
const opener = window.opener as Window | null;

/** True only for a Kudos window, i.e. the button iframe; reading another origin's location throws. */
function openedByKudos(): boolean {
  try {
    return opener?.location.origin === location.origin;
  } catch {
    return false;
  }
}

// A person who confirmed this site before gives with the button's click alone; the server set
// data-auto only then. Still, only a Kudos button may have it happen without a second click.
const auto = document.querySelector<HTMLFormElement>('form[data-auto]');
if (auto && openedByKudos()) auto.requestSubmit();

if (done && opener) {
  const message = JSON.parse(done.textContent!) as PopupDoneMessage;
  // Same origin as the button iframe: the popup is on Kudos, and so is the iframe.
  post(opener, message, location.origin);
  if (message.counts.status === 'given') setTimeout(() => window.close(), 1500);
}
