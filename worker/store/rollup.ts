// Rolling up a settled month (actions/rollup.ts says when and why): the statements of one chunk
// each, every chunk one atomic D1 batch that leaves the books balanced and the stats unchanged.
import { eq, sql, type SQL } from 'drizzle-orm';
import { rollups } from '../../schema/tables';
import type { Month } from '../domain/month';
import { chunk, type Db } from './db';
import { accountIdOffset, settlementKeysOf } from './settlement-key';
import { SHARD_CLICKS_PER_STATEMENT, type ShardClick, shardClickRows } from './giver-shards';

export type Rollup = typeof rollups.$inferSelect;

export async function rollupOf(db: Db, month: Month): Promise<Rollup | undefined> {
  return db.select().from(rollups).where(eq(rollups.month, month)).get();
}

export async function startRollup(db: Db, month: Month): Promise<Rollup> {
  await db.insert(rollups).values({ month }).onConflictDoNothing().run();
  return (await rollupOf(db, month))!;
}

// --- stage 1: clicks become per-thing-day totals ------------------------------------------

/** The next givers of `month` after `cursor` who still have clicks: the chunk's giver range. */
export async function nextGiverRange(db: Db, month: Month, cursor: number, givers: number): Promise<{ first: number; last: number } | null> {
  const row = await db.get<{ first: number | null; last: number | null }>(sql`
    SELECT min(giver_id) AS first, max(giver_id) AS last FROM (
      SELECT DISTINCT giver_id FROM clicks WHERE month = ${month} AND giver_id > ${cursor} ORDER BY giver_id LIMIT ${givers})`);
  return row?.first == null || row.last == null ? null : { first: row.first, last: row.last };
}

/** The chunk's clicks, as the archive keeps them. */
export async function clicksOfRange(db: Db, month: Month, range: { first: number; last: number }) {
  return db.all<{ month: string; giver_id: number; thing_id: number; created_at: number }>(sql`
    SELECT month, giver_id, thing_id, created_at FROM clicks
    WHERE month = ${month} AND giver_id BETWEEN ${range.first} AND ${range.last} ORDER BY giver_id, thing_id`);
}

/**
 * Adds the chunk's clicks to `thing_day_totals` by the very query the stats page runs on live
 * clicks (store/stats.ts), then deletes them, and moves the cursor: one batch.
 */
export function clicksRollupStatements(at: Rollup, range: { first: number; last: number }, archived: { bytes: number }): SQL[] {
  const { month } = at;
  return [
    totalsStatement(at, range, sql`clicks`),
    sql`DELETE FROM clicks WHERE month = ${month} AND giver_id BETWEEN ${range.first} AND ${range.last} AND ${stillAt(at)}`,
    moveCursor(at, range, archived),
  ];
}

/**
 * SQL: the roll-up still stands where `at` read it. Every statement of a chunk's batch holds it
 * (the cursor moves last), so two callers at once (the cron and the operator) never add one chunk twice.
 */
const stillAt = (at: Rollup) =>
  sql`EXISTS (SELECT 1 FROM rollups WHERE month = ${at.month} AND stage = ${at.stage} AND clicks_from = ${at.clicksFrom}
    AND phase = ${at.phase} AND cursor = ${at.cursor})`;

const moveCursor = (at: Rollup, range: { last: number }, archived: { bytes: number }) =>
  sql`UPDATE rollups SET cursor = ${range.last}, objects = objects + 1, bytes = bytes + ${archived.bytes} WHERE month = ${at.month} AND ${stillAt(at)}`;

/**
 * The givers a settlement batch booked (their ids end its transactions' keys) and the shares it
 * wrote (its entry id range): both read by primary key, so a batch's clicks meet their shares
 * without a look-up per click.
 */
function batchCtes(month: Month, batch: SettlementBatch): SQL {
  return sql`WITH booked AS MATERIALIZED (
      SELECT CAST(substr(key, ${accountIdOffset(month) + 1}) AS INTEGER) AS giver_id FROM ledger_transactions
      WHERE id BETWEEN ${batch.range.first} AND ${batch.range.last} AND key LIKE ${settlementKeysOf(month)}),
    shares AS MATERIALIZED (
      SELECT id, account_id, thing_id, counterparty_id, amount_cents FROM ledger_entries
      WHERE id BETWEEN ${batch.entries.first} AND ${batch.entries.last} AND kind = 'share')`;
}

