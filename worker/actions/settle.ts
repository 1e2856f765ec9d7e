// The monthly run: settles every person's month, resumably, exactly once, and never stopped by one
// person. The SQL of a chunk lives in store/settlement.ts; this file decides what runs when.
import { announceSettledMonth } from './webhooks';
import { bookWaitingGifts } from './gifts';
import { eq } from 'drizzle-orm';
import { refuse } from '../domain/refusal';
import { settlementRuns } from '../../schema/tables';
import { addMonths, hasEnded, monthOf, monthToSettle, type Month } from '../domain/month';
import type { ChunkRange, SettlementMessage } from '../domain/queue-messages';
import type { Config } from '../env';
import { ensureSystemAccount } from '../store/accounts';
import { sweepClosedAccounts } from './closing';
import type { Db } from '../store/db';
import { heldToReturn, type ReleaseResult, releaseHeld, returnHeld } from '../store/held';
import { booksAgree, checkLedger, type LedgerCheck } from '../store/ledger';
import { announceMonth } from './money-messages';
import { recordBooks, recordMonth } from '../store/payday';
import {
  type ChunkAccounts,
  claimChunksToEnqueue,
  finishRun,
  monthsWithWork,
  openChunks,
  openFailures,
  planRun,
  type SettlementFailure,
  settleChunk,
} from '../store/settlement';

export const FEES_HANDLE = 'system:fees';
/** Holds the shares of things their owners have not claimed yet. */
export const HELD_HANDLE = 'system:held';
/** Held shares go back to their givers when their thing is still unclaimed this many months after their month was settled (on the 1st of the month after it). */
const HOLD_MONTHS = 6;
/** Giver ids per chunk: one atomic batch of a dozen statements, whatever the chunk's clicks. */
export const CHUNK_IDS = 1000;

export type SettlementRun = typeof settlementRuns.$inferSelect & { failures: SettlementFailure[] };

export type SettlementStage = 'plan' | 'chunk' | 'retry' | 'finish';

export interface SettleOptions {
  now?: number;
  /**
   * Chunks this invocation may still settle, shared by every month it settles (each chunk is a
   * batch of a dozen statements; D1 allows 1,000 queries per invocation). Decremented in place.
   */
  budget?: { chunks: number };
  /** Account ids per chunk (the queue's message size, too). */
  chunkIds?: number;
  /** Stop (resumably) after this wall-clock time, so one invocation stays inside its limits. */
  deadline?: number;
  /**
   * Called before each stage writes; tests throw from it to crash the run there, or race
   * payouts against the chunk about to be booked.
   */
  beforeStage?: (stage: SettlementStage, index: number) => void | Promise<void>;
  /** Check the books before planning and after finishing (on by default). */
  checkBooks?: boolean;
}

class BooksOff extends Error {
  constructor(
    readonly when: 'before' | 'after',
    readonly check: LedgerCheck,
  ) {
    super(`the ledger is off ${when} the settlement: ${JSON.stringify(check)}`);
  }
}

/** The system accounts a chunk books to, created on first use. */
async function chunkAccounts(db: Db, config: Config): Promise<ChunkAccounts> {
  const [fees, charity, held] = await Promise.all([
    ensureSystemAccount(db, FEES_HANDLE),
    ensureSystemAccount(db, config.charityHandle),
    ensureSystemAccount(db, HELD_HANDLE),
  ]);
  return { feesId: fees.id, charityId: charity.id, heldId: held.id };
}

/**
 * Plans `month` (once): its run row and chunks of giver ids. Refuses a month that has not ended,
 * and checks the books before the first chunk is planned.
 */
async function startMonth(db: Db, month: Month, options: Pick<SettleOptions, 'now' | 'chunkIds' | 'checkBooks' | 'beforeStage'> = {}): Promise<void> {
  const { now = Date.now(), chunkIds = CHUNK_IDS, checkBooks = true } = options;
  if (!hasEnded(month, now)) throw refuse('month_not_ended', `${month} has not ended yet.`);
  if (!(Number.isSafeInteger(chunkIds) && chunkIds >= 1)) throw new RangeError(`chunkIds must be a positive integer, not ${chunkIds}`);
  const planned = await db.select({ month: settlementRuns.month }).from(settlementRuns).where(eq(settlementRuns.month, month)).get();
  if (planned) return;
  if (checkBooks) await assertBooks(db, 'before');
  await options.beforeStage?.('plan', 0);
  await planRun(db, month, chunkIds, now);
  // The run's row exists from here on: the check above is its "before" (a crash first leaves it null, unchecked).
  if (checkBooks) await recordBooks(db, month, 'before', 'balanced');
}

