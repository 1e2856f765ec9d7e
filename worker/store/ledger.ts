// Booking balanced transactions and reading them back.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias, SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { accounts, ledgerEntries, payouts, things } from '../../schema/tables';
import { assertBalanced, balanceChanges, type Booking } from '../domain/ledger';
import type { Month } from '../domain/month';
import { chunk, type Db, isUniqueViolation, MAX_PARAMS } from './db';

const ENTRY_PARAMS = 6;

/**
 * The statements that book `bookings`: each transaction row, its entries, then one bulk update
 * of the cached balances. Run them in one D1 batch (with anything else that must land with
 * them): the batch is atomic, so the books never show half a booking.
 */
export function bookingStatements(bookings: readonly Booking[]): SQL[] {
  const statements: SQL[] = [];
  for (const booking of bookings) {
    assertBalanced(booking);
    statements.push(sql`INSERT INTO ledger_transactions (key, kind, month) VALUES (${booking.key}, ${booking.kind}, ${booking.month})`);
    for (const legs of chunk(booking.legs, Math.floor((MAX_PARAMS - 2) / ENTRY_PARAMS))) {
      const rows = sql.join(
        legs.map((leg) => sql`(${leg.accountId}, ${leg.kind}, ${leg.amountCents}, ${leg.counterpartyId ?? null}, ${leg.thingId ?? null}, ${booking.month})`),
        sql`, `,
      );
      statements.push(sql`INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, counterparty_id, thing_id, month)
        SELECT (SELECT id FROM ledger_transactions WHERE key = ${booking.key}), column1, column2, column3, column4, column5, column6
        FROM (VALUES ${rows})`);
    }
  }
  for (const changes of chunk([...balanceChanges(bookings)], MAX_PARAMS / 2)) {
    const rows = sql.join(
      changes.map(([id, change]) => sql`(${id}, ${change})`),
      sql`, `,
    );
    statements.push(sql`UPDATE accounts SET balance_cents = balance_cents + v.change
      FROM (SELECT column1 AS id, column2 AS change FROM (VALUES ${rows})) AS v WHERE accounts.id = v.id`);
  }
  return statements;
}

export type BookResult = 'booked' | 'already_booked';

/** Books one transaction atomically; a key booked before is answered 'already_booked'. */
export async function book(db: Db, booking: Booking): Promise<BookResult> {
  try {
    await runBatch(db, bookingStatements([booking]));
    return 'booked';
  } catch (error) {
    if (isUniqueViolation(error)) return 'already_booked';
    throw error;
  }
}

/** Runs raw statements as one atomic D1 batch (drizzle's batch takes only its query builders). */
export async function runBatch(db: Db, statements: readonly SQL[]): Promise<D1Result[]> {
  if (statements.length === 0) return [];
  const prepared = statements.map((statement) => {
    const query = dialect.sqlToQuery(statement);
    return db.$client.prepare(query.sql).bind(...query.params);
  });
  return db.$client.batch(prepared);
}

const dialect = new SQLiteSyncDialect();

export async function payoutsOf(db: Db, accountId: number) {
  return db
    .select({ id: payouts.id, amountCents: payouts.amountCents, status: payouts.status, failureReason: payouts.failureReason, createdAt: payouts.createdAt })
    .from(payouts)
    .where(eq(payouts.accountId, accountId))
    .orderBy(desc(payouts.id))
    .all();
}

const counterparty = alias(accounts, 'counterparty');

/** A person's ledger entries, optionally of one month, newest first. */
export async function entriesOf(db: Db, accountId: number, month?: Month) {
  return db
    .select({
      id: ledgerEntries.id,
      kind: ledgerEntries.kind,
      amountCents: ledgerEntries.amountCents,
      month: ledgerEntries.month,
      counterparty: counterparty.handle,
      thingId: things.id,
      thingTitle: things.title,
      thingUrl: things.url,
      createdAt: ledgerEntries.createdAt,
    })
    .from(ledgerEntries)
    .leftJoin(counterparty, eq(counterparty.id, ledgerEntries.counterpartyId))
    .leftJoin(things, eq(things.id, ledgerEntries.thingId))
    .where(month ? and(eq(ledgerEntries.accountId, accountId), eq(ledgerEntries.month, month)) : eq(ledgerEntries.accountId, accountId))
    .orderBy(desc(ledgerEntries.id))
    .all();
}

export interface LedgerCheck {
  sumOfAllEntries: number;
  unbalancedTransactions: number[];
  accountsOffBalance: { id: number; balanceCents: number; entriesCents: number }[];
}

/** The books' invariants, read from the database: for tests, the admin check and the bench. */
export async function checkLedger(db: Db): Promise<LedgerCheck> {
  const sum = await db
    .select({ sum: sql<number>`coalesce(sum(${ledgerEntries.amountCents}), 0)` })
    .from(ledgerEntries)
    .get();
  const unbalanced = await db
    .select({ id: ledgerEntries.transactionId })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.transactionId)
    .having(sql`sum(${ledgerEntries.amountCents}) <> 0`)
    .all();
  const off = await db.all<{ id: number; balanceCents: number; entriesCents: number }>(sql`
    SELECT a.id, a.balance_cents AS balanceCents, coalesce(e.total, 0) AS entriesCents
    FROM accounts a LEFT JOIN (SELECT account_id, sum(amount_cents) AS total FROM ledger_entries GROUP BY account_id) e
      ON e.account_id = a.id
    WHERE a.balance_cents <> coalesce(e.total, 0)`);
  return { sumOfAllEntries: sum?.sum ?? 0, unbalancedTransactions: unbalanced.map((r) => r.id), accountsOffBalance: off };
}

/** A prime a little over a million: the weight of an account id in `booksAgree`, kept small so no sum overflows. */
const WEIGHT_MODULUS = 1_000_003;

/**
 * The books' invariants in two sequential scans and no sort, read in one batch (one snapshot):
 * the entries sum to zero, and the accounts' cached balances agree with their entries in total
 * and weighted by account id. An unbalanced transaction moves the sum; any one or two accounts
 * off their entries move the totals apart. What it cannot name (which transaction, which
 * account) `checkLedger` does, at the cost of grouping every entry twice; the monthly run calls
 * that only when this disagrees.
 */
export async function booksAgree(db: Db): Promise<boolean> {
  const weight = (column: string) => `(${column} % ${WEIGHT_MODULUS} + 1)`;
  const [entries, balances] = await db.$client.batch([
    db.$client.prepare(
      `SELECT coalesce(sum(amount_cents), 0) AS total, coalesce(sum(amount_cents * ${weight('account_id')}), 0) AS weighted FROM ledger_entries`,
    ),
    db.$client.prepare(`SELECT coalesce(sum(balance_cents), 0) AS total, coalesce(sum(balance_cents * ${weight('id')}), 0) AS weighted FROM accounts`),
  ]);
  const e = entries!.results[0] as { total: number; weighted: number };
  const b = balances!.results[0] as { total: number; weighted: number };
  return e.total === 0 && b.total === 0 && e.weighted === b.weighted;
}
