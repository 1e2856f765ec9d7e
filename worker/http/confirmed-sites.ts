// The sites on which a person has confirmed giving kudos, in a first-party cookie. The first
// kudos on a new site always goes through the popup on Kudos itself, so a page that tricks a
// person into clicking its button (clickjacking) cannot give in their name silently.
import { getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from './context';
import type { Account } from '../store/accounts';

const COOKIE = 'kudos_sites';
const MAX_SITES = 40;

/** An origin such as "https://blog.example" or "http://localhost:8788", or null. */
export function asSite(value: string | undefined | null): string | null {
  if (!value || value.length > 300) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value ? value : null;
  } catch {
    return null;
  }
}

function sitesOf(c: AppContext, account: Pick<Account, 'id'>): string[] {
  // "<account id>|<site> <site> ...": the list belongs to whoever was signed in when it was made.
  const [owner, list] = (getCookie(c, COOKIE) ?? '').split('|');
  return owner === String(account.id) && list ? list.split(' ') : [];
}

/** Kudos' own pages (e.g. a thing's page embedding its button) need no confirmation: none of them may be framed. */
export function hasConfirmedSite(c: AppContext, account: Pick<Account, 'id'>, site: string | null): boolean {
  return site !== null && (site === new URL(c.req.url).origin || sitesOf(c, account).includes(site));
}

export function confirmSite(c: AppContext, account: Account, site: string) {
  const sites = [site, ...sitesOf(c, account).filter((s) => s !== site)].slice(0, MAX_SITES);
  // Read by the first-party popup and by Kudos' own pages, like the session (SameSite=Lax).
  setCookie(c, COOKIE, `${account.id}|${sites.join(' ')}`, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: 365 * 86_400 });
}
