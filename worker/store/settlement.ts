// The monthly settlement's queries: a chunk of givers is settled by ten set-based statements in
// one atomic D1 batch, whatever its size. Amounts follow `domain/split.ts` exactly (the
// property test in test/worker/settlement-sql.test.ts compares them over random inputs).
import { sql, type SQL } from 'drizzle-orm';
import type { Month } from '../domain/month';
import type { ChunkRange } from '../domain/queue-messages';
import { monthIndex } from '../domain/month';
import { chunk, type Db } from './db';
import { fenceAndReadClicks, type GiverShard, rangesOf, SHARD_CLICKS_PER_STATEMENT, type ShardClick, shardClickRows } from './giver-shards';
import { accountIdOffset, settlementBooked, settlementKeySql } from './settlement-key';
import { runBatch } from './ledger';

export interface ChunkAccounts {
  feesId: number;
  charityId: number;
  /** Holds the shares of things no owner has claimed yet (`things.claimed` = false). */
  heldId: number;
}

export interface ChunkOptions extends ChunkAccounts, ChunkRange {
  month: Month;
  feePercent: number;
  now: number;
  /** Mark the planned chunk starting at `firstId` done in the same batch (not for retries of one person). */
  markChunkDone: boolean;
  /**
   * The givers' clicks when they live on a giver shard (store/giver-shards.ts): staged in
   * `settlement_clicks` inside the batch, so the same statements read them. A click whose thing
   * was removed meanwhile is not staged (the primary's foreign key does the same for its own),
   * so a giver's count of clicks and their shares always agree.
   */
  shardClicks?: readonly ShardClick[];
}

/** Credits a month's own run gave a person: left out of what the person can give that month. */
const creditKinds = sql`('share', 'charity')`;

/**
 * The statements that settle givers (firstId, lastId] of `month`, to run as ONE batch:
 *  1. pledges for people with a budget in force during the month who gave no kudos (or whose
 *     kudos predate pledges): min(budget in force, unreserved balance before this month's credits);
 *  2. people whose balance no longer covers their pledge are recorded in `settlement_failures`
 *     and skipped, so one person never stops the chunk;
 *  3. everyone else: a `settlement:<month>:<person>` transaction, the giver's `budget`/`fee`
 *     legs (or `budget` → `charity` without clicks), one `share` per click (to the held
 *     account for an unclaimed thing), each account's balance changed once, pledges settled.
 * Keys already booked are skipped, so a chunk settled twice books nothing the second time.
 */
