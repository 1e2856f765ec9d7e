// The /give form's CSRF protection, on top of the Origin check every write gets: a random
// token in a SameSite=Strict cookie that the form must echo (double submit).
import { getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from './context';
import { refuse } from '../domain/refusal';

const COOKIE = 'kudos_csrf';

/** The token for the form being rendered, reusing the browser's current one if it has one. */
export function csrfToken(c: AppContext): string {
  const existing = getCookie(c, COOKIE);
  if (existing && /^[0-9a-f]{32}$/.test(existing)) return existing;
  const token = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  setCookie(c, COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/give' });
  return token;
}

export function checkCsrf(c: AppContext, submitted: string | undefined) {
  const expected = getCookie(c, COOKIE);
  if (!expected || submitted !== expected) throw refuse('csrf', 'This form has expired; open it again from the button.');
}
