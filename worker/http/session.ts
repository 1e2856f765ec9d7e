// The session cookie: who is asking.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { refuse } from '../domain/refusal';
import { type Account, accountForSession } from '../store/accounts';
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

export function setSessionCookie(c: AppContext, token: string) {
  // Secure + SameSite=None: the button iframe is a third party on every blog. Browsers treat
  // http://localhost and 127.0.0.1 as secure, so this works in local development too.
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'None', path: '/', maxAge: 30 * 86_400, partitioned: false });
}

export function clearSessionCookie(c: AppContext) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, sameSite: 'None' });
}