export function settleChunkStatements(o: ChunkOptions): SQL[] {
  const { month, firstId, lastId } = o;
  const clicksOf = sql.raw(o.shardClicks ? 'settlement_clicks' : 'clicks');
  // D1 binds every JS number as a REAL: integer arithmetic needs its operands cast.
  const basisPoints = sql`CAST(${Math.round(o.feePercent * 100)} AS INTEGER)`;
  const start = sql`CAST(${monthIndex(month)} AS INTEGER)`;
  const now = sql`CAST(${o.now} AS INTEGER)`;
  const inRange = (column: SQL) => sql`${column} > ${firstId} AND ${column} <= ${lastId}`;
  const run = sql`(SELECT batch_transaction_mark FROM settlement_runs WHERE month = ${month})`;
  const entryMark = sql`(SELECT batch_entry_mark FROM settlement_runs WHERE month = ${month})`;
  // This batch's givers: the settlement transactions above the mark (the giver's id ends the key).
  // MATERIALIZED and CROSS JOIN fix the plan: a chunk's few givers first, then their clicks by
  // index; left to itself the planner scans the whole month's clicks for every giver.
  const batch = sql`WITH batch AS MATERIALIZED (
      SELECT transaction_id, giver_id, reserved, clicks,
        CASE WHEN clicks > 0 THEN (reserved * ${basisPoints} + 5000) / 10000 ELSE 0 END AS fee
      FROM (
        SELECT t.id AS transaction_id, p.account_id AS giver_id, p.reserved_cents AS reserved,
          (SELECT count(*) FROM ${clicksOf} c WHERE c.month = ${month} AND c.giver_id = p.account_id) AS clicks
        FROM ledger_transactions t
          JOIN month_pledges p ON p.account_id = CAST(substr(t.key, ${accountIdOffset(month) + 1}) AS INTEGER) AND p.month = ${month}
        WHERE t.id > ${run}))`;
  const statements: SQL[] = [
    sql`UPDATE settlement_runs SET batch_transaction_mark = (SELECT coalesce(max(id), 0) FROM ledger_transactions),
        batch_entry_mark = (SELECT coalesce(max(id), 0) FROM ledger_entries) WHERE month = ${month}`,
    sql`INSERT INTO month_pledges (account_id, month, budget_cents, reserved_cents)
      SELECT id, ${month}, budget, max(0, min(budget, unreserved)) FROM (
        SELECT a.id,
          (SELECT b.cents FROM budget_changes b WHERE b.account_id = a.id AND b.from_month <= ${month}
            ORDER BY b.from_month DESC LIMIT 1) AS budget,
          a.balance_cents
            - (SELECT coalesce(sum(p.reserved_cents), 0) FROM month_pledges p WHERE p.account_id = a.id AND p.settled_at IS NULL)
            - (SELECT coalesce(sum(e.amount_cents), 0) FROM ledger_entries e
                WHERE e.account_id = a.id AND e.month = ${month} AND e.kind IN ${creditKinds} AND e.amount_cents > 0) AS unreserved
        FROM accounts a
        WHERE a.kind = 'person' AND ${inRange(sql`a.id`)}
          AND NOT EXISTS (SELECT 1 FROM month_pledges p WHERE p.account_id = a.id AND p.month = ${month}))
      WHERE budget > 0
      ON CONFLICT DO NOTHING`,
    sql`INSERT INTO settlement_failures (month, account_id, reason, first_at, last_at)
      SELECT ${month}, p.account_id, 'balance ' || a.balance_cents || ' does not cover the pledge of ' || p.reserved_cents, ${now}, ${now}
      FROM month_pledges p JOIN accounts a ON a.id = p.account_id
      WHERE p.month = ${month} AND ${inRange(sql`p.account_id`)} AND p.settled_at IS NULL
        AND p.reserved_cents > 0 AND a.balance_cents < p.reserved_cents
      ON CONFLICT (month, account_id) DO UPDATE SET attempts = attempts + 1, last_at = excluded.last_at,
        reason = excluded.reason, resolved_at = NULL`,
    sql`INSERT INTO ledger_transactions (key, kind, month)
      SELECT ${settlementKeySql(month, sql`p.account_id`)}, 'settlement', ${month}
      FROM month_pledges p JOIN accounts a ON a.id = p.account_id
      WHERE p.month = ${month} AND ${inRange(sql`p.account_id`)} AND p.settled_at IS NULL
        AND p.reserved_cents > 0 AND a.balance_cents >= p.reserved_cents
        AND NOT ${settlementBooked(month, sql`p.account_id`)}
      ORDER BY p.account_id`,
    // The giver's side: what their things received and the fee (so their ledger shows the fee),
    // or the whole month to charity when they gave no kudos.
    sql`${batch}
      INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, counterparty_id, thing_id, month)
      SELECT transaction_id, account_id, kind, amount, counterparty, NULL, ${month} FROM (
        SELECT giver_id AS g, 0 AS leg, transaction_id, giver_id AS account_id, 'budget' AS kind, fee - reserved AS amount,
          CASE WHEN clicks = 0 THEN ${o.charityId} END AS counterparty FROM batch
        UNION ALL SELECT giver_id, 1, transaction_id, giver_id, 'fee', -fee, ${o.feesId} FROM batch WHERE fee > 0
        UNION ALL SELECT giver_id, 2, transaction_id, ${o.feesId}, 'fee', fee, giver_id FROM batch WHERE fee > 0
        UNION ALL SELECT giver_id, 3, transaction_id, ${o.charityId}, 'charity', reserved, giver_id FROM batch WHERE clicks = 0)
      WHERE amount <> 0 ORDER BY g, leg`,
    // One share per click: (amount − fee) / n rounded down, and the leftover cents one each to
    // consecutive clicks (by thing id) from position monthIndex mod n: `splitBudget` in SQL.
    sql`${batch}
      INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, counterparty_id, thing_id, month)
      SELECT transaction_id, CASE WHEN claimed THEN owner_id ELSE ${o.heldId} END, 'share', share, giver_id, thing_id, ${month} FROM (
        SELECT b.transaction_id, b.giver_id, c.thing_id, t.owner_id, t.claimed,
          (b.reserved - b.fee) / b.clicks
            + CASE WHEN (row_number() OVER w - 1 - ${start} % b.clicks + b.clicks) % b.clicks
                        < (b.reserved - b.fee) % b.clicks THEN 1 ELSE 0 END AS share
        FROM batch b
          CROSS JOIN ${clicksOf} c ON c.month = ${month} AND c.giver_id = b.giver_id
          CROSS JOIN things t ON t.id = c.thing_id
        WHERE b.clicks > 0
        WINDOW w AS (PARTITION BY b.giver_id ORDER BY c.thing_id))
      WHERE share > 0`,
    // Every account touched by the chunk changes once, however many givers paid it.
    // (The batch's entries by id range, not by the account index the GROUP BY would tempt the planner to scan.)
    sql`WITH fresh AS MATERIALIZED (SELECT account_id, amount_cents FROM ledger_entries WHERE id > ${entryMark})
      UPDATE accounts SET balance_cents = balance_cents + d.delta
      FROM (SELECT account_id, sum(amount_cents) AS delta FROM fresh GROUP BY account_id) AS d
      WHERE accounts.id = d.account_id`,
    // The batch's id ranges, so the roll-up reads its entries by primary key (settlement_batches).
    sql`INSERT INTO settlement_batches (month, first_transaction_id, last_transaction_id, first_entry_id, last_entry_id)
      SELECT ${month}, r.batch_transaction_mark + 1, t.last, r.batch_entry_mark + 1, e.last
      FROM settlement_runs r, (SELECT max(id) AS last FROM ledger_transactions) t, (SELECT max(id) AS last FROM ledger_entries) e
      WHERE r.month = ${month} AND t.last > r.batch_transaction_mark`,
    sql`UPDATE settlement_runs SET cursor = max(cursor, ${lastId}),
        people_settled = people_settled + (SELECT count(*) FROM ledger_transactions WHERE id > ${run}),
        clicks_settled = clicks_settled + (SELECT coalesce(sum((SELECT count(*) FROM ${clicksOf} c WHERE c.month = ${month} AND c.giver_id = g)), 0)
          FROM (SELECT CAST(substr(key, ${accountIdOffset(month) + 1}) AS INTEGER) AS g FROM ledger_transactions WHERE id > ${run}))
      WHERE month = ${month}`,
    sql`UPDATE month_pledges SET settled_at = ${now}
      WHERE month = ${month} AND ${inRange(sql`account_id`)} AND settled_at IS NULL
        AND (reserved_cents = 0 OR ${settlementBooked(month, sql`month_pledges.account_id`)})`,
    sql`UPDATE settlement_failures SET resolved_at = ${now}
      WHERE month = ${month} AND ${inRange(sql`account_id`)} AND resolved_at IS NULL
        AND account_id IN (SELECT account_id FROM month_pledges WHERE month = ${month} AND ${inRange(sql`account_id`)} AND settled_at IS NOT NULL)`,
  ];
  if (o.markChunkDone) statements.push(chunkDone(month, firstId, o.now));
  if (!o.shardClicks) return statements;
  const staged = chunk(o.shardClicks, SHARD_CLICKS_PER_STATEMENT).map(
    (clicks) => sql`INSERT INTO settlement_clicks (month, giver_id, thing_id)
      SELECT r.month, r.giver_id, r.thing_id FROM ${shardClickRows(clicks)} r
      WHERE EXISTS (SELECT 1 FROM things WHERE things.id = r.thing_id)`,
  );
  // Clicks of these givers from before their shard was added are still here: read with them.
  const before = sql`INSERT OR IGNORE INTO settlement_clicks (month, giver_id, thing_id)
    SELECT month, giver_id, thing_id FROM clicks WHERE month = ${month} AND giver_id > ${firstId} AND giver_id <= ${lastId}`;
  const unstage = sql`DELETE FROM settlement_clicks WHERE month = ${month}`;
  return [unstage, ...staged, before, ...statements, unstage];
}

