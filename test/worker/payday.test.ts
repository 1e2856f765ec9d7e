// The public payday record (/about/stats, GET /api/v1/stats): a month settled with known kudos
// answers exactly what its ledger holds, names nobody, and carries the run's self-check of the
// books; held kudos show up as held, then as returned once the hold is over.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { HELD_HANDLE, settleDueMonths, settleMonth } from '../../worker/actions/settle';
import { formatMoney, money } from '../../worker/domain/money';
import { addMonths, type Month, monthStart } from '../../worker/domain/month';
import { readConfig } from '../../worker/env';
import { recordDeposit } from '../../worker/payments/provider';
import { type Account, ensureSystemAccount, findAccountByHandle } from '../../worker/store/accounts';
import { book } from '../../worker/store/ledger';
import { openDb } from '../../worker/store/db';
import { registerThing, type Thing } from '../../worker/store/things';
import { Client, newPerson } from './client';
import { giveAs } from './give';
import { afterMonth, inMonth, monthsFrom } from './months';

const db = () => openDb(env.DB);
const config = () => readConfig(env);
const freshMonth = monthsFrom('2041-01');

async function account(handle: string): Promise<Account> {
  return (await findAccountByHandle(db(), handle))!;
}

async function thingOf(owner: { handle: string }, path: string, claimed = true): Promise<Thing> {
  const thing = await registerThing(db(), (await account(owner.handle)).id, `https://${owner.handle}.example/${path}`, path);
  if (!claimed) await env.DB.prepare('UPDATE things SET claimed = 0 WHERE id = ?').bind(thing.id).run();
  return thing;
}

async function give(giver: { handle: string }, thing: Thing, month: Month) {
  await giveAs(db(), config(), await account(giver.handle), thing, inMonth(month));
}

async function record(month: Month) {
  const answer = await new Client().get('/api/v1/stats');
  expect(answer.status).toBe(200);
  return { currency: answer.body.currency, month: answer.body.months.find((m: { month: Month }) => m.month === month), answer };
}

/** The month's settlement legs as the ledger holds them, summed here by their own SQL. */
async function ledgerOf(month: Month) {
  const row = await env.DB.prepare(
    `SELECT
       sum(CASE WHEN e.kind = 'share' THEN e.amount_cents ELSE 0 END) AS shares,
       sum(CASE WHEN e.kind = 'share' THEN 1 ELSE 0 END) AS kudos,
       sum(CASE WHEN a.handle = 'system:fees' THEN e.amount_cents ELSE 0 END) AS fees,
       sum(CASE WHEN a.handle = ?2 THEN e.amount_cents ELSE 0 END) AS charity,
       sum(CASE WHEN a.handle = ?3 THEN e.amount_cents ELSE 0 END) AS held,
       sum(CASE WHEN e.kind IN ('budget', 'fee') AND a.kind = 'person' THEN -e.amount_cents ELSE 0 END) AS paid,
       count(DISTINCT e.transaction_id) AS givers
     FROM ledger_entries e JOIN accounts a ON a.id = e.account_id JOIN ledger_transactions t ON t.id = e.transaction_id
     WHERE t.kind = 'settlement' AND t.month = ?1`,
  )
    .bind(month, config().charityHandle, HELD_HANDLE)
    .first<{ shares: number; kudos: number; fees: number; charity: number; held: number; paid: number; givers: number }>();
  return row!;
}

