// One "what this month gives" (worker/actions/month-gives.ts): the popup, the dashboard, the
// thing page, the budget form and the monthly run say the same amount, in the walks where they
// used to disagree (issue 15): a budget changed mid-month, and a budget above the balance.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { giveAs } from './give';
import { monthGives } from '../../worker/actions/month-gives';
import { settleMonth } from '../../worker/actions/settle';
import { setBudget } from '../../worker/actions/wallet';
import { readConfig } from '../../worker/env';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { findThing } from '../../worker/store/things';
import { newPerson, testId } from './client';
import { afterMonth, inMonth, monthsFrom } from './months';

const db = () => openDb(env.DB);
const config = () => readConfig(env);
const freshMonth = monthsFrom('2046-01');
const text = (html: string | undefined) => (html ?? '').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');

/** `giver` gives kudos to one new thing of each of `n` new owners (this month, through the API); their pages' addresses. */
async function giveTo(giver: Awaited<ReturnType<typeof newPerson>>, n: number) {
  const things: { owner: string; url: string }[] = [];
  for (let i = 0; i < n; i++) {
    const owner = await newPerson();
    const url = `https://${owner.handle}.example/post`;
    const click = await giver.post('/api/v1/clicks', { owner: owner.handle, url, title: `Post ${i}` });
    expect(click.status).toBe(201);
    things.push({ owner: owner.handle, url });
  }
  return things;
}

/** A paragraph's text, tags stripped (testId stops at the first closing tag). */
const paragraph = (html: string, id: string) => text(new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html)?.[1]?.replace(/<[^>]+>/g, '')).trim();

const popupOf = (owner: string, url: string) => `/give?${new URLSearchParams({ owner, url, title: 'Post', popup: '1' })}`;