const chunkDone = (month: Month, firstId: number, now: number) =>
  sql`UPDATE settlement_chunks SET done_at = ${now} WHERE month = ${month} AND first_id = ${firstId} AND done_at IS NULL`;

/**
 * Settles one chunk of givers (firstId, lastId]: one atomic batch for each database their clicks
 * live on (one, unless the chunk straddles where a giver shard begins). A shard's part is fenced
 * and read there first (store/giver-shards.ts), then booked here from what was read; the chunk is
 * marked done with its last part. Each part books each giver once, so a retry repeats nothing.
 */
export async function settleChunk(db: Db, options: ChunkOptions, shards: readonly GiverShard[] = []): Promise<void> {
  const parts = rangesOf(shards, options.firstId, options.lastId);
  for (const [i, part] of parts.entries()) {
    const shardClicks = part.shard ? await fenceAndReadClicks(part.shard, options.month, part.firstId, part.lastId) : undefined;
    const statements = settleChunkStatements({ ...options, firstId: part.firstId, lastId: part.lastId, markChunkDone: false, shardClicks });
    // The chunk is named by its first id, and done with its last part.
    if (options.markChunkDone && i === parts.length - 1) statements.push(chunkDone(options.month, options.firstId, options.now));
    await runBatch(db, statements);
  }
}

