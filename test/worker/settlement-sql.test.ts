// The settlement computes shares in SQL (store/settlement.ts); the pure split (domain/split.ts)
// is the rule. Over random pledges, clicks, fees and months, every booked leg equals the split.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEES_HANDLE, settleMonth } from '../../worker/actions/settle';
import { money } from '../../worker/domain/money';
import { addMonths, type Month } from '../../worker/domain/month';
import { splitBudget } from '../../worker/domain/split';
import { readConfig } from '../../worker/env';
import { ensureSystemAccount } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { book, checkLedger } from '../../worker/store/ledger';
import { afterMonth } from './months';

const db = () => openDb(env.DB);

/** A giver's pledge, what they hold beyond it, and the things (indexes into the pool) they gave kudos to. */
const giverCase = fc.record({
  reserved: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 100_000 })),
  extraBalance: fc.integer({ min: 0, max: 500 }),
  things: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { maxLength: 14 }),
});

let run = 0;

describe('the SQL split', () => {
  it('books exactly what splitBudget says, for random pledges, clicks, fees and months', async () => {
    const provider = await ensureSystemAccount(db(), 'system:provider:property');
    const fees = await ensureSystemAccount(db(), FEES_HANDLE);
    // 24 things over 6 owners, two of them unclaimed (their shares go to the held account).
    const owners: number[] = [];
    for (let i = 0; i < 6; i++) {
      const row = await env.DB.prepare(`INSERT INTO accounts (handle) VALUES (?) RETURNING id`).bind(`prop-owner-${i}`).first<{ id: number }>();
      owners.push(row!.id);
    }
    const pool: { id: number; ownerId: number; claimed: boolean }[] = [];
    for (let i = 0; i < 24; i++) {
      const ownerId = owners[i % owners.length]!;
      const claimed = i % 12 !== 5;
      const row = await env.DB.prepare(`INSERT INTO things (owner_id, url, title, claimed) VALUES (?, ?, ?, ?) RETURNING id`)
        .bind(ownerId, `https://prop.example/${i}`, `Thing ${i}`, claimed ? 1 : 0)
        .first<{ id: number }>();
      pool.push({ id: row!.id, ownerId, claimed });
    }
    const held = await ensureSystemAccount(db(), 'system:held');

    await fc.assert(
      fc.asyncProperty(
        fc.array(giverCase, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 600 }),
        fc.constantFrom(0, 10, 12.5, 33.33),
        async (givers, monthOffset, feePercent) => {
          // A month of its own per case: nobody else has a budget in force there.
          const month: Month = addMonths('2050-01', run * 700 + monthOffset);
          run++;
          const config = { ...readConfig(env), feePercent };
          const ids: number[] = [];
          for (const [i, g] of givers.entries()) {
            const row = await env.DB.prepare(`INSERT INTO accounts (handle) VALUES (?) RETURNING id`).bind(`prop-${run}-${i}`).first<{ id: number }>();
            const id = row!.id;
            ids.push(id);
            const funds = g.reserved + g.extraBalance;
            if (funds > 0) {
              await book(db(), {
                key: `deposit:property:${run}:${i}`,
                kind: 'deposit',
                month,
                legs: [
                  { accountId: provider.id, kind: 'deposit', amountCents: -funds },
                  { accountId: id, kind: 'deposit', amountCents: funds },
                ],
              });
            }
            await env.DB.prepare(`INSERT INTO month_pledges (account_id, month, budget_cents, reserved_cents) VALUES (?, ?, ?, ?)`)
              .bind(id, month, g.reserved, g.reserved)
              .run();
            for (const t of g.things)
              await env.DB.prepare(`INSERT INTO clicks (month, giver_id, thing_id) VALUES (?, ?, ?)`).bind(month, id, pool[t]!.id).run();
          }

          const result = await settleMonth(db(), config, month, { now: afterMonth(month), checkBooks: false });
          expect(result.stage).toBe('done');

          for (const [i, g] of givers.entries()) {
            const id = ids[i]!;
            const clicks = g.things.map((t) => pool[t]!).sort((a, b) => a.id - b.id);
            const split = splitBudget({ amount: money(g.reserved, 'EUR'), feePercent, clicks, month });
            const expected: { account: number; kind: string; cents: number; thing: number | null; counterparty: number | null }[] = [];
            if (g.reserved > 0) {
              if (split.kind === 'charity') {
                const charity = await ensureSystemAccount(db(), config.charityHandle);
                expected.push({ account: id, kind: 'budget', cents: -g.reserved, thing: null, counterparty: charity.id });
                expected.push({ account: charity.id, kind: 'charity', cents: g.reserved, thing: null, counterparty: id });
              } else {
                if (g.reserved - split.fee.cents > 0)
                  expected.push({ account: id, kind: 'budget', cents: split.fee.cents - g.reserved, thing: null, counterparty: null });
                if (split.fee.cents > 0) {
                  expected.push({ account: id, kind: 'fee', cents: -split.fee.cents, thing: null, counterparty: fees.id });
                  expected.push({ account: fees.id, kind: 'fee', cents: split.fee.cents, thing: null, counterparty: id });
                }
                for (const { click, amount } of split.shares) {
                  if (amount.cents > 0)
                    expected.push({ account: click.claimed ? click.ownerId : held.id, kind: 'share', cents: amount.cents, thing: click.id, counterparty: id });
                }
              }
            }
            const booked = await env.DB.prepare(
              `SELECT e.account_id AS account, e.kind, e.amount_cents AS cents, e.thing_id AS thing, e.counterparty_id AS counterparty
               FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.key = ? ORDER BY e.id`,
            )
              .bind(`settlement:${month}:${id}`)
              .all();
            expect(booked.results).toEqual(expected);
            const balance = await env.DB.prepare(`SELECT balance_cents AS cents FROM accounts WHERE id = ?`).bind(id).first<{ cents: number }>();
            expect(balance!.cents).toBe(g.extraBalance);
          }
          expect(await checkLedger(db())).toEqual({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
        },
      ),
      { numRuns: 40 },
    );
  }, 300_000);
});
