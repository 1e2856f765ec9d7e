// The session cookie: who is asking.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { refuse } from '../domain/refusal';
import { type Account, accountForSession, findAccountById } from '../store/accounts';
import { sha256Hex } from '../domain/secrets';
import type { GiverRef } from '../store/clicks';
import { readReplica } from '../store/db';
import type { AppContext } from './context';

export const SESSION_COOKIE = 'kudos_session';

/** The person signed in by the session cookie (pages, and the API from Kudos' own pages). */
export async function currentAccount(c: AppContext): Promise<Account | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  return token ? accountForSession(c.get('db'), token) : undefined;
}

/**
 * Who an API request acts for: the app's token when it brings one (only on routes that accept
 * its scope, http/oauth.ts `appMay`), else the session.
 */
export async function requireAccount(c: AppContext): Promise<Account> {
  const account = await apiAccount(c);
  if (!account) throw refuse('unauthorized', 'Sign in first.');
  return account;
}

/** The account an app's token acts for, if the request brings one; refused where apps may not act. */
function grantedAccountId(c: AppContext): number | undefined {
  const grant = c.get('grant');
  if (grant && !c.get('grantAllowed')) throw refuse('insufficient_scope', 'Apps cannot do this: only the person, signed in on Kudos.');
  return grant?.accountId;
}

async function apiAccount(c: AppContext): Promise<Account | undefined> {
  const accountId = grantedAccountId(c);
  if (accountId === undefined) return currentAccount(c);
  const account = await findAccountById(c.get('db'), accountId);
  // A closed account's grants are revoked when it closes; this is the belt to those braces.
  if (!account || account.closedAt !== null) throw refuse('invalid_token', 'This access token is unknown, expired or revoked.');
  return account;
}

export function setSessionCookie(c: AppContext, token: string) {
  // SameSite=Lax: no page elsewhere makes the browser send it. Buttons on blogs are drawn by the
  // loader from public counts, and a reader who acts does so in the first-party /give popup (a
  // top-level window), so nothing on another site needs the session; Kudos learns nothing of
  // who reads what until a click. Browsers treat http://localhost and 127.0.0.1 as secure.
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: 30 * 86_400 });
}

export function clearSessionCookie(c: AppContext) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, sameSite: 'Lax' });
}

/**
 * Who is asking, as the click and button-state queries take it: the session's token hash, so
 * the session lookup joins the query itself instead of costing a round trip of its own.
 */
export async function viewerRef(c: AppContext): Promise<GiverRef> {
  const accountId = grantedAccountId(c);
  if (accountId !== undefined) return { accountId };
  const token = getCookie(c, SESSION_COOKIE);
  return token ? { sessionTokenHash: await sha256Hex(token) } : { signedOut: true };
}

const BOOKMARK_COOKIE = 'kudos_d1';

/**
 * The D1 session a button state is read from: a read replica, at least as new as this browser's
 * last click (its bookmark cookie), so public counts never cost the primary a read per view.
 */
export function stateReads(c: AppContext): D1DatabaseSession {
  return readReplica(c.env.DB, getCookie(c, BOOKMARK_COOKIE) ?? null);
}

/** A session for a click, on the primary; `rememberWrites` then hands its bookmark to the browser. */
export function clickWrites(c: AppContext): D1DatabaseSession {
  return c.env.DB.withSession('first-primary');
}

export function rememberWrites(c: AppContext, session: D1DatabaseSession) {
  const bookmark = session.getBookmark();
  // Replicas catch up within seconds; the cookie only has to outlive that.
  if (bookmark) setCookie(c, BOOKMARK_COOKIE, bookmark, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: 300 });
}
