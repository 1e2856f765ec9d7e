// Kudos held for things no owner has claimed yet: their shares sit on a system account, each
// entry naming the thing and the giver, until the owner claims the thing or they go back.
import { sql } from 'drizzle-orm';
import type { Booking } from '../domain/ledger';
import type { Month } from '../domain/month';
import { type Db, isUniqueViolation } from './db';
import { bookingStatements, runBatch } from './ledger';

export type ReleaseResult = 'released' | 'nothing_held' | 'not_claimed';

/**
 * Pays everything held for `thingId` to its owner in one balanced booking. The amount is summed
 * inside the batch (so a return landing meanwhile is never paid twice), and the key names the
 * last held entry covered, so the same release is booked once however often it is called.
 */
export async function releaseHeld(db: Db, heldId: number, thingId: number, month: Month): Promise<ReleaseResult> {
  const state = await db.get<{ claimed: number; lastEntry: number | null; held: number | null }>(sql`
    SELECT t.claimed AS claimed, (SELECT max(e.id) FROM ledger_entries e WHERE e.account_id = ${heldId} AND e.thing_id = t.id) AS lastEntry,
      (SELECT sum(e.amount_cents) FROM ledger_entries e WHERE e.account_id = ${heldId} AND e.thing_id = t.id) AS held
    FROM things t WHERE t.id = ${thingId}`);
  if (!state?.claimed) return 'not_claimed';
  if (!state.held || state.held <= 0) return 'nothing_held';
  const key = `held-release:${thingId}:${state.lastEntry}`;
  const held = sql`(SELECT sum(amount_cents) FROM ledger_entries WHERE account_id = ${heldId} AND thing_id = ${thingId})`;
  const owner = sql`(SELECT owner_id FROM things WHERE id = ${thingId})`;
  const transaction = sql`(SELECT id FROM ledger_transactions WHERE key = ${key})`;
  try {
    await runBatch(db, [
      // A second call with the same key fails here, and its whole batch with it.
      sql`INSERT INTO ledger_transactions (key, kind, month) SELECT ${key}, 'release', ${month}
        WHERE (SELECT claimed FROM things WHERE id = ${thingId})`,
      sql`INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, counterparty_id, thing_id, month)
        SELECT ${transaction}, ${heldId}, 'release', -amount, ${owner}, ${thingId}, ${month} FROM (SELECT ${held} AS amount) WHERE amount > 0 AND ${transaction} IS NOT NULL
        UNION ALL
        SELECT ${transaction}, ${owner}, 'share', amount, ${heldId}, ${thingId}, ${month} FROM (SELECT ${held} AS amount) WHERE amount > 0 AND ${transaction} IS NOT NULL`,
      sql`UPDATE accounts SET balance_cents = balance_cents + e.amount_cents
        FROM (SELECT account_id, amount_cents FROM ledger_entries WHERE transaction_id = ${transaction} ORDER BY id DESC LIMIT 2) AS e
        WHERE accounts.id = e.account_id`,
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) return 'released';
    throw error;
  }
  return 'released';
}

export interface HeldGroup {
  month: Month;
  thingId: number;
  giverId: number;
  cents: number;
}

/** Held shares of months up to `lastMonth` whose thing is still unclaimed and that were not returned yet. */
export async function heldToReturn(db: Db, heldId: number, lastMonth: Month, limit: number): Promise<HeldGroup[]> {
  // Whole thing-months only: a return is keyed by its thing and month, so it must carry every giver.
  return db.all<HeldGroup>(sql`
    WITH due AS (
      SELECT DISTINCT e.month, e.thing_id FROM ledger_entries e JOIN things t ON t.id = e.thing_id AND NOT t.claimed
      WHERE e.account_id = ${heldId} AND e.month <= ${lastMonth} AND e.kind = 'share'
        AND NOT EXISTS (SELECT 1 FROM ledger_transactions x WHERE x.key = 'held-return:' || e.month || ':' || e.thing_id)
      ORDER BY e.month, e.thing_id LIMIT ${limit})
    SELECT e.month AS month, e.thing_id AS thingId, e.counterparty_id AS giverId, sum(e.amount_cents) AS cents
    FROM ledger_entries e JOIN due ON due.month = e.month AND due.thing_id = e.thing_id
    WHERE e.account_id = ${heldId} AND e.kind = 'share'
    GROUP BY e.month, e.thing_id, e.counterparty_id
    ORDER BY e.month, e.thing_id, e.counterparty_id`);
}

/**
 * Gives one thing's held shares of one month back to their givers, keyed `held-return:<month>:<thing>`.
 * The transaction row is written only while the thing is still unclaimed; if its owner claimed it
 * meanwhile, the legs find no transaction and the batch fails as a whole (nothing is booked).
 */
export async function returnHeld(
  db: Db,
  heldId: number,
  month: Month,
  thingId: number,
  givers: readonly { giverId: number; cents: number }[],
): Promise<boolean> {
  const key = `held-return:${month}:${thingId}`;
  const booking: Booking = {
    key,
    kind: 'return',
    month,
    legs: givers.flatMap(({ giverId, cents }) => [
      { accountId: heldId, kind: 'return' as const, amountCents: -cents, counterpartyId: giverId, thingId },
      { accountId: giverId, kind: 'return' as const, amountCents: cents, counterpartyId: heldId, thingId },
    ]),
  };
  const [, ...rest] = bookingStatements([booking]);
  try {
    await runBatch(db, [
      sql`INSERT INTO ledger_transactions (key, kind, month) SELECT ${key}, 'return', ${month}
        WHERE EXISTS (SELECT 1 FROM things WHERE id = ${thingId} AND NOT claimed)`,
      ...rest,
    ]);
    return true;
  } catch (error) {
    if (isUniqueViolation(error) || /NOT NULL constraint failed/.test(String(error))) return false;
    throw error;
  }
}

export interface UnclaimedThing {
  thingId: number;
  url: string;
  kudosThisMonth: number;
  kudosTotal: number;
  /** What the held account holds for the thing now (settled shares not yet released or returned). */
  heldCents: number;
}

/** `ownerId`'s unclaimed things with their kudos and what is held for each. */
export async function unclaimedWithHeld(db: Db, heldHandle: string, ownerId: number, month: Month): Promise<UnclaimedThing[]> {
  return db.all<UnclaimedThing>(sql`
    SELECT t.id AS thingId, t.url AS url, t.clicks_total AS kudosTotal,
      CASE WHEN t.clicks_month = ${month} THEN t.clicks_this_month ELSE 0 END AS kudosThisMonth,
      coalesce((SELECT sum(e.amount_cents) FROM ledger_entries e
        WHERE e.account_id = (SELECT id FROM accounts WHERE handle = ${heldHandle}) AND e.thing_id = t.id), 0) AS heldCents
    FROM things t WHERE t.owner_id = ${ownerId} AND NOT t.claimed
    ORDER BY t.id`);
}
