// Every message that crosses a window boundary, in one envelope: `{ kudos: payload }`.
// Three windows talk: the loader (embed.js, on the blog), the button iframe (on Kudos) and the
// first-party popup (on Kudos, opened by the iframe). Nothing here is trusted for what it
// claims; only `event.origin` and `event.source`, which the browser sets, are.

/**
 * What a button shows to its viewer; the same as GET /api/v1/button answers (what each click
 * verdict shows is worker/domain/click.ts). month_settled: the viewer's month is settled, kudos
 * count again next month.
 */
export type ButtonStatus = 'signed_out' | 'own' | 'no_budget' | 'not_funded' | 'given' | 'month_settled' | 'ready';

export interface ButtonCounts {
  status: ButtonStatus;
  clicks_total: number;
  clicks_this_month: number;
}

// --- iframe → parent (the loader on the blog) ----------------------------------------------

/** The button's content needs another size than the loader gave it (e.g. a very large count). */
export interface ResizeMessage {
  type: 'resize';
  width: number;
  height: number;
}

/** A kudos was recorded; the loader re-dispatches it as a `kudos:clicked` DOM event. */
export interface ClickedMessage {
  type: 'clicked';
  clicksTotal: number;
}

export type IframeToParent = ResizeMessage | ClickedMessage;

// --- parent (the loader) → iframe ----------------------------------------------------------

/**
 * Sent once the iframe has loaded. It carries nothing; its `event.origin` tells the iframe who
 * embeds it (Firefox has no `location.ancestorOrigins`), so replies get an exact target origin.
 */
export interface HelloMessage {
  type: 'hello';
}

export type ParentToIframe = HelloMessage;

// --- popup → its opener: the renderer on the blog, or the button iframe on Kudos ---------------

/**
 * The popup finished: `counts` is what the button for `owner`'s `url` should show now. (One
 * popup window is reused, so a button checks the thing is its own.)
 */
export interface PopupDoneMessage {
  type: 'done';
  owner: string;
  url: string;
  counts: ButtonCounts;
  /**
   * The site whose button opened the popup, as the server believed it: the popup answers its
   * opener there (the loader's renderer on the blog) and on Kudos (the button iframe).
   */
  site?: string;
}

export type PopupToIframe = PopupDoneMessage;

// --- iframe → its sibling iframes (a BroadcastChannel, which only ever joins one origin) ------

/** Other buttons for the same thing on the page update too when one of them was clicked. */
export interface SiblingCountsMessage {
  type: 'counts';
  owner: string;
  url: string;
  counts: ButtonCounts;
}

export type IframeToSiblings = SiblingCountsMessage;

/** BroadcastChannel name; browsers partition it by top-level site, so it never crosses blogs. */
export const SIBLING_CHANNEL = 'kudos-button';

export type KudosMessage = IframeToParent | ParentToIframe | PopupToIframe | IframeToSiblings;

export interface Envelope<M extends KudosMessage = KudosMessage> {
  kudos: M;
}

/** Posts `message` to `target`, only ever to one exact origin (never '*'). */
export function post<M extends KudosMessage>(target: Window, message: M, targetOrigin: string): void {
  if (!/^https?:\/\/[^/]+$/.test(targetOrigin)) throw new Error(`Refusing to post to "${targetOrigin}"`);
  const envelope: Envelope<M> = { kudos: message };
  target.postMessage(envelope, targetOrigin);
}

/** Sends to `channel` in the same envelope; a BroadcastChannel reaches only its own origin. */
export function broadcast<M extends IframeToSiblings>(channel: BroadcastChannel, message: M): void {
  const envelope: Envelope<M> = { kudos: message };
  channel.postMessage(envelope);
}

/**
 * The message inside `event` if it came from `source` at `origin` and has one of `types`
 * (`source` null only for a BroadcastChannel, whose events have none);
 * null for anything else (other scripts' messages, other windows, forged shapes).
 */
export function receive<M extends KudosMessage>(
  event: MessageEvent<unknown>,
  origin: string,
  source: MessageEventSource | null,
  types: readonly M['type'][],
): M | null {
  if (event.origin !== origin || event.source !== source) return null;
  const data = event.data;
  if (typeof data !== 'object' || data === null || !('kudos' in data)) return null;
  const message: unknown = data.kudos;
  if (typeof message !== 'object' || message === null || !('type' in message)) return null;
  return (types as readonly unknown[]).includes(message.type) ? (message as M) : null;
}
