// How a person proves a site is theirs, as functions without I/O: which origin a URL names,
// where its proofs live, and which handles a proof names. The proofs are read only from the
// origin's own fixed places (its home page's <head> and /.well-known/kudos), never from a page
// or query the person chose: a page that echoes its query, or a site that answers every path
// with the same app shell, proves nothing.
import { canonicalHost, HANDLE } from './rules';

export const WELL_KNOWN_PATH = '/.well-known/kudos';
/** The home page: the one HTML page whose <head> speaks for the whole origin. */
export const HOME_PATH = '/';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * The origin of `url`, with its host canonical (lower case, punycode, no trailing dot), if it is
 * a site that can be verified: HTTPS, or plain HTTP on a loopback host (the local demo blog);
 * else null. Whether Kudos may fetch it at all is worker/outbound's decision.
 */
export function verifiableOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  const host = canonicalHost(parsed.hostname);
  if (!host) return null;
  parsed.hostname = host;
  if (parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname)) return parsed.origin;
  return null;
}

/** One handle as written in a proof ("@Alice" or "alice"), or null when it is not a handle. */
function handleOf(word: string): string | null {
  const handle = word.replace(/^@/, '').toLowerCase();
  return HANDLE.test(handle) ? handle : null;
}

/** Elements that may stand in a document's <head>; any other ends it, as in a browser's parser. */
const HEAD_CONTENT = new Set(['meta', 'title', 'link', 'style', 'script', 'noscript', 'base', 'template']);

/**
 * The handles `<meta name="kudos:owner" content="…">` tags name in the explicit `<head>` of a
 * page, parsed by the Workers runtime's HTMLRewriter (a streaming HTML tokenizer: linear in the
 * page, and script, style and comment text is never read as tags). A meta tag after the head
 * (in the body, or after an element that ends the head) or inside a <template> does not count.
 * An unparseable page (HTMLRewriter refuses, e.g., a tag larger than its memory limit) names nobody.
 */
export async function ownersInHead(html: string): Promise<string[]> {
  const owners: string[] = [];
  let place: 'before' | 'head' | 'after' = 'before';
  let templates = 0;
  const rewriter = new HTMLRewriter().on('*', {
    element(element) {
      const tag = element.tagName.toLowerCase();
      if (place === 'after' || tag === 'html') return;
      if (place === 'before') {
        place = tag === 'head' ? 'head' : 'after';
        if (place === 'head') {
          element.onEndTag(() => {
            place = 'after';
          });
        }
        return;
      }
      if (!HEAD_CONTENT.has(tag)) {
        place = 'after';
        return;
      }
      if (tag === 'template') {
        templates++;
        element.onEndTag(() => {
          templates--;
        });
      }
      if (tag !== 'meta' || templates > 0 || element.getAttribute('name')?.trim().toLowerCase() !== 'kudos:owner') return;
      for (const word of (element.getAttribute('content') ?? '').split(/[\s,]+/)) {
        const handle = handleOf(word);
        if (handle) owners.push(handle);
      }
    },
  });
  try {
    await rewriter.transform(new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } })).arrayBuffer();
  } catch {
    return [];
  }
  return owners;
}

/** What a /.well-known/kudos file says: the handles it lists, or why it is not a Kudos file. */
export type WellKnownReading = { kind: 'handles'; handles: string[] } | { kind: 'not_kudos_file'; why: string };

/**
 * Reads a /.well-known/kudos file strictly: served as text/plain, each line blank, a "#"
 * comment, or handles (separated by spaces or commas, an optional "@") with an optional
 * trailing comment. Anything else (an HTML page, a sentence that happens to contain a
 * handle-like word) makes it not a Kudos file, and nobody is named.
 */
export function readWellKnown(mediaType: string, text: string): WellKnownReading {
  if (mediaType !== 'text/plain') {
    return { kind: 'not_kudos_file', why: `it is served as ${mediaType || 'no type at all'}, not text/plain` };
  }
  const handles: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const hash = line.indexOf('#');
    const words = (hash === -1 ? line : line.slice(0, hash)).split(/[\s,]+/).filter(Boolean);
    for (const word of words) {
      const handle = handleOf(word);
      if (!handle) return { kind: 'not_kudos_file', why: `line ${index + 1} holds "${word.slice(0, 40)}", which is not a handle` };
      handles.push(handle);
    }
  }
  if (handles.length === 0) return { kind: 'not_kudos_file', why: 'it names no handle' };
  return { kind: 'handles', handles };
}
