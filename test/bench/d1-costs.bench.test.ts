// Prints what a click and a month's settlement cost in D1 rows (from D1's query meta) and time.
// Figures, not pass/fail timings: the only assertions are that the work was done correctly.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { addMonths, monthOf, monthStart, type Month } from '../../worker/domain/month';
import { readConfig } from '../../worker/env';
import { app } from '../../worker/index';
import { settleMonth } from '../../worker/actions/settle';
import { openDb } from '../../worker/store/db';
import { checkLedger } from '../../worker/store/ledger';
import { newPerson } from '../worker/client';
import { recordingD1 } from './recording-d1';

const SIZES = (globalThis as { process?: { env?: Record<string, string> } }).process?.env?.BENCH_SIZES ?? '10000,100000';

function report(title: string, rows: [string, string | number][]) {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}`);
}

describe('D1 cost of a click', () => {
  it('reads and writes a bounded number of rows per click, in one round trip', async () => {
    const owner = await newPerson();
    const giver = await newPerson({ depositCents: 500, budgetCents: 500 });
    const things: number[] = [];
    for (let i = 0; i < 40; i++) things.push((await owner.post('/api/v1/things', { url: `https://bench.example/${i}`, title: `Post ${i}` })).body.id);

    const recorder = recordingD1(env.DB);
    const recordingEnv = { ...env, DB: recorder.db };
    const send = async (method: string, path: string, body: unknown, cookie: string | null) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (cookie) headers.Cookie = cookie;
      const request = new Request(`http://kudos.test${path}`, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body) });
      return app.fetch(request, recordingEnv, createExecutionContext());
    };

    const measure = async (label: string, method: string, path: (i: number) => string, body: (i: number) => unknown, count: number, expected: number, cookie: string | null = giver.cookie) => {
      recorder.reset();
      for (let i = 0; i < count; i++) {
        const res = await send(method, path(i), body(i), cookie);
        expect(res.status).toBe(expected);
        await res.arrayBuffer();
      }
      const t = recorder.tally;
      const per = (n: number) => (n / count).toFixed(1);
      return [label, `${per(t.roundTrips)} round trips, ${per(t.statements)} statements, ${per(t.rowsRead)} rows read, ${per(t.rowsWritten)} written${t.sessions ? `, ${per(t.sessions)} replica sessions` : ''}`] as [string, string];
    };
    const button = (i: number) => `/api/v1/button?owner=${owner.handle}&url=${encodeURIComponent(`https://bench.example/${i}`)}`;
    const iframe = (i: number) => `/button?owner=${owner.handle}&url=${encodeURIComponent(`https://bench.example/${i}`)}`;

    const rows = [
      await measure('click on a known thing (201)', 'POST', (i) => `/api/v1/things/${things[i]}/clicks`, () => ({}), 20, 201),
      await measure('repeated click, same month (409)', 'POST', (i) => `/api/v1/things/${things[i]}/clicks`, () => ({}), 20, 409),
      await measure('button click, thing known (201)', 'POST', () => '/api/v1/clicks', (i) => ({ owner: owner.handle, url: `https://bench.example/${20 + i}`, title: 'x' }), 20, 201),
      await measure('button click registering a thing (201)', 'POST', () => '/api/v1/clicks', (i) => ({ owner: owner.handle, url: `https://bench.example/new/${i}`, title: 'x' }), 20, 201),
      await measure("owner's registration POST /things (201)", 'POST', () => '/api/v1/things', (i) => ({ url: `https://bench.example/own/${i}`, title: 'x' }), 20, 201, owner.cookie),
      await measure('state, signed in: GET /api/v1/button', 'GET', button, () => null, 20, 200),
      await measure('state, signed in: iframe GET /button', 'GET', iframe, () => null, 20, 200),
      await measure('state, signed out: GET /api/v1/button', 'GET', button, () => null, 20, 200, null),
      await measure('state, signed out: iframe, cache miss', 'GET', (i) => iframe(100 + i), () => null, 20, 200, null),
      await measure('state, signed out: iframe, cache hit', 'GET', (i) => iframe(100 + i), () => null, 20, 200, null),
    ];
    report('D1 per request (averages over 20 requests, whole request incl. session and answer)', rows);
    const click = recorder.tally;
    expect(click.roundTrips).toBe(0); // the last row: cache hits never reach D1
  });
});

