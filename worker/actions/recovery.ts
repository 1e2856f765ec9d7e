// Links sent by email: a forgotten password, the address to verify, a new address to confirm.
// Every token is random, stored hashed, single-use and short-lived (store/email-tokens.ts).
import { refuse } from '../domain/refusal';
import type { MailSettings } from '../env';
import {
  type Account,
  endAllSessionsStatement,
  endSessionsOf,
  findAccountByEmail,
  findAccountById,
  markEmailVerifiedStatement,
  moveToEmail,
  setPasswordStatement,
} from '../store/accounts';
import { type Db, isUniqueViolation } from '../store/db';
import { emailTokenUsable, issueEmailToken, spendEmailToken, voidEmailTokens } from '../store/email-tokens';
import { EMAIL } from './accounts';
import { mailWords, sendEmail } from './email';
import { hashPassword, verifyPassword } from '../domain/secrets';

const HOUR = 3_600_000;
const RESET_TTL = HOUR;
const CHANGE_TTL = HOUR;
const VERIFY_TTL = 7 * 24 * HOUR;
const MIN_PASSWORD = 8;

const LINK_INVALID = 'This link does not work (any more): it was used already, has expired, or was mistyped. Ask for a new one.';

/**
 * Emails a reset link when the address belongs to a person; otherwise does nothing. The caller
 * answers the same either way, so the form cannot tell who has an account.
 */
export async function requestPasswordReset(db: Db, mail: MailSettings, email: string, now = Date.now()): Promise<void> {
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address) || address.length > 254) throw refuse('invalid_field', 'Write your email address, like name@example.com.');
  const account = await findAccountByEmail(db, address);
  if (account?.kind !== 'person' || !account.passwordHash) return;
  // A new link replaces older ones: only the latest one in the inbox works.
  await voidEmailTokens(db, account.id, 'reset', now).run();
  const token = await issueEmailToken(db, { accountId: account.id, purpose: 'reset', email: address, ttlMs: RESET_TTL }, now);
  const w = mailWords(account.lang).mail;
  await sendEmail(db, mail, {
    to: address,
    accountId: account.id,
    topic: 'reset',
    lang: account.lang,
    subject: w.resetSubject,
    blocks: [
      { p: w.reset(account.handle) },
      { link: `${mail.siteOrigin}/reset-password?token=${encodeURIComponent(token)}`, label: w.resetLink },
      { p: w.resetAfter },
    ],
  });
}

export const resetTokenUsable = (db: Db, token: string) => emailTokenUsable(db, token, 'reset');

/**
 * Sets the new password and signs out every session of the account, in one batch with spending
 * the token. The link proves the address too, so it counts as verified.
 */
export async function confirmPasswordReset(db: Db, token: string, password: string, now = Date.now()): Promise<Account> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  const spent = await spendEmailToken(db, token, 'reset', now);
  if (!spent) throw refuse('link_invalid', LINK_INVALID);
  await db.batch([
    setPasswordStatement(db, spent.accountId, passwordHash),
    endAllSessionsStatement(db, spent.accountId),
    markEmailVerifiedStatement(db, spent.accountId, spent.email, now),
  ]);
  return (await findAccountById(db, spent.accountId))!;
}

/** Sends the link that proves the person's address (at sign-up, and when asked again). */
export async function sendVerification(db: Db, mail: MailSettings, account: Account, now = Date.now()): Promise<void> {
  if (!account.email || account.emailVerifiedAt) return;
  await voidEmailTokens(db, account.id, 'verify', now).run();
  const token = await issueEmailToken(db, { accountId: account.id, purpose: 'verify', email: account.email, ttlMs: VERIFY_TTL }, now);
  const w = mailWords(account.lang).mail;
  await sendEmail(db, mail, {
    to: account.email,
    accountId: account.id,
    topic: 'verify',
    lang: account.lang,
    subject: w.verifySubject,
    blocks: [
      { p: w.verify(account.handle) },
      { link: `${mail.siteOrigin}/verify-email?token=${encodeURIComponent(token)}`, label: w.verifyLink },
      { p: w.verifyAfter },
    ],
  });
}