/** The clicks of the givers a settlement batch booked, as the archive keeps them. */
export async function clicksOfBatch(db: Db, month: Month, batch: SettlementBatch) {
  return db.all<{ month: string; giver_id: number; thing_id: number; created_at: number }>(sql`${batchCtes(month, batch)}
    SELECT c.month, c.giver_id, c.thing_id, c.created_at FROM booked b JOIN clicks c ON c.month = ${month} AND c.giver_id = b.giver_id
    ORDER BY c.giver_id, c.thing_id`);
}

/**
 * The clicks of the givers a settlement batch booked, added to `thing_day_totals` with the same
 * sums as `totalsStatement` (a click's earnings: its owner's share from that giver), then deleted,
 * and the cursor moved past the batch: one batch.
 */
export function batchClicksRollupStatements(at: Rollup, batch: SettlementBatch, archived: { bytes: number }): SQL[] {
  const { month } = at;
  return [
    addToTotals(
      batchCtes(month, batch),
      sql`booked b
        CROSS JOIN clicks c ON c.month = ${month} AND c.giver_id = b.giver_id
        JOIN things t ON t.id = c.thing_id
        LEFT JOIN shares e ON e.account_id = t.owner_id AND e.thing_id = c.thing_id AND e.counterparty_id = c.giver_id`,
      stillAt(at),
    ),
    sql`${batchCtes(month, batch)}
      DELETE FROM clicks WHERE month = ${month} AND giver_id IN (SELECT giver_id FROM booked) AND ${stillAt(at)}`,
    moveCursor(at, batch.range, archived),
  ];
}

/**
 * The same for a chunk of a giver shard's clicks, read there (store/giver-shards.ts): their totals
 * added here and the cursor moved, one batch; the shard deletes them after (`deleteShardClicksUpTo`).
 */
export function shardClicksRollupStatements(
  at: Rollup,
  range: { first: number; last: number },
  rows: readonly ShardClick[],
  archived: { bytes: number },
): SQL[] {
  const totals = chunk(rows, SHARD_CLICKS_PER_STATEMENT).map((part) => totalsStatement(at, range, shardClickRows(part)));
  return [...totals, moveCursor(at, range, archived)];
}

/** Adds the clicks of `clicks` (a table or rows of its columns) in the chunk's givers to `thing_day_totals`. */
function totalsStatement(at: Rollup, range: { first: number; last: number }, clicks: SQL): SQL {
  return addToTotals(
    sql``,
    sql`${clicks} c
      JOIN things t ON t.id = c.thing_id
      LEFT JOIN ledger_entries e ON e.kind = 'share' AND e.account_id = t.owner_id AND e.thing_id = c.thing_id
        AND e.month = c.month AND e.counterparty_id = c.giver_id`,
    sql`c.month = ${at.month} AND c.giver_id BETWEEN ${range.first} AND ${range.last} AND ${stillAt(at)}`,
  );
}

/**
 * Adds clicks `c` (each with its share `e` from its giver to its owner, or none) to
 * `thing_day_totals` per thing and UTC day, as the stats page sums live clicks: the one spelling
 * of those sums for every way a roll-up reads clicks. `with_` is a WITH clause the `from` needs.
 */
function addToTotals(with_: SQL, from: SQL, where: SQL): SQL {
  return sql`${with_}
    INSERT INTO thing_day_totals (thing_id, day, clicks, settled_clicks, earnings_cents, first_at, last_at)
    SELECT c.thing_id, strftime('%Y-%m-%d', c.created_at / 1000, 'unixepoch'), count(*), count(e.id), coalesce(sum(e.amount_cents), 0),
      min(c.created_at), max(c.created_at)
    FROM ${from}
    WHERE ${where}
    GROUP BY 1, 2
    ON CONFLICT (thing_id, day) DO UPDATE SET clicks = clicks + excluded.clicks, settled_clicks = settled_clicks + excluded.settled_clicks,
      earnings_cents = earnings_cents + excluded.earnings_cents, first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at)`;
}

/** The clicks stage goes on with the next database's clicks (a giver shard's binding), from its first giver. */
export function rollupClicksFrom(at: Rollup, from: string): SQL {
  return sql`UPDATE rollups SET clicks_from = ${from}, cursor = 0 WHERE month = ${at.month} AND ${stillAt(at)}`;
}

// --- stage 2: settlement transactions become one aggregated transaction per chunk ----------

