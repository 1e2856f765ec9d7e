// Signing up and signing in: the rules around accounts, on top of the store.
import { refuse } from '../domain/refusal';
import { HANDLE } from '../domain/rules';
import { hashPassword, verifyPassword } from '../domain/secrets';
import { secondFactorRequired } from './factors';
import { factorsOf, hasSecondFactor } from '../store/factors';
import type { Config } from '../env';
import {
  type Account,
  createPerson,
  endSession,
  findAccountByEmail,
  findAccountByHandle,
  handleHeldAfterClosing,
  inviteUsable,
  startSession,
} from '../store/accounts';
import type { Db } from '../store/db';
import { isUniqueViolation } from '../store/db';

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HANDLE_HINT = '2 to 30 lower-case letters, digits, "-" or "_"';

const INVITE_INVALID = 'That invite code is unknown or already used.';

export interface SignUp {
  handle: string;
  email: string;
  password: string;
  invite?: string | undefined;
  /** The language of the person's messages. */
  lang?: string | undefined;
}

export async function signUp(db: Db, config: Config, form: SignUp): Promise<{ account: Account; token: string }> {
  const handle = form.handle.toLowerCase();
  const email = form.email.trim().toLowerCase();
  if (!HANDLE.test(handle)) throw refuse('invalid_field', `The handle must be ${HANDLE_HINT}.`);
  if (!EMAIL.test(email)) throw refuse('invalid_field', 'That is not an email address.');
  if (form.password.length < 8) throw refuse('invalid_field', 'The password needs at least 8 characters.');
  if (config.inviteOnly && !form.invite) throw refuse('invite_required', 'Kudos is invite-only for now: an invite code is needed.');
  // The invite is checked before anything about existing accounts: without a valid invite every
  // refusal is this one, so a made-up code cannot tell whether an email or handle is registered.
  if (config.inviteOnly && !(await inviteUsable(db, form.invite!))) throw refuse('invite_invalid', INVITE_INVALID);
  // `closed-…` names the accounts people closed (actions/closing.ts).
  if (handle === config.charityHandle || handle.startsWith('system') || handle.startsWith('closed-')) throw refuse('handle_taken', 'That handle is taken.');
  if ((await findAccountByHandle(db, handle)) || (await handleHeldAfterClosing(db, handle))) throw refuse('handle_taken', 'That handle is taken.');
  if (await findAccountByEmail(db, email)) throw refuse('email_taken', 'An account with that email exists; sign in instead.');

  const passwordHash = await hashPassword(form.password);
  let account: Account | null;
  try {
    account = await createPerson(db, {
      handle,
      email,
      passwordHash,
      ...(form.lang ? { lang: form.lang } : {}),
      ...(config.inviteOnly ? { invite: form.invite! } : {}),
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw refuse('handle_taken', 'That handle or email was just taken.');
    throw error;
  }
  if (!account) throw refuse('invite_invalid', INVITE_INVALID);
  return { account, token: await startSession(db, account.id) };
}

/**
 * The account whose email and password these are (the first step of signing in; with a second
 * factor on, the caller asks for it before `startSession`). Closed accounts have neither.
 */
export async function checkPassword(db: Db, email: string, password: string): Promise<Account> {
  const account = await findAccountByEmail(db, email.trim().toLowerCase());
  // Verify against a dummy hash for unknown emails too, so timing does not tell who has an account.
  const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
  if (!account || !ok || account.closedAt !== null) throw refuse('unauthorized', 'Wrong email or password.');
  return account;
}

/** Whether `password` is the signed-in person's (to confirm removing a factor or closing the account). */
export async function confirmPassword(account: Account, password: string): Promise<void> {
  if (!account.passwordHash || !(await verifyPassword(password, account.passwordHash))) throw refuse('unauthorized', 'That is not your password.');
}

/**
 * Signs in with the password alone (the button's popup): refused with second_factor_required
 * when the person has a second factor on, so no door skips it.
 */
export async function logIn(db: Db, email: string, password: string): Promise<{ account: Account; token: string }> {
  const account = await checkPassword(db, email, password);
  if (hasSecondFactor(await factorsOf(db, account.id))) throw secondFactorRequired();
  return { account, token: await startSession(db, account.id) };
}

const DUMMY_HASH = 'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Ends the session behind this cookie's token, if any; the caller clears the cookie. */
export async function logOut(db: Db, token: string | undefined): Promise<void> {
  if (token) await endSession(db, token);
}
