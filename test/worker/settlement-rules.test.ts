// The settlement's rules about whose month counts and what nothing may stop: the budget in force
// during the month, pledges, people who cannot pay, payouts racing the run, several months at
// once, catching up, and the held kudos of unclaimed things.
import { createScheduledController, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { giveAs } from './give';
import { HELD_HANDLE, releaseHeldKudos, settleDueMonths, settleMonth } from '../../worker/actions/settle';
import { setBudget } from '../../worker/actions/wallet';
import { addMonths, monthStart, type Month } from '../../worker/domain/month';
import { readConfig } from '../../worker/env';
import worker from '../../worker/index';
import { type Account, ensureSystemAccount, findAccountByHandle } from '../../worker/store/accounts';
import { recordReversal } from '../../worker/payments/provider';
import { openDb } from '../../worker/store/db';
import { book, checkLedger } from '../../worker/store/ledger';
import { pledgeOf, unreservedBalance } from '../../worker/store/pledges';
import { registerThing, type Thing } from '../../worker/store/things';
import { admin, newPerson } from './client';
import { afterMonth, inMonth, monthsFrom } from './months';

const db = () => openDb(env.DB);
const config = () => readConfig(env);
const freshMonth = monthsFrom('2035-01');
const balanced = { sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] };

async function account(handle: string): Promise<Account> {
  return (await findAccountByHandle(db(), handle))!;
}

async function thingOf(owner: { handle: string }, path: string, claimed = true): Promise<Thing> {
  const thing = await registerThing(db(), (await account(owner.handle)).id, `https://${owner.handle}.example/${path}`, path);
  if (!claimed) await env.DB.prepare('UPDATE things SET claimed = 0 WHERE id = ?').bind(thing.id).run();
  return { ...thing, claimed };
}

async function give(giver: { handle: string }, thing: Thing, month: Month) {
  await giveAs(db(), config(), await account(giver.handle), thing, inMonth(month));
}

/** What the month's first kudos reserved (the click path creates the pledge): min(budget, unreserved balance). */
async function pledge(giver: { handle: string }, month: Month): Promise<number> {
  return (await pledgeOf(db(), (await account(giver.handle)).id, month))!.reservedCents;
}