/** The address is the person's: money messages and payouts may follow. */
export async function confirmVerification(db: Db, token: string, now = Date.now()): Promise<void> {
  const spent = await spendEmailToken(db, token, 'verify', now);
  if (!spent) throw refuse('link_invalid', LINK_INVALID);
  await markEmailVerifiedStatement(db, spent.accountId, spent.email, now).run();
}

/** Asks to move the account to `newEmail`: a link goes to the new address, which must confirm it. */
export async function requestEmailChange(db: Db, mail: MailSettings, me: Account, newEmail: string, password: string, now = Date.now()): Promise<string> {
  const address = newEmail.trim().toLowerCase();
  if (!EMAIL.test(address) || address.length > 254) throw refuse('invalid_field', 'That is not an email address.');
  if (!(await verifyPassword(password, me.passwordHash ?? ''))) throw refuse('wrong_password', 'That is not your current password.');
  if (address === me.email) throw refuse('invalid_field', 'That is your address already.');
  if (await findAccountByEmail(db, address)) throw refuse('email_taken', 'Another account has that address.');
  await voidEmailTokens(db, me.id, 'change_email', now).run();
  const token = await issueEmailToken(db, { accountId: me.id, purpose: 'change_email', email: address, ttlMs: CHANGE_TTL }, now);
  const w = mailWords(me.lang).mail;
  await sendEmail(db, mail, {
    to: address,
    accountId: me.id,
    topic: 'change_email',
    lang: me.lang,
    subject: w.changeSubject,
    blocks: [{ p: w.change(me.handle) }, { link: `${mail.siteOrigin}/confirm-email?token=${encodeURIComponent(token)}`, label: w.changeLink }],
  });
  return address;
}

/** The new address confirmed: the account moves to it, and the old address is told. */
export async function confirmEmailChange(db: Db, mail: MailSettings, token: string, now = Date.now()): Promise<Account> {
  const spent = await spendEmailToken(db, token, 'change_email', now);
  if (!spent) throw refuse('link_invalid', LINK_INVALID);
  const before = (await findAccountById(db, spent.accountId))!;
  try {
    await moveToEmail(db, spent.accountId, before.email ?? '', spent.email, now);
  } catch (error) {
    if (isUniqueViolation(error)) throw refuse('email_taken', 'Another account has that address now.');
    throw error;
  }
  const after = (await findAccountById(db, spent.accountId))!;
  if (before.email) {
    const w = mailWords(after.lang).mail;
    await sendEmail(db, mail, {
      to: before.email,
      accountId: after.id,
      topic: 'account',
      lang: after.lang,
      subject: w.changedSubject,
      blocks: [{ p: w.changed(after.handle, spent.email) }, { link: `${mail.siteOrigin}/forgot-password`, label: mailWords(after.lang).account.forgotLink }],
    });
  }
  return after;
}

/** Changes the password (the current one is needed) and signs out every other session. */
export async function changePassword(db: Db, mail: MailSettings, me: Account, current: string, next: string, keepToken: string | undefined): Promise<void> {
  if (!(await verifyPassword(current, me.passwordHash ?? ''))) throw refuse('wrong_password', 'That is not your current password.');
  checkPassword(next);
  await setPasswordStatement(db, me.id, await hashPassword(next)).run();
  await endSessionsOf(db, me.id, keepToken);
  if (me.email) {
    const w = mailWords(me.lang).mail;
    await sendEmail(db, mail, {
      to: me.email,
      accountId: me.id,
      topic: 'account',
      lang: me.lang,
      subject: w.passwordSubject,
      blocks: [{ p: w.password(me.handle) }],
    });
  }
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) throw refuse('invalid_field', `The password needs at least ${MIN_PASSWORD} characters.`);
  if (password.length > 200) throw refuse('invalid_field', 'The password may have at most 200 characters.');
}
