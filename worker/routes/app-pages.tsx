// Apps acting for people (OAuth 2.1; the protocol is @cloudflare/workers-oauth-provider's, see
// http/oauth.ts): the consent page an app sends a person to, and /apps, where a person sees the
// apps they allowed (and takes access back) and registers apps of their own.
import { AuthorizationError, CimdFetchError } from '@cloudflare/workers-oauth-provider';
import { Hono } from 'hono';
import { APP_SCOPES, isAppScope } from '../domain/app-scopes';
import { httpsOrLoopback } from '../domain/rules';
import { refuse } from '../domain/refusal';
import type { AppContext, AppEnv } from '../http/context';
import { takeFlash } from '../http/flash';
import { readFormAs } from '../http/form';
import { siteLang } from '../http/lang';
import { type GrantProps, oauthApi } from '../http/oauth';
import { sameOriginWrites } from '../http/same-origin';
import { CSP } from '../http/security-headers';
import { AppForm, ConsentForm } from '../http/schemas';
import { appOwnerHandle, appsOf, forgetApp, recordApp } from '../store/apps';
import { AppsPage, ConsentPage, type NewAppCredentials } from '../views/apps';
import { utcTime } from '../views/format';
import { APP_WORDS } from '../views/words/apps';
import { formAction, refuseIn, sendPage, signedIn } from './respond';
import type { Account } from '../store/accounts';

export const appPages = new Hono<AppEnv>();

const wordsOf = (c: AppContext) => APP_WORDS[siteLang(c)];

/**
 * Runs a step of the authorization. What the library refuses about the app's request goes back
 * to the app when its redirect address is known good; otherwise (an unknown app, an expired or
 * reused page) it is a page here, never a redirect to an address nobody checked.
 */
async function authorizing(c: AppContext, step: () => Promise<Response>, expired: boolean): Promise<Response> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof AuthorizationError && error.redirectTo) return c.redirect(error.redirectTo, 302);
    if (error instanceof AuthorizationError || error instanceof CimdFetchError) {
      const w = wordsOf(c);
      throw refuseIn(c, 'invalid_form', expired ? w.expired : w.requestBroken);
    }
    throw error;
  }
}

appPages.get('/authorize', async (c) => {
  const oauth = oauthApi(c);
  return authorizing(
    c,
    async () => {
      const request = await oauth.parseAuthRequest(c.req.raw);
      // Asked by nobody signed in: sign in, then back to this very request.
      const me = await signedIn(c);
      const scopes = request.scope.filter(isAppScope);
      const details = await oauth.describeConsent(request);
      const consent = await oauth.beginConsent(request);
      const registeredBy = (await appOwnerHandle(c.get('db'), request.clientId)) ?? null;
      const w = wordsOf(c);
      const page = sendPage(c, {
        title: w.consentTitle(details.clientName),
        viewer: me,
        children: ConsentPage({
          facts: {
            appName: details.clientName,
            registeredBy,
            redirectHost: details.redirectHost,
            redirectIsLoopback: details.redirectIsLoopback,
            // An app asking for nothing Kudos knows is offered reading, the least there is.
            scopes: scopes.length > 0 ? scopes : ['read'],
            handle: consent.handle,
            viewer: me.handle,
          },
          w,
        }),
      });
      for (const cookie of consent.headers.getSetCookie()) page.headers.append('Set-Cookie', cookie);
      page.headers.set('Content-Security-Policy', CSP.consent(new URL(details.redirectUri).origin));
      return page;
    },
    false,
  );
});

