// Kudos' rules about people, things and clicks, as pure functions.

export const HANDLE = /^[a-z0-9][a-z0-9_-]{1,29}$/;
export const MAX_URL_LENGTH = 2048;
export const MAX_TITLE_LENGTH = 200;
/** What a newcomer may write when asking for an invite. */
export const MAX_NOTE_LENGTH = 500;
export const INVITES_PER_ACCOUNT = 3;

/**
 * Characters no title keeps: C0 and C1 controls (NUL, ESC…), DEL, and the invisible direction
 * marks, embeddings, overrides and isolates that can make a title read backwards ("Trojan
 * Source") or hide text. Line breaks and tabs become spaces.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point.
const TITLE_DROPPED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * The one title cleaner, used wherever a title is accepted: controls and bidi overrides
 * dropped, whitespace runs made one space, trimmed, at most MAX_TITLE_LENGTH characters
 * (never cutting a surrogate pair). '' when nothing is left.
 */
export function cleanTitle(input: string): string {
  const text = input.replace(TITLE_DROPPED, '').replace(/\s+/g, ' ').trim();
  return [...text].slice(0, MAX_TITLE_LENGTH).join('').trim();
}

/** A thing's title as given (cleaned by `cleanTitle`), or its URL when none is left. */
export function titleOrUrl(title: string | null | undefined, url: string): string {
  return cleanTitle(title ?? '') || url;
}

/** What a button names: its owner's handle, the page's canonical URL, the title for a first click. */
export interface ButtonRef {
  owner: string;
  url: string;
  title: string;
}

/** Why a button's parameters name no thing: the one sentence every route refuses them with. */
export const BUTTON_REF_REFUSED = '"owner" must be a Kudos handle and "url" an absolute http(s) URL.';

/**
 * A button's owner and page as a link, form, query or API call gives them, read the one way
 * every route reads them; null unless both are usable.
 */
export function readButtonRef(owner: string | null | undefined, url: string | null | undefined, title?: string | null): ButtonRef | null {
  const handle = (owner ?? '').toLowerCase();
  const page = normaliseUrl(url ?? '');
  if (!HANDLE.test(handle) || !page) return null;
  return { owner: handle, url: page, title: titleOrUrl(title, page) };
}

/**
 * A host as one name for one site: lower case (the URL parser's work, as is punycode for IDN)
 * and without the trailing dots of a fully qualified name, so "Blog.example." and
 * "blog.example" (and "localhost." and "localhost") name the same origin.
 */
export function canonicalHost(hostname: string): string {
  let end = hostname.length;
  while (end > 0 && hostname[end - 1] === '.') end--;
  return hostname.slice(0, end).toLowerCase();
}

/** Query parameters that only track where a reader came from; they never make a new thing. */
const TRACKING_PARAMS = /^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ref)$/i;

/**
 * The canonical form of a thing's URL, so that "HTTPS://Blog.example:443/post/?utm_source=x#top"
 * and "https://blog.example/post" are one thing: http(s) only, lower-case host, no default port,
 * no trailing dot on the host, no fragment, no tracking parameters, remaining parameters sorted, no trailing slash on a path.
 * Returns null for anything that is not an absolute http(s) URL.
 */
export function normaliseUrl(input: string): string | null {
  if (input.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  url.hash = '';
  const host = canonicalHost(url.hostname);
  if (!host) return null;
  url.hostname = host;
  const kept = [...url.searchParams].filter(([name]) => !TRACKING_PARAMS.test(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  const text = url.toString();
  return text.length <= MAX_URL_LENGTH ? text : null;
}

// The click rules (own thing, budget, funds, settled month, once a month) are SQL in
// store/clicks.ts: they guard the click's writes inside its one D1 batch.

/** The loopback host names, as a URL spells them. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An address Kudos sends something to on a person's say (an app's redirect, a webhook endpoint):
 * https, or http on a loopback host where `allowLoopback`; no user name, password or fragment.
 */
export function httpsOrLoopback(raw: string, allowLoopback: boolean): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return allowLoopback && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}