/** Settles one planned chunk (what a queue consumer does), then finishes the month if it was the last. */
async function settlePlannedChunk(
  db: Db,
  config: Config,
  month: Month,
  range: ChunkRange,
  options: Pick<SettleOptions, 'now' | 'checkBooks'> = {},
): Promise<void> {
  const now = options.now ?? Date.now();
  await settleChunk(db, { ...(await chunkAccounts(db, config)), ...range, month, feePercent: config.feePercent, now, markChunkDone: true }, config.giverShards);
  if ((await openChunks(db, month, 1)).length === 0) await announceIfDone(db, config, await finishMonth(db, config, month, { ...options, now }));
}

/**
 * A settled month's receipts and creators' messages, after the run is done (never part of it:
 * the books are closed first). Every call that sees the month done sends the next ones due.
 */
async function announceIfDone(db: Db, config: Config, run: SettlementRun): Promise<SettlementRun> {
  if (run.stage === 'done') {
    await announceSettledMonth(db, config, run.month);
    await announceMonth(db, config, run.month, (await chunkAccounts(db, config)).heldId);
  }
  return run;
}

/**
 * Settles `month`: each person with a budget in force during the month gives their pledge
 * (reserved by the month's first kudos, or at the run's start for people who gave none): 10%
 * fee, the rest split equally over their kudos (`domain/split.ts`), or all to charity without
 * kudos. Chunks of givers are booked one atomic batch each; a crash loses at most the chunk in
 * flight and the next call goes on with the chunks left. People whose balance cannot pay their
 * pledge are skipped, reported in `failures` and retried by every later call.
 */
export async function settleMonth(db: Db, config: Config, month: Month, options: SettleOptions = {}): Promise<SettlementRun> {
  const { now = Date.now(), deadline = Infinity, beforeStage } = options;
  await startMonth(db, month, options);
  const accounts = await chunkAccounts(db, config);
  const common = { ...accounts, month, feePercent: config.feePercent, now };

  const budget = options.budget ?? { chunks: Infinity };
  const outOfTime = () => Date.now() >= deadline || budget.chunks <= 0;
  let index = 0;
  while (!outOfTime()) {
    const chunks = await openChunks(db, month, 100);
    if (chunks.length === 0) break;
    for (const range of chunks) {
      if (outOfTime()) return readRun(db, month);
      await beforeStage?.('chunk', index++);
      await settleChunk(db, { ...common, ...range, markChunkDone: true }, config.giverShards);
      budget.chunks--;
    }
  }
  if (outOfTime() && (await openChunks(db, month, 1)).length > 0) return readRun(db, month);
  return announceIfDone(db, config, await finishMonth(db, config, month, options));
}

/** Retries the people who failed, then marks the month done and checks the books. */
async function finishMonth(db: Db, config: Config, month: Month, options: SettleOptions): Promise<SettlementRun> {
  const { now = Date.now(), beforeStage, checkBooks = true } = options;
  const accounts = await chunkAccounts(db, config);
  for (const [index, failure] of (await openFailures(db, month)).entries()) {
    await beforeStage?.('retry', index);
    await settleChunk(
      db,
      {
        ...accounts,
        month,
        feePercent: config.feePercent,
        now,
        firstId: failure.accountId - 1,
        lastId: failure.accountId,
        markChunkDone: false,
      },
      config.giverShards,
    );
  }
  // One-time gifts paid by the month's end, each split like a month with one kudos (actions/gifts.ts).
  await bookWaitingGifts(db, config, month, accounts);
  // Shares the month brought to accounts closed since: nobody can pay them out, so they go to charity.
  await sweepClosedAccounts(db, config, now);
  await beforeStage?.('finish', 0);
  // The public payday record, summed from the ledger now that every chunk is booked (store/payday.ts).
  await recordMonth(db, month, accounts.heldId, now);
  if ((await finishRun(db, month, now)) && checkBooks) await assertBooks(db, 'after', month);
  return readRun(db, month);
}

/**
 * Checks the whole ledger (`booksAgree`: two sequential scans; when they disagree, `checkLedger`
 * names what is off); with `month`, the result goes on its run's row. Books that are off throw.
 */
async function assertBooks(db: Db, when: 'before' | 'after', month?: Month): Promise<void> {
  const balanced = await booksAgree(db);
  if (month) await recordBooks(db, month, when, balanced ? 'balanced' : 'off');
  if (!balanced) throw new BooksOff(when, await checkLedger(db));
}

