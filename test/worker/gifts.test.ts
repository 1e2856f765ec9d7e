// One-time gifts from readers without an account, through the real `stripe` SDK against the
// Stripe double: the terms said before paying, Checkout, the signed webhook, the account the gift
// makes (activated from the emailed link), and the settlement that books it to the owner with
// the fee; a refund before then voids it; held for an unclaimed thing.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { HELD_HANDLE, settleMonth } from '../../worker/actions/settle';
import { readConfig } from '../../worker/env';
import { findAccountByEmail, findAccountByHandle } from '../../worker/store/accounts';
import { checkLedger } from '../../worker/store/ledger';
import { Client, newPerson, uniqueHandle } from './client';
import { afterMonth, inMonth, monthsFrom } from './months';
import { db, deliverAll, mailTo, pay, refund, sentEvents, stripe, StripeClient } from './stripe';

// Months of this suite's own (test/worker/months.ts).
const freshMonth = monthsFrom('2056-01');

/** A creator with a thing of their own (claimed at once): owner, url, title. */
async function creatorThing() {
  const creator = await newPerson();
  const url = `https://${creator.handle}.example/episode`;
  expect((await creator.post('/api/v1/things', { url, title: 'Episode 7' })).status).toBe(201);
  return { creator, thing: { owner: creator.handle, url, title: 'Episode 7' } };
}

/** A reader with no account sends the gift form; the Checkout Session it was sent to. */
async function giveOnce(thing: { owner: string; url: string; title: string }, email: string, amount = '3.00') {
  const reader = new StripeClient();
  const sent = await reader.submit('/give/once', { ...thing, amount, email, lang: 'en' });
  expect(sent.status).toBe(303);
  const sessionId = /\/pay\/(cs_test_\w+)$/.exec(sent.location ?? '')?.[1];
  expect(sessionId).toBeTruthy();
  return sessionId!;
}

/** Moves the gift into `month` (the settlement books the gifts paid by its end) and settles it. */
async function settleWithGift(sessionId: string, month: string) {
  await env.DB.prepare('UPDATE gifts SET created_at = ? WHERE session_id = ?').bind(inMonth(month), sessionId).run();
  const run = await settleMonth(db, readConfig(env), month, { now: afterMonth(month) });
  expect(run.stage).toBe('done');
}

const entriesOf = async (accountId: number, month: string) =>
  (
    await env.DB.prepare('SELECT kind, amount_cents AS cents, thing_id AS thing FROM ledger_entries WHERE account_id = ? AND month = ? ORDER BY id')
      .bind(accountId, month)
      .all<{ kind: string; cents: number; thing: number | null }>()
  ).results;

