// The second factor at the doors that need it (sign-in, payouts, closing): every code guessed
// counts against its own rate limit before it is checked.
import { checkPassword } from '../actions/accounts';
import { checkSecondFactor, type SecondFactorProof } from '../actions/factors';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomToken, sha256Hex } from '../domain/secrets';
import { type Account, findAccountById, startSession } from '../store/accounts';
import * as factors from '../store/factors';
import type { AppContext } from '../http/context';
import { rateLimit } from '../http/rate-limit';

export async function requireSecondFactor(c: AppContext, account: Account, proof: SecondFactorProof): Promise<void> {
  if (proof.code || proof.passkey) await rateLimit(c, 'second_factor', account.id);
  await checkSecondFactor(c.get('db'), c.get('config'), account, proof);
}

/** Signs in with the password and, when the person has one on, the second factor: the API's one step. */
export async function signInWithSecondFactor(
  c: AppContext,
  email: string,
  password: string,
  proof: SecondFactorProof,
): Promise<{ account: Account; token: string }> {
  const account = await checkPassword(c.get('db'), email, password);
  await requireSecondFactor(c, account, proof);
  return { account, token: await startSession(c.get('db'), account.id) };
}

// --- the sign-in page's second step ------------------------------------------------------------

const PENDING_COOKIE = 'kudos_pending';
const PENDING_MS = 10 * 60_000;

/** The password was right and a second factor is on: remember that (for ten minutes) in a cookie of its own. */
export async function startSecondStep(c: AppContext, account: Account, now = Date.now()): Promise<void> {
  const token = randomToken();
  await factors.startPendingSignIn(c.get('db'), await sha256Hex(token), account.id, now + PENDING_MS, now);
  setCookie(c, PENDING_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/login', maxAge: PENDING_MS / 1000 });
}

/** Whose sign-in waits for its second factor in this browser, if anyone's. */
export async function pendingAccount(c: AppContext): Promise<Account | undefined> {
  const token = getCookie(c, PENDING_COOKIE);
  if (!token) return undefined;
  const pending = await factors.pendingSignIn(c.get('db'), await sha256Hex(token));
  return pending ? findAccountById(c.get('db'), pending.accountId) : undefined;
}

/** The second step is done (or abandoned): it cannot be used again. */
export async function endSecondStep(c: AppContext): Promise<void> {
  const token = getCookie(c, PENDING_COOKIE);
  if (token) await factors.endPendingSignIn(c.get('db'), await sha256Hex(token));
  deleteCookie(c, PENDING_COOKIE, { path: '/login', secure: true, sameSite: 'Lax' });
}
