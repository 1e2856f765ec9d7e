// The one way Kudos reads a page on someone else's site (site verification, the button check,
// and later feeds or oEmbed discovery). Everything about such a page is hostile: its address
// (checked by address.ts, again after every redirect), its speed (one deadline over the
// headers and the whole body), its size (a byte cap) and its content (the callers parse it
// with linear parsers). Every failure is a refusal in words, so it reaches the person as a 4xx.
//
// Not possible on Workers: there is no DNS API, so a public name that resolves to a private
// address cannot be caught before the request. On Cloudflare the edge cannot reach private
// networks anyway; under `wrangler dev` or a self-hosted workerd it can (see docs/security.md).
import { Refusal, refuse } from '../domain/refusal';
import { publicTarget } from './address';

/** How long a page gets to answer completely, headers and body. */
const PAGE_DEADLINE_MS = 5000;
const MAX_REDIRECTS = 3;

export interface PageRules {
  /** This Kudos runs on a developer's machine: loopback pages may be read (the demo blog). */
  allowLoopback: boolean;
  accept: string;
  maxBytes: number;
  /**
   * Past `maxBytes`: 'refuse' says "too large"; 'cut' keeps the first `maxBytes` (for a reader
   * that needs only the start of a page, such as its <head>).
   */
  oversize: 'refuse' | 'cut';
  /** 'same-origin': a redirect may not leave the first page's origin (a site proof must stay on its site). */
  redirects: 'same-origin' | 'any';
  deadlineMs?: number;
  /** The Worker's fetch; tests never replace it (they serve real pages), the default is global fetch. */
  fetcher?: typeof fetch;
}

export interface FetchedPage {
  /** Where the page was finally read, after redirects. */
  url: URL;
  status: number;
  /** The media type of Content-Type, lower case, without parameters ('' when missing). */
  mediaType: string;
  /** The body as UTF-8 text for a 2xx answer, else ''. */
  text: string;
}

class DeadlinePassed extends Error {}

/**
 * Reads `input` under `rules`: at most MAX_REDIRECTS redirects, each target checked like the
 * first; one deadline for everything; the body capped. Throws a refusal ('fetch_refused',
 * 'page_timeout', 'page_too_large', 'page_unreachable') in words, never anything else.
 */
export async function fetchPage(input: string | URL, rules: PageRules): Promise<FetchedPage> {
  const first = publicTarget(input, rules);
  const deadlineMs = rules.deadlineMs ?? PAGE_DEADLINE_MS;
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new DeadlinePassed());
    }, deadlineMs);
  });
  deadline.catch(() => {});
  let url = first;
  try {
    for (let hop = 0; ; hop++) {
      const response = await Promise.race([send(rules.fetcher ?? fetch, url, rules.accept, abort.signal), deadline]);
      const location = response.headers.get('Location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel().catch(() => {});
        if (hop >= MAX_REDIRECTS) throw refuse('page_unreachable', `${first} redirects more than ${MAX_REDIRECTS} times.`);
        const next = publicTarget(redirectTarget(location, url), rules);
        if (rules.redirects === 'same-origin' && next.origin !== first.origin) {
          throw refuse('fetch_refused', `Not allowed: ${url} redirects to another site (${next.origin}); the page must be on ${first.origin} itself.`);
        }
        url = next;
        continue;
      }
      const mediaType = (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel().catch(() => {});
        return { url, status: response.status, mediaType, text: '' };
      }
      const declared = Number(response.headers.get('Content-Length') ?? '');
      if (rules.oversize === 'refuse' && declared > rules.maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw tooLarge(url, rules.maxBytes);
      }
      const text = await Promise.race([readBody(response, url, rules, abort.signal), deadline]);
      return { url, status: response.status, mediaType, text };
    }
  } catch (error) {
    if (error instanceof DeadlinePassed) {
      throw refuse('page_timeout', `${url} did not answer in time: Kudos waits ${deadlineMs / 1000} seconds for a whole page.`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** Where a Location header leads, resolved against the page that sent it. */
function redirectTarget(location: string, from: URL): URL {
  try {
    return new URL(location, from);
  } catch {
    throw refuse('page_unreachable', `${from} redirects to "${location.slice(0, 100)}", which is not an address.`);
  }
}

async function send(fetcher: typeof fetch, url: URL, accept: string, signal: AbortSignal): Promise<Response> {
  try {
    return await fetcher(url.toString(), {
      redirect: 'manual',
      signal,
      headers: { Accept: accept, 'User-Agent': 'Kudos (reads pages people ask it to check)' },
    });
  } catch (error) {
    if (signal.aborted) throw new DeadlinePassed();
    throw refuse('page_unreachable', `Kudos could not connect to ${url.host}${error instanceof Error && error.message ? ` (${error.message})` : ''}.`);
  }
}

/** The body as text, at most `maxBytes` of it; the reader is released on every path. */
async function readBody(response: Response, url: URL, rules: PageRules, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > rules.maxBytes) {
        if (rules.oversize === 'refuse') throw tooLarge(url, rules.maxBytes);
        chunks.push(value.subarray(0, rules.maxBytes - size));
        size = rules.maxBytes;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } catch (error) {
    if (error instanceof Refusal) throw error;
    if (signal.aborted) throw new DeadlinePassed();
    throw refuse('page_unreachable', `${url} broke off while Kudos was reading it.`);
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function tooLarge(url: URL, maxBytes: number) {
  return refuse('page_too_large', `${url} is too large: Kudos reads at most ${Math.round(maxBytes / 1024)} KB of it.`);
}
