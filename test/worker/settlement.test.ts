import { createScheduledController, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { monthOf, monthStart, addMonths, type Month } from '../../worker/domain/month';
import { readConfig } from '../../worker/env';
import worker from '../../worker/index';
import { giveAs } from './give';
import { type SettleOptions, type SettlementStage, settleMonth } from '../../worker/actions/settle';
import { findAccountByHandle, type Account } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { checkLedger } from '../../worker/store/ledger';
import { findThing } from '../../worker/store/things';
import { afterMonth, inMonth, monthsFrom, untilSettled } from './months';
import { admin, Client, newPerson } from './client';

const db = () => openDb(env.DB);
const config = () => readConfig(env);

const freshMonth = monthsFrom('2031-01');

async function account(handle: string): Promise<Account> {
  return (await findAccountByHandle(db(), handle))!;
}

/** `owners` each get a thing; `giver` clicks all of them in `month`. */
async function clickThings(giver: { handle: string }, owners: { handle: string; post: typeof Client.prototype.post }[], month: Month) {
  const thingIds: number[] = [];
  for (const owner of owners) {
    const thing = await owner.post('/api/v1/things', { url: `https://${owner.handle}.example/${month}`, title: `A post by ${owner.handle}` });
    await giveAs(db(), config(), await account(giver.handle), (await findThing(db(), thing.body.id))!, inMonth(month));
    thingIds.push(thing.body.id);
  }
  return thingIds;
}

async function ledger(client: { get: (p: string) => Promise<{ body: any }> }, month: Month) {
  return (await client.get(`/api/v1/me/ledger?month=${month}`)).body.entries as {
    kind: string;
    amount_cents: number;
    counterparty: string;
    thing: { id: number } | null;
  }[];
}

describe('the monthly split', () => {
  it('settles the seed example to the cent: 5 EUR over 10 clicks is a 50-cent fee and 45 cents each', async () => {
    const month = freshMonth();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const owners = await Promise.all(Array.from({ length: 10 }, () => newPerson()));
    await clickThings(giver, owners, month);

    const run = await settleMonth(db(), config(), month, { now: afterMonth(month) });
    expect(run).toMatchObject({ stage: 'done', peopleSettled: expect.any(Number), clicksSettled: expect.any(Number) });

    // The giver's own ledger shows the fee and what their things received: 50 + 450 = 500.
    expect(await ledger(giver, month)).toEqual([
      expect.objectContaining({ kind: 'fee', amount_cents: -50, counterparty: 'system:fees', thing: null }),
      expect.objectContaining({ kind: 'budget', amount_cents: -450, counterparty: null, thing: null }),
    ]);
    for (const owner of owners) {
      const entries = await ledger(owner, month);
      expect(entries).toEqual([expect.objectContaining({ kind: 'share', amount_cents: 45, counterparty: giver.handle })]);
      expect((await owner.get('/api/v1/me')).body.balance_cents).toBe(45);
    }
    expect((await giver.get('/api/v1/me')).body.balance_cents).toBe(500);
    const fee = await env.DB.prepare(
      `SELECT e.amount_cents FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE a.handle = 'system:fees' AND e.counterparty_id = ? AND e.month = ?`,
    )
      .bind((await account(giver.handle)).id, month)
      .all<{ amount_cents: number }>();
    expect(fee.results).toEqual([{ amount_cents: 50 }]);
    expect(await checkLedger(db())).toEqual({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
  }, 60_000);

  it('gives a month without clicks to the charity account in full', async () => {
    const month = freshMonth();
    const giver = await newPerson({ depositCents: 700, budgetCents: 500 });
    const charityBefore = (await account(config().charityHandle))?.balanceCents ?? 0;
    await settleMonth(db(), config(), month, { now: afterMonth(month) });
    expect(await ledger(giver, month)).toEqual([expect.objectContaining({ kind: 'budget', amount_cents: -500, counterparty: config().charityHandle })]);
    expect((await account(config().charityHandle)).balanceCents - charityBefore).toBeGreaterThanOrEqual(500);
    const donation = await env.DB.prepare(`SELECT amount_cents, kind FROM ledger_entries WHERE counterparty_id = ? AND month = ?`)
      .bind((await account(giver.handle)).id, month)
      .all();
    expect(donation.results).toEqual([{ amount_cents: 500, kind: 'charity' }]);
  }, 60_000);

  it('gives min(budget, balance) when the balance fell below the budget', async () => {
    const month = freshMonth();
    // A budget may exceed the balance; a payout can no longer take what a click reserved.
    const giver = await newPerson({ depositCents: 300, budgetCents: 500 });
    const [owner] = [await newPerson()];
    await clickThings(giver, [owner!], month);
    await settleMonth(db(), config(), month, { now: afterMonth(month) });
    expect(await ledger(giver, month)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'budget', amount_cents: -270 }), expect.objectContaining({ kind: 'fee', amount_cents: -30 })]),
    );
    expect(await ledger(owner!, month)).toEqual([expect.objectContaining({ kind: 'share', amount_cents: 270 })]);
    expect((await giver.get('/api/v1/me')).body.balance_cents).toBe(0);
  }, 60_000);

  it('refuses to settle a month that has not ended', async () => {
    const month = monthOf(Date.now());
    await expect(settleMonth(db(), config(), month)).rejects.toThrow(/has not ended/);
    const res = await admin('POST', '/settlements', { month });
    expect([res.status, res.body.error.code]).toEqual([422, 'month_not_ended']);
  });

  it('books nothing when run again, even with its cursor lost', async () => {
    const month = freshMonth();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    await clickThings(giver, [await newPerson(), await newPerson(), await newPerson()], month);
    await settleMonth(db(), config(), month, { now: afterMonth(month) });
    const count = async () => (await env.DB.prepare('SELECT count(*) AS n FROM ledger_entries').first<{ n: number }>())!.n;
    const before = await count();

    expect((await settleMonth(db(), config(), month, { now: afterMonth(month) })).stage).toBe('done');
    await env.DB.prepare(`UPDATE settlement_runs SET stage = 'settling', cursor = 0 WHERE month = ?`).bind(month).run();
    expect((await settleMonth(db(), config(), month, { now: afterMonth(month) })).stage).toBe('done');
    expect(await count()).toBe(before);
    expect((await giver.get('/api/v1/me')).body.balance_cents).toBe(500);
  }, 60_000);

  it('resumes after a crash at every stage and settles everyone exactly once', async () => {
    const month = freshMonth();
    const owner = await newPerson();
    const givers = await Promise.all(Array.from({ length: 7 }, () => newPerson({ depositCents: 500, budgetCents: 300 })));
    for (const giver of givers) await clickThings(giver, [owner], month);

    let crashes = 0;
    const crashAt = (stage: SettlementStage, n: number) => (s: SettlementStage, i: number) => {
      if (s === stage && i === n) {
        crashes++;
        throw new Error('injected crash');
      }
    };
    const settle = (beforeStage?: SettleOptions['beforeStage']) => settleMonth(db(), config(), month, { now: afterMonth(month), chunkIds: 2, beforeStage });
    const stages: [SettlementStage, number][] = [
      ['plan', 0],
      ['chunk', 0],
      ['chunk', 1],
      ['chunk', 3],
      ['finish', 0],
    ];
    for (const [stage, n] of stages) await expect(settle(crashAt(stage, n))).rejects.toThrow('injected crash');
    const run = await settle();
    expect(crashes).toBe(stages.length);
    expect(run.stage).toBe('done');

    for (const giver of givers) {
      expect(await ledger(giver, month)).toEqual([
        expect.objectContaining({ kind: 'fee', amount_cents: -30 }),
        expect.objectContaining({ kind: 'budget', amount_cents: -270 }),
      ]);
      expect((await giver.get('/api/v1/me')).body.balance_cents).toBe(200);
    }
    const shares = await ledger(owner, month);
    expect(shares).toHaveLength(7);
    expect(shares.every((s) => s.amount_cents === 270)).toBe(true);
    expect(await checkLedger(db())).toEqual({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
  }, 90_000);

  it('stops at a deadline and resumes on the next call', async () => {
    const month = freshMonth();
    const owner = await newPerson();
    const givers = await Promise.all(Array.from({ length: 3 }, () => newPerson({ depositCents: 500, budgetCents: 500 })));
    for (const giver of givers) await clickThings(giver, [owner], month);
    const partial = await settleMonth(db(), config(), month, { now: afterMonth(month), chunkIds: 1, deadline: 0 });
    expect(partial.stage).toBe('settling');
    expect((await settleMonth(db(), config(), month, { now: afterMonth(month), chunkIds: 1 })).stage).toBe('done');
    expect(await ledger(owner, month)).toHaveLength(3);
  }, 90_000);
});

describe('the cron and the admin endpoint', () => {
  let month: Month;
  beforeAll(() => {
    month = monthOf(Date.now());
  });

  it('walks the issue\'s "done when": 11 people, one gives to 10 owners, the cron on the 1st settles it', async () => {
    const owners = await Promise.all(Array.from({ length: 10 }, () => newPerson({ depositCents: 500, budgetCents: 500 })));
    const giver = await newPerson({ depositCents: 500, budgetCents: 500 });
    for (const [i, owner] of owners.entries()) {
      const thing = await owner.post('/api/v1/things', { url: `https://${owner.handle}.example/post-${i}`, title: `Post ${i}` });
      expect((await giver.post(`/api/v1/things/${thing.body.id}/clicks`)).status).toBe(201);
    }

    const controller = createScheduledController({ scheduledTime: monthStart(addMonths(month, 1)) + 5 * 60_000, cron: '5 * 1 * *' });
    await worker.scheduled(controller, env);
    // The cron plans the month and fans its chunks out over the queue; the consumer settles them.
    expect(await untilSettled(month)).toMatchObject({ stage: 'done' });

    const entries = await ledger(giver, month);
    expect(entries.filter((e) => e.kind !== 'deposit')).toEqual([
      expect.objectContaining({ kind: 'fee', amount_cents: -50, counterparty: 'system:fees' }),
      expect.objectContaining({ kind: 'budget', amount_cents: -450 }),
    ]);
    for (const owner of owners) {
      const own = await ledger(owner, month);
      expect(own).toContainEqual(expect.objectContaining({ kind: 'share', amount_cents: 45, counterparty: giver.handle }));
      // Owners with budgets but no clicks gave their month to charity.
      expect(own).toContainEqual(expect.objectContaining({ kind: 'budget', amount_cents: -500 }));
    }
    const check = await admin('GET', '/ledger-check');
    expect(check.body).toEqual({ sum_of_all_entries: 0, unbalanced_transactions: [], accounts_off_balance: [] });
  }, 90_000);

  it('lets the admin settle an ended month, and only with the token', async () => {
    const past = addMonths(monthOf(Date.now()), -30);
    const res = await admin('POST', '/settlements', { month: past });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: past, stage: 'done' });
    const again = await admin('POST', '/settlements', { month: past });
    expect(again.body).toEqual(res.body);

    const noToken = await new Client().post('/api/v1/admin/settlements', { month: past });
    expect(noToken.status).toBe(401);
    const wrong = await new Client().request('POST', '/api/v1/admin/settlements', { month: past }, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect((await admin('POST', '/settlements', { month: '2026-13' })).status).toBe(400);
  }, 60_000);
});