/** Creates the month's run and its chunks of `chunkIds` account ids (once; later calls change nothing). */
export async function planRun(db: Db, month: Month, chunkIds: number, now: number): Promise<void> {
  await runBatch(db, [
    sql`INSERT INTO settlement_runs (month, stage, started_at) VALUES (${month}, 'settling', ${now}) ON CONFLICT DO NOTHING`,
    sql`WITH RECURSIVE n(first) AS (SELECT 0 UNION ALL SELECT first + ${chunkIds} FROM n
          WHERE first + ${chunkIds} < (SELECT coalesce(max(id), 0) FROM accounts))
      INSERT INTO settlement_chunks (month, first_id, last_id)
      SELECT ${month}, first, first + ${chunkIds} FROM n
      WHERE NOT EXISTS (SELECT 1 FROM settlement_chunks WHERE month = ${month})`,
  ]);
}

/**
 * Claims the month's chunks to send to the queue: those never sent, or sent before `staleBefore`
 * and still not done (their messages died in the dead-letter queue). One statement claims and answers.
 */
export async function claimChunksToEnqueue(db: Db, month: Month, now: number, staleBefore: number): Promise<ChunkRange[]> {
  return db.all<ChunkRange>(sql`UPDATE settlement_chunks SET enqueued_at = ${now}
    WHERE month = ${month} AND done_at IS NULL AND (enqueued_at IS NULL OR enqueued_at < ${staleBefore})
    RETURNING first_id AS firstId, last_id AS lastId`);
}

export async function openChunks(db: Db, month: Month, limit = 10_000): Promise<ChunkRange[]> {
  return db.all<ChunkRange>(sql`SELECT first_id AS firstId, last_id AS lastId FROM settlement_chunks
    WHERE month = ${month} AND done_at IS NULL ORDER BY first_id LIMIT ${limit}`);
}

export interface SettlementFailure {
  accountId: number;
  handle: string;
  reason: string;
  attempts: number;
}

export async function openFailures(db: Db, month: Month): Promise<SettlementFailure[]> {
  return db.all<SettlementFailure>(sql`SELECT f.account_id AS accountId, a.handle, f.reason, f.attempts
    FROM settlement_failures f JOIN accounts a ON a.id = f.account_id
    WHERE f.month = ${month} AND f.resolved_at IS NULL ORDER BY f.account_id`);
}

/** Marks the run done once no chunk is left (idempotent: the last of several consumers wins). */
export async function finishRun(db: Db, month: Month, now: number): Promise<boolean> {
  const result = await db.run(sql`UPDATE settlement_runs SET stage = 'done', finished_at = ${now}
    WHERE month = ${month} AND stage <> 'done'
      AND NOT EXISTS (SELECT 1 FROM settlement_chunks WHERE month = ${month} AND done_at IS NULL)`);
  return (result.meta.changes ?? 0) > 0;
}

/** Ended months that still need work, oldest first: unfinished runs and open failures. */
export async function monthsWithWork(db: Db): Promise<Month[]> {
  const rows = await db.all<{ month: Month }>(sql`
    SELECT month FROM settlement_runs WHERE stage <> 'done'
    UNION SELECT month FROM settlement_failures WHERE resolved_at IS NULL
    ORDER BY month`);
  return rows.map((r) => r.month);
}
