// What the payment provider told us: Checkout Sessions started for deposits, Connect accounts
// for payouts, and the state of each payout. Money itself moves only through store/ledger.ts.
import { and, eq, sql } from 'drizzle-orm';
import { ledgerTransactions, payoutAccounts, payouts, stripeDeposits } from '../../schema/tables';
import type { Db } from './db';

export type StripeDeposit = typeof stripeDeposits.$inferSelect;
export type PayoutAccount = typeof payoutAccounts.$inferSelect;

export async function recordCheckoutSession(db: Db, row: { sessionId: string; accountId: number; amountCents: number; currency: string }) {
  await db.insert(stripeDeposits).values(row).onConflictDoNothing().run();
}

export async function depositBySession(db: Db, sessionId: string): Promise<StripeDeposit | undefined> {
  return db.select().from(stripeDeposits).where(eq(stripeDeposits.sessionId, sessionId)).get();
}

export async function depositByPaymentIntent(db: Db, paymentIntentId: string): Promise<StripeDeposit | undefined> {
  return db.select().from(stripeDeposits).where(eq(stripeDeposits.paymentIntentId, paymentIntentId)).get();
}

export type DepositStatus = StripeDeposit['status'];

/**
 * The deposit's state after the booking it lands with (same batch): what the ledger then holds for
 * it and its new version. The booking's key names that version, so a handler that read an older
 * one fails on the key and the whole batch, this included, is rolled back.
 */
export function depositBooked(sessionId: string, next: { status: DepositStatus; paymentIntentId: string | null; bookedCents: number; version: number }) {
  return sql`UPDATE stripe_deposits SET status = ${next.status}, payment_intent_id = coalesce(${next.paymentIntentId}, payment_intent_id),
    booked_cents = ${next.bookedCents}, version = ${next.version}
    WHERE session_id = ${sessionId} AND version = ${next.version - 1}`;
}

/** Notes Stripe's state of a deposit that needs no booking (an unpaid or bounced debit), if no booking came first. */
export async function noteDepositState(db: Db, deposit: StripeDeposit, status: DepositStatus, paymentIntentId: string | null) {
  await db
    .update(stripeDeposits)
    .set({ status, paymentIntentId: paymentIntentId ?? deposit.paymentIntentId })
    .where(and(eq(stripeDeposits.sessionId, deposit.sessionId), eq(stripeDeposits.version, deposit.version)))
    .run();
}

export async function payoutAccountOf(db: Db, accountId: number): Promise<PayoutAccount | undefined> {
  return db.select().from(payoutAccounts).where(eq(payoutAccounts.accountId, accountId)).get();
}

export async function savePayoutAccount(db: Db, row: { accountId: number; stripeAccountId: string; detailsSubmitted: boolean; payoutsEnabled: boolean }) {
  await db
    .insert(payoutAccounts)
    .values({ ...row, updatedAt: Date.now() })
    .onConflictDoUpdate({
      target: payoutAccounts.accountId,
      set: { stripeAccountId: row.stripeAccountId, detailsSubmitted: row.detailsSubmitted, payoutsEnabled: row.payoutsEnabled, updatedAt: Date.now() },
    })
    .run();
}

export type PayoutRow = {
  id: number;
  accountId: number;
  amountCents: number;
  status: 'pending' | 'paid' | 'failed';
  key: string;
  transferId: string | null;
  balanceAfterCents: number | null;
};

/** Payouts with the key of the transaction that booked them. */
const payoutRows = (db: Db) =>
  db
    .select({
      id: payouts.id,
      accountId: payouts.accountId,
      amountCents: payouts.amountCents,
      status: payouts.status,
      key: ledgerTransactions.key,
      transferId: payouts.transferId,
      balanceAfterCents: payouts.balanceAfterCents,
    })
    .from(payouts)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, payouts.transactionId));

export async function payoutByKey(db: Db, key: string): Promise<PayoutRow | undefined> {
  return payoutRows(db).where(eq(ledgerTransactions.key, key)).get();
}

export async function pendingPayouts(db: Db, limit = 50): Promise<PayoutRow[]> {
  return payoutRows(db).where(eq(payouts.status, 'pending')).limit(limit).all();
}

export async function markPayoutPaid(db: Db, payoutId: number, transferId: string) {
  await db
    .update(payouts)
    .set({ status: 'paid', transferId })
    .where(and(eq(payouts.id, payoutId), eq(payouts.status, 'pending')))
    .run();
}

export function markPayoutFailed(payoutId: number, reason: string) {
  return sql`UPDATE payouts SET status = 'failed', failure_reason = ${reason.slice(0, 500)} WHERE id = ${payoutId} AND status = 'pending'`;
}
