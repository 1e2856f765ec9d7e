// Apps acting for people, driven by oauth4webapi (a client nobody here wrote) against the Worker:
// discovery, dynamic registration, the consent page, the code with PKCE, giving with the token
// by every rule a click obeys, scopes, refresh, and access taken back by the person or the app.
import { exports } from 'cloudflare:workers';
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { type Client, newPerson, ORIGIN } from './client';

// oauth4webapi's requests go to the Worker's own fetch handler.
const send = (input: string | URL | Request, init?: RequestInit) => exports.default.fetch(new Request(input, init));
const appFetch = (url: string, init: oauth.CustomFetchOptions<string, unknown>) => send(url, init as RequestInit);
const options = { [oauth.customFetch]: appFetch, [oauth.allowInsecureRequests]: true };
const REDIRECT = 'http://127.0.0.1:7777/callback';

async function discover() {
  const issuer = new URL(ORIGIN);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...options, algorithm: 'oauth2' }));
}

/** The app registers itself (RFC 7591) as a public client. */
async function registerApp(as: oauth.AuthorizationServer, name = 'Pod player') {
  const answer = await oauth.dynamicClientRegistrationRequest(
    as,
    { redirect_uris: [REDIRECT], client_name: name, token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] },
    options,
  );
  return oauth.processDynamicClientRegistrationResponse(answer);
}

/** Sends `person` through /authorize for `scope`; returns the consent page and what it takes to answer it. */
async function askConsent(as: oauth.AuthorizationServer, client: oauth.Client, person: Client, scope: string) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: client.client_id,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const page = await person.get(url.pathname + url.search);
  const handle = /name="handle" value="([^"]+)"/.exec(page.text)?.[1];
  return { page, handle: handle!, verifier, state, url };
}

/** The whole dance: consent approved for `ticked`, the code exchanged for tokens. */
async function authorize(as: oauth.AuthorizationServer, client: oauth.Client, person: Client, scope: string, ticked: string[]) {
  const { page, handle, verifier, state } = await askConsent(as, client, person, scope);
  expect(page.status).toBe(200);
  const form: Record<string, string> = { handle, decision: 'approve' };
  for (const s of ticked) form[`scope_${s}`] = 'on';
  const approved = await person.submit('/authorize', form);
  expect(approved.status).toBe(302);
  const params = oauth.validateAuthResponse(as, client, new URL(approved.location!), state);
  const answer = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, REDIRECT, verifier, options);
  return oauth.processAuthorizationCodeResponse(as, client, answer);
}

/** The app's API call; a refusal with a Bearer challenge (which oauth4webapi throws) is answered too. */
async function api(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await oauth.protectedResourceRequest(
      token,
      method,
      new URL(`/api/v1${path}`, ORIGIN),
      new Headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body === undefined ? null : JSON.stringify(body),
      options,
    );
  } catch (error) {
    if (error instanceof oauth.WWWAuthenticateChallengeError) return error.response;
    throw error;
  }
}

