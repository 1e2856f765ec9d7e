// Storage that never fills: a settled month, once past its dispute window, is rolled up. Its
// clicks become per-thing-day totals (what the stats page and CSV read: the same numbers), its
// settlement transactions one aggregated transaction per chunk (each account's entries sum as
// before, so balances and the books do not move), and the detail goes first to R2 as gzipped
// NDJSON, one object per chunk, never deleted from D1 before it is stored. Resumable: every
// chunk is one D1 batch that also moves the cursor.
import { addMonths, monthOf, type Month } from '../domain/month';
import { refuse } from '../domain/refusal';
import { ensureSystemAccount } from '../store/accounts';
import type { Db } from '../store/db';
import { deleteShardClicksUpTo, type GiverShard, nextShardGiverRange, shardClicksOfRange } from '../store/giver-shards';
import { runBatch } from '../store/ledger';
import {
  batchClicksRollupStatements,
  clicksOfBatch,
  clicksOfRange,
  clicksRollupStatements,
  entriesOfRange,
  finishRollup,
  ledgerRollupStatements,
  monthSettled,
  monthsToRollUp,
  nextGiverRange,
  nextSettlementBatch,
  nextTransactionRange,
  type Rollup,
  rollupClicksFrom,
  rollupByScan,
  rollupOf,
  rollupStage,
  shardClicksRollupStatements,
  startRollup,
} from '../store/rollup';
import { HELD_HANDLE } from './settle';

/**
 * Months stay whole in D1 this long after they end: Stripe's 120-day dispute window, after
 * which nothing changes a settled month's money any more (a refund or dispute is booked in its
 * own month, against the deposit).
 */
export const ROLLUP_AFTER_MONTHS = 4;

export interface RollupOptions {
  now?: number;
  /** Givers per clicks chunk and transactions per ledger chunk: each one D1 batch and one R2 object. */
  chunk?: number;
  /** Chunks this call may still do (D1's per-invocation query limit), spent as it goes; the next call goes on. */
  budget?: { chunks: number };
  /** Stop (resumably) after this wall-clock time. */
  deadline?: number;
}

/** Where a chunk's detail is kept: `months/<month>/<clicks|clicks/<shard>|ledger>/<first>-<last>.ndjson.gz`. */
const archiveKey = (month: Month, part: string, range: { first: number; last: number }) => `months/${month}/${part}/${range.first}-${range.last}.ndjson.gz`;

