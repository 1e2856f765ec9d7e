// How a person proves a site is theirs, as pure functions: which origins may be fetched, and
// which handles a page's <meta name="kudos:owner"> or a /.well-known/kudos file names.
import { HANDLE } from './rules';

export const WELL_KNOWN_PATH = '/.well-known/kudos';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * The origin of `url` if the Worker may fetch it to verify a site: HTTPS, or plain HTTP for a
 * loopback host only (the local demo blog proves sites that way in tests); else null.
 */
export function verifiableOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  if (parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname)) return parsed.origin;
  return null;
}

/** Whether `url` (normalised) lies on `origin`. */
export function isOnOrigin(url: string, origin: string): boolean {
  return url.startsWith(`${origin}/`);
}

/** Handles in one list: separated by spaces or commas, an optional "@", case-insensitive. */
function handlesIn(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((h) => h.replace(/^@/, '').toLowerCase())
    .filter((h) => HANDLE.test(h));
}

const META_TAG = /<meta\b[^>]*>/gi;
const ATTRIBUTE = /([a-z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/** The handles named by `<meta name="kudos:owner" content="…">` tags in a page. */
export function ownersInPage(html: string): string[] {
  const owners: string[] = [];
  for (const [tag] of html.matchAll(META_TAG)) {
    const attributes = new Map<string, string>();
    for (const m of tag.matchAll(ATTRIBUTE)) attributes.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
    if (attributes.get('name')?.toLowerCase() === 'kudos:owner') owners.push(...handlesIn(attributes.get('content') ?? ''));
  }
  return owners;
}

/** The handles a /.well-known/kudos file lists: one or more per line, "#" starts a comment. */
export function ownersInWellKnown(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => handlesIn(line.replace(/#.*/, '')));
}
