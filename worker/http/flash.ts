// One-shot messages across a POST → redirect → GET: a short-lived cookie read once and cleared.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from './context';

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

const FLASH_COOKIE = 'kudos_flash';

function setFlash(c: AppContext, flash: Flash) {
  // Lax is enough: the flash is read by the same-site page the redirect lands on.
  setCookie(c, FLASH_COOKIE, encodeURIComponent(JSON.stringify(flash)), { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: 60 });
}

export function takeFlash(c: AppContext): Flash | undefined {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return undefined;
  deleteCookie(c, FLASH_COOKIE, { path: '/', secure: true, sameSite: 'Lax' });
  try {
    const value: unknown = JSON.parse(decodeURIComponent(raw));
    if (typeof value === 'object' && value !== null && 'kind' in value && 'text' in value) {
      const { kind, text } = value as { kind: unknown; text: unknown };
      if ((kind === 'ok' || kind === 'error') && typeof text === 'string') return { kind, text: text.slice(0, 300) };
    }
  } catch {}
  return undefined;
}

/** Redirects after a form post, with a message for the page it lands on. */
export function redirectWithFlash(c: AppContext, location: string, flash: Flash) {
  setFlash(c, flash);
  return c.redirect(location, 303);
}
