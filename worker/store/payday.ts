// The public payday record's queries: each settled month's figures summed from its settlement
// transactions in the ledger, the run's self-check of the books, and what went back to givers.
import { sql } from 'drizzle-orm';
import type { BooksVerdict } from '../domain/payday';
import type { Month } from '../domain/month';
import type { Db } from './db';

/**
 * Sums `month`'s settlement transactions into its payday record (written again when called again,
 * so a late retry that booked one more person is counted). One pass over the ledger's entries,
 * like the run's own check of the books; run once the month's chunks are all booked.
 */
export async function recordMonth(db: Db, month: Month, heldId: number, now: number): Promise<void> {
  const held = sql`CAST(${heldId} AS INTEGER)`;
  const share = sql`e.kind = 'share'`;
  await db.run(sql`
    INSERT INTO payday_records (month, givers, creators_paid, things, kudos, given_cents, fee_cents, charity_cents, held_kudos, held_cents, recorded_at)
    SELECT ${month},
      count(DISTINCT e.transaction_id),
      count(DISTINCT CASE WHEN ${share} AND e.account_id <> ${held} THEN e.account_id END),
      count(DISTINCT CASE WHEN ${share} THEN e.thing_id END),
      count(CASE WHEN ${share} THEN 1 END),
      coalesce(sum(CASE WHEN ${share} THEN e.amount_cents END), 0),
      coalesce(sum(CASE WHEN e.kind = 'fee' AND e.amount_cents > 0 THEN e.amount_cents END), 0),
      coalesce(sum(CASE WHEN e.kind = 'charity' THEN e.amount_cents END), 0),
      count(CASE WHEN ${share} AND e.account_id = ${held} THEN 1 END),
      coalesce(sum(CASE WHEN ${share} AND e.account_id = ${held} THEN e.amount_cents END), 0),
      CAST(${now} AS INTEGER)
    FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
    WHERE e.month = ${month} AND t.kind = 'settlement'
    ON CONFLICT (month) DO UPDATE SET givers = excluded.givers, creators_paid = excluded.creators_paid, things = excluded.things,
      kudos = excluded.kudos, given_cents = excluded.given_cents, fee_cents = excluded.fee_cents, charity_cents = excluded.charity_cents,
      held_kudos = excluded.held_kudos, held_cents = excluded.held_cents, recorded_at = excluded.recorded_at`);
}

/** Writes the result of the run's check of the books `when` it ran. */
export async function recordBooks(db: Db, month: Month, when: 'before' | 'after', verdict: BooksVerdict): Promise<void> {
  await db.run(
    when === 'before'
      ? sql`UPDATE settlement_runs SET books_before = ${verdict} WHERE month = ${month}`
      : sql`UPDATE settlement_runs SET books_after = ${verdict} WHERE month = ${month}`,
  );
}

export interface PaydayRow {
  month: Month;
  givers: number;
  creatorsPaid: number;
  things: number;
  kudos: number;
  givenCents: number;
  feeCents: number;
  charityCents: number;
  heldKudos: number;
  heldCents: number;
  returnedKudos: number;
  returnedCents: number;
  booksBefore: BooksVerdict | null;
  booksAfter: BooksVerdict | null;
}

/**
 * The settled months' records, newest first. What went back to givers is read live from the held
 * account's `return` legs (one per giver and thing-month: one kudos each), by its own index.
 */
export async function settledMonths(db: Db, heldHandle: string, limit: number): Promise<PaydayRow[]> {
  return db.all<PaydayRow>(sql`
    SELECT r.month AS month, r.givers AS givers, r.creators_paid AS creatorsPaid, r.things AS things, r.kudos AS kudos,
      r.given_cents AS givenCents, r.fee_cents AS feeCents, r.charity_cents AS charityCents,
      r.held_kudos AS heldKudos, r.held_cents AS heldCents,
      coalesce(x.kudos, 0) AS returnedKudos, coalesce(x.cents, 0) AS returnedCents,
      s.books_before AS booksBefore, s.books_after AS booksAfter
    FROM payday_records r
      JOIN settlement_runs s ON s.month = r.month AND s.stage = 'done'
      LEFT JOIN (
        SELECT month, count(*) AS kudos, -sum(amount_cents) AS cents FROM ledger_entries
        WHERE account_id = (SELECT id FROM accounts WHERE handle = ${heldHandle}) AND kind = 'return' AND amount_cents < 0
        GROUP BY month) x ON x.month = r.month
    ORDER BY r.month DESC
    LIMIT ${limit}`);
}