appPages.post('/authorize', sameOriginWrites, async (c) => {
  const me = await signedIn(c, '/apps');
  const form = await readFormAs(c, ConsentForm);
  const oauth = oauthApi(c);
  return authorizing(
    c,
    async () => {
      if (form.decision === 'deny') {
        const denied = await oauth.denyConsent(c.req.raw, form.handle);
        return new Response(null, { status: 302, headers: denied.headers });
      }
      const scope = APP_SCOPES.filter((s) => form[`scope_${s}`]);
      const approved = await oauth.approveConsent(c.req.raw, form.handle, { scope });
      const props: GrantProps = { accountId: me.id };
      const { redirectTo } = await oauth.completeAuthorization({
        request: approved.request,
        userId: String(me.id),
        metadata: {},
        scope: approved.request.scope,
        props,
      });
      approved.headers.set('Location', redirectTo);
      return new Response(null, { status: 302, headers: approved.headers });
    },
    true,
  );
});

async function appsPage(c: AppContext, me: Account, created?: NewAppCredentials) {
  const oauth = oauthApi(c);
  const w = wordsOf(c);
  const grants = (await oauth.listUserGrants(String(me.id))).items;
  const allowed = await Promise.all(
    grants.map(async (g) => ({
      grantId: g.id,
      name: (await oauth.lookupClient(g.clientId))?.clientName ?? g.clientId,
      scopes: g.scope,
      allowedOn: utcTime(g.createdAt * 1000),
    })),
  );
  const own = await Promise.all(
    (await appsOf(c.get('db'), me.id)).map(async (a) => {
      const client = await oauth.lookupClient(a.clientId);
      return { clientId: a.clientId, name: a.name, redirectUris: client?.redirectUris ?? [], public: client?.tokenEndpointAuthMethod === 'none' };
    }),
  );
  return sendPage(c, { title: w.title, viewer: me, flash: takeFlash(c), children: AppsPage({ allowed, own, created, w }) });
}

appPages.get('/apps', async (c) => appsPage(c, await signedIn(c)));

appPages.post(
  '/apps',
  sameOriginWrites,
  formAction('/apps', AppForm, async (c, me, form) => {
    const w = wordsOf(c);
    // OAuth 2.1: https, or http on loopback for apps on people's own machines (RFC 8252); the provider checks it again.
    if (!httpsOrLoopback(form.redirect_uri, true)) throw refuseIn(c, 'invalid_field', w.redirectRefused);
    const client = await oauthApi(c).createClient({
      clientName: form.name,
      redirectUris: [form.redirect_uri],
      tokenEndpointAuthMethod: form.kind === 'public' ? 'none' : 'client_secret_basic',
      grantTypes: ['authorization_code', 'refresh_token'],
      responseTypes: ['code'],
    });
    await recordApp(c.get('db'), { clientId: client.clientId, ownerId: me.id, name: form.name });
    // The secret is shown once, on this answer: the provider keeps only its hash.
    return appsPage(c, me, { name: form.name, clientId: client.clientId, secret: client.clientSecret ?? null });
  }),
);

appPages.post(
  '/apps/:clientId/delete',
  sameOriginWrites,
  formAction('/apps', null, async (c, me) => {
    const clientId = c.req.param('clientId') ?? '';
    const w = wordsOf(c);
    if (!(await forgetApp(c.get('db'), me.id, clientId))) throw refuse('not_found', 'No such app of yours.');
    const name = (await oauthApi(c).lookupClient(clientId))?.clientName ?? clientId;
    // Deleting the client revokes every grant and token it had, for everyone.
    await oauthApi(c).deleteClient(clientId);
    return w.deleted(name);
  }),
);

appPages.post(
  '/apps/grants/:grantId/revoke',
  sameOriginWrites,
  formAction('/apps', null, async (c, me) => {
    const oauth = oauthApi(c);
    const grantId = c.req.param('grantId') ?? '';
    const grant = (await oauth.listUserGrants(String(me.id))).items.find((g) => g.id === grantId);
    if (!grant) throw refuse('not_found', 'No such app allowed.');
    await oauth.revokeGrant(grantId, String(me.id));
    return wordsOf(c).revoked((await oauth.lookupClient(grant.clientId))?.clientName ?? grant.clientId);
  }),
);
