// The one counts request of a page (GET /api/v1/counts), shared by the loader (which sends it
// early for the links already on the page) and the renderer (which uses that answer, or asks).

/** One entry per `t` asked for, in order: [all-time total, this month], or null (unknown owner, bad URL). */
export type CountsList = ([total: number, thisMonth: number] | null)[];

/** What one request may ask for; a page with more buttons sends more requests. */
export const MAX_THINGS_PER_REQUEST = 100;

/** Where the loader leaves its early request for the renderer (a page global: nothing secret). */
export const PREFETCH_KEY = '__kudosCounts';

export interface Prefetch {
  /** The `t` values asked for, joined by newlines. */
  keys: string;
  answer: Promise<CountsList>;
}

/** No cookies, no credentials: the same public, cached answer for every reader. */
export function countsRequest(kudos: string, keys: string[]): Promise<CountsList> {
  return fetch(`${kudos}/api/v1/counts?${keys.map((key) => `t=${encodeURIComponent(key)}`).join('&')}`, { credentials: 'omit' })
    .then((res) => res.json() as Promise<{ counts: CountsList }>)
    .then((body) => body.counts);
}
