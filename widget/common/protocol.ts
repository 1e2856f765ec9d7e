// Every message that crosses a window boundary, in one envelope: `{ kudos: payload }`.
// One message crosses one boundary: the first-party popup (on Kudos) tells the renderer that
// opened it (on the blog, or on a Kudos page) what its button shows now. Nothing here is
// trusted for what it claims; only `event.origin` and `event.source`, which the browser sets, are.

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

// --- popup → its opener: the renderer, on the blog or on a Kudos page ------------------------

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
   * The site whose button opened the popup, named only after the visitor acted in the popup and
   * only for a thing on that site: the popup then answers its opener there too, not only on Kudos.
   */
  site?: string;
}

export type KudosMessage = PopupDoneMessage;

export interface Envelope<M extends KudosMessage = KudosMessage> {
  kudos: M;
}

/** Posts `message` to `target`, only ever to one exact origin (never '*'). */
export function post<M extends KudosMessage>(target: Window, message: M, targetOrigin: string): void {
  if (!/^https?:\/\/[^/]+$/.test(targetOrigin)) throw new Error(`Refusing to post to "${targetOrigin}"`);
  const envelope: Envelope<M> = { kudos: message };
  target.postMessage(envelope, targetOrigin);
}

/**
 * The message inside `event` if it came from `source` at `origin` and has one of `types`;
 * null for anything else (other scripts' messages, other windows, forged shapes).
 */
export function receive<M extends KudosMessage>(
  event: MessageEvent<unknown>,
  origin: string,
  source: MessageEventSource,
  types: readonly M['type'][],
): M | null {
  if (event.origin !== origin || event.source !== source) return null;
  const data = event.data;
  if (typeof data !== 'object' || data === null || !('kudos' in data)) return null;
  const message: unknown = data.kudos;
  if (typeof message !== 'object' || message === null || !('type' in message)) return null;
  return (types as readonly unknown[]).includes(message.type) ? (message as M) : null;
}
