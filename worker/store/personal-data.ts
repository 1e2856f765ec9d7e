// Everything Kudos holds about a person: read whole for their export, erased when they close
// their account (the ledger rows stay, under the account's anonymous handle, so the books balance).
import { and, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
  accounts,
  budgetChanges,
  invites,
  ledgerEntries,
  ledgerTransactions,
  monthPledges,
  outbox,
  payoutAccounts,
  payouts,
  sessions,
  stripeDeposits,
  things,
} from '../../schema/tables';
import type { Db } from './db';
import type { GiverShard } from './giver-shards';
import { givenClicks } from './things';
import { settlementBooked } from './settlement-key';

const counterparty = alias(accounts, 'counterparty');
const usedBy = alias(accounts, 'used_by');

/** The rows of every table that holds something of the person's, unshaped. */
export async function personalRows(db: Db, accountId: number, email: string | null, shards: readonly GiverShard[] = []) {
  const [clickRows, budgets, pledges, entries, payoutRows, deposits, payoutAccount, sessionRows, inviteRows, messages, thingRows] = await Promise.all([
    givenClicks(db, accountId, null, shards),
    db.select().from(budgetChanges).where(eq(budgetChanges.accountId, accountId)).orderBy(budgetChanges.fromMonth).all(),
    db.select().from(monthPledges).where(eq(monthPledges.accountId, accountId)).orderBy(monthPledges.month).all(),
    db
      .select({
        id: ledgerEntries.id,
        transaction: ledgerTransactions.key,
        kind: ledgerEntries.kind,
        amountCents: ledgerEntries.amountCents,
        month: ledgerEntries.month,
        counterparty: counterparty.handle,
        thingId: ledgerEntries.thingId,
        createdAt: ledgerEntries.createdAt,
      })
      .from(ledgerEntries)
      .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
      .leftJoin(counterparty, eq(counterparty.id, ledgerEntries.counterpartyId))
      .where(eq(ledgerEntries.accountId, accountId))
      .orderBy(ledgerEntries.id)
      .all(),
    db.select().from(payouts).where(eq(payouts.accountId, accountId)).orderBy(payouts.id).all(),
    db.select().from(stripeDeposits).where(eq(stripeDeposits.accountId, accountId)).orderBy(stripeDeposits.createdAt).all(),
    db.select().from(payoutAccounts).where(eq(payoutAccounts.accountId, accountId)).get(),
    db.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.accountId, accountId)).all(),
    db
      .select({ code: invites.code, usedBy: usedBy.handle, usedAt: invites.usedAt })
      .from(invites)
      .leftJoin(usedBy, eq(usedBy.id, invites.usedBy))
      .where(eq(invites.ownerId, accountId))
      .all(),
    messagesTo(db, email),
    db.select().from(things).where(eq(things.ownerId, accountId)).orderBy(things.id).all(),
  ]);
  return { clickRows, budgets, pledges, entries, payoutRows, deposits, payoutAccount, sessionRows, inviteRows, messages, thingRows };
}

/**
 * The messages Kudos sent to `email` (the outbox). The hook where the mail service's table is
 * read: a change of the outbox's shape changes this function only.
 */
async function messagesTo(db: Db, email: string | null) {
  if (!email) return [];
  const rows = await db.select().from(outbox).where(eq(outbox.toEmail, email)).orderBy(desc(outbox.id)).all();
  return rows.map((m) => ({ to: m.toEmail, subject: m.subject, text: m.body, sentAt: m.createdAt }));
}

export async function invitedByHandle(db: Db, invitedBy: number | null): Promise<string | null> {
  if (invitedBy === null) return null;
  const row = await db.select({ handle: accounts.handle }).from(accounts).where(eq(accounts.id, invitedBy)).get();
  return row?.handle ?? null;
}

const YEAR_MS = 365 * 86_400_000;

/**
 * The statements that close an account, to run as one batch: the doors shut (no session, no
 * budget from this month on), the personal data gone, the handle held for a year and the account
 * renamed to `anonymousHandle`; its things hidden (and refused kudos from now on).
 */
export function closingStatements(account: { id: number; handle: string; email: string | null }, anonymousHandle: string, month: string, now: number): SQL[] {
  const id = account.id;
  const byEmail =
    account.email === null ? [] : [sql`DELETE FROM outbox WHERE to_email = ${account.email}`, sql`DELETE FROM invite_requests WHERE email = ${account.email}`];
  return [
    sql`UPDATE accounts SET handle = ${anonymousHandle}, email = NULL, password_hash = NULL, show_given = 0, monthly_budget_cents = 0, closed_at = ${now}
      WHERE id = ${id} AND closed_at IS NULL`,
    sql`INSERT INTO closed_handles (handle, reusable_at) VALUES (${account.handle}, ${now + YEAR_MS})
      ON CONFLICT (handle) DO UPDATE SET reusable_at = excluded.reusable_at`,
    // From this month on no budget: what the month's kudos pledged is still given at its settlement.
    sql`INSERT INTO budget_changes (account_id, from_month, cents) VALUES (${id}, ${month}, 0)
      ON CONFLICT (account_id, from_month) DO UPDATE SET cents = 0`,
    sql`DELETE FROM sessions WHERE account_id = ${id}`,
    sql`DELETE FROM pending_sign_ins WHERE account_id = ${id}`,
    sql`DELETE FROM webauthn_challenges WHERE account_id = ${id}`,
    sql`DELETE FROM passkeys WHERE account_id = ${id}`,
    sql`DELETE FROM totp_secrets WHERE account_id = ${id}`,
    sql`DELETE FROM recovery_codes WHERE account_id = ${id}`,
    sql`DELETE FROM profiles WHERE account_id = ${id}`,
    sql`DELETE FROM sites WHERE owner_id = ${id}`,
    sql`DELETE FROM idempotent_answers WHERE account_id = ${id}`,
    sql`UPDATE things SET hidden = 1 WHERE owner_id = ${id}`,
    sql`UPDATE invite_requests SET inviter_handle = NULL WHERE inviter_handle = ${account.handle}`,
    ...byEmail,
  ];
}

/** Closed accounts holding more than their open pledges (credits that came after closing), with their last entry id. */
export async function closedAccountsWithRest(db: Db) {
  return db
    .select({
      id: accounts.id,
      rest: sql<number>`${accounts.balanceCents} - coalesce((SELECT sum(p.reserved_cents) FROM month_pledges p WHERE p.account_id = ${accounts.id} AND p.settled_at IS NULL
        AND NOT ${settlementBooked(sql`p.month`, sql`p.account_id`)}), 0)`,
      lastEntry: sql<number>`(SELECT max(id) FROM ledger_entries e WHERE e.account_id = ${accounts.id})`,
    })
    .from(accounts)
    .where(and(isNotNull(accounts.closedAt), sql`${accounts.balanceCents} > 0`))
    .all();
}
