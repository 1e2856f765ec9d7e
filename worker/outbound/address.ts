// Which addresses Kudos may fetch when someone asks it to read a page: public ones only.
// The WHATWG URL parser has already turned every IPv4 spelling (decimal "2130706433", octal
// "0177.1", hex "0x7f.1", short "127.1") into dotted decimal and every IPv6 spelling into its
// compressed form, and IDN hosts into punycode; this module classifies what it produced with
// ipaddr.js (maintained range tables) rather than our own list of prefixes.
import ipaddr from 'ipaddr.js';
import { canonicalHost } from '../domain/rules';
import { refuse } from '../domain/refusal';

/** Names that never lead to a public site: the machine itself, the local network, internal zones. */
const INTERNAL_NAME = /(^|\.)(localhost|local|internal|lan|intranet|home\.arpa)$/;

/**
 * Why Kudos may not fetch `host` (a URL's hostname), or null when it is a public name or address.
 * `allowLoopback`: this Kudos itself runs on a developer's machine, so its own machine's pages
 * (the demo blog) may be read, in their plain spellings only (localhost, 127.x, [::1]).
 */
export function whyNotPublic(host: string, { allowLoopback }: { allowLoopback: boolean }): string | null {
  const name = canonicalHost(host);
  if (allowLoopback && isPlainLoopback(name)) return null;
  const bare = name.replace(/^\[|\]$/g, '');
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) {
    const range = ipaddr.IPv4.parse(bare).range();
    return range === 'unicast' ? null : `${name} is a ${words(range)} address`;
  }
  if (name.startsWith('[')) {
    if (!ipaddr.IPv6.isValid(bare)) return `${name} is not an address`;
    const address = ipaddr.IPv6.parse(bare);
    const range = address.range();
    // Only global unicast (2000::/3) reaches the public internet; the ranges below it hold the
    // IPv4-compatible (::7f00:1), IPv4-mapped (::ffff:…) and NAT64 (64:ff9b::…) spellings of
    // IPv4 addresses, which would otherwise smuggle 127.0.0.1 or 169.254.169.254 past the check.
    const global = (address.parts[0]! & 0xe000) === 0x2000;
    return range === 'unicast' && global ? null : `${name} is ${range === 'unicast' ? 'not a global' : `a ${words(range)}`} address`;
  }
  if (!name.includes('.') || INTERNAL_NAME.test(name)) return `${name} is a local name`;
  return null;
}

function isPlainLoopback(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

function words(range: string): string {
  const known: Record<string, string> = {
    loopback: 'loopback',
    private: 'private',
    linkLocal: 'link-local',
    uniqueLocal: 'private',
    carrierGradeNat: 'shared (carrier NAT)',
    ipv4Mapped: 'IPv4-mapped',
    rfc6052: 'NAT64',
    rfc6145: 'IPv4-translated',
    unspecified: 'unspecified',
    multicast: 'multicast',
    broadcast: 'broadcast',
  };
  return known[range] ?? `reserved (${range})`;
}

/**
 * The URL Kudos may fetch for `input`, or a refusal in words: http(s) only, no credentials,
 * a public host (see `whyNotPublic`). Used for the first address and every redirect.
 */
export function publicTarget(input: string | URL, rules: { allowLoopback: boolean }): URL {
  let url: URL;
  try {
    url = new URL(String(input).trim());
  } catch {
    throw refuse('invalid_field', "Write the page's full address, starting with https://.");
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('invalid_field', 'Only http and https pages can be read.');
  if (url.username || url.password) throw refuse('invalid_field', 'Leave the user name and password out of the address.');
  url.hostname = canonicalHost(url.hostname);
  const why = whyNotPublic(url.hostname, rules);
  if (why) throw refuse('fetch_refused', `Not allowed: Kudos reads public pages only, and ${why}.`);
  return url;
}