/** The month's settlement transactions (givers' months and gifts) after `cursor`, by id. */
const settlementTxs = (month: Month, range: { first: number; last: number }) =>
  sql`SELECT id FROM ledger_transactions WHERE id BETWEEN ${range.first} AND ${range.last} AND kind = 'settlement' AND month = ${month} AND key NOT LIKE 'rollup:%'`;

export async function nextTransactionRange(db: Db, month: Month, cursor: number, transactions: number): Promise<{ first: number; last: number } | null> {
  const row = await db.get<{ first: number | null; last: number | null }>(sql`
    SELECT min(id) AS first, max(id) AS last FROM (
      SELECT id FROM ledger_transactions WHERE kind = 'settlement' AND month = ${month} AND id > ${cursor} AND key NOT LIKE 'rollup:%'
        AND NOT EXISTS (SELECT 1 FROM settlement_batches b WHERE b.month = ${month} AND id BETWEEN b.first_transaction_id AND b.last_transaction_id)
      ORDER BY id LIMIT ${transactions})`);
  return row?.first == null || row.last == null ? null : { first: row.first, last: row.last };
}

/** A settlement batch's transaction ids and the ids of the entries it wrote (`settlement_batches`). */
export interface SettlementBatch {
  range: { first: number; last: number };
  entries: EntryRange;
}

/** Entry ids first..last: where a batch's entries are, read by primary key. */
export type EntryRange = { first: number; last: number };

/** The month's next recorded settlement batch after transaction `cursor`. */
export async function nextSettlementBatch(db: Db, month: Month, cursor: number): Promise<SettlementBatch | null> {
  const row = await db.get<{ first: number; last: number; firstEntry: number; lastEntry: number }>(sql`
    SELECT first_transaction_id AS first, last_transaction_id AS last, first_entry_id AS firstEntry, last_entry_id AS lastEntry
    FROM settlement_batches WHERE month = ${month} AND first_transaction_id > ${cursor} ORDER BY first_transaction_id LIMIT 1`);
  return row ? { range: { first: row.first, last: row.last }, entries: { first: row.firstEntry, last: row.lastEntry } } : null;
}

/** SQL: an entry (of `ledger_entries`, unaliased) of the chunk's transactions, within `entries` when known. */
const ofChunk = (month: Month, range: { first: number; last: number }, entries?: EntryRange) =>
  entries
    ? sql`ledger_entries.id BETWEEN ${entries.first} AND ${entries.last} AND ledger_entries.transaction_id IN (${settlementTxs(month, range)})`
    : sql`ledger_entries.transaction_id IN (${settlementTxs(month, range)})`;

/** The chunk's transactions with their entries, as the archive keeps them. */
export async function entriesOfRange(db: Db, month: Month, range: { first: number; last: number }, entries?: EntryRange) {
  return db.all<{
    transaction_id: number;
    key: string;
    account_id: number;
    kind: string;
    amount_cents: number;
    counterparty_id: number | null;
    thing_id: number | null;
    created_at: number;
  }>(sql`
    SELECT ledger_entries.transaction_id, t.key, ledger_entries.account_id, ledger_entries.kind, ledger_entries.amount_cents,
      ledger_entries.counterparty_id, ledger_entries.thing_id, ledger_entries.created_at
    FROM ledger_entries JOIN ledger_transactions t ON t.id = ledger_entries.transaction_id
    WHERE ${ofChunk(month, range, entries)} ORDER BY ledger_entries.id`);
}

/**
 * Moves the chunk's transactions' entries into the month's one roll-up transaction: per account, kind and
 * thing the sum of their entries (a person's budget and fee, each creator's shares per thing, the
 * platform's fee), added to the roll-up's entry for it or a new one; except the held account's
 * shares, kept entry by entry because a held share goes back to its own giver if nobody claims
 * the thing. Balances do not move: each account's entries sum as before. (A sum of exactly zero
 * would break the entries' non-zero check and stop the batch: no account has legs of both signs
 * of one kind and thing in a month.) The emptied transactions stay: their keys still prove each
 * person's month was booked once, and deleting them would make SQLite look for their entries
 * (the foreign key) with no index to look in.
 */