describe('one-time gifts from readers without an account', () => {
  it('says the terms, pays 3.00 through Checkout, makes the account, and the owner gets 2.70 at settlement', async () => {
    const month = freshMonth();
    const { creator, thing } = await creatorThing();
    // The popup offers it to a reader who is not signed in.
    const popup = await new Client().get(`/give?${new URLSearchParams({ ...thing, lang: 'en' })}`);
    expect(popup.text).toContain('Or give once, without an account');
    // The terms before paying: the fee, what the owner gets, the card cost on top.
    const page = await new Client().get(`/give/once?${new URLSearchParams(thing)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Of €3.00, Kudos keeps 10% (€0.30) and @${creator.handle} gets €2.70. The card cost (€0.30 for €3.00) is added when you pay.`);

    const email = `${uniqueHandle('gift')}@example.test`;
    const sessionId = await giveOnce(thing, email);
    const session = await stripe.checkout.sessions.retrieve(sessionId);
    expect(session.amount_total).toBe(330);
    expect(session.metadata).toMatchObject({ kudos_gift: '1', kudos_amount_cents: '300' });
    // Nothing is booked before Stripe says it is paid.
    const giver = (await findAccountByEmail(db, email))!;
    expect([giver.passwordHash, giver.balanceCents]).toEqual([null, 0]);

    await pay(sessionId);
    await deliverAll(await sentEvents(sessionId));
    expect((await findAccountByEmail(db, email))!.balanceCents).toBe(300);

    // The thank-you email carries the link that makes the account theirs.
    const [thanks] = (await mailTo({ handle: email.replace('@example.test', '') })).filter((m) => m.subject === 'Thank you for your gift on Kudos');
    expect(thanks!.text).toContain(`Thank you for giving €3.00 to “Episode 7” by @${creator.handle}.`);
    const token = /reset-password\?token=([\w%-]+)/.exec(thanks!.text ?? '')?.[1];
    const activated = await new Client().post('/api/v1/password-resets/confirm', { token: decodeURIComponent(token!), password: 'a new password' });
    expect(activated.status).toBe(200);
    expect((await new Client().post('/api/v1/login', { email, password: 'a new password' })).status).toBe(200);

    await settleWithGift(sessionId, month);
    const owner = (await findAccountByHandle(db, creator.handle))!;
    expect(await entriesOf(owner.id, month)).toEqual([{ kind: 'share', cents: 270, thing: expect.any(Number) }]);
    expect((await findAccountByEmail(db, email))!.balanceCents).toBe(0);
    expect((await entriesOf(giver.id, month)).map((e) => [e.kind, e.cents])).toEqual([
      ['budget', -270],
      ['fee', -30],
    ]);
    // Booked once: settling again books nothing more.
    await settleMonth(db, readConfig(env), month, { now: afterMonth(month) + 1000 });
    expect(await entriesOf(owner.id, month)).toHaveLength(1);
    expect(await checkLedger(db)).toMatchObject({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
  });

  it('voids a gift refunded before the settlement: nothing reaches the owner, the books balance', async () => {
    const month = freshMonth();
    const { creator, thing } = await creatorThing();
    const email = `${uniqueHandle('refunded')}@example.test`;
    const sessionId = await giveOnce(thing, email, '5.00');
    await pay(sessionId);
    await refund(sessionId);
    await deliverAll(await sentEvents(sessionId));
    expect((await findAccountByEmail(db, email))!.balanceCents).toBe(0);
    await settleWithGift(sessionId, month);
    const owner = (await findAccountByHandle(db, creator.handle))!;
    expect(await entriesOf(owner.id, month)).toEqual([]);
    const status = await env.DB.prepare('SELECT status FROM gifts WHERE session_id = ?').bind(sessionId).first<{ status: string }>();
    expect(status!.status).toBe('void');
    expect(await checkLedger(db)).toMatchObject({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
  });

  it('holds a gift for a thing nobody has claimed, and refuses one under the minimum or to oneself', async () => {
    const month = freshMonth();
    const creator = await newPerson();
    // A page on a site the owner has not verified: the thing waits for them.
    const thing = { owner: creator.handle, url: `https://unverified-${creator.handle}.example/p`, title: 'Waiting' };
    const page = await new Client().get(`/give/once?${new URLSearchParams(thing)}`);
    expect(page.text).toContain('has not claimed this page yet');
    const sessionId = await giveOnce(thing, `${uniqueHandle('held')}@example.test`);
    await pay(sessionId);
    await deliverAll(await sentEvents(sessionId));
    await settleWithGift(sessionId, month);
    const held = (await findAccountByHandle(db, HELD_HANDLE))!;
    expect((await entriesOf(held.id, month)).filter((e) => e.kind === 'share').map((e) => e.cents)).toContain(270);
    expect(await entriesOf((await findAccountByHandle(db, creator.handle))!.id, month)).toEqual([]);

    // Under the minimum: the form again, with what was typed and why.
    const reader = new StripeClient();
    const small = await reader.submit('/give/once', { ...thing, amount: '2.99', email: 'small@example.test' });
    expect(small.status).toBe(400);
    expect(small.text).toContain('A gift is at least €3.00.');
    expect(small.text).toContain('value="2.99"');
    // To one's own thing, by one's own address.
    const own = await reader.submit('/give/once', { ...thing, amount: '3.00', email: `${creator.handle}@example.test` });
    expect(own.status).toBe(403);
  });
});