async function readRun(db: Db, month: Month): Promise<SettlementRun> {
  const run = (await db.select().from(settlementRuns).where(eq(settlementRuns.month, month)).get())!;
  return { ...run, failures: await openFailures(db, month) };
}

/** A chunk sent to the queue and not done after this long is sent again by the next firing. */
const REQUEUE_AFTER_MS = 30 * 60_000;
/** Chunks one inline (queue-less) invocation settles: 60 × 12 statements stays under D1's 1,000 queries. */
export const CHUNKS_PER_INVOCATION = 60;

/**
 * What a cron firing does: first every ended month still unfinished or with people left to
 * retry, oldest first, then the month just ended; then held kudos past their time go back.
 * With a queue, months are planned here and their chunks fanned out to the consumers
 * (`settleQueuedChunks`); without one, chunks are settled inline within `budget`.
 */
export async function settleDueMonths(
  db: Db,
  config: Config,
  now: number,
  options: { deadline?: number; budget?: { chunks: number }; queue?: Queue<SettlementMessage> } = {},
): Promise<SettlementRun[]> {
  const due = [...new Set([...(await monthsWithWork(db)), monthToSettle(now)])].filter((m) => hasEnded(m, now)).sort();
  const runs: SettlementRun[] = [];
  for (const month of due) {
    if (options.queue) {
      await startMonth(db, month, { now });
      const chunks = await claimChunksToEnqueue(db, month, now, now - REQUEUE_AFTER_MS);
      // Queues take at most 100 messages per send.
      for (let i = 0; i < chunks.length; i += 100) {
        await options.queue.sendBatch(chunks.slice(i, i + 100).map((range) => ({ body: { month, ...range } })));
      }
      if ((await openChunks(db, month, 1)).length === 0) await announceIfDone(db, config, await finishMonth(db, config, month, { now }));
      runs.push(await readRun(db, month));
    } else {
      runs.push(await settleMonth(db, config, month, { now, deadline: options.deadline, budget: options.budget }));
      if (runs[runs.length - 1]!.stage !== 'done') break;
    }
  }
  await returnHeldKudos(db, now);
  return runs;
}

/**
 * The queue consumer: settles each message's chunk (the last one finishes its month). A chunk
 * that throws is retried by the queue, then lands in the dead-letter queue; the next cron firing
 * sends chunks still open after `REQUEUE_AFTER_MS` again, so no month is left half settled.
 */
export async function settleQueuedChunks(db: Db, config: Config, messages: readonly Message<SettlementMessage>[]): Promise<void> {
  for (const message of messages) {
    const { month, firstId, lastId } = message.body;
    try {
      await settlePlannedChunk(db, config, month, { firstId, lastId });
      message.ack();
    } catch (error) {
      console.error(`settling ${month} (${firstId}, ${lastId}] failed; the queue retries it`, error);
      message.retry();
    }
  }
}

/** Pays what was held for `thingId` to its owner once the thing is claimed: one booking, once. */
export async function releaseHeldKudos(db: Db, thingId: number, now = Date.now()): Promise<ReleaseResult> {
  const held = await ensureSystemAccount(db, HELD_HANDLE);
  return releaseHeld(db, held.id, thingId, monthOf(now));
}

/**
 * Gives held shares back to their givers when their thing is still unclaimed `HOLD_MONTHS`
 * months after the month they were settled for ended. Returns how many thing-months went back.
 */
async function returnHeldKudos(db: Db, now: number, limit = 500): Promise<number> {
  const held = await ensureSystemAccount(db, HELD_HANDLE);
  // Month m is settled on the 1st of m + 1: its held shares go back from the 1st of m + 1 + HOLD_MONTHS.
  const lastMonth = addMonths(monthOf(now), -(HOLD_MONTHS + 1));
  const groups = await heldToReturn(db, held.id, lastMonth, limit);
  const byThingMonth = new Map<string, { month: Month; thingId: number; givers: { giverId: number; cents: number }[] }>();
  for (const group of groups) {
    const id = `${group.month}:${group.thingId}`;
    const entry = byThingMonth.get(id) ?? { month: group.month, thingId: group.thingId, givers: [] };
    entry.givers.push({ giverId: group.giverId, cents: group.cents });
    byThingMonth.set(id, entry);
  }
  let returned = 0;
  for (const { month, thingId, givers } of byThingMonth.values()) {
    if (await returnHeld(db, held.id, month, thingId, givers)) returned++;
  }
  return returned;
}
