// The admin's browser session for /admin pages. The admin types the ADMIN_TOKEN once into a form;
// Kudos answers with a cookie that is valid for 30 minutes, scoped to /admin, HttpOnly and
// SameSite=Strict, holding an expiry, a random session id and their HMAC keyed by the token
// (never the token itself). The HMAC says the cookie is ours; a row in admin_sessions says the
// session was not ended: leaving the admin pages deletes it, so the same cookie value, copied
// or replayed, no longer works.
// A form rather than HTTP Basic auth: Basic credentials stay in the browser until it quits, are
// sent with every request, cannot be signed out of, and the browser's dialog is not a page we can
// make accessible or translate.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomToken, sameSecret, sha256Hex } from '../domain/secrets';
import * as adminSessions from '../store/admin-sessions';
import type { AppContext } from './context';

const ADMIN_COOKIE = 'kudos_admin';
const ADMIN_SESSION_SECONDS = 30 * 60;

async function sign(token: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`kudos-admin:${text}`)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function startAdminSession(c: AppContext, now = Date.now()) {
  const expires = now + ADMIN_SESSION_SECONDS * 1000;
  const id = randomToken();
  await adminSessions.open(c.get('db'), await sha256Hex(id), expires, now);
  const value = `${expires}.${id}.${await sign(c.get('config').adminToken, `${expires}.${id}`)}`;
  setCookie(c, ADMIN_COOKIE, value, { path: '/admin', httpOnly: true, secure: true, sameSite: 'Strict', maxAge: ADMIN_SESSION_SECONDS });
}

/** The session id of a cookie this Kudos signed and that has not expired; else undefined. */
async function signedSessionId(c: AppContext, now: number): Promise<string | undefined> {
  const token = c.get('config').adminToken;
  const [expires, id, mac, ...rest] = (getCookie(c, ADMIN_COOKIE) ?? '').split('.');
  if (!token || !expires || !id || !mac || rest.length > 0 || !(Number(expires) > now)) return undefined;
  return (await sameSecret(mac, await sign(token, `${expires}.${id}`))) ? id : undefined;
}

/** Ends the session on the server (the row goes) and in the browser (the cookie goes). */
export async function endAdminSession(c: AppContext, now = Date.now()) {
  const id = await signedSessionId(c, now);
  if (id) await adminSessions.close(c.get('db'), await sha256Hex(id));
  deleteCookie(c, ADMIN_COOKIE, { path: '/admin', secure: true, sameSite: 'Strict' });
}

export async function isAdmin(c: AppContext, now = Date.now()): Promise<boolean> {
  const id = await signedSessionId(c, now);
  return id !== undefined && (await adminSessions.isOpen(c.get('db'), await sha256Hex(id), now));
}