describe('D1 cost of settling a month', () => {
  const month0: Month = addMonths(monthOf(Date.now()), -40);
  const figures: { people: number; clicks: number; ms: number; read: number; written: number }[] = [];

  for (const [index, size] of SIZES.split(',').map(Number).entries()) {
    it(`settles ${size.toLocaleString('en')} people × 10 clicks`, async () => {
      const month = addMonths(month0, index);
      await seed(size, month);
      const recorder = recordingD1(env.DB);
      const started = performance.now();
      const run = await settleMonth(openDb(recorder.db), readConfig(env), month, { now: monthStart(addMonths(month, 1)) });
      const ms = performance.now() - started;
      expect(run).toMatchObject({ stage: 'done', peopleSettled: size, clicksSettled: size * 10 });
      expect(await checkLedger(openDb(env.DB))).toEqual({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
      figures.push({ people: size, clicks: size * 10, ms, read: recorder.tally.rowsRead, written: recorder.tally.rowsWritten });
      const f = figures[figures.length - 1]!;
      report(`Settling ${size.toLocaleString('en')} people × 10 clicks (${month})`, [
        ['time', `${(ms / 1000).toFixed(1)} s (${((ms * 1000) / f.clicks).toFixed(1)} µs per click)`],
        ['rows read', `${f.read.toLocaleString('en')} (${(f.read / f.clicks).toFixed(2)} per click)`],
        ['rows written', `${f.written.toLocaleString('en')} (${(f.written / f.clicks).toFixed(2)} per click)`],
        ['queries', recorder.tally.queries.toLocaleString('en')],
      ]);
      if (figures.length > 1) {
        const [a, b] = [figures[0]!, f];
        report('Growth against the first size (1.00 = linear in clicks)', [
          ['time per click', ((b.ms / b.clicks) / (a.ms / a.clicks)).toFixed(2)],
          ['rows read per click', ((b.read / b.clicks) / (a.read / a.clicks)).toFixed(2)],
          ['rows written per click', ((b.written / b.clicks) / (a.written / a.clicks)).toFixed(2)],
        ]);
      }
    });
  }
});

/**
 * `people` givers funded through one balanced seed deposit, each with a 5 EUR budget and 10
 * clicks in `month` on things of people/100 creators (10 things each). Bulk SQL: seeding a
 * million clicks through the API would measure the seeding, not the settlement.
 */
async function seed(people: number, month: Month) {
  const creators = Math.max(10, Math.floor(people / 100));
  const things = creators * 10;
  const tag = `${month}`;
  const series = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1})`;
  // Only this size's givers take part in its month.
  await env.DB.prepare(`UPDATE accounts SET monthly_budget_cents = 0`).run();
  await env.DB.batch([
    env.DB.prepare(`${series(creators)} INSERT INTO accounts (handle, kind) SELECT 'bench-c-${tag}-' || i, 'person' FROM n`),
    env.DB.prepare(`${series(people)} INSERT INTO accounts (handle, kind, monthly_budget_cents, balance_cents) SELECT 'bench-g-${tag}-' || i, 'person', 500, 500 FROM n`),
    env.DB.prepare(`${series(things)} INSERT INTO things (owner_id, url, title)
      SELECT (SELECT id FROM accounts WHERE handle = 'bench-c-${tag}-' || (i / 10)), 'https://bench.example/${tag}/' || i, 'Thing ' || i FROM n`),
    env.DB.prepare(`INSERT OR IGNORE INTO accounts (handle, kind) VALUES ('system:provider:bench', 'system')`),
    env.DB.prepare(`INSERT INTO ledger_transactions (key, kind, month) VALUES ('bench-seed-${tag}', 'deposit', '${month}')`),
    env.DB.prepare(`INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, month)
      SELECT (SELECT id FROM ledger_transactions WHERE key = 'bench-seed-${tag}'), id, 'deposit', 500, '${month}' FROM accounts WHERE handle LIKE 'bench-g-${tag}-%'`),
    env.DB.prepare(`INSERT INTO ledger_entries (transaction_id, account_id, kind, amount_cents, month)
      SELECT (SELECT id FROM ledger_transactions WHERE key = 'bench-seed-${tag}'), (SELECT id FROM accounts WHERE handle = 'system:provider:bench'), 'deposit', -500 * ${people}, '${month}'`),
    env.DB.prepare(`UPDATE accounts SET balance_cents = balance_cents - 500 * ${people} WHERE handle = 'system:provider:bench'`),
  ]);
  const first = await env.DB.prepare(`SELECT min(id) AS giver, (SELECT min(id) FROM things WHERE url LIKE 'https://bench.example/${tag}/%') AS thing FROM accounts WHERE handle LIKE 'bench-g-${tag}-%'`).first<{ giver: number; thing: number }>();
  // Giver g clicks things (g*10 + k) mod T for k = 0..9: ten different things each.
  await env.DB.prepare(`WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < ${people - 1}), k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 9)
    INSERT INTO clicks (month, giver_id, thing_id) SELECT '${month}', ${first!.giver} + i, ${first!.thing} + ((i * 10 + j) % ${things}) FROM g, k`).run();
}
