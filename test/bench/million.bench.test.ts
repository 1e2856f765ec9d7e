// A real million (issue 18): `BENCH_MILLION=1000000 npm run bench` seeds that many givers × 10
// kudos through the project's migrations into the local D1, then settles the month through the
// path production takes: the cron plans and fans the chunks out over miniflare's queue, and the
// queue consumer (metered-worker.ts) settles each one. It prints wall time, D1 queries and
// parameters per invocation, rows written per click and the ratio to the SQLite lower bound of
// the same run, then checks every amount in SQL. Without the flag it is skipped: CI stays short.
import { createScheduledController, env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { CHUNK_IDS } from '../../worker/actions/settle';
import { money } from '../../worker/domain/money';
import { addMonths, monthOf, monthStart, type Month } from '../../worker/domain/month';
import { splitBudget } from '../../worker/domain/split';
import { openDb } from '../../worker/store/db';
import { checkLedger } from '../../worker/store/ledger';
import { consumerInvocations } from './metered-worker';
import worker from './metered-worker';
import { recordingD1 } from './recording-d1';
import { seedStatements } from './seed-sql.mjs';

const GIVERS = inject('benchMillion');
const D1_QUERY_LIMIT = 1000;
const D1_PARAM_LIMIT = 100;
const n = (x: number, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
const one = async <T>(query: string, ...params: unknown[]) =>
  (await env.DB.prepare(query)
    .bind(...params)
    .first<T>())!;

describe.runIf(GIVERS > 0)(`settling ${n(GIVERS)} givers through the queue`, () => {
  // Far from the other benchmarks' months, so the cron's "older open months" finds only this one.
  const month: Month = addMonths(monthOf(Date.now()), -60);

  it(`seeds ${n(GIVERS)} givers × 10 kudos, settles them over the queue, and books every cent`, async () => {
    const seedStarted = performance.now();
    for (const statement of seedStatements(GIVERS, month, addMonths(month, 1))) await env.DB.prepare(statement).run();
    const seedMs = performance.now() - seedStarted;
    const bytesBefore = (await env.DB.prepare('SELECT 1').run()).meta.size_after;

    const invocations = consumerInvocations();
    invocations.length = 0;
    const producer = recordingD1(env.DB);
    const started = performance.now();
    await worker.scheduled(createScheduledController({ scheduledTime: monthStart(addMonths(month, 1)) + 5 * 60_000, cron: '5 * 1 * *' }), {
      ...env,
      DB: producer.db,
    });
    const planMs = performance.now() - started;
    let run: { stage: string; people: number; clicks: number } | null = null;
    while (run?.stage !== 'done') {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      run = await env.DB.prepare('SELECT stage, people_settled AS people, clicks_settled AS clicks FROM settlement_runs WHERE month = ?').bind(month).first();
    }
    const wallMs = performance.now() - started;
    expect(run).toEqual({ stage: 'done', people: GIVERS, clicks: GIVERS * 10 });

    // Every amount, in SQL: the books balance, each giver is booked once, every share is the pure split's.
    const checkStarted = performance.now();
    expect(await checkLedger(openDb(env.DB))).toEqual({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
    const split = splitBudget({ amount: money(500, 'EUR'), feePercent: 10, clicks: Array.from({ length: 10 }, (_, i) => i), month });
    if (split.kind !== 'shares') throw new Error('ten kudos make shares');
    const expected = split.shares.map((s) => s.amount.cents).sort((a, b) => a - b);
    const givers = await env.DB.prepare(
      `SELECT count(*) AS givers, sum(c <> 10) AS wrongCount, sum(total <> ?) AS wrongTotal, sum(low <> ?) AS wrongLow, sum(high <> ?) AS wrongHigh
       FROM (SELECT counterparty_id, count(*) AS c, sum(amount_cents) AS total, min(amount_cents) AS low, max(amount_cents) AS high
             FROM ledger_entries WHERE month = ? AND kind = 'share' GROUP BY counterparty_id)`,
    )
      .bind(
        expected.reduce((a, b) => a + b, 0),
        expected[0],
        expected.at(-1),
        month,
      )
      .first();
    expect(givers).toEqual({ givers: GIVERS, wrongCount: 0, wrongTotal: 0, wrongLow: 0, wrongHigh: 0 });
    const budgets = await one<{ booked: number; twice: number }>(
      `SELECT count(*) AS booked, sum(c <> 1) AS twice FROM (SELECT account_id, count(*) AS c FROM ledger_entries WHERE month = ? AND kind = 'budget' GROUP BY account_id)`,
      month,
    );
    expect(budgets).toEqual({ booked: GIVERS, twice: 0 });
    const fees = await one<{ wrong: number }>(
      `SELECT count(*) AS wrong FROM ledger_entries WHERE month = ? AND kind = 'fee' AND abs(amount_cents) <> ?`,
      month,
      split.fee.cents,
    );
    expect(fees.wrong).toBe(0);
    const checkMs = performance.now() - checkStarted;

    expect(invocations.length).toBeGreaterThanOrEqual(Math.ceil(GIVERS / CHUNK_IDS));
    const queries = invocations.map((i) => i.queries);
    const params = invocations.map((i) => i.maxParams);
    for (const invocation of [producer.tally, ...invocations]) {
      expect(invocation.queries).toBeLessThanOrEqual(D1_QUERY_LIMIT);
      expect(invocation.maxParams).toBeLessThanOrEqual(D1_PARAM_LIMIT);
    }
    const written = producer.tally.rowsWritten + invocations.reduce((sum, i) => sum + i.rowsWritten, 0);
    const consumerMs = invocations.map((i) => i.ms);
    const bytesAfter = (await env.DB.prepare('SELECT 1').run()).meta.size_after;
    const bound = inject('lowerBoundMs')?.[String(GIVERS)];
    const rows: [string, string][] = [
      ['seeding (migrations applied first)', `${n(seedMs / 1000, 1)} s`],
      ['settlement wall time (cron → last chunk)', `${n(wallMs / 1000, 1)} s (cron planning ${n(planMs / 1000, 1)} s)`],
      ['SQLite lower bound (better-sqlite3, same run)', bound ? `${n(bound / 1000, 1)} s` : 'not measured'],
      ['settlement ÷ lower bound', bound ? `${n(wallMs / bound, 2)}×` : 'not measured'],
      ['cron (producer): queries / most parameters', `${producer.tally.queries} / ${producer.tally.maxParams}`],
      ['consumer invocations', n(invocations.length)],
      [
        'queries per consumer invocation: max / p99 / median',
        `${Math.max(...queries)} / ${quantile(queries, 0.99)} / ${quantile(queries, 0.5)} (limit ${D1_QUERY_LIMIT})`,
      ],
      ['parameters per statement: max / p99', `${Math.max(...params)} / ${quantile(params, 0.99)} (limit ${D1_PARAM_LIMIT})`],
      ['consumer time: p50 / p99 / max', `${n(quantile(consumerMs, 0.5))} / ${n(quantile(consumerMs, 0.99))} / ${n(Math.max(...consumerMs))} ms`],
      ['rows written per click', n(written / (GIVERS * 10), 2)],
      ['database growth of the settlement per giver', `${n((bytesAfter - bytesBefore) / GIVERS)} bytes (database now ${n(bytesAfter / 1024 ** 3, 2)} GiB)`],
      ['checking every amount in SQL', `${n(checkMs / 1000, 1)} s`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\nSettling ${n(GIVERS)} givers × 10 kudos over the queue (${month})\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}`);
  });
});
