// The admin's browser session for /admin pages. The admin types the ADMIN_TOKEN once into a form;
// Kudos answers with a cookie that is valid for 30 minutes, scoped to /admin, HttpOnly and
// SameSite=Strict, holding an expiry and its HMAC keyed by the token (never the token itself).
// A form rather than HTTP Basic auth: Basic credentials stay in the browser until it quits, are
// sent with every request, cannot be signed out of, and the browser's dialog is not a page we can
// make accessible or translate.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sameSecret } from '../actions/secrets';
import type { AppContext } from './context';

const ADMIN_COOKIE = 'kudos_admin';
const ADMIN_SESSION_SECONDS = 30 * 60;

async function sign(token: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`kudos-admin:${text}`)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function startAdminSession(c: AppContext, now = Date.now()) {
  const expires = String(now + ADMIN_SESSION_SECONDS * 1000);
  const value = `${expires}.${await sign(c.get('config').adminToken, expires)}`;
  setCookie(c, ADMIN_COOKIE, value, { path: '/admin', httpOnly: true, secure: true, sameSite: 'Strict', maxAge: ADMIN_SESSION_SECONDS });
}

export function endAdminSession(c: AppContext) {
  deleteCookie(c, ADMIN_COOKIE, { path: '/admin', secure: true, sameSite: 'Strict' });
}

export async function isAdmin(c: AppContext, now = Date.now()): Promise<boolean> {
  const token = c.get('config').adminToken;
  const [expires, mac] = (getCookie(c, ADMIN_COOKIE) ?? '').split('.');
  if (!token || !expires || !mac || !(Number(expires) > now)) return false;
  return sameSecret(mac, await sign(token, expires));
}
