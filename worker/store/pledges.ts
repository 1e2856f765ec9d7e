// Pledges: what each person's month has reserved of their balance (schema/tables.ts `month_pledges`).
import { and, eq, isNull, sql } from 'drizzle-orm';
import { accounts, monthPledges } from '../../schema/tables';
import type { Db } from './db';

/**
 * A pledge whose month's settlement is booked holds nothing any more, even before `settled_at`
 * is written (the settlement's key `settlement:<month>:<person>` is the proof).
 */
export const notBooked = sql`not exists (select 1 from ledger_transactions x where x.key = 'settlement:' || month_pledges.month || ':' || month_pledges.account_id)`;

/** The balance no unsettled pledge holds: what a payout may take. */
export async function unreservedBalance(db: Db, accountId: number): Promise<number> {
  const [row] = await db
    .select({
      balance: accounts.balanceCents,
      reserved: sql<number>`coalesce((select sum(${monthPledges.reservedCents}) from ${monthPledges} where ${and(eq(monthPledges.accountId, accountId), isNull(monthPledges.settledAt))} and ${notBooked}), 0)`,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row ? row.balance - row.reserved : 0;
}

/** `accountId`'s pledge for `month`, if its first kudos has been given. */
export async function pledgeOf(db: Db, accountId: number, month: string) {
  return db
    .select()
    .from(monthPledges)
    .where(and(eq(monthPledges.accountId, accountId), eq(monthPledges.month, month)))
    .get();
}
