// Storage that never fills: a settled month past its dispute window is rolled up (actions/rollup.ts)
// and the creator's stats page and CSV answer byte for byte as before, balances and the books do
// not move, held shares keep their givers, and every row that left D1 reads back from R2.
import { createScheduledController, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { readArchived, ROLLUP_AFTER_MONTHS, ROLLUP_CRON, rollUpMonth } from '../../worker/actions/rollup';
import { HELD_HANDLE, settleMonth } from '../../worker/actions/settle';
import { addMonths, monthStart } from '../../worker/domain/month';
import { readConfig } from '../../worker/env';
import worker from '../../worker/index';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { checkLedger } from '../../worker/store/ledger';
import { rollupOf } from '../../worker/store/rollup';
import { registerThing } from '../../worker/store/things';
import { admin, newPerson } from './client';
import { giveAs } from './give';
import { afterMonth, inMonth, monthsFrom } from './months';

const db = () => openDb(env.DB);
// Months of this suite's own (test/worker/months.ts).
const freshMonth = monthsFrom('2061-01');
const DAY = 86_400_000;

const count = async (query: string, ...binds: unknown[]) =>
  (await env.DB.prepare(query)
    .bind(...binds)
    .first<{ n: number }>())!.n;

describe('rolling up a settled month', () => {
  it('keeps the stats page and CSV byte for byte, every balance and the books, and archives what left D1', async () => {
    const month = freshMonth();
    const config = readConfig(env);
    const creator = await newPerson();
    const account = async (handle: string) => (await findAccountByHandle(db(), handle))!;
    const me = await account(creator.handle);
    const things = await Promise.all(['One', 'Two'].map((t) => registerThing(db(), me.id, `https://${creator.handle}.example/${t}`, t)));
    // A thing nobody has claimed: its shares are held, each for its own giver.
    const waiting = await registerThing(db(), me.id, `https://unverified-${creator.handle}.example/w`, 'Waiting', { claimed: false });
    const givers = await Promise.all([1, 2, 3, 4, 5].map(() => newPerson({ depositCents: 2000, budgetCents: 500 + 100 * Math.floor(Math.random() * 3) })));
    for (const [i, giver] of givers.entries()) {
      const who = await account(giver.handle);
      await giveAs(db(), config, who, things[0]!, inMonth(month) + i * DAY);
      if (i % 2 === 0) await giveAs(db(), config, who, things[1]!, inMonth(month) + (i + 3) * DAY);
      if (i < 2) await giveAs(db(), config, who, waiting, inMonth(month) + 2 * DAY);
    }
    // Chunks of two account ids: the givers' months are booked by several batches, each recorded with its id ranges.
    expect((await settleMonth(db(), config, month, { now: afterMonth(month), chunkIds: 2 })).stage).toBe('done');
    const batches = await count('SELECT count(*) AS n FROM settlement_batches WHERE month = ?', month);
    expect(batches).toBeGreaterThanOrEqual(3);
    // One batch as if booked before batches were recorded: its transactions are found by the roll-up's scan.
    await env.DB.prepare(
      'DELETE FROM settlement_batches WHERE month = ?1 AND first_transaction_id = (SELECT min(first_transaction_id) FROM settlement_batches WHERE month = ?1)',
    )
      .bind(month)
      .run();

    // Stats count a kudos on the day it was given: today, whichever month these test clicks are booked in.
    const from = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const to = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const read = async () => ({
      csv: (await creator.get(`/stats.csv?from=${from}&to=${to}`)).text,
      page: (await creator.get(`/stats?from=${from}&to=${to}`)).text,
      balances: await Promise.all([creator, ...givers].map(async (p) => (await account(p.handle)).balanceCents)),
      ledger: (await creator.get(`/api/v1/me/ledger?month=${month}`)).body.entries.reduce(
        (sum: number, e: { amount_cents: number }) => sum + e.amount_cents,
        0,
      ),
    });
    // The sign-up's one-time message is shown (and gone) first, so both reads see the same page.
    await creator.get('/dashboard');
    const before = await read();
    expect(before.csv.split('\n').length).toBeGreaterThan(3);
    const clicksBefore = await env.DB.prepare('SELECT month, giver_id, thing_id, created_at FROM clicks WHERE month = ? ORDER BY giver_id, thing_id')
      .bind(month)
      .all();
    const entriesBefore = await count(
      "SELECT count(*) AS n FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.kind = 'settlement' AND t.month = ?",
      month,
    );
    const held = await account(HELD_HANDLE);
    const heldBefore = await env.DB.prepare(
      'SELECT counterparty_id AS giver, amount_cents AS cents FROM ledger_entries WHERE account_id = ? AND month = ? ORDER BY counterparty_id',
    )
      .bind(held.id, month)
      .all();

    // Within the dispute window, and a month not settled: refused.
    await expect(rollUpMonth(db(), env.ARCHIVE!, month, { now: monthStart(addMonths(month, ROLLUP_AFTER_MONTHS)) - 1 })).rejects.toThrow(/dispute window/);
    await expect(rollUpMonth(db(), env.ARCHIVE!, addMonths(month, 1), { now: monthStart(addMonths(month, 12)) })).rejects.toThrow(/not settled/);

    // Two givers per chunk, two transactions per chunk: several objects, several batches.
    const later = monthStart(addMonths(month, ROLLUP_AFTER_MONTHS + 1));
    // Two callers at once (the daily cron and the operator): each chunk is done once.
    const [run] = await Promise.all([
      rollUpMonth(db(), env.ARCHIVE!, month, { now: later, chunk: 2 }),
      rollUpMonth(db(), env.ARCHIVE!, month, { now: later, chunk: 2 }),
    ]);
    expect(run.stage).toBe('done');
    expect(run.objects).toBeGreaterThanOrEqual(6);

    const after = await read();
    expect(after.csv).toBe(before.csv);
    expect(after.page).toBe(before.page);
    expect(after.balances).toEqual(before.balances);
    expect(after.ledger).toBe(before.ledger);
    expect(await checkLedger(db())).toMatchObject({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
    expect(await count('SELECT count(*) AS n FROM clicks WHERE month = ?', month)).toBe(0);
    const entriesAfter = await count(
      "SELECT count(*) AS n FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.kind = 'settlement' AND t.month = ?",
      month,
    );
    // One roll-up transaction for the month holds its entries: each giver's budget and fee, each thing's shares summed once,
    // the platform's fee once. The givers' transactions stay, emptied: their keys prove each month was booked once.
    expect(
      await count(
        "SELECT count(DISTINCT e.transaction_id) AS n FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.kind = 'settlement' AND t.month = ?",
        month,
      ),
    ).toBe(1);
    expect(await count("SELECT count(*) AS n FROM ledger_transactions WHERE kind = 'settlement' AND month = ? AND key LIKE 'settlement:%'", month)).toBe(
      givers.length,
    );
    const heldShares = heldBefore.results.length;
    const givingAccounts = await count(
      "SELECT count(DISTINCT account_id) AS n FROM ledger_entries WHERE month = ? AND kind IN ('budget', 'fee') AND amount_cents < 0",
      month,
    );
    expect(entriesAfter).toBe(givingAccounts * 2 + things.length + 1 + heldShares);
    expect(entriesAfter).toBeLessThan(entriesBefore);
    // Held shares stay entry by entry, with their givers: they go back to them if nobody claims the thing.
    const heldAfter = await env.DB.prepare(
      'SELECT counterparty_id AS giver, amount_cents AS cents FROM ledger_entries WHERE account_id = ? AND month = ? ORDER BY counterparty_id',
    )
      .bind(held.id, month)
      .all();
    expect(heldAfter.results).toEqual(heldBefore.results);

    // What left D1 reads back from R2: every click, every settlement entry.
    const listed = await env.ARCHIVE!.list({ prefix: `months/${month}/` });
    const keys = listed.objects.map((o) => o.key);
    const clicks = (await Promise.all(keys.filter((k) => k.includes('/clicks/')).map((k) => readArchived(env.ARCHIVE!, k)))).flat();
    clicks.sort((a, b) => Number(a.giver_id) - Number(b.giver_id) || Number(a.thing_id) - Number(b.thing_id));
    expect(clicks).toEqual(clicksBefore.results);
    const entries = (await Promise.all(keys.filter((k) => k.includes('/ledger/')).map((k) => readArchived(env.ARCHIVE!, k)))).flat();
    expect(entries).toHaveLength(entriesBefore);
    for (const key of keys) expect(key).toMatch(new RegExp(`^months/${month}/(clicks|ledger)/\\d+-\\d+\\.ndjson\\.gz$`));

    // The operator's call (the admin API) goes by today's date: this test's month is years ahead, within its window.
    const early = await admin('POST', '/rollups', { month });
    expect([early.status, early.body.error.message]).toEqual([422, `${month} is within its ${ROLLUP_AFTER_MONTHS}-month dispute window.`]);
    // Again: done, nothing moves.
    expect((await rollUpMonth(db(), env.ARCHIVE!, month, { now: later })).objects).toBe(run.objects);
    expect((await read()).csv).toBe(before.csv);
  });

  it('is what the daily cron does for each settled month past its dispute window', async () => {
    const month = freshMonth();
    const config = readConfig(env);
    const creator = await newPerson();
    const me = (await findAccountByHandle(db(), creator.handle))!;
    const thing = await registerThing(db(), me.id, `https://${creator.handle}.example/daily`, 'Daily');
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    await giveAs(db(), config, (await findAccountByHandle(db(), giver.handle))!, thing, inMonth(month));
    expect((await settleMonth(db(), config, month, { now: afterMonth(month) })).stage).toBe('done');
    const fire = (at: number) => worker.scheduled(createScheduledController({ scheduledTime: at, cron: ROLLUP_CRON }), env);
    // Within the window the cron leaves it; the day after, it is rolled up.
    await fire(monthStart(addMonths(month, ROLLUP_AFTER_MONTHS)) - DAY);
    expect(await rollupOf(db(), month)).toBeUndefined();
    await fire(monthStart(addMonths(month, ROLLUP_AFTER_MONTHS)) + 3 * 3_600_000);
    expect((await rollupOf(db(), month))?.stage).toBe('done');
    expect(await count('SELECT count(*) AS n FROM clicks WHERE month = ?', month)).toBe(0);
    expect(await checkLedger(db())).toMatchObject({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
  });
});
