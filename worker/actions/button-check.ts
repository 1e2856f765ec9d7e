// "Does my page carry a working button?": the Worker fetches the creator's page and looks for
// the loader (embed.js from this Kudos) and a kudos-button link naming their handle.
// Fetching a URL someone typed is a server-side request forgery risk, so: http(s) only, no
// credentials in the URL, loopback and private addresses refused unless this Kudos itself runs
// on loopback (local development), every redirect checked the same way, a short timeout and a
// size cap.
import { refuse } from '../domain/refusal';

const CHECK_TIMEOUT_MS = 5000;
const CHECK_MAX_BYTES = 512 * 1024;
const MAX_REDIRECTS = 3;

/** Hosts no production Worker should be asked to fetch: loopback, private, link-local, internal names. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    (!host.includes('.') && !host.includes(':'))
  )
    return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  if (host.includes(':')) return host === '::' || host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  return false;
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The URL to fetch, or a refusal that says why not. */
export function checkTarget(input: string, { allowLoopback }: { allowLoopback: boolean }): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw refuse('invalid_field', "Write the page's full address, starting with https://.");
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('invalid_field', 'Only http and https pages can be checked.');
  if (url.username || url.password) throw refuse('invalid_field', 'Leave the user name and password out of the address.');
  if (isPrivateHost(url.hostname) && !(allowLoopback && isLoopbackHost(url.hostname))) {
    throw refuse('fetch_refused', 'Kudos checks public pages only: that address is a private or local one.');
  }
  return url;
}

export interface PageFindings {
  /** <script src=".../embed.js"> from this Kudos. */
  loader: boolean;
  /** kudos-button links (or the kudos meta tag) naming the handle. */
  buttons: number;
  /** Handles other kudos-button links name. */
  otherOwners: string[];
}

export type CheckResult =
  | { kind: 'working'; url: string; findings: PageFindings }
  | { kind: 'incomplete'; url: string; findings: PageFindings }
  | { kind: 'unreachable'; url: string; reason: string };

/** Reads at most `max` bytes of a body as text. */
async function readCapped(response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  const all = new Uint8Array(Math.min(size, max));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.byteLength, all.length - at));
    all.set(part, at);
    at += part.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** What the page's HTML carries, parsed by the runtime's HTMLRewriter (a real HTML tokenizer). */
export async function inspectPage(html: string, pageUrl: string, kudosOrigin: string, handle: string): Promise<PageFindings> {
  const findings: PageFindings = { loader: false, buttons: 0, otherOwners: [] };
  const resolve = (href: string | null) => {
    try {
      return href ? new URL(href, pageUrl) : null;
    } catch {
      return null;
    }
  };
  const owns = (owner: string | null | undefined) => {
    const name = (owner ?? '').trim().replace(/^@/, '').toLowerCase();
    if (!name) return;
    if (name === handle) findings.buttons += 1;
    else if (!findings.otherOwners.includes(name)) findings.otherOwners.push(name);
  };
  const rewriter = new HTMLRewriter()
    .on('script[src]', {
      element(el) {
        const src = resolve(el.getAttribute('src'));
        if (src && src.origin === kudosOrigin && src.pathname === '/embed.js') findings.loader = true;
      },
    })
    .on('a.kudos-button', {
      element(el) {
        const href = resolve(el.getAttribute('href'));
        owns(el.getAttribute('data-owner') ?? (href?.origin === kudosOrigin ? href.searchParams.get('owner') : null));
      },
    })
    .on('meta[name="kudos:owner"], meta[name="kudos"]', {
      element(el) {
        owns(el.getAttribute('content'));
      },
    });
  await rewriter.transform(new Response(html, { headers: { 'Content-Type': 'text/html' } })).text();
  return findings;
}

/** Fetches the page (following at most three redirects, each checked) and inspects it. */
export async function checkPage(input: string, kudosOrigin: string, handle: string): Promise<CheckResult> {
  const allowLoopback = isLoopbackHost(new URL(kudosOrigin).hostname);
  let url = checkTarget(input, { allowLoopback });
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(url.toString(), {
        redirect: 'manual',
        signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
        headers: { Accept: 'text/html', 'User-Agent': 'Kudos button check' },
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return {
        kind: 'unreachable',
        url: url.toString(),
        reason: timedOut ? `The page did not answer within ${CHECK_TIMEOUT_MS / 1000} seconds.` : 'Kudos could not connect to that address.',
      };
    }
    const location = response.headers.get('Location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) return { kind: 'unreachable', url: url.toString(), reason: 'The page redirects too many times.' };
      url = checkTarget(new URL(location, url).toString(), { allowLoopback });
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { kind: 'unreachable', url: url.toString(), reason: `The page answered HTTP ${response.status}.` };
    }
    const html = await readCapped(response, CHECK_MAX_BYTES);
    const findings = await inspectPage(html, url.toString(), kudosOrigin, handle);
    return { kind: findings.loader && findings.buttons > 0 ? 'working' : 'incomplete', url: url.toString(), findings };
  }
}
