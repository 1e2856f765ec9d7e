// Accounts, sessions and invites.
import { and, desc, eq, gt, isNull, lte, ne, sql } from 'drizzle-orm';
import { accounts, budgetChanges, closedHandles, invites, sessions } from '../../schema/tables';
import type { Month } from '../domain/month';
import { INVITES_PER_ACCOUNT } from '../domain/rules';
import { newInviteCode, randomToken, sha256Hex } from '../domain/secrets';
import type { Db } from './db';
import { runBatch } from './ledger';

export type Account = typeof accounts.$inferSelect;

const SESSION_DAYS = 30;

export async function findAccountByHandle(db: Db, handle: string): Promise<Account | undefined> {
  return db.select().from(accounts).where(eq(accounts.handle, handle)).get();
}

/** The person called `handle` (any case); system accounts such as the charity are nobody's handle here. */
export async function personByHandle(db: Db, handle: string): Promise<Account | undefined> {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.handle, handle.toLowerCase()), eq(accounts.kind, 'person'), isNull(accounts.closedAt)))
    .get();
}

/** Whether `handle` belonged to an account closed less than a year ago: nobody may take it yet. */
export async function handleHeldAfterClosing(db: Db, handle: string, now = Date.now()): Promise<boolean> {
  const row = await db
    .select({ handle: closedHandles.handle })
    .from(closedHandles)
    .where(and(eq(closedHandles.handle, handle), gt(closedHandles.reusableAt, now)))
    .get();
  return row !== undefined;
}

export async function findAccountByEmail(db: Db, email: string): Promise<Account | undefined> {
  return db.select().from(accounts).where(eq(accounts.email, email)).get();
}

export async function findAccountById(db: Db, id: number): Promise<Account | undefined> {
  return db.select().from(accounts).where(eq(accounts.id, id)).get();
}

/** The account with this handle, created as a system account if it does not exist yet. */
export async function ensureSystemAccount(db: Db, handle: string): Promise<Account> {
  await db.insert(accounts).values({ handle, kind: 'system' }).onConflictDoNothing().run();
  return (await findAccountByHandle(db, handle))!;
}

/** A new person; `passwordHash` null for an account a gift made, until its owner sets one. */
export type NewPerson = { handle: string; email: string; passwordHash: string | null; invite?: string; lang?: string };

/**
 * Creates a person with their own invite codes, spending `invite` if given, in one batch so
 * that a used-up invite leaves no account behind. Returns null when the invite is not usable.
 */
export async function createPerson(db: Db, person: NewPerson): Promise<Account | null> {
  const codes = Array.from({ length: INVITES_PER_ACCOUNT }, newInviteCode);
  const newId = sql`(SELECT id FROM accounts WHERE handle = ${person.handle})`;
  const insertAccount = db.insert(accounts).values({
    handle: person.handle,
    email: person.email,
    passwordHash: person.passwordHash,
    ...(person.lang ? { lang: person.lang } : {}),
    invitedBy: person.invite ? sql`(SELECT owner_id FROM invites WHERE code = ${person.invite} AND used_by IS NULL)` : null,
  });
  const giveCodes = db.insert(invites).values(codes.map((code) => ({ code, ownerId: newId })));
  if (!person.invite) {
    await db.batch([insertAccount, giveCodes]);
  } else {
    const spendInvite = db
      .update(invites)
      .set({ usedBy: newId, usedAt: Date.now() })
      .where(and(eq(invites.code, person.invite), isNull(invites.usedBy)));
    // The last statement fails the whole batch (and so undoes the account) unless the invite
    // was spent by this very batch.
    const assertSpent = db.run(sql`SELECT CASE WHEN changes() = 1 THEN 1 ELSE json_extract('invite not usable', '$') END`);
    try {
      await db.batch([insertAccount, spendInvite, assertSpent, giveCodes]);
    } catch (error) {
      if (/malformed JSON|invite not usable/.test(String((error as Error).message ?? error))) return null;
      throw error;
    }
  }
  return (await findAccountByHandle(db, person.handle))!;
}

/**
 * Sets the budget and records it in the history from `month` on, in one batch: the settlement
 * of a month reads the budget in force during it, not today's.
 */
export async function setMonthlyBudget(db: Db, accountId: number, cents: number, month: Month): Promise<void> {
  await db.batch([
    db.update(accounts).set({ monthlyBudgetCents: cents }).where(eq(accounts.id, accountId)),
    db
      .insert(budgetChanges)
      .values({ accountId, fromMonth: month, cents })
      .onConflictDoUpdate({ target: [budgetChanges.accountId, budgetChanges.fromMonth], set: { cents } }),
  ]);
}

