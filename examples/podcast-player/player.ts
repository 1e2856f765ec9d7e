// A podcast player that gives kudos for the episodes you listen to: a third-party app on Kudos'
// OAuth 2.1, built on oauth4webapi. It registers itself (RFC 7591), sends you to Kudos to allow
// it (code with PKCE), reads a feed's payment links (what the Kudos WordPress plugin writes:
// `<atom:link rel="payment">` per episode, `<podcast:funding>` per show) and gives for the
// episode you choose, with the token. One listener, everything in memory: an example, not a product.
//
//   node examples/podcast-player/player.ts --kudos http://localhost:8787 --port 8790
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import * as oauth from 'oauth4webapi';

export interface Player {
  url: string;
  close(): Promise<void>;
}

/** One episode of a feed: its title and where Kudos takes kudos for it. */
interface Episode {
  title: string;
  payment: string;
}

export async function startPlayer({ kudos, port = 0 }: { kudos: string; port?: number }): Promise<Player> {
  const issuer = new URL(kudos);
  // A local Kudos is plain http on loopback; a deployed one is https, where this is never needed.
  const options = { [oauth.allowInsecureRequests]: issuer.protocol === 'http:' };
  let as: oauth.AuthorizationServer | undefined;
  let client: oauth.Client | undefined;
  const pending = new Map<string, string>(); // state → PKCE verifier
  let tokens: { access: string; refresh?: string } | undefined;
  let redirectUri = '';

  async function server() {
    as ??= await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...options, algorithm: 'oauth2' }));
    client ??= await oauth.processDynamicClientRegistrationResponse(
      await oauth.dynamicClientRegistrationRequest(
        as,
        {
          client_name: 'Example podcast player',
          redirect_uris: [redirectUri],
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
        },
        options,
      ),
    );
    return { as, client };
  }

  async function connect(res: ServerResponse) {
    const { as, client } = await server();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    pending.set(state, verifier);
    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'read give',
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();
    redirect(res, url.href);
  }

  async function callback(url: URL, res: ServerResponse) {
    const { as, client } = await server();
    const state = url.searchParams.get('state') ?? '';
    const verifier = pending.get(state);
    pending.delete(state);
    if (!verifier) return page(res, 400, '<p>This sign-in was not started here.</p>');
    if (url.searchParams.get('error')) return page(res, 200, `<p role="status">Kudos said: ${html(url.searchParams.get('error')!)}. <a href="/">Back</a></p>`);
    const params = oauth.validateAuthResponse(as, client, url, state);
    const answer = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri, verifier, options),
    );
    tokens = { access: answer.access_token, refresh: answer.refresh_token };
    redirect(res, '/');
  }

  /** Calls Kudos' API with the token, refreshing it once when it has expired. */
  async function callKudos(method: string, path: string, body?: unknown): Promise<Response> {
    const send = (token: string) =>
      oauth
        .protectedResourceRequest(
          token,
          method,
          new URL(`/api/v1${path}`, issuer),
          new Headers(body ? { 'Content-Type': 'application/json' } : {}),
          body ? JSON.stringify(body) : null,
          options,
        )
        .catch((error) => {
          if (error instanceof oauth.WWWAuthenticateChallengeError) return error.response;
          throw error;
        });
    let answer = await send(tokens!.access);
    if (answer.status === 401 && tokens?.refresh) {
      const { as, client } = await server();
      try {
        const fresh = await oauth.processRefreshTokenResponse(
          as,
          client,
          await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh, options),
        );
        tokens = { access: fresh.access_token, refresh: fresh.refresh_token ?? tokens.refresh };
        answer = await send(tokens.access);
      } catch (error) {
        // The listener took the access back on Kudos (or it lapsed): connect again.
        if (!(error instanceof oauth.ResponseBodyError)) throw error;
        tokens = undefined;
      }
    }
    return answer;
  }

  async function home(url: URL, res: ServerResponse) {
    const answer = tokens ? await callKudos('GET', '/me') : undefined;
    if (!answer?.ok)
      return page(res, 200, '<p>Give kudos to the episodes you like, from your monthly Kudos budget.</p><p><a href="/connect">Connect Kudos</a></p>');
    const me = await answer.json();
    const feed = url.searchParams.get('feed');
    const episodes = feed ? paymentLinks(await (await fetch(feed)).text()) : [];
    const list = episodes
      .map(
        (e) =>
          `<li>${html(e.title)} <form method="post" action="/give"><input type="hidden" name="payment" value="${html(e.payment)}"><button>Give kudos to ${html(e.title)}</button></form></li>`,
      )
      .join('');
    page(
      res,
      200,
      `<p>Connected to Kudos as @${html(me.handle)}.</p>
<form><label>Feed <input name="feed" type="url" value="${html(feed ?? '')}" required></label> <button>Open feed</button></form>
<ul>${list}</ul>`,
    );
  }

  async function give(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await bodyOf(req));
    const payment = new URL(form.get('payment') ?? '');
    // The plugin's payment link is the thing's page on Kudos: /thing?owner=…&url=…&title=…
    const thing = { owner: payment.searchParams.get('owner'), url: payment.searchParams.get('url'), title: payment.searchParams.get('title') ?? undefined };
    if (!tokens) return redirect(res, '/');
    const answer = await callKudos('POST', '/clicks', thing);
    const said = answer.ok ? 'Kudos given. Thank you!' : `Not given: ${(await answer.json()).error.message}`;
    page(res, answer.ok ? 200 : 409, `<p role="status">${html(said)}</p><p><a href="/">Back</a></p>`);
  }

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', redirectUri);
    const route =
      url.pathname === '/connect'
        ? connect(res)
        : url.pathname === '/callback'
          ? callback(url, res)
          : url.pathname === '/give' && req.method === 'POST'
            ? give(req, res)
            : url.pathname === '/'
              ? home(url, res)
              : Promise.resolve(page(res, 404, '<p>Not here.</p>'));
    route.catch((error) => page(res, 500, `<p>${html(String(error))}</p>`));
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  redirectUri = `${url}/callback`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        // A browser keeps its connection open; closing waits for none.
        http.closeAllConnections();
      }),
  };
}

/**
 * Each item's payment link, and the show's funding link as a last entry. A regular expression
 * is enough for an example reading feeds it was pointed at; a real player uses an XML parser.
 */
function paymentLinks(xml: string): Episode[] {
  const episodes: Episode[] = [];
  for (const [, item = ''] of xml.matchAll(/<item>([\s\S]*?)<\/item>/g)) {
    const title = /<title>([\s\S]*?)<\/title>/.exec(item)?.[1];
    const payment = /<atom:link rel="payment" href="([^"]+)"/.exec(item)?.[1];
    if (title && payment) episodes.push({ title: xmlText(title), payment: xmlText(payment) });
  }
  return episodes;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const xmlText = (text: string) =>
  text
    .replace(/^<!\[CDATA\[|\]\]>$/g, '')
    .replace(/&(#\d+|\w+);/g, (entity, name: string) => (name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : (ENTITIES[name] ?? entity)));

const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><meta charset="utf-8"><title>Example podcast player</title><h1>Example podcast player</h1>${body}`);
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(302, { Location: location });
  res.end();
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

// Run on its own: `node examples/podcast-player/player.ts --kudos <origin> [--port <port>]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1];
  const player = await startPlayer({ kudos: arg('kudos') ?? 'http://localhost:8787', port: Number(arg('port') ?? 8790) });
  console.log(`Example podcast player on ${player.url}`);
}