describe('the payday record', () => {
  it("equals the month's ledger: given is the shares, the fee 10%, charity for a month without kudos, held for an unclaimed thing; then returned", async () => {
    const month = freshMonth();
    const [alice, bob, carol] = [await newPerson(), await newPerson(), await newPerson()];
    const [a, b, unclaimed] = [await thingOf(alice, `a-${month}`), await thingOf(bob, `b-${month}`), await thingOf(carol, `u-${month}`, false)];
    // 5.00 over three kudos: 0.50 fee, 1.50 each (one held); 3.00 over one: 0.30 fee, 2.70; 5.00 without kudos: charity.
    const three = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const one = await newPerson({ depositCents: 1000, budgetCents: 300 });
    const none = await newPerson({ depositCents: 700, budgetCents: 500 });
    for (const thing of [a, b, unclaimed]) await give(three, thing, month);
    await give(one, a, month);

    const before = await record(month);
    expect(before.month).toBeUndefined();
    expect((await settleMonth(db(), config(), month, { now: afterMonth(month) })).stage).toBe('done');

    const { currency, month: m, answer } = await record(month);
    expect(currency).toBe('EUR');
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(m).toEqual({
      month,
      givers: 3,
      creators_paid: 2,
      things: 3,
      kudos: 4,
      given_cents: 150 + 150 + 150 + 270,
      fee_cents: 50 + 30,
      charity_cents: 500,
      held: { kudos: 1, amount_cents: 150 },
      returned: { kudos: 0, amount_cents: 0 },
      self_check: { before: 'balanced', after: 'balanced' },
    });
    // The same figures summed from the ledger by other SQL: what the givers paid is exactly given + fee + charity.
    const ledger = await ledgerOf(month);
    expect([m.given_cents, m.kudos, m.fee_cents, m.charity_cents, m.held.amount_cents, m.givers]).toEqual([
      ledger.shares,
      ledger.kudos,
      ledger.fees,
      ledger.charity,
      ledger.held,
      ledger.givers,
    ]);
    expect(m.given_cents + m.fee_cents + m.charity_cents).toBe(ledger.paid);
    expect(m.fee_cents).toBe(Math.round((500 + 300) * 0.1));

    // Nobody's data: no handle, no id, no email anywhere in the answer or the page.
    const people = [alice, bob, carol, three, one, none];
    const ids = await Promise.all(people.map(async (p) => (await account(p.handle)).id));
    const page = await new Client().get('/about/stats');
    expect(page.status).toBe(200);
    for (const text of [answer.text, page.text]) {
      for (const person of people) expect(text).not.toContain(person.handle);
      expect(text).not.toMatch(/@example\.test|"(id|handle|email|giver|owner)"/);
    }
    expect(Object.keys(m).sort()).toEqual(
      ['charity_cents', 'creators_paid', 'fee_cents', 'given_cents', 'givers', 'held', 'kudos', 'month', 'returned', 'self_check', 'things'].sort(),
    );
    expect(ids.length).toBe(6);

    // Six months after it was settled, the unclaimed thing's kudos go back to its giver: the record says so.
    await settleDueMonths(db(), config(), monthStart(addMonths(month, 7)) + 5 * 60_000);
    expect((await record(month)).month).toMatchObject({ held: { kudos: 1, amount_cents: 150 }, returned: { kudos: 1, amount_cents: 150 }, given_cents: 720 });
  });

  it('shows the last settled month on a page in the site style, in en, de and sv, linked from every page', async () => {
    const month = freshMonth();
    const owner = await newPerson();
    const giver = await newPerson({ depositCents: 2000, budgetCents: 1234 });
    await give(giver, await thingOf(owner, `p-${month}`), month);
    await settleMonth(db(), config(), month, { now: afterMonth(month) });
    const { month: m, answer } = await record(month);
    expect(m).toMatchObject({ given_cents: 1234 - 123, fee_cents: 123 });
    const listed = answer.body.months.map((r: { month: Month }) => r.month);
    expect(listed).toEqual([...listed].sort().reverse());

    const en = await new Client().get('/about/stats?lang=en');
    expect(en.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(en.text).toContain('<link rel="stylesheet" href="/assets/kudos.css"');
    expect(en.text).toContain('Last settled month');
    // The newest month comes first; each is named in the page's language, its money in the currency's format.
    expect(en.text.slice(en.text.indexOf('data-month="')).startsWith(`data-month="${listed[0]}"`)).toBe(true);
    const at = en.text.indexOf(`data-month="${month}"`);
    const card = en.text.slice(at, en.text.indexOf('</section>', at));
    expect(card).toContain(new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(monthStart(month)));
    expect(card).toContain(formatMoney(money(1111, 'EUR'), 'en'));
    expect(card).toContain(formatMoney(money(123, 'EUR'), 'en'));
    expect(card).toMatch(/before: balanced; after: balanced/);

    const de = await new Client().get('/about/stats?lang=de');
    expect(de.text).toContain('Zuletzt abgerechneter Monat');
    expect(de.text).toContain(formatMoney(money(1111, 'EUR'), 'de'));
    expect(de.text).toContain('vorher: ausgeglichen; nachher: ausgeglichen');
    const sv = await new Client().get('/about/stats?lang=sv');
    expect(sv.text).toContain('Senast avräknade månad');
    expect(sv.text).toContain(formatMoney(money(1111, 'EUR'), 'sv'));

    // The footer of every page links to it (the landing page among them).
    expect((await new Client().get('/')).text).toContain('<a href="/about/stats">Payday record</a>');
    expect((await new Client().get('/?lang=sv')).text).toContain('<a href="/about/stats">Månadsredovisning</a>');

    const doc = (await new Client().get('/api/v1/openapi.json')).body;
    expect(doc.paths['/stats'].get.security).toEqual([]);
    expect(doc.components.schemas.PaydayRecord.properties.currency).toMatchObject({ type: 'string' });
  });

  it('counts a giver the run could only settle on a later retry, once their balance covers the pledge again', async () => {
    const month = freshMonth();
    const owner = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    await give(giver, await thingOf(owner, `r-${month}`), month);
    // The pledge reserved 500; a booking past the payout guard leaves 200, so the run cannot settle them.
    const person = await account(giver.handle);
    const payouts = await ensureSystemAccount(db(), 'system:payouts');
    await book(db(), {
      key: `payday-drain:${person.id}`,
      kind: 'payout',
      month,
      legs: [
        { accountId: person.id, kind: 'payout', amountCents: -800, counterpartyId: payouts.id },
        { accountId: payouts.id, kind: 'payout', amountCents: 800, counterpartyId: person.id },
      ],
    });
    const run = await settleMonth(db(), config(), month, { now: afterMonth(month) });
    expect(run.failures.map((f) => f.accountId)).toContain(person.id);
    const first = (await record(month)).month;
    expect(first.kudos).toBe(0);

    await recordDeposit(db(), 'dev', `payday-refill-${person.id}`, person.id, 800, month);
    await settleMonth(db(), config(), month, { now: afterMonth(month) + 60_000 });
    const again = (await record(month)).month;
    expect(again).toMatchObject({ givers: first.givers + 1, kudos: 1, given_cents: 450, fee_cents: first.fee_cents + 50 });
    expect(again.given_cents).toBe((await ledgerOf(month)).shares);
  });

  it("records books found off after the run as 'off', on the page too", async () => {
    const month = freshMonth();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const owner = await newPerson();
    await give(giver, await thingOf(owner, `o-${month}`), month);
    const ownerId = (await account(owner.handle)).id;
    // A cached balance that no longer equals its entries, just before the run's last check.
    const corrupt = (cents: number) => env.DB.prepare('UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?').bind(cents, ownerId).run();
    try {
      await expect(
        settleMonth(db(), config(), month, {
          now: afterMonth(month),
          beforeStage: async (stage) => {
            if (stage === 'finish') await corrupt(1);
          },
        }),
      ).rejects.toThrow(/ledger is off after/);
    } finally {
      await corrupt(-1);
    }
    expect((await record(month)).month.self_check).toEqual({ before: 'balanced', after: 'off' });
    const page = await new Client().get('/about/stats?lang=en');
    expect(page.text).toContain('before: balanced; after: off');
  });

  it('finds two balances off in opposite directions although every sum still adds up', async () => {
    const month = freshMonth();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const owner = await newPerson();
    await give(giver, await thingOf(owner, `o-${month}`), month);
    const ids = [(await account(owner.handle)).id, (await account(giver.handle)).id];
    // A cent moved from one cached balance to another with no entry: the balances still sum to zero.
    const move = async (cents: number) => {
      await env.DB.prepare('UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?').bind(cents, ids[0]).run();
      await env.DB.prepare('UPDATE accounts SET balance_cents = balance_cents - ? WHERE id = ?').bind(cents, ids[1]).run();
    };
    try {
      const off = settleMonth(db(), config(), month, { now: afterMonth(month), beforeStage: async (stage) => void (stage === 'finish' && (await move(1))) });
      await expect(off).rejects.toThrow(/ledger is off after/);
      await expect(off).rejects.toMatchObject({ check: { sumOfAllEntries: 0, unbalancedTransactions: [] } });
    } finally {
      await move(-1);
    }
    expect((await record(month)).month.self_check).toEqual({ before: 'balanced', after: 'off' });
  });

  it('says so when no month is settled', async () => {
    // Seen through the view alone: the database of this file has settled months by now.
    const { render } = await import('preact-render-to-string');
    const { PaydayPage } = await import('../../worker/views/payday');
    const { PAYDAY_WORDS } = await import('../../worker/views/words/payday');
    expect(render(PaydayPage({ months: [], lang: 'en', w: PAYDAY_WORDS.en }))).toContain('No month has been settled yet.');
  });
});