export async function setShowGiven(db: Db, accountId: number, show: boolean): Promise<void> {
  await db.update(accounts).set({ showGiven: show }).where(eq(accounts.id, accountId)).run();
}

export async function listInvites(db: Db, ownerId: number) {
  return db
    .select({ code: invites.code, usedBy: accounts.handle, usedAt: invites.usedAt })
    .from(invites)
    .leftJoin(accounts, eq(accounts.id, invites.usedBy))
    .where(eq(invites.ownerId, ownerId))
    .orderBy(invites.createdAt, invites.code)
    .all();
}

/** Whether `code` is an invite nobody has used yet (sign-up spends it atomically later). */
export async function inviteUsable(db: Db, code: string): Promise<boolean> {
  const row = await db
    .select({ code: invites.code })
    .from(invites)
    .where(and(eq(invites.code, code), isNull(invites.usedBy)))
    .get();
  return row !== undefined;
}

/** Invite codes owned by nobody, for the admin to start a closed beta with. */
export async function mintInvites(db: Db, count: number): Promise<string[]> {
  const codes = Array.from({ length: count }, newInviteCode);
  await db
    .insert(invites)
    .values(codes.map((code) => ({ code })))
    .run();
  return codes;
}

/** Starts a session and returns the token for the cookie; only its hash is stored. */
export async function startSession(db: Db, accountId: number, now = Date.now()): Promise<string> {
  const token = randomToken();
  await db.batch([
    // Sweep this person's expired sessions while we are here, so the table does not only grow.
    db.delete(sessions).where(and(eq(sessions.accountId, accountId), lte(sessions.expiresAt, now))),
    db.insert(sessions).values({ tokenHash: await sha256Hex(token), accountId, expiresAt: now + SESSION_DAYS * 86_400_000 }),
  ]);
  return token;
}

export async function accountForSession(db: Db, token: string, now = Date.now()): Promise<Account | undefined> {
  const row = await db
    .select({ account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, await sha256Hex(token)), gt(sessions.expiresAt, now)))
    .get();
  return row?.account;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db
    .delete(sessions)
    .where(eq(sessions.tokenHash, await sha256Hex(token)))
    .run();
}

/** A person's live sessions, newest first; `current` marks the one behind `currentToken`. */
export async function sessionsOf(db: Db, accountId: number, currentToken: string | undefined, now = Date.now()) {
  const currentHash = currentToken ? await sha256Hex(currentToken) : '';
  const rows = await db
    .select({ tokenHash: sessions.tokenHash, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt))
    .all();
  // The hash's first characters name a session on the page without giving away its token.
  return rows.map((r) => ({ id: r.tokenHash.slice(0, 12), createdAt: r.createdAt, expiresAt: r.expiresAt, current: r.tokenHash === currentHash }));
}

/** Signs the person out everywhere, or everywhere but the session behind `keepToken`. */
export async function endSessionsOf(db: Db, accountId: number, keepToken?: string): Promise<number> {
  const keep = keepToken ? await sha256Hex(keepToken) : undefined;
  const result = await db
    .delete(sessions)
    .where(keep ? and(eq(sessions.accountId, accountId), ne(sessions.tokenHash, keep)) : eq(sessions.accountId, accountId))
    .run();
  return result.meta.changes ?? 0;
}

/** The statement that ends every session of the person (to run in a batch with a password change). */
export function endAllSessionsStatement(db: Db, accountId: number) {
  return db.delete(sessions).where(eq(sessions.accountId, accountId));
}

export function setPasswordStatement(db: Db, accountId: number, passwordHash: string) {
  return db.update(accounts).set({ passwordHash }).where(eq(accounts.id, accountId));
}

export function markEmailVerifiedStatement(db: Db, accountId: number, email: string, now = Date.now()) {
  // Only while the address is still the one the link went to.
  return db
    .update(accounts)
    .set({ emailVerifiedAt: now })
    .where(and(eq(accounts.id, accountId), eq(accounts.email, email)));
}

/**
 * Moves the account to a confirmed new address in one batch; its unsubscribes follow it. A unique
 * violation means another account took the address meanwhile.
 */
export async function moveToEmail(db: Db, accountId: number, from: string, to: string, now = Date.now()): Promise<void> {
  await runBatch(db, [
    sql`UPDATE accounts SET email = ${to}, email_verified_at = ${now} WHERE id = ${accountId}`,
    sql`INSERT INTO message_opt_outs (email, topic) SELECT ${to}, topic FROM message_opt_outs WHERE email = ${from} ON CONFLICT DO NOTHING`,
    sql`DELETE FROM message_opt_outs WHERE email = ${from}`,
  ]);
}

export async function setLang(db: Db, accountId: number, lang: string): Promise<void> {
  await db.update(accounts).set({ lang }).where(eq(accounts.id, accountId)).run();
}
