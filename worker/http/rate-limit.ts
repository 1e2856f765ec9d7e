// Rate limits on what an attacker would repeat: signing in and up (each a 100k-iteration
// PBKDF2, and password guessing), giving, asking for invites (each a row someone reads),
// guessing the admin token, password-reset mail, second-factor codes, and making Kudos read other
// people's pages (site verification and the button check: each is up to a few outbound requests
// of 5 s). Counted with the Workers Rate Limiting binding, per account and per client address;
// either one over its limit refuses with 429.
import { refuse } from '../domain/refusal';
import type { Env } from '../env';
import type { AppContext } from './context';

/** The bindings' period (wrangler.toml): a refused client may try again after it. */
export const RETRY_AFTER_SECONDS = 60;

export type LimitedAction = 'sign_in' | 'sign_up' | 'give' | 'read_page' | 'password_reset' | 'second_factor' | 'invite_request';

const BINDINGS: Record<LimitedAction, { account: keyof Env; address: keyof Env }> = {
  sign_in: { account: 'LIMIT_AUTH_ACCOUNT', address: 'LIMIT_AUTH_ADDRESS' },
  sign_up: { account: 'LIMIT_AUTH_ACCOUNT', address: 'LIMIT_AUTH_ADDRESS' },
  give: { account: 'LIMIT_GIVE_ACCOUNT', address: 'LIMIT_GIVE_ADDRESS' },
  read_page: { account: 'LIMIT_PAGES_ACCOUNT', address: 'LIMIT_PAGES_ADDRESS' },
  // Each request may send an email: a few per address asked for, so nobody's inbox is flooded.
  password_reset: { account: 'LIMIT_MAIL_ACCOUNT', address: 'LIMIT_MAIL_ADDRESS' },
  // Codes are six digits: a few guesses a minute per account, and the sign-in limit per address.
  second_factor: { account: 'LIMIT_FACTOR_ACCOUNT', address: 'LIMIT_AUTH_ADDRESS' },
  // The "account" of an invite request is the person it names (`inviter`): their dashboard lists
  // the requests, so nobody fills it from many addresses either.
  invite_request: { account: 'LIMIT_INVITE_NAMED', address: 'LIMIT_INVITE_ADDRESS' },
};

/**
 * Counts one `action` for `account` (an email for sign-in and sign-up, whether or not it exists;
 * the account id for giving and reading pages) and for the client's address, and refuses with 429 when either is
 * over its limit. Every attempt counts, so the right password is refused too while limited.
 * The address is Cloudflare's CF-Connecting-IP (wrangler dev sets it too); a request without
 * one (only the tests' direct calls) is limited per account alone.
 */
export async function rateLimit(c: AppContext, action: LimitedAction, account: string | number | null): Promise<void> {
  if (c.env.RATE_LIMITS === 'off') return;
  const bindings = BINDINGS[action];
  const address = c.req.header('CF-Connecting-IP');
  const checks: Promise<RateLimitOutcome>[] = [];
  if (account !== null && account !== '') {
    checks.push((c.env[bindings.account] as RateLimit).limit({ key: `${action}:account:${String(account).toLowerCase()}` }));
  }
  if (address) checks.push((c.env[bindings.address] as RateLimit).limit({ key: `${action}:address:${address}` }));
  const outcomes = await Promise.all(checks);
  if (outcomes.some((o) => !o.success)) {
    throw refuse('rate_limited', `Too many attempts; try again in ${RETRY_AFTER_SECONDS} seconds.`);
  }
}

/**
 * Counts one wrong admin token (the API's bearer token or the admin sign-in form) for the
 * client's address and refuses with 429 once it is over LIMIT_ADMIN_FAILURES. Only failures
 * count: the binding cannot be read without counting, so a right token is never held up by
 * them (the token is a long random secret; what this stops is the flood of guesses, each an
 * audit row). A request without an address (the tests' direct calls) is not counted.
 */
export async function countAdminFailure(c: AppContext): Promise<void> {
  const address = c.req.header('CF-Connecting-IP');
  if (c.env.RATE_LIMITS === 'off' || !address) return;
  const outcome = await c.env.LIMIT_ADMIN_FAILURES.limit({ key: `admin_failure:address:${address}` });
  if (!outcome.success) throw refuse('rate_limited', `Too many wrong admin tokens from here; try again in ${RETRY_AFTER_SECONDS} seconds.`);
}
