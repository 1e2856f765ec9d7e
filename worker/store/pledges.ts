// Pledges: what each person's month has reserved of their balance (schema/tables.ts `month_pledges`).
import { and, eq, isNull, sql } from 'drizzle-orm';
import { accounts, monthPledges } from '../../schema/tables';
import type { Db } from './db';
import { settlementBooked } from './settlement-key';

/**
 * A pledge whose month's settlement is booked holds nothing any more, even before `settled_at`
 * is written (the settlement's key `settlement:<month>:<person>` is the proof).
 */
export const notBooked = sql`NOT ${settlementBooked(sql`month_pledges.month`, sql`month_pledges.account_id`)}`;

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

/** The facts of `accountId`'s `month` that `domain/month-gives.ts` decides from, in one query. */
export async function monthFactsOf(db: Db, accountId: number, month: string) {
  const row = await db.get<{
    budgetNow: number;
    budgetInForce: number | null;
    pledgeBudget: number | null;
    pledgeReserved: number | null;
    unreserved: number;
    given: number;
    fee: number;
  }>(sql`SELECT a.monthly_budget_cents AS budgetNow,
      (SELECT b.cents FROM budget_changes b WHERE b.account_id = a.id AND b.from_month <= ${month}
        ORDER BY b.from_month DESC LIMIT 1) AS budgetInForce,
      p.budget_cents AS pledgeBudget, p.reserved_cents AS pledgeReserved,
      a.balance_cents
        - coalesce((SELECT sum(month_pledges.reserved_cents) FROM month_pledges
            WHERE month_pledges.account_id = a.id AND month_pledges.settled_at IS NULL AND ${notBooked}), 0)
        - coalesce((SELECT sum(e.amount_cents) FROM ledger_entries e
            WHERE e.account_id = a.id AND e.month = ${month} AND e.kind IN ('share', 'charity') AND e.amount_cents > 0), 0) AS unreserved,
      coalesce((SELECT -sum(e.amount_cents) FROM ledger_entries e
        WHERE e.account_id = a.id AND e.month = ${month} AND e.kind IN ('budget', 'fee')), 0) AS given,
      coalesce((SELECT -sum(e.amount_cents) FROM ledger_entries e
        WHERE e.account_id = a.id AND e.month = ${month} AND e.kind = 'fee' AND e.amount_cents < 0), 0) AS fee
    FROM accounts a LEFT JOIN month_pledges p ON p.account_id = a.id AND p.month = ${month}
    WHERE a.id = ${accountId}`);
  if (!row) return null;
  return {
    budgetNowCents: row.budgetNow,
    // No budget in the history for the month: the run pledges nothing for it.
    budgetInForceCents: row.budgetInForce ?? 0,
    pledge: row.pledgeReserved === null ? null : { budgetCents: row.pledgeBudget ?? 0, reservedCents: row.pledgeReserved },
    unreservedCents: row.unreserved,
    bookedGivenCents: row.given,
    bookedFeeCents: row.fee,
  };
}
