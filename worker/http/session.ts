// The session cookie: who is asking.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { refuse } from '../domain/refusal';
import { type Account, accountForSession } from '../store/accounts';
import { sha256Hex } from '../actions/secrets';
import type { GiverRef } from '../store/clicks';
import type { AppContext } from './context';

export const SESSION_COOKIE = 'kudos_session';

export async function currentAccount(c: AppContext): Promise<Account | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  return token ? accountForSession(c.get('db'), token) : undefined;
}

export async function requireAccount(c: AppContext): Promise<Account> {
  const account = await currentAccount(c);
  if (!account) throw refuse('unauthorized', 'Sign in first.');
  return account;
}

export function sessionToken(c: AppContext): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function setSessionCookie(c: AppContext, token: string) {
  // Secure + SameSite=None: the button iframe is a third party on every blog. Browsers treat
  // http://localhost and 127.0.0.1 as secure, so this works in local development too.
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'None', path: '/', maxAge: 30 * 86_400, partitioned: false });
}

export function clearSessionCookie(c: AppContext) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, sameSite: 'None' });
}

/**
 * Who is asking, as the click and button-state queries take it: the session's token hash, so
 * the session lookup joins the query itself instead of costing a round trip of its own.
 */
export async function viewerRef(c: AppContext): Promise<GiverRef> {
  const token = getCookie(c, SESSION_COOKIE);
  return token ? { sessionTokenHash: await sha256Hex(token) } : { signedOut: true };
}
