// The popup's only script: tell the button that opened it what it should show now, then close.
// Without an opener (the no-JavaScript path from the thing page) the page simply stays.
import { post, type PopupDoneMessage } from '../common/protocol';
import { DONE_ELEMENT_ID } from '../common/popup-ids';
import './popup.css';

const done = document.getElementById(DONE_ELEMENT_ID);
const opener = window.opener as Window | null;

// A person who confirmed this site before gives with the button's click alone; the server set
// data-auto only then (and only for a thing on that site when the site itself opened us). Only
// in a popup, and only once it has been visible for a moment, so the reader sees what is given.
const auto = document.querySelector<HTMLFormElement>('form[data-auto]');
if (auto && opener) {
  setTimeout(() => {
    if (document.visibilityState === 'visible') auto.requestSubmit();
  }, 500);
}

if (done && opener) {
  const message = JSON.parse(done.textContent!) as PopupDoneMessage;
  // Exact origins only: the one of the two that is the opener's gets it, the other is dropped.
  post(opener, message, location.origin);
  if (message.site) post(opener, message, message.site);
  if (message.counts.status === 'given') setTimeout(() => window.close(), 1500);
}