export function ledgerRollupStatements(
  at: Rollup,
  range: { first: number; last: number },
  heldId: number,
  archived: { bytes: number },
  entries?: EntryRange,
): SQL[] {
  const { month } = at;
  const key = `rollup:${month}`;
  const rollupTx = sql`(SELECT id FROM ledger_transactions WHERE key = ${key})`;
  const chunkEntries = ofChunk(month, range, entries);
  const sums = sql`SELECT account_id, kind, thing_id, sum(amount_cents) AS cents FROM ledger_entries
    WHERE ${chunkEntries} AND account_id <> ${heldId} GROUP BY account_id, kind, thing_id HAVING sum(amount_cents) <> 0`;
  // Where the roll-up's entry for an account, kind and thing is, by primary key (rollup_entries).
  const entryOf = (s: string) =>
    sql`SELECT entry_id FROM rollup_entries m WHERE m.month = ${month} AND m.account_id = ${sql.raw(s)}.account_id AND m.kind = ${sql.raw(s)}.kind
      AND m.thing_key = coalesce(${sql.raw(s)}.thing_id, 0)`;
  return [
    sql`INSERT INTO ledger_transactions (key, kind, month) VALUES (${key}, 'settlement', ${month}) ON CONFLICT (key) DO NOTHING`,
    sql`UPDATE ledger_entries SET amount_cents = ledger_entries.amount_cents + s.cents FROM (${sums}) AS s
      WHERE ledger_entries.id = (${entryOf('s')}) AND ${stillAt(at)}`,
    sql`UPDATE rollups SET entry_mark = (SELECT coalesce(max(id), 0) FROM ledger_entries) WHERE month = ${month} AND ${stillAt(at)}`,
    sql`INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, counterparty_id, thing_id, month)
      SELECT ${rollupTx}, s.account_id, s.kind, s.cents, NULL, s.thing_id, ${month} FROM (${sums}) AS s
      WHERE NOT EXISTS (${entryOf('s')}) AND ${stillAt(at)}`,
    sql`INSERT INTO rollup_entries (month, account_id, kind, thing_key, entry_id)
      SELECT ${month}, account_id, kind, coalesce(thing_id, 0), id FROM ledger_entries
      WHERE id > (SELECT entry_mark FROM rollups WHERE month = ${month}) AND transaction_id = ${rollupTx} AND ${stillAt(at)}`,
    sql`INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, counterparty_id, thing_id, month)
      SELECT ${rollupTx}, account_id, kind, amount_cents, counterparty_id, thing_id, ${month} FROM ledger_entries
      WHERE ${chunkEntries} AND account_id = ${heldId} AND ${stillAt(at)}`,
    sql`DELETE FROM ledger_entries WHERE ${chunkEntries} AND ${stillAt(at)}`,
    moveCursor(at, range, archived),
  ];
}

/** The stage goes on with what no recorded batch holds, by a scan from the first giver or transaction. */
export function rollupByScan(at: Rollup): SQL {
  return sql`UPDATE rollups SET phase = 'scan', cursor = 0 WHERE month = ${at.month} AND ${stillAt(at)}`;
}

/** The last statements of a roll-up: the entries' index of the month goes, and the roll-up is done. */
export function finishRollup(at: Rollup, now: number): SQL[] {
  return [sql`DELETE FROM rollup_entries WHERE month = ${at.month} AND ${stillAt(at)}`, rollupStage(at, 'done', now)];
}

export function rollupStage(at: Rollup, stage: 'ledger' | 'done', now: number): SQL {
  return stage === 'done'
    ? sql`UPDATE rollups SET stage = 'done', finished_at = ${now} WHERE month = ${at.month} AND ${stillAt(at)}`
    : sql`UPDATE rollups SET stage = 'ledger', phase = 'batches', cursor = 0 WHERE month = ${at.month} AND ${stillAt(at)}`;
}

/**
 * Settled months whose dispute window ended before `lastMonth` and that are not rolled up yet,
 * oldest first (what the daily roll-up does next).
 */
export async function monthsToRollUp(db: Db, lastMonth: Month): Promise<Month[]> {
  const rows = await db.all<{ month: Month }>(sql`SELECT r.month FROM settlement_runs r
    WHERE r.stage = 'done' AND r.month <= ${lastMonth}
      AND NOT EXISTS (SELECT 1 FROM rollups u WHERE u.month = r.month AND u.stage = 'done')
    ORDER BY r.month`);
  return rows.map((r) => r.month);
}

/** Whether `month`'s settlement is done. */
export async function monthSettled(db: Db, month: Month): Promise<boolean> {
  return (await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM settlement_runs WHERE month = ${month} AND stage = 'done'`))?.n === 1;
}