describe('apps acting for people (OAuth 2.1)', () => {
  it('publishes its metadata: code with S256 only, refresh, revocation, registration, the three scopes', async () => {
    const as = await discover();
    expect(as.issuer).toBe(ORIGIN);
    expect(as.authorization_endpoint).toBe(`${ORIGIN}/authorize`);
    expect(as.token_endpoint).toBe(`${ORIGIN}/oauth/token`);
    expect(as.registration_endpoint).toBe(`${ORIGIN}/oauth/register`);
    expect(as.revocation_endpoint).toBeTruthy();
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
    expect(as.scopes_supported).toEqual(['read', 'give', 'things']);
  });

  it('gives once with a token by the rules of a click, refreshes, and is refused once the person takes access back', async () => {
    const as = await discover();
    const client = await registerApp(as);
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const creator = await newPerson();

    const consent = await askConsent(as, client, reader, 'read give');
    // The page names the app as its own claim, where access goes (a program on this computer), and each scope in words.
    expect(consent.page.text).toContain('Allow Pod player to act for you on Kudos?');
    expect(consent.page.text).toContain('This app registered itself: its name is not verified.');
    expect(consent.page.text).toContain('Access goes to 127.0.0.1.');
    expect(consent.page.text).toContain('data-testid="loopback-warning"');
    expect(consent.page.text).toContain('give kudos from your monthly budget');
    expect(consent.page.text).not.toContain('register things in your name');
    // It cannot be framed, and its answer may go only here and back to the app (form-action covers the redirect).
    expect(consent.page.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(consent.page.headers.get('Content-Security-Policy')).toContain("form-action 'self' http://127.0.0.1:7777;");

    const tokens = await authorize(as, client, reader, 'read give', ['read', 'give']);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.scope?.split(' ').sort()).toEqual(['give', 'read']);
    expect(tokens.refresh_token).toBeTruthy();

    const me = await api(tokens.access_token, 'GET', '/me');
    expect(me.status).toBe(200);
    expect((await me.json<{ handle: string }>()).handle).toBe(reader.handle);

    // Giving with the token obeys every rule a click obeys: once per thing per month, never one's own.
    const thing = { owner: creator.handle, url: `https://${creator.handle}.example/episode-1`, title: 'Episode 1' };
    const given = await api(tokens.access_token, 'POST', '/clicks', thing);
    expect(given.status).toBe(201);
    expect((await given.json<{ thing: { clicks_this_month: number } }>()).thing.clicks_this_month).toBe(1);
    const again = await api(tokens.access_token, 'POST', '/clicks', thing);
    expect(again.status).toBe(409);
    expect((await again.json<{ error: { code: string } }>()).error.code).toBe('already_given');
    const own = await api(tokens.access_token, 'POST', '/clicks', { owner: reader.handle, url: `https://${reader.handle}.example/x` });
    expect((await own.json<{ error: { code: string } }>()).error.code).toBe('own_thing');
    // The reader's own list shows the kudos the app gave.
    expect((await reader.get('/api/v1/me/clicks')).body.clicks).toEqual([expect.objectContaining({ thing: expect.objectContaining({ url: thing.url }) })]);

    // Refreshing gives a working access token.
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, options),
    );
    expect((await api(refreshed.access_token, 'GET', '/me')).status).toBe(200);

    // The person takes access back on /apps: tokens and refresh are refused from then on.
    const apps = await reader.get('/apps');
    expect(apps.text).toContain('Pod player');
    const grantId = /action="\/apps\/grants\/([^/]+)\/revoke"/.exec(apps.text)?.[1];
    const revoked = await reader.submit(`/apps/grants/${grantId}/revoke`, {});
    expect(revoked.status).toBe(303);
    const after = await api(refreshed.access_token, 'GET', '/me');
    expect(after.status).toBe(401);
    expect(after.headers.get('WWW-Authenticate')).toContain('invalid_token');
    expect((await api(refreshed.access_token, 'POST', '/clicks', { ...thing, url: `${thing.url}-2` })).status).toBe(401);
    await expect(
      oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), refreshed.refresh_token!, options)),
    ).rejects.toThrow();
    expect((await reader.get('/apps')).text).toContain('data-testid="no-apps-allowed"');
  });

  it('refuses what the person did not grant, and what no app may do, with insufficient_scope', async () => {
    const as = await discover();
    const client = await registerApp(as);
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const creator = await newPerson();
    // The app asks to give; the person unticks it and allows reading only.
    const tokens = await authorize(as, client, reader, 'read give', ['read']);
    expect(tokens.scope).toBe('read');
    const refused = await api(tokens.access_token, 'POST', '/clicks', { owner: creator.handle, url: `https://${creator.handle}.example/a` });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('WWW-Authenticate')).toContain('insufficient_scope');
    expect((await refused.json<{ error: { code: string } }>()).error.code).toBe('insufficient_scope');
    expect((await api(tokens.access_token, 'POST', '/things', { url: `https://${reader.handle}.example/t`, title: 'T' })).status).toBe(403);
    // Money and the account's security stay with the person: no scope reaches them.
    for (const [method, path, body] of [
      ['POST', '/me/deposits', { amount_cents: 1000 }],
      ['PUT', '/me/budget', { monthly_budget_cents: 10_000 }],
      ['GET', '/me/sessions', undefined],
      ['POST', '/me/payouts', { amount_cents: 1000 }],
      ['GET', '/me/export', undefined],
    ] as const) {
      const answer = await api(tokens.access_token, method, path, body);
      expect([path, answer.status]).toEqual([path, 403]);
    }
    // An unknown token is 401, wherever it is sent.
    expect((await api('not-a-token', 'GET', '/me')).status).toBe(401);
  });

  it('takes a token from any origin (no cookie rides along), and never reads the cookie beside it', async () => {
    const as = await discover();
    const client = await registerApp(as);
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const other = await newPerson();
    const creator = await newPerson();
    const tokens = await authorize(as, client, reader, 'give', ['give']);
    const answer = await send(`${ORIGIN}/api/v1/clicks`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${tokens.access_token}`,
        'Content-Type': 'application/json',
        Origin: 'https://podcast-app.example',
        // Another person's session beside the token: the token alone says who acts.
        Cookie: other.cookie,
      },
      body: JSON.stringify({ owner: creator.handle, url: `https://${creator.handle}.example/b` }),
    });
    expect(answer.status).toBe(201);
    expect((await reader.get('/api/v1/me/clicks')).body.clicks).toHaveLength(1);
    expect((await other.get('/api/v1/me/clicks')).body.clicks).toHaveLength(0);
  });

  it('sends a person who says no back to the app with access_denied, and one signed out to sign in first', async () => {
    const as = await discover();
    const client = await registerApp(as);
    const reader = await newPerson();
    const { handle, state, url } = await askConsent(as, client, reader, 'read');
    const denied = await reader.submit('/authorize', { handle, decision: 'deny' });
    expect(denied.status).toBe(302);
    const back = new URL(denied.location!);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(state);
    // The page's handle works once.
    const reused = await reader.submit('/authorize', { handle, decision: 'approve', scope_read: 'on' });
    expect(reused.status).toBe(400);
    expect(reused.text).toContain('expired');

    const { Client: Anonymous } = await import('./client');
    const nobody = new Anonymous();
    const signIn = await nobody.get(url.pathname + url.search);
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  });

  it('shows an unknown app or a foreign redirect address as a page here, never redirecting to it', async () => {
    const as = await discover();
    const client = await registerApp(as);
    const reader = await newPerson();
    const evil = await reader.get(
      `/authorize?${new URLSearchParams({ client_id: client.client_id, redirect_uri: 'https://evil.example/cb', response_type: 'code', scope: 'read', state: 's', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' })}`,
    );
    expect(evil.status).toBe(400);
    expect(evil.location).toBeNull();
    const unknown = await reader.get(`/authorize?client_id=nobody&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code`);
    expect(unknown.status).toBe(400);
    expect(unknown.location).toBeNull();
  });

  it('lets a person register a confidential app on /apps, named on consent as theirs; deleting it ends every access', async () => {
    const developer = await newPerson();
    const registered = await developer.submit('/apps', { name: 'Feed reader', redirect_uri: REDIRECT, kind: 'confidential' });
    expect(registered.status).toBe(200);
    const clientId = /data-testid="new-client-id">([^<]+)</.exec(registered.text)?.[1];
    const secret = /data-testid="new-client-secret">([^<]+)</.exec(registered.text)?.[1];
    expect(clientId && secret).toBeTruthy();
    // The secret is shown once.
    expect((await developer.get('/apps')).text).not.toContain(secret!);
    // A redirect address that is neither https nor loopback is refused in words.
    const plainHttp = await developer.submit('/apps', { name: 'Bad', redirect_uri: 'http://example.com/cb', kind: 'public' });
    expect(plainHttp.status).toBe(303);

    const as = await discover();
    const client: oauth.Client = { client_id: clientId! };
    const reader = await newPerson();
    const consent = await askConsent(as, client, reader, 'read');
    expect(consent.page.text).toContain(`Registered on Kudos by @${developer.handle}.`);
    const approved = await reader.submit('/authorize', { handle: consent.handle, decision: 'approve', scope_read: 'on' });
    const params = oauth.validateAuthResponse(as, client, new URL(approved.location!), consent.state);
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretBasic(secret!), params, REDIRECT, consent.verifier, options),
    );
    expect((await api(tokens.access_token, 'GET', '/me')).status).toBe(200);
    // Nobody but its developer can delete it.
    await reader.submit(`/apps/${encodeURIComponent(clientId!)}/delete`, {});
    expect((await developer.get('/apps')).text).toContain('<strong>Feed reader</strong>');

    // The app revokes its own token (RFC 7009) ...
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, oauth.ClientSecretBasic(secret!), tokens.access_token, options));
    expect((await api(tokens.access_token, 'GET', '/me')).status).toBe(401);
    // ... and its developer deletes it: its refresh token is dead too.
    expect((await developer.submit(`/apps/${encodeURIComponent(clientId!)}/delete`, {})).status).toBe(303);
    await expect(
      oauth.processRefreshTokenResponse(
        as,
        client,
        await oauth.refreshTokenGrantRequest(as, client, oauth.ClientSecretBasic(secret!), tokens.refresh_token!, options),
      ),
    ).rejects.toThrow();
    expect((await developer.get('/apps')).text).not.toContain('<strong>Feed reader</strong>');
  });

  it('ends every access a person gave when they close their account', async () => {
    const as = await discover();
    const client = await registerApp(as);
    const reader = await newPerson();
    const tokens = await authorize(as, client, reader, 'read', ['read']);
    expect((await api(tokens.access_token, 'GET', '/me')).status).toBe(200);
    expect((await reader.request('DELETE', '/api/v1/me', { password: 'correct horse', remainder_to: 'charity' })).status).toBe(200);
    expect((await api(tokens.access_token, 'GET', '/me')).status).toBe(401);
    await expect(
      oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, options)),
    ).rejects.toThrow();
  });
});
