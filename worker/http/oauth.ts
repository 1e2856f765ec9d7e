// Apps acting for a person: OAuth 2.1 by the maintained @cloudflare/workers-oauth-provider. It
// serves the protocol (metadata, token, refresh, revocation, dynamic registration) and keeps the
// grants; Kudos owns the consent page (routes/app-pages.tsx) and decides what a token may do
// here: `withGrant` reads the token of an /api/v1 request, `appMay` lets a route accept it for
// one scope. A route that names no scope is for the person alone, signed in on Kudos.
import { OAuthAuthorizationServer } from '@cloudflare/workers-oauth-provider';
import type { MiddlewareHandler } from 'hono';
import { APP_SCOPES, type AppScope } from '../domain/app-scopes';
import { refuse } from '../domain/refusal';
import type { Env } from '../env';
import type { AppContext, AppEnv } from './context';

/** What a token stands for, as `completeAuthorization` stored it. */
export interface GrantProps {
  accountId: number;
}

/** The resource tokens are issued for: this Kudos' API. */
const apiResource = (origin: string) => `${origin}/api/v1`;

export const AUTHORIZE_PATH = '/authorize';
export const TOKEN_PATH = '/oauth/token';
const REGISTER_PATH = '/oauth/register';

// An access token lives an hour, its grant (refreshed) 30 days: an app the person stopped using
// loses access by itself.
const ACCESS_TOKEN_SECONDS = 3600;

// One server per origin this Worker is reached on: the issuer is the origin the app talks to
// (a deployed Worker is reached only by its own hostnames; tests and `npm start` by loopback).
const servers = new Map<string, OAuthAuthorizationServer<Env>>();

export function authorizationServer(origin: string): OAuthAuthorizationServer<Env> {
  let server = servers.get(origin);
  if (!server) {
    server = new OAuthAuthorizationServer<Env>({
      issuer: origin,
      resources: [apiResource(origin)],
      authorizeEndpoint: AUTHORIZE_PATH,
      tokenEndpoint: TOKEN_PATH,
      clientRegistrationEndpoint: REGISTER_PATH,
      scopesSupported: [...APP_SCOPES],
      accessTokenTTL: ACCESS_TOKEN_SECONDS,
    });
    servers.set(origin, server);
  }
  return server;
}

/** The provider's helpers (consent, grants, clients) for this request's origin. */
export const oauthApi = (c: AppContext) => authorizationServer(c.get('config').origin).getOAuthApi(c.env);

/** The provider's own endpoints: metadata (RFC 8414), token, refresh, revocation, registration. */
export const PROTOCOL_PATHS = ['/.well-known/oauth-authorization-server', TOKEN_PATH, REGISTER_PATH];

export const serveProtocol: MiddlewareHandler<AppEnv> = (c) =>
  authorizationServer(c.get('config').origin).fetch(c.req.raw, c.env, c.executionCtx as ExecutionContext);

/**
 * An /api/v1 request with `Authorization: Bearer`: the app's token, checked by the provider (the
 * admin API's bearer is the admin token, read by its own router). Such a request is never
 * also read by its cookie: the token alone says who it acts for.
 */
export const withGrant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('Authorization');
  if (!header || !/^Bearer\s/i.test(header) || c.req.path.startsWith('/api/v1/admin')) return next();
  const origin = c.get('config').origin;
  const token = await authorizationServer(origin).validateToken<GrantProps>(apiResource(origin), header.replace(/^Bearer\s+/i, '').trim(), c.env);
  if (!token) throw refuse('invalid_token', 'This access token is unknown, expired or revoked.');
  c.set('grant', { accountId: token.props.accountId, clientId: token.clientId, scopes: token.scope });
  await next();
};

/**
 * Lets an app's token reach this route if the person granted it `scope`; otherwise, or on a
 * route without it, a token is refused with `insufficient_scope` (session.ts `requireAccount`).
 */
export function appMay(scope: AppScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const grant = c.get('grant');
    if (grant) {
      if (!grant.scopes.includes(scope)) throw refuse('insufficient_scope', `This needs the "${scope}" scope, which the person did not grant this app.`);
      c.set('grantAllowed', true);
    }
    await next();
  };
}
