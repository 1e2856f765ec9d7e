// "Does my page carry a working button?": the Worker reads the creator's page (through
// worker/outbound, the one guarded way to read someone else's page: public addresses only,
// redirects checked again, one deadline, a byte cap) and looks for the loader (embed.js from
// this Kudos) and a kudos-button link naming their handle.
import type { CheckResult, PageFindings } from '../domain/button-check';
import { Refusal } from '../domain/refusal';
import { fetchPage } from '../outbound/fetch-page';

const CHECK_MAX_BYTES = 512 * 1024;

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

/**
 * Reads the page (at most three redirects, each checked again) and inspects it. A page that
 * cannot be read (too slow, too large, unreachable, not 2xx) is 'unreachable' with the reason in
 * words; an address Kudos may not read refuses ('fetch_refused', 'invalid_field').
 */
export async function checkPage(input: string, kudosOrigin: string, handle: string, reading: { allowLoopback: boolean }): Promise<CheckResult> {
  let page: Awaited<ReturnType<typeof fetchPage>>;
  try {
    page = await fetchPage(input, { ...reading, accept: 'text/html', maxBytes: CHECK_MAX_BYTES, oversize: 'refuse', redirects: 'any' });
  } catch (error) {
    if (error instanceof Refusal && error.code.startsWith('page_')) return { kind: 'unreachable', url: input.trim(), reason: error.message };
    throw error;
  }
  const url = page.url.toString();
  if (page.status < 200 || page.status > 299) return { kind: 'unreachable', url, reason: `The page answered HTTP ${page.status}.` };
  const findings = await inspectPage(page.text, url, kudosOrigin, handle);
  return { kind: findings.loader && findings.buttons > 0 ? 'working' : 'incomplete', url, findings };
}
