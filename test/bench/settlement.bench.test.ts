// Prints what settling a month costs inside workerd against a real local D1: time against the
// SQLite lower bound measured in the same run, rows per click, statements and round trips,
// queries per invocation, bytes per giver-month, and a million givers extrapolated from the
// measured per-chunk costs. Figures, not timed assertions: it asserts only correct results.
import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { ROLLUP_AFTER_MONTHS, rollUpMonth } from '../../worker/actions/rollup';
import { CHUNK_IDS, CHUNKS_PER_INVOCATION, settleMonth } from '../../worker/actions/settle';
import { addMonths, monthOf, monthStart, type Month } from '../../worker/domain/month';
import { readConfig } from '../../worker/env';
import { openDb } from '../../worker/store/db';
import { booksAgree, checkLedger } from '../../worker/store/ledger';
import { recordingD1 } from './recording-d1';
import { seedAnotherMonthStatements, seedStatements } from './seed-sql.mjs';

const SIZES = inject('benchSizes');
const D1_QUERY_LIMIT = 1000;
const CRON_FIRINGS_ON_THE_1ST = 24;
/** What one cron firing may spend on chunks: 15 min wall time, less a margin. */
const FIRING_BUDGET_MS = 10 * 60_000;

function report(title: string, rows: [string, string | number][]) {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}`);
}

const n = (x: number, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** D1 reports the database's size after each query (PRAGMA page_count is not allowed). */
async function databaseBytes(): Promise<number> {
  return (await env.DB.prepare('SELECT 1').run()).meta.size_after;
}

interface Figure {
  people: number;
  ms: number;
  chunks: number;
  queries: number;
  roundTrips: number;
  written: number;
  read: number;
  maxParams: number;
  bytesPerGiverMonth: number;
}

describe('D1 cost of settling a month', () => {
  const month0: Month = addMonths(monthOf(Date.now()), -40);
  const figures: Figure[] = [];
  const lowerBound = inject('lowerBoundMs');

  for (const [index, size] of SIZES.split(',').filter(Boolean).map(Number).entries()) {
    it(`settles ${n(size)} people × 10 clicks`, async () => {
      const month = addMonths(month0, index * 2);
      const bytesBefore = await databaseBytes();
      for (const statement of seedStatements(size, month, addMonths(month, 1))) await env.DB.prepare(statement).run();
      const recorder = recordingD1(env.DB);
      const started = performance.now();
      const run = await settleMonth(openDb(recorder.db), readConfig(env), month, { now: monthStart(addMonths(month, 1)), checkBooks: false });
      const ms = performance.now() - started;
      expect(run).toMatchObject({ stage: 'done', peopleSettled: size, clicksSettled: size * 10, failures: [] });
      // The run's own books check (booksAgree: two scans) against the full one that names what is off.
      let checkStarted = performance.now();
      expect(await checkLedger(openDb(env.DB))).toEqual({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
      const fullCheckMs = performance.now() - checkStarted;
      checkStarted = performance.now();
      expect(await booksAgree(openDb(env.DB))).toBe(true);
      const quickCheckMs = performance.now() - checkStarted;
      const chunks = (await env.DB.prepare('SELECT count(*) AS n FROM settlement_chunks WHERE month = ?').bind(month).first<{ n: number }>())!.n;
      const f: Figure = {
        people: size,
        ms,
        chunks,
        ...recorder.tally,
        read: recorder.tally.rowsRead,
        written: recorder.tally.rowsWritten,
        bytesPerGiverMonth: ((await databaseBytes()) - bytesBefore) / size,
      };
      figures.push(f);
      const clicks = size * 10;
      const bound = lowerBound?.[String(size)];
      report(`Settling ${n(size)} people × 10 clicks (${month}), chunks of ${n(CHUNK_IDS)} account ids`, [
        ['time', `${n(ms / 1000, 2)} s (${n((ms * 1000) / clicks, 1)} µs per click)`],
        ['SQLite lower bound (better-sqlite3, same run)', bound ? `${n(bound / 1000, 2)} s` : 'not measured'],
        ['settlement ÷ lower bound', bound ? `${n(ms / bound, 2)}×` : 'not measured'],
        ['rows written per click', n(f.written / clicks, 2)],
        ['rows read per click', n(f.read / clicks, 2)],
        ['statements per 100 givers', n((f.queries / size) * 100, 2)],
        ['round trips per 100 givers', n((f.roundTrips / size) * 100, 2)],
        ['most parameters in one statement', f.maxParams],
        ['bytes per giver-month (database growth: clicks, pledge, budget, ledger)', n(f.bytesPerGiverMonth)],
        ["books check after: two scans (the run's) / every entry grouped", `${n(quickCheckMs / 1000, 2)} s / ${n(fullCheckMs / 1000, 2)} s`],
      ]);

      // The same month with the upper half of its givers' clicks on a giver shard (a second local
      // D1, docs/architecture.md): each chunk there is fenced and read on the shard, then booked here.
      const shardedMonth = addMonths(month, -30);
      for (const statement of seedStatements(size, shardedMonth, addMonths(shardedMonth, 1))) await env.DB.prepare(statement).run();
      const firstGiver = (await env.DB.prepare(`SELECT min(id) AS id FROM accounts WHERE handle LIKE ?`)
        .bind(`bench-g-${shardedMonth}-%`)
        .first<{ id: number }>())!.id;
      const fromId = firstGiver + size / 2;
      const moved = await env.DB.prepare('SELECT giver_id, thing_id, created_at FROM clicks WHERE month = ? AND giver_id >= ?')
        .bind(shardedMonth, fromId)
        .raw<[number, number, number]>();
      for (let i = 0; i < moved.length; i += 2000) {
        await env.DB_GIVERS_2.prepare(
          `INSERT INTO shard_clicks (month, giver_id, thing_id, created_at) SELECT ?1, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?2)`,
        )
          .bind(shardedMonth, JSON.stringify(moved.slice(i, i + 2000)))
          .run();
      }
      await env.DB.prepare('DELETE FROM clicks WHERE month = ? AND giver_id >= ?').bind(shardedMonth, fromId).run();
      const shardedConfig = readConfig({ ...env, GIVER_SHARDS: `DB_GIVERS_2:${fromId}` });
      const shardedStarted = performance.now();
      const shardedRun = await settleMonth(openDb(env.DB), shardedConfig, shardedMonth, { now: monthStart(addMonths(shardedMonth, 1)), checkBooks: false });
      const shardedMs = performance.now() - shardedStarted;
      expect(shardedRun).toMatchObject({ stage: 'done', peopleSettled: size, clicksSettled: size * 10, failures: [] });
      expect(await checkLedger(openDb(env.DB))).toEqual({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
      report(`The same month across two D1 databases (${n(moved.length)} of ${n(clicks)} clicks on the shard)`, [
        ['time', `${n(shardedMs / 1000, 2)} s`],
        ['÷ one database', `${n(shardedMs / ms, 2)}×`],
        ['÷ lower bound', bound ? `${n(shardedMs / bound, 2)}×` : 'not measured'],
      ]);

      // The same month rolled up (actions/rollup.ts), as the cron does once its dispute window is over.
      if (size > 100_000) return;
      const rowsOfMonth = async (m: Month) =>
        (await env.DB.prepare(
          `SELECT (SELECT count(*) FROM clicks WHERE month = ?1) + (SELECT count(*) FROM ledger_entries WHERE month = ?1)
             + (SELECT count(*) FROM ledger_transactions WHERE month = ?1) + (SELECT count(*) FROM month_pledges WHERE month = ?1) AS n`,
        )
          .bind(m)
          .first<{ n: number }>())!.n;
      const rollUp = async (m: Month) => {
        const started = performance.now();
        const rolled = await rollUpMonth(openDb(env.DB), env.ARCHIVE!, m, { now: monthStart(addMonths(m, ROLLUP_AFTER_MONTHS + 1)), chunk: 1000 });
        expect(rolled.stage).toBe('done');
        expect(await checkLedger(openDb(env.DB))).toEqual({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
        return { ...rolled, ms: performance.now() - started };
      };
      const rowsBefore = await rowsOfMonth(month);
      const rolled = await rollUp(month);
      const rowsAfter = await rowsOfMonth(month);
      // What a rolled-up month keeps: SQLite reuses the pages a roll-up frees (the file never
      // shrinks, and D1 has no VACUUM), so the same givers' next month is seeded (with a deposit
      // each), settled and rolled up, and the database's growth over that whole month is it.
      const next = addMonths(month, 1);
      const bytesSteady = await databaseBytes();
      for (const statement of seedAnotherMonthStatements(size, month, next)) await env.DB.prepare(statement).run();
      const again = await settleMonth(openDb(env.DB), readConfig(env), next, { now: monthStart(addMonths(next, 1)), checkBooks: false });
      expect(again).toMatchObject({ stage: 'done', peopleSettled: size, clicksSettled: size * 10, failures: [] });
      await rollUp(next);
      const keptBytes = ((await databaseBytes()) - bytesSteady) / size;
      const tenGiB = 10 * 1024 ** 3;
      report(`Rolling up that month (${n(rolled.objects)} chunks to R2)`, [
        ['time, ÷ the settlement', `${n(rolled.ms / 1000, 2)} s, ${n(rolled.ms / ms, 2)}×`],
        ['rows kept per giver-month (clicks, entries, transactions, pledge)', `${n(rowsBefore / size, 2)} before, ${n(rowsAfter / size, 2)} after`],
        ['bytes kept per giver-month (the next month, deposit to roll-up)', n(keptBytes)],
        ['one D1 (10 GiB) holds a million givers for', `${n(tenGiB / (keptBytes * 1_000_000 * 12), 1)} years`],
        ['archived to R2, gzipped NDJSON, per giver-month', `${n(rolled.bytes / size)} bytes`],
      ]);
    });
  }

  it.runIf(SIZES !== '')('extrapolates a million givers × 10 clicks on the 1st from the measured per-chunk costs', () => {
    const f = figures[figures.length - 1];
    expect(f).toBeDefined();
    const givers = 1_000_000;
    const chunks = Math.ceil(givers / CHUNK_IDS);
    const msPerChunk = f!.ms / f!.chunks;
    const queriesPerChunk = f!.queries / f!.chunks;
    // A cron firing settling inline: CHUNKS_PER_INVOCATION (kept under the query limit), or fewer if its wall time runs out.
    const chunksPerFiring = Math.min(CHUNKS_PER_INVOCATION, Math.floor(FIRING_BUDGET_MS / msPerChunk));
    const firings = Math.ceil(chunks / chunksPerFiring);
    const queueMinutes = (chunks * msPerChunk) / 60_000;
    const tenGb = 10 * 1024 ** 3;
    report(`A million givers × 10 clicks, from ${n(f!.people)} measured (${n(f!.chunks)} chunks)`, [
      ['chunks of 1,000 account ids', n(chunks)],
      ['per chunk: time / statements', `${n(msPerChunk, 1)} ms / ${n(queriesPerChunk, 1)}`],
      ['queries per queue-consumer invocation (one chunk)', `${n(queriesPerChunk + 4, 0)} (limit ${n(D1_QUERY_LIMIT)})`],
      ['with Queues: consumer invocations / D1 busy time', `${n(chunks)} / ${n(queueMinutes, 1)} min (the database is single-threaded)`],
      ['cron-only: chunks per firing (query budget, 10 min)', `${n(chunksPerFiring)} (${n(CHUNKS_PER_INVOCATION * queriesPerChunk + 20)} queries)`],
      ['cron-only: firings needed vs firings on the 1st', `${n(firings)} vs ${CRON_FIRINGS_ON_THE_1ST}`],
      ['months of 1M givers until 10 GB (no roll-up)', n(tenGb / (f!.bytesPerGiverMonth * givers), 1)],
    ]);
    expect(queriesPerChunk + 4).toBeLessThanOrEqual(D1_QUERY_LIMIT);
  });
});
