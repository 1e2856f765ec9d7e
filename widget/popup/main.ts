// The popup's only script: tell the button that opened it what it should show now, then close.
// Without an opener (the no-JavaScript path from the thing page) the page simply stays.
import { post, type ButtonCounts } from '../protocol';
import { DONE_ELEMENT_ID } from './ids';
import './popup.css';

const done = document.getElementById(DONE_ELEMENT_ID);
const opener = window.opener as Window | null;
if (done && opener) {
  const counts = JSON.parse(done.textContent!) as ButtonCounts;
  // Same origin as the button iframe: the popup is on Kudos, and so is the iframe.
  post(opener, { type: 'done', counts }, location.origin);
  if (counts.status === 'given') setTimeout(() => window.close(), 1500);
}
