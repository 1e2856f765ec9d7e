// What every router shares: the Hono context type, sessions, CSRF, body parsing, errors.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { errorBody, ApiError, badRequest, forbidden, unauthorized } from './errors';
import { asBody, type Body } from './domain/validate';
import { type Config, type Env, readConfig } from './env';
import { type Account, accountForSession } from './store/accounts';
import { type Db, openDb } from './store/db';

export type AppEnv = {
  Bindings: Env;
  Variables: { db: Db; config: Config };
};

export type AppContext = Context<AppEnv>;

export const SESSION_COOKIE = 'kudos_session';
const MAX_BODY_BYTES = 16 * 1024;

/** Opens the database and reads the configuration once per request. */
export const withDb: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('db', openDb(c.env.DB));
  c.set('config', readConfig(c.env));
  await next();
};

/**
 * The session cookie is SameSite=None so the button iframe on other sites can use it; so a
 * state-changing request is accepted only from Kudos' own pages (or from a non-browser client,
 * which sends no Origin and no Sec-Fetch-Site).
 */
export const sameOriginWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    const ownOrigin = new URL(c.req.url).origin;
    if ((origin && origin !== ownOrigin) || (site && site !== 'same-origin' && site !== 'none')) {
      throw forbidden('Requests that change something must come from the Kudos site itself.', 'cross_site_request');
    }
  }
  await next();
};

export function onError(error: Error, c: Context) {
  if (error instanceof ApiError) return c.json(errorBody(error.code, error.message), error.status);
  console.error(error);
  return c.json(errorBody('internal', 'Something went wrong on our side.'), 500);
}

export async function readBody(c: AppContext): Promise<Body> {
  const length = Number(c.req.header('Content-Length') ?? '0');
  if (length > MAX_BODY_BYTES) throw new ApiError(413, 'too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError(413, 'too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  try {
    return asBody(JSON.parse(text));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw badRequest('The request body is not valid JSON.', 'invalid_json');
  }
}

export async function currentAccount(c: AppContext): Promise<Account | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  return token ? accountForSession(c.get('db'), token) : undefined;
}

export async function requireAccount(c: AppContext): Promise<Account> {
  const account = await currentAccount(c);
  if (!account) throw unauthorized();
  return account;
}

export function setSessionCookie(c: AppContext, token: string) {
  // Secure + SameSite=None: the button iframe is a third party on every blog. Browsers treat
  // http://localhost and 127.0.0.1 as secure, so this works in local development too.
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'None', path: '/', maxAge: 30 * 86_400, partitioned: false });
}

export function clearSessionCookie(c: AppContext) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, sameSite: 'None' });
}
