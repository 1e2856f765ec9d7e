// Real HTTP sites, on loopback, that behave as the outside audit's (issue 20) did, for the Worker
// under test to read. Each is its own origin (its own port), because site proofs are read from
// an origin's home page and /.well-known/kudos:
// - spa: every path answers 200 with the same app shell ("You need to enable JavaScript…"),
//   /.well-known/kudos included;
// - reflect: every path echoes its ?q= JSON-encoded inside a <script> (escaped, so the site
//   itself is safe);
// - metas: 522 KB of unclosed `<meta ` tags, on every path;
// - drip: answers 200 and then one line a second, for ever;
// - okay: every path answers 200 "OK" as text/plain (a health-check style catch-all, whose
//   one word looks like a handle);
// - honest: the home page's <head> names HONEST_META_OWNER; /.well-known/kudos (text/plain)
//   names HONEST_FILE_OWNER; /go?to= redirects anywhere.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HONEST_META_OWNER = 'honest-meta-owner';
export const HONEST_FILE_OWNER = 'honest-file-owner';
export const APP_SHELL =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App</title></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div><script src="/static/js/main.js"></script></body></html>';
const META_BOMB_BYTES = 522 * 1024;

export type HostileSite = 'spa' | 'reflect' | 'metas' | 'drip' | 'okay' | 'honest';
export type HostileSitePorts = Record<HostileSite, number>;

const html = { 'Content-Type': 'text/html; charset=utf-8' };

function reflect(query: string | null): string {
  // JSON inside a script, with "</" escaped: what a careful site does with a search term.
  const echoed = JSON.stringify(query ?? '').replaceAll('</', '<\\/');
  return `<!doctype html><html><head><title>Search</title></head><body><h1>Search</h1><script>window.searchTerm = ${echoed};</script></body></html>`;
}

function honestHome(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>An honest blog</title><meta name="kudos:owner" content="${HONEST_META_OWNER}"></head><body><p>Hello.</p></body></html>`;
}

function serve(site: HostileSite): Server {
  const bomb = `<html><head>${'<meta '.repeat(Math.ceil(META_BOMB_BYTES / 6))}`;
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site.invalid');
    switch (site) {
      case 'spa':
        res.writeHead(200, html);
        return res.end(APP_SHELL);
      case 'reflect':
        res.writeHead(200, html);
        return res.end(reflect(url.searchParams.get('q')));
      case 'metas':
        res.writeHead(200, html);
        return res.end(bomb);
      case 'drip': {
        res.writeHead(200, html);
        res.write('<!doctype html><html><head><title>Slow</title>\n');
        const drip = setInterval(() => res.write('<!-- one more line -->\n'), 1000);
        res.on('close', () => clearInterval(drip));
        return;
      }
      case 'okay':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return res.end('OK');
      case 'honest':
        if (url.pathname === '/') {
          res.writeHead(200, html);
          return res.end(honestHome());
        }
        if (url.pathname === '/.well-known/kudos') {
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
          return res.end(`# Who writes this site\n@${HONEST_FILE_OWNER} # since 2026\n`);
        }
        if (url.pathname === '/go') {
          res.writeHead(302, { Location: url.searchParams.get('to') ?? '/' });
          return res.end();
        }
        res.writeHead(404, html);
        return res.end('<!doctype html><title>Not found</title>');
    }
  });
}

/** Starts every site on its own loopback port (0: any free one). */
export async function startHostileSites(ports: Partial<HostileSitePorts> = {}): Promise<{ ports: HostileSitePorts; close(): Promise<void> }> {
  const sites: HostileSite[] = ['spa', 'reflect', 'metas', 'drip', 'okay', 'honest'];
  const servers = await Promise.all(
    sites.map(
      (site) =>
        new Promise<Server>((resolve, reject) => {
          const server = serve(site);
          server.once('error', reject);
          server.listen(ports[site] ?? 0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const bound = Object.fromEntries(sites.map((site, i) => [site, (servers[i]!.address() as AddressInfo).port])) as HostileSitePorts;
  return {
    ports: bound,
    close: async () => {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
