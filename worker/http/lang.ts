// The language of a site page: `?lang=` (then remembered in a cookie), the cookie, Accept-Language.
import { getCookie, setCookie } from 'hono/cookie';
import { pickLang, type SiteLang } from '../domain/lang';
import type { AppContext } from './context';

const LANG_COOKIE = 'lang';

const chosen = new WeakMap<Request, SiteLang>();

export function siteLang(c: AppContext): SiteLang {
  const known = chosen.get(c.req.raw);
  if (known) return known;
  const asked = c.req.query('lang');
  const lang = pickLang(asked, getCookie(c, LANG_COOKIE), c.req.header('Accept-Language'));
  // A person who picked a language once keeps it on every page (first-party, not secret).
  if (asked && asked === lang && getCookie(c, LANG_COOKIE) !== lang)
    setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', secure: true, maxAge: 365 * 86_400 });
  chosen.set(c.req.raw, lang);
  return lang;
}
