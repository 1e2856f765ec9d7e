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
  clicksOfRange,
  clicksRollupStatements,
  entriesOfRange,
  ledgerRollupStatements,
  monthSettled,
  nextGiverRange,
  nextTransactionRange,
  type Rollup,
  rollupClicksFrom,
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
}

/** Where a chunk's detail is kept: `months/<month>/<clicks|clicks/<shard>|ledger>/<first>-<last>.ndjson.gz`. */
const archiveKey = (month: Month, part: string, range: { first: number; last: number }) => `months/${month}/${part}/${range.first}-${range.last}.ndjson.gz`;

export async function rollUpMonth(db: Db, archive: R2Bucket, month: Month, options: RollupOptions = {}, shards: readonly GiverShard[] = []): Promise<Rollup> {
  const { now = Date.now(), chunk = 500, budget = { chunks: Infinity } } = options;
  if (addMonths(month, ROLLUP_AFTER_MONTHS) > monthOf(now))
    throw refuse('month_not_ended', `${month} is within its ${ROLLUP_AFTER_MONTHS}-month dispute window.`);
  if (!(await monthSettled(db, month))) throw refuse('month_not_ended', `${month} is not settled.`);
  let run = await startRollup(db, month);
  const heldId = (await ensureSystemAccount(db, HELD_HANDLE)).id;
  for (; run.stage !== 'done' && budget.chunks > 0; budget.chunks--) {
    if (run.stage === 'clicks' && run.clicksFrom === '') {
      const range = await nextGiverRange(db, month, run.cursor, chunk);
      if (range) {
        const bytes = await archiveRows(archive, archiveKey(month, 'clicks', range), await clicksOfRange(db, month, range));
        await runBatch(db, clicksRollupStatements(month, range, { bytes }));
      } else await runBatch(db, [shards[0] ? rollupClicksFrom(month, shards[0].name) : rollupStage(month, 'ledger', now)]);
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
        await runBatch(db, shardClicksRollupStatements(month, range, rows, { bytes }));
        await deleteShardClicksUpTo(shard, month, range.last);
      } else await runBatch(db, [shards[at + 1] ? rollupClicksFrom(month, shards[at + 1]!.name) : rollupStage(month, 'ledger', now)]);
    } else {
      const range = await nextTransactionRange(db, month, run.cursor, chunk);
      if (range) {
        const bytes = await archiveRows(archive, archiveKey(month, 'ledger', range), await entriesOfRange(db, month, range));
        await runBatch(db, ledgerRollupStatements(month, range, heldId, { bytes }));
      } else await runBatch(db, [rollupStage(month, 'done', now)]);
    }
    run = (await rollupOf(db, month))!;
  }
  return run;
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
