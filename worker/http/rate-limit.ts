// Rate limits on what an attacker would repeat: signing in and up (each a 100k-iteration
// PBKDF2, and password guessing), giving, and making Kudos read other people's pages (site
// verification and the button check: each is up to a few outbound requests of 5 s). Counted with the Workers Rate Limiting binding,
// per account and per client address; either one over its limit refuses with 429.
import { refuse } from '../domain/refusal';
import type { Env } from '../env';
import type { AppContext } from './context';

/** The bindings' period (wrangler.toml): a refused client may try again after it. */
export const RETRY_AFTER_SECONDS = 60;

export type LimitedAction = 'sign_in' | 'sign_up' | 'give' | 'read_page' | 'password_reset' | 'second_factor';

const BINDINGS: Record<LimitedAction, { account: keyof Env; address: keyof Env }> = {
  sign_in: { account: 'LIMIT_AUTH_ACCOUNT', address: 'LIMIT_AUTH_ADDRESS' },
  sign_up: { account: 'LIMIT_AUTH_ACCOUNT', address: 'LIMIT_AUTH_ADDRESS' },
  give: { account: 'LIMIT_GIVE_ACCOUNT', address: 'LIMIT_GIVE_ADDRESS' },
  read_page: { account: 'LIMIT_PAGES_ACCOUNT', address: 'LIMIT_PAGES_ADDRESS' },
  // Each request may send an email: a few per address asked for, so nobody's inbox is flooded.
  password_reset: { account: 'LIMIT_MAIL_ACCOUNT', address: 'LIMIT_MAIL_ADDRESS' },
  // Codes are six digits: a few guesses a minute per account, and the sign-in limit per address.
  second_factor: { account: 'LIMIT_FACTOR_ACCOUNT', address: 'LIMIT_AUTH_ADDRESS' },
};

/**
 * Counts one `action` for `account` (an email for sign-in and sign-up, whether or not it exists;
 * the account id for giving and reading pages) and for the client's address, and refuses with 429 when either is
 * over its limit. Every attempt counts, so the right password is refused too while limited.
 * The address is Cloudflare's CF-Connecting-IP (wrangler dev sets it too); a request without
 * one (only the tests' direct calls) is limited per account alone.
 */
export async function rateLimit(c: AppContext, action: LimitedAction, account: string | number): Promise<void> {
  if (c.env.RATE_LIMITS === 'off') return;
  const bindings = BINDINGS[action];
  const address = c.req.header('CF-Connecting-IP');
  const checks = [(c.env[bindings.account] as RateLimit).limit({ key: `${action}:account:${String(account).toLowerCase()}` })];
  if (address) checks.push((c.env[bindings.address] as RateLimit).limit({ key: `${action}:address:${address}` }));
  const outcomes = await Promise.all(checks);
  if (outcomes.some((o) => !o.success)) {
    throw refuse('rate_limited', `Too many attempts; try again in ${RETRY_AFTER_SECONDS} seconds.`);
  }
}