describe('what this month gives, said once', { timeout: 120_000 }, () => {
  it('budget changed from 5.55 to 6.00 after the first kudos: popup, dashboard and thing page say 5.55, the new budget applies next month', async () => {
    const giver = await newPerson({ depositCents: 1000, budgetCents: 555 });
    const [first] = await giveTo(giver, 3);
    expect((await giver.submit('/dashboard/budget', { budget: '6.00' })).status).toBe(303);
    const dashboard = (await giver.get('/dashboard')).text;
    const later = 'This month gives €5.55, reserved by its first kudos; your budget of €6.00 applies from next month.';
    expect(text(dashboard)).toContain(`Monthly budget set to €6.00. ${later}`);
    expect(testId(dashboard, 'budget')).toBe('€6.00');
    // 5.55 − 0.56 fee = 4.99 over three kudos: 1.66 each, the odd cent to one of them.
    expect(text(testId(dashboard, 'projection'))).toBe(`Your €5.55 gives each of your 3 things €1.66 or €1.67 (after the 10% fee of €0.56). ${later}`);
    expect(text(testId(dashboard, 'gives-note'))).toBe(later);
    // Was: "Your €6.00 gives each of your 3 things €1.80".
    const popup = (await giver.get(popupOf(first!.owner, first!.url))).text;
    expect(text(testId(popup, 'fee'))).toBe(`Your €5.55 gives each of your 3 things €1.66 after the 10% fee. ${later}`);
    const thingPage = await giver.get(`/thing?${new URLSearchParams({ owner: first!.owner, url: first!.url })}`);
    expect(paragraph(thingPage.text, 'worth')).toBe(
      `Your kudos here is worth €1.66 this month: your €4.99 after the 10% fee, shared among your 3 kudos this month. ${later}`,
    );
    // The payout field suggests what a payout may take: the balance no pledge holds (10.00 − 5.55).
    expect(dashboard).toMatch(/action="\/dashboard\/payout"[\s\S]*?placeholder="4.45"/);
  });

  it('budget changed mid-month: the monthly run books exactly what the answer said', async () => {
    const month = freshMonth();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 555 });
    const me = (await findAccountByHandle(db(), giver.handle))!;
    const thingIds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const owner = await newPerson();
      const { body } = await owner.post('/api/v1/things', { url: `https://${owner.handle}.example/p`, title: `Post ${i}` });
      await giveAs(db(), config(), me, (await findThing(db(), body.id))!, inMonth(month));
      thingIds.push(body.id);
    }
    await setBudget(db(), config(), me, 600, inMonth(month) + 60_000);
    const gives = await monthGives(db(), config(), me.id, inMonth(month) + 120_000);
    if (gives.kind !== 'shares') throw new Error(`expected shares, got ${gives.kind}`);
    expect(gives).toMatchObject({ amountCents: 555, feeCents: 56, laterBudgetCents: 600 });

    await settleMonth(db(), config(), month, { now: afterMonth(month) });
    const booked = await env.DB.prepare(
      `SELECT thing_id AS thingId, amount_cents AS cents FROM ledger_entries WHERE kind = 'share' AND counterparty_id = ? AND month = ?`,
    )
      .bind(me.id, month)
      .all<{ thingId: number; cents: number }>();
    expect(new Map(booked.results.map((r) => [r.thingId, r.cents]))).toEqual(new Map(gives.clicks.map((k) => [k.thingId, k.shareCents])));
    const after = await monthGives(db(), config(), me.id, afterMonth(month), month);
    expect(after).toMatchObject({ kind: 'settled', givenCents: 555, feeCents: 56, kudos: 3 });
  });

  it('a budget of 500.00 with a balance of 10.51: every page says only 10.51 can be given', async () => {
    const giver = await newPerson({ depositCents: 1051 });
    expect((await giver.submit('/dashboard/budget', { budget: '500.00' })).status).toBe(303);
    const only = 'Only €10.51 of your €500.00 budget can be given this month: that is all of your balance not already reserved.';
    let dashboard = text((await giver.get('/dashboard')).text);
    expect(dashboard).toContain(`Monthly budget set to €500.00. ${only}`);
    expect(text(testId(dashboard, 'gives-note'))).toBe(only);
    // Was: "Your €500.00 gives each of your 10 things €45.00".
    expect(testId(dashboard, 'fee-example')).toBe('Your €10.51 gives each of your 10 things €0.94 after the 10% fee.');
    expect(testId(dashboard, 'projection')).toBe(`No kudos yet this month. If it stays that way, your €10.51 goes to charity. ${only}`);

    const owner = await newPerson();
    const url = `https://${owner.handle}.example/post`;
    const before = text((await giver.get(popupOf(owner.handle, url))).text);
    // 10.51 − 1.05 fee = 9.46 for the one thing.
    expect(testId(before, 'fee')).toBe(`Your €10.51 gives your one thing €9.46 after the 10% fee. ${only}`);

    const things = await giveTo(giver, 10);
    const reserved = "This month's first kudos could reserve only €10.51 of your €500.00 budget (your balance then): that is all this month gives.";
    const popup = text((await giver.get(popupOf(things[0]!.owner, things[0]!.url))).text);
    expect(testId(popup, 'fee')).toBe(`Your €10.51 gives each of your 10 things €0.94 after the 10% fee. ${reserved}`);
    dashboard = text((await giver.get('/dashboard')).text);
    expect(testId(dashboard, 'projection')).toBe(`Your €10.51 gives each of your 10 things €0.94 or €0.95 (after the 10% fee of €1.05). ${reserved}`);
    // Everything is reserved: a payout can take nothing now.
    expect(dashboard).toMatch(/action="\/dashboard\/payout"[\s\S]*?placeholder="0.00"/);
    const thingPage = await giver.get(`/thing?${new URLSearchParams({ owner: owner.handle, url })}`);
    expect(paragraph(thingPage.text, 'worth')).toBe(
      `A kudos from you is worth €0.86 this month: your €9.46 after the 10% fee, shared among your 10 kudos so far and this one. ${reserved}`,
    );
  });

  it('a budget the balance cannot fund: the popup says why it cannot give, and promises no worth', async () => {
    // 1.00 unreserved is under the 2.00 a month's first kudos needs (docs/money.md "The budget rule").
    const giver = await newPerson({ depositCents: 100, budgetCents: 500 });
    const owner = await newPerson();
    const popup = (await giver.get(popupOf(owner.handle, `https://${owner.handle}.example/post`))).text;
    expect(popup).not.toContain('data-testid="fee"');
    // Was: "Your €1.00 gives your one thing €0.90 after the 10% fee."
    expect(popup).not.toContain('€0.90');
  });
});
