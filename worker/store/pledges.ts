// Pledges: what each person's month has reserved of their balance (schema/tables.ts `month_pledges`).
import { and, eq, isNull, sql } from 'drizzle-orm';
import { accounts, monthPledges } from '../../schema/tables';
import type { Db } from './db';

/** The balance no unsettled pledge holds: what a payout may take. */
export async function unreservedBalance(db: Db, accountId: number): Promise<number> {
  const [row] = await db
    .select({
      balance: accounts.balanceCents,
      reserved: sql<number>`coalesce((select sum(${monthPledges.reservedCents}) from ${monthPledges} where ${and(eq(monthPledges.accountId, accountId), isNull(monthPledges.settledAt))}), 0)`,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row ? row.balance - row.reserved : 0;
}