export async function rollUpMonth(db: Db, archive: R2Bucket, month: Month, options: RollupOptions = {}, shards: readonly GiverShard[] = []): Promise<Rollup> {
  const { now = Date.now(), chunk = 1000, budget = { chunks: Infinity }, deadline = Infinity } = options;
  if (addMonths(month, ROLLUP_AFTER_MONTHS) > monthOf(now))
    throw refuse('month_not_ended', `${month} is within its ${ROLLUP_AFTER_MONTHS}-month dispute window.`);
  if (!(await monthSettled(db, month))) throw refuse('month_not_ended', `${month} is not settled.`);
  let run = await startRollup(db, month);
  const heldId = (await ensureSystemAccount(db, HELD_HANDLE)).id;
  for (; run.stage !== 'done' && budget.chunks > 0 && Date.now() < deadline; budget.chunks--) {
    if (run.stage === 'clicks' && run.clicksFrom === '' && run.phase === 'batches') {
      // The givers each settlement batch booked, their clicks meeting the batch's shares by primary key.
      const batch = await nextSettlementBatch(db, month, run.cursor);
      if (batch) {
        const rows = await clicksOfBatch(db, month, batch);
        // Named by the givers' range, as the scan's objects are (the two never share a giver).
        const givers = rows.length > 0 ? { first: rows[0]!.giver_id, last: rows[rows.length - 1]!.giver_id } : null;
        const bytes = givers ? await archiveRows(archive, archiveKey(month, 'clicks', givers), rows) : 0;
        await runBatch(db, batchClicksRollupStatements(run, batch, { bytes }));
      } else await runBatch(db, [rollupByScan(run)]);
    } else if (run.stage === 'clicks' && run.clicksFrom === '') {
      // What no batch booked (clicks of givers settled before batches were recorded), by givers.
      const range = await nextGiverRange(db, month, run.cursor, chunk);
      if (range) {
        const bytes = await archiveRows(archive, archiveKey(month, 'clicks', range), await clicksOfRange(db, month, range));
        await runBatch(db, clicksRollupStatements(run, range, { bytes }));
      } else await runBatch(db, [shards[0] ? rollupClicksFrom(run, shards[0].name) : rollupStage(run, 'ledger', now)]);
    } else if (run.stage === 'clicks') {
      // A giver shard's clicks (store/giver-shards.ts): totalled here, then deleted there.
      const at = shards.findIndex((s) => s.name === run.clicksFrom);
      const shard = shards[at];
      if (!shard) throw new Error(`the roll-up of ${month} goes on with giver shard ${run.clicksFrom}, which GIVER_SHARDS no longer lists`);
      // Those totalled by the last call first: a crash between the two leaves them to this one.
      await deleteShardClicksUpTo(shard, month, run.cursor);
      const range = await nextShardGiverRange(shard, month, run.cursor, chunk);
      if (range) {
        const rows = await shardClicksOfRange(shard, month, range);
        const bytes = await archiveRows(archive, archiveKey(month, `clicks/${shard.name}`, range), rows);
        await runBatch(db, shardClicksRollupStatements(run, range, rows, { bytes }));
        await deleteShardClicksUpTo(shard, month, range.last);
      } else await runBatch(db, [shards[at + 1] ? rollupClicksFrom(run, shards[at + 1]!.name) : rollupStage(run, 'ledger', now)]);
    } else if (run.phase === 'batches') {
      // Each settlement batch's entries by their recorded id range (settlement_batches): a primary-key read.
      const batch = await nextSettlementBatch(db, month, run.cursor);
      if (batch) {
        const bytes = await archiveRows(archive, archiveKey(month, 'ledger', batch.range), await entriesOfRange(db, month, batch.range, batch.entries));
        await runBatch(db, ledgerRollupStatements(run, batch.range, heldId, { bytes }, batch.entries));
      } else await runBatch(db, [rollupByScan(run)]);
    } else {
      const range = await nextTransactionRange(db, month, run.cursor, chunk);
      if (range) {
        const bytes = await archiveRows(archive, archiveKey(month, 'ledger', range), await entriesOfRange(db, month, range));
        await runBatch(db, ledgerRollupStatements(run, range, heldId, { bytes }));
      } else await runBatch(db, finishRollup(run, now));
    }
    run = (await rollupOf(db, month))!;
  }
  return run;
}

/** The daily roll-up's cron expression (wrangler.toml [triggers]; the other one settles months). */
export const ROLLUP_CRON = '35 3 * * *';

/** Chunks one daily firing rolls up: about 9 D1 queries each, under D1's 1,000 per invocation. */
export const ROLLUP_CHUNKS_PER_FIRING = 100;

/**
 * What the daily cron does: rolls up each settled month past its dispute window, oldest first,
 * as far as `options.budget` and `options.deadline` go; the next firing goes on where it stopped.
 */
export async function rollUpDueMonths(
  db: Db,
  archive: R2Bucket,
  now: number,
  options: Required<Pick<RollupOptions, 'budget' | 'deadline'>>,
  shards: readonly GiverShard[] = [],
): Promise<Rollup[]> {
  const runs: Rollup[] = [];
  for (const month of await monthsToRollUp(db, addMonths(monthOf(now), -ROLLUP_AFTER_MONTHS))) {
    if (options.budget.chunks <= 0 || Date.now() >= options.deadline) break;
    runs.push(await rollUpMonth(db, archive, month, { now, ...options }, shards));
  }
  return runs;
}

/** Writes `rows` as gzipped NDJSON; its size in bytes. */
async function archiveRows(archive: R2Bucket, key: string, rows: readonly object[]): Promise<number> {
  const text = rows.map((row) => JSON.stringify(row)).join('\n');
  const gzipped = await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
  await archive.put(key, gzipped, { httpMetadata: { contentType: 'application/x-ndjson', contentEncoding: 'gzip' } });
  return gzipped.byteLength;
}

/** An archived chunk read back: its rows, as they were in D1. */
export async function readArchived<T = Record<string, unknown>>(archive: R2Bucket, key: string): Promise<T[]> {
  const object = await archive.get(key);
  if (!object) return [];
  const text = await new Response(object.body.pipeThrough(new DecompressionStream('gzip'))).text();
  return text === '' ? [] : text.split('\n').map((line) => JSON.parse(line) as T);
}