/** What a person's month gave (budget and fee legs), in cents. */
async function given(handle: string, month: Month): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT coalesce(-sum(amount_cents), 0) AS cents FROM ledger_entries WHERE account_id = ? AND month = ? AND kind IN ('budget', 'fee') AND amount_cents < 0`,
  )
    .bind((await account(handle)).id, month)
    .first<{ cents: number }>();
  return row!.cents;
}

async function entriesFor(handle: string, month: Month) {
  const rows = await env.DB.prepare(
    'SELECT kind, amount_cents AS cents, thing_id AS thing, counterparty_id AS counterparty FROM ledger_entries WHERE account_id = ? AND month = ? ORDER BY id',
  )
    .bind((await account(handle)).id, month)
    .all<{ kind: string; cents: number; thing: number | null; counterparty: number | null }>();
  return rows.results;
}

/** Books `cents` out of a balance without the payout route's guard (balanced, to the payouts account). */
async function drain(handle: string, cents: number, month: Month) {
  const person = await account(handle);
  const payouts = await ensureSystemAccount(db(), 'system:payouts');
  await book(db(), {
    key: `drain:${person.id}:${month}`,
    kind: 'payout',
    month,
    legs: [
      { accountId: person.id, kind: 'payout', amountCents: -cents, counterpartyId: payouts.id },
      { accountId: payouts.id, kind: 'payout', amountCents: cents, counterpartyId: person.id },
    ],
  });
}

const payOut = async (person: { handle: string; post: (p: string, b: unknown) => Promise<{ status: number }> }, cents: number) =>
  (await person.post('/api/v1/me/payouts', { amount_cents: cents })).status;

describe('whose month is settled, and with what', () => {
  it('books nothing for 2019-05 through the admin call: nobody had an account or a budget then', async () => {
    const person = await newPerson({ depositCents: 900, budgetCents: 500 });
    const res = await admin('POST', '/settlements', { month: '2019-05' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: '2019-05', stage: 'done', people_settled: 0, clicks_settled: 0, failures: [] });
    const booked = await env.DB.prepare(`SELECT count(*) AS n FROM ledger_entries WHERE month = '2019-05'`).first<{ n: number }>();
    expect(booked!.n).toBe(0);
    expect((await person.get('/api/v1/me')).body.balance_cents).toBe(900);
  });

  it('uses the budget in force during the month, not today’s', async () => {
    const [a, b, c] = [freshMonth(), freshMonth(), freshMonth()];
    const person = await newPerson({ depositCents: 2000 });
    const late = await newPerson({ depositCents: 2000 });
    await setBudget(db(), config(), await account(person.handle), 500, inMonth(a));
    await setBudget(db(), config(), await account(person.handle), 300, inMonth(c));
    // `late` sets a budget only in month c: months a and b were not theirs to give.
    await setBudget(db(), config(), await account(late.handle), 400, inMonth(c));

    for (const month of [a, b, c]) await settleMonth(db(), config(), month, { now: afterMonth(month) });
    expect([await given(person.handle, a), await given(person.handle, b), await given(person.handle, c)]).toEqual([500, 500, 300]);
    expect([await given(late.handle, a), await given(late.handle, b), await given(late.handle, c)]).toEqual([0, 0, 400]);
    expect(await checkLedger(db())).toEqual(balanced);
  });

  it('gives what the month’s pledge reserved and settles the pledge in the same batch', async () => {
    const month = freshMonth();
    const owner = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 400 });
    await give(giver, await thingOf(owner, `p-${month}`), month);
    expect(await pledge(giver, month)).toBe(400);
    // A budget raised after the kudos changes nothing for that month.
    await giver.put('/api/v1/me/budget', { monthly_budget_cents: 900 });

    await settleMonth(db(), config(), month, { now: afterMonth(month) });
    expect(await given(giver.handle, month)).toBe(400);
    expect(await entriesFor(owner.handle, month)).toEqual([expect.objectContaining({ kind: 'share', cents: 360 })]);
    const row = await env.DB.prepare('SELECT settled_at FROM month_pledges WHERE account_id = ? AND month = ?')
      .bind((await account(giver.handle)).id, month)
      .first<{ settled_at: number | null }>();
    expect(row!.settled_at).toBe(afterMonth(month));
    expect(await unreservedBalance(db(), (await account(giver.handle)).id)).toBe(600);
  });
  it('settles the pledge of a person a refund left in debt, and leaves the debt to their next deposit', async () => {
    const [month, next] = [freshMonth(), freshMonth()];
    const owner = await newPerson();
    const pledged = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const idle = await newPerson({ depositCents: 3000, budgetCents: 200 });
    await give(pledged, await thingOf(owner, `d-${month}`), month);
    expect(await pledge(pledged, month)).toBe(500);
    expect(await payOut(idle, 1000)).toBe(201);
    // Both deposits refunded in full during the month: a refund takes only what is neither
    // promised nor paid out, the rest becomes the person's debt (main's money rules).
    for (const [person, cents] of [
      [pledged, 1000],
      [idle, 3000],
    ] as const) {
      expect(await recordReversal(db(), 'dev', `refund:${person.handle}`, (await account(person.handle)).id, cents, month)).toBe('booked');
    }
    const balanceAndDebt = async (p: { handle: string }) => {
      const a = await account(p.handle);
      return [a.balanceCents, a.debtCents];
    };
    expect([await balanceAndDebt(pledged), await balanceAndDebt(idle)]).toEqual([
      [500, 500],
      [0, 1000],
    ]);

    const run = await settleMonth(db(), config(), month, { now: afterMonth(month) });
    expect(run).toMatchObject({ stage: 'done', failures: [] });
    // The pledge was kept for the kudos; the person without kudos had nothing left to give.
    expect(await given(pledged.handle, month)).toBe(500);
    expect(await entriesFor(owner.handle, month)).toEqual([expect.objectContaining({ kind: 'share', cents: 450 })]);
    expect(await given(idle.handle, month)).toBe(0);
    // The settlement neither pays a debt nor adds to it.
    expect([await balanceAndDebt(pledged), await balanceAndDebt(idle)]).toEqual([
      [0, 500],
      [0, 1000],
    ]);
    expect(await checkLedger(db())).toEqual(balanced);

    // A deposit repays the debt first; the next month gives from what is left (to charity: no kudos).
    expect((await idle.post('/api/v1/me/deposits', { amount_cents: 1400 })).status).toBe(201);
    expect(await balanceAndDebt(idle)).toEqual([400, 0]);
    expect(await settleMonth(db(), config(), next, { now: afterMonth(next) })).toMatchObject({ stage: 'done', failures: [] });
    expect(await entriesFor(idle.handle, next)).toEqual([expect.objectContaining({ kind: 'budget', cents: -200 })]);
    expect(await checkLedger(db())).toEqual(balanced);
  });
});

describe('nothing stops or bends the run', () => {
  it('settles a chunk without the one person it cannot pay, reports them, and retries them on the next firing', async () => {
    const [month, next] = [freshMonth(), freshMonth()];
    const owner = await newPerson();
    const thing = await thingOf(owner, `f-${month}`);
    const givers = await Promise.all(Array.from({ length: 4 }, () => newPerson({ depositCents: 1000, budgetCents: 500 })));
    for (const giver of givers) {
      await give(giver, thing, month);
      await pledge(giver, month);
    }
    const [broke] = givers;
    // The payout route can no longer take what a pledge holds, so a booking made around it (an
    // operator's correction, a bug) stands for any way a balance ends below its pledge.
    expect(await payOut(broke!, 1000)).toBe(422);
    const run = await settleMonth(db(), config(), month, {
      now: afterMonth(month),
      beforeStage: async (stage, i) => {
        if (stage === 'chunk' && i === 0) await drain(broke!.handle, 1000, month);
      },
    });
    expect(run.stage).toBe('done');
    expect(run.failures).toEqual([expect.objectContaining({ handle: broke!.handle, reason: expect.stringContaining('does not cover'), attempts: 2 })]);
    for (const giver of givers.slice(1)) expect(await given(giver.handle, month)).toBe(500);
    expect(await given(broke!.handle, month)).toBe(0);
    expect(await checkLedger(db())).toEqual(balanced);

    // They add funds; the next firing (any month's) retries them first.
    await broke!.post('/api/v1/me/deposits', { amount_cents: 700 });
    // A crash in the retry stage leaves them for the next call.
    const crashAtRetry = (stage: string) => {
      if (stage === 'retry') throw new Error('injected crash');
    };
    await expect(settleMonth(db(), config(), month, { now: afterMonth(month), beforeStage: crashAtRetry })).rejects.toThrow('injected crash');
    expect(await given(broke!.handle, month)).toBe(0);
    const runs = await settleDueMonths(db(), config(), afterMonth(next));
    expect(runs.map((r) => [r.month, r.stage, r.failures.length])).toEqual([
      [month, 'done', 0],
      [next, 'done', 0],
    ]);
    expect(await given(broke!.handle, month)).toBe(500);
    expect(await entriesFor(owner.handle, month)).toHaveLength(4);
    const failure = await env.DB.prepare('SELECT resolved_at FROM settlement_failures WHERE month = ? AND account_id = ?')
      .bind(month, (await account(broke!.handle)).id)
      .first<{ resolved_at: number | null }>();
    expect(failure!.resolved_at).not.toBeNull();
    expect(await checkLedger(db())).toEqual(balanced);
  });

  it('races payouts against every chunk: no amount changes, no month freezes', async () => {
    const month = freshMonth();
    const owner = await newPerson();
    const thing = await thingOf(owner, `r-${month}`);
    // 2000 each: what no pledge holds (1500) is at least the payout minimum.
    const givers = await Promise.all(Array.from({ length: 6 }, () => newPerson({ depositCents: 2000, budgetCents: 500 })));
    for (const giver of givers) {
      await give(giver, thing, month);
      await pledge(giver, month);
    }
    let races = 0;
    const run = await settleMonth(db(), config(), month, {
      now: afterMonth(month),
      chunkIds: 2,
      // Between the run's reads and each chunk's batch: every giver takes all they may.
      beforeStage: async (stage) => {
        if (stage !== 'chunk') return;
        for (const giver of givers) {
          const free = await unreservedBalance(db(), (await account(giver.handle)).id);
          if (free > 0) {
            expect(await payOut(giver, free)).toBe(201);
            races++;
          }
        }
      },
    });
    expect(races).toBeGreaterThanOrEqual(givers.length);
    expect(run).toMatchObject({ stage: 'done', failures: [] });
    for (const giver of givers) {
      expect(await given(giver.handle, month)).toBe(500);
      expect((await account(giver.handle)).balanceCents).toBe(0);
    }
    expect(await entriesFor(owner.handle, month)).toEqual(givers.map(() => expect.objectContaining({ kind: 'share', cents: 450 })));
    expect(await checkLedger(db())).toEqual(balanced);
  }, 120_000);

  it('settles two months at once, with payouts racing both', async () => {
    const [first, second] = [freshMonth(), freshMonth()];
    const owner = await newPerson();
    const things = [await thingOf(owner, `a-${first}`), await thingOf(owner, `b-${second}`)];
    const givers = await Promise.all(Array.from({ length: 5 }, () => newPerson({ depositCents: 2000, budgetCents: 300 })));
    for (const giver of givers) {
      await give(giver, things[0]!, first);
      await pledge(giver, first);
      await give(giver, things[1]!, second);
      await pledge(giver, second);
    }
    // One racer at a time, so each payout asks for exactly what is free when it runs (two at
    // once would ask for the same free cents, and the payout's guard would refuse one of them).
    let racing = Promise.resolve();
    const race = () =>
      (racing = racing.then(async () => {
        for (const giver of givers) {
          const free = await unreservedBalance(db(), (await account(giver.handle)).id);
          if (free > 0) expect(await payOut(giver, free)).toBe(201);
        }
      }));
    const options = { now: afterMonth(second), chunkIds: 3, beforeStage: race };
    const runs = await Promise.all([settleMonth(db(), config(), first, options), settleMonth(db(), config(), second, options)]);
    expect(runs.map((r) => [r.stage, r.failures])).toEqual([
      ['done', []],
      ['done', []],
    ]);
    for (const giver of givers) {
      expect([await given(giver.handle, first), await given(giver.handle, second)]).toEqual([300, 300]);
      // 2000 − the 1400 no pledge held (paid out in the first race) − 2 × 300.
      expect((await account(giver.handle)).balanceCents).toBe(0);
    }
    expect(await checkLedger(db())).toEqual(balanced);
  }, 120_000);

  it('finishes an ended month left unfinished before the month just ended, oldest first, from the cron', async () => {
    const [older, , last] = [freshMonth(), freshMonth(), freshMonth()];
    const owner = await newPerson();
    const giver = await newPerson({ depositCents: 3000, budgetCents: 500 });
    await give(giver, await thingOf(owner, `o-${older}`), older);
    await give(giver, await thingOf(owner, `l-${last}`), last);
    const partial = await settleMonth(db(), config(), older, { now: afterMonth(older), deadline: 0 });
    expect(partial.stage).toBe('settling');

    const firing = monthStart(addMonths(last, 1)) + 5 * 60_000;
    expect((await settleDueMonths(db(), config(), firing)).map((r) => [r.month, r.stage])).toEqual([
      [older, 'done'],
      [last, 'done'],
    ]);
    expect([await given(giver.handle, older), await given(giver.handle, last)]).toEqual([500, 500]);
    // The real cron handler runs the same: a second firing books nothing more.
    const entries = async () => (await env.DB.prepare('SELECT count(*) AS n FROM ledger_entries').first<{ n: number }>())!.n;
    const before = await entries();
    await worker.scheduled(createScheduledController({ scheduledTime: firing, cron: '5 * 1 * *' }), env);
    expect(await entries()).toBe(before);
    expect(await checkLedger(db())).toEqual(balanced);
  });
});

describe('kudos to things nobody has claimed yet', () => {
  it('holds the shares on the held account, naming the thing, and pays them to the owner once when claimed', async () => {
    const month = freshMonth();
    const [owner, other] = [await newPerson(), await newPerson()];
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const unclaimed = await thingOf(owner, `h-${month}`, false);
    await give(giver, unclaimed, month);
    await give(giver, await thingOf(other, `c-${month}`), month);
    await settleMonth(db(), config(), month, { now: afterMonth(month) });

    const giverId = (await account(giver.handle)).id;
    expect(await entriesFor(HELD_HANDLE, month)).toContainEqual({ kind: 'share', cents: 225, thing: unclaimed.id, counterparty: giverId });
    expect(await entriesFor(other.handle, month)).toEqual([expect.objectContaining({ kind: 'share', cents: 225 })]);
    expect((await account(owner.handle)).balanceCents).toBe(0);

    expect(await releaseHeldKudos(db(), unclaimed.id)).toBe('not_claimed');
    await env.DB.prepare('UPDATE things SET claimed = 1 WHERE id = ?').bind(unclaimed.id).run();
    const releases = await Promise.all([releaseHeldKudos(db(), unclaimed.id), releaseHeldKudos(db(), unclaimed.id)]);
    expect(releases).toEqual(['released', 'released']);
    expect(await releaseHeldKudos(db(), unclaimed.id)).toBe('nothing_held');
    expect((await account(owner.handle)).balanceCents).toBe(225);
    const release = await env.DB.prepare(`SELECT count(*) AS n FROM ledger_transactions WHERE key LIKE ?`)
      .bind(`held-release:${unclaimed.id}:%`)
      .first<{ n: number }>();
    expect(release!.n).toBe(1);
    expect(await checkLedger(db())).toEqual(balanced);
  });

  it('pays the held shares to the owner when they claim the thing on the API (the claim path calls the release)', async () => {
    const month = freshMonth();
    const owner = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const unclaimed = await thingOf(owner, `k-${month}`, false);
    await give(giver, unclaimed, month);
    await settleMonth(db(), config(), month, { now: afterMonth(month) });
    expect((await account(owner.handle)).balanceCents).toBe(0);

    expect((await owner.post(`/api/v1/things/${unclaimed.id}/claim`, {})).status).toBe(200);
    expect((await account(owner.handle)).balanceCents).toBe(450);
    expect(await releaseHeldKudos(db(), unclaimed.id)).toBe('nothing_held');
    expect(await checkLedger(db())).toEqual(balanced);
  });

  it('gives held shares back to their givers when the thing is still unclaimed six months after its month was settled, once', async () => {
    const month = freshMonth();
    const owner = await newPerson();
    const givers = [await newPerson({ depositCents: 1000, budgetCents: 500 }), await newPerson({ depositCents: 1000, budgetCents: 200 })];
    const unclaimed = await thingOf(owner, `u-${month}`, false);
    for (const giver of givers) await give(giver, unclaimed, month);
    await settleMonth(db(), config(), month, { now: afterMonth(month) });

    const returns = async () =>
      (
        await env.DB.prepare(
          `SELECT account_id AS account, amount_cents AS cents FROM ledger_entries WHERE kind = 'return' AND thing_id = ? AND amount_cents > 0 ORDER BY account_id`,
        )
          .bind(unclaimed.id)
          .all<{ account: number; cents: number }>()
      ).results;
    // Five months after the month was settled: still held; six months after: back, once.
    await settleDueMonths(db(), config(), monthStart(addMonths(month, 6)) + 5 * 60_000);
    expect(await returns()).toEqual([]);
    await settleDueMonths(db(), config(), monthStart(addMonths(month, 7)) + 5 * 60_000);
    await settleDueMonths(db(), config(), monthStart(addMonths(month, 7)) + 65 * 60_000);
    const ids = await Promise.all(givers.map(async (g) => (await account(g.handle)).id));
    expect(await returns()).toEqual([
      { account: ids[0], cents: 450 },
      { account: ids[1], cents: 180 },
    ]);
    const held = await env.DB.prepare(
      `SELECT coalesce(sum(amount_cents), 0) AS cents FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE a.handle = ? AND e.thing_id = ?`,
    )
      .bind(HELD_HANDLE, unclaimed.id)
      .first<{ cents: number }>();
    expect(held!.cents).toBe(0);
    // Claimed later: nothing left to release.
    await env.DB.prepare('UPDATE things SET claimed = 1 WHERE id = ?').bind(unclaimed.id).run();
    expect(await releaseHeldKudos(db(), unclaimed.id)).toBe('nothing_held');
    expect(await checkLedger(db())).toEqual(balanced);
  });
});
