// Stripe deposits, webhooks, refunds, disputes and Connect payouts, driven through the real
// `stripe` SDK inside the Worker against the Stripe double (test/support/stripe-double.ts).
// Webhooks are signed with the SDK's own test-header helper and checked by the production path.
// The double holds each payment's state and the events Stripe would send about it; the tests
// deliver those events in every order and at once, and compare the person's balance with what
// the double (Stripe) says the deposit is worth.
import { createExecutionContext, env } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { accounts, ledgerTransactions, monthPledges, payoutAccounts, stripeDeposits } from '../../schema/tables';
import { monthOf } from '../../worker/domain/month';
import app from '../../worker/index';
import { ensureSystemAccount, findAccountByHandle } from '../../worker/store/accounts';
import { book, checkLedger } from '../../worker/store/ledger';
import { type Client, newPerson, uniqueHandle } from './client';
import {
  accountOf,
  closeDispute,
  control,
  db,
  deliver,
  deliverAll,
  dispute,
  doubleRequests,
  event,
  mailTo,
  pay,
  refund,
  sentEvents,
  signed,
  stripe,
  StripeClient,
  stripePerson,
} from './stripe';

/** Starts a Stripe deposit and returns its Checkout Session as the double holds it. */
async function startDeposit(person: StripeClient, amountCents: number, key?: string) {
  const res = await person.request('POST', '/api/v1/me/deposits', { amount_cents: amountCents }, key ? { 'Idempotency-Key': key } : {});
  expect(res.status).toBe(202);
  const id = /\/pay\/(cs_test_\w+)$/.exec(res.body.redirect_url)![1]!;
  return { res, session: await stripe.checkout.sessions.retrieve(id) };
}

/** The customer pays the session in the double (a card at once; a SEPA debit clears later). */

/**
 * What Stripe says a deposit of `amountCents` is worth now, read from the double through the SDK:
 * nothing unless paid; then less what was refunded and what open or lost disputes withdrew.
 */
async function worthByStripe(sessionId: string, amountCents: number): Promise<number> {
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  if (session.payment_status !== 'paid') return 0;
  const paymentIntent = String(session.payment_intent);
  const refunded = (await stripe.charges.list({ payment_intent: paymentIntent })).data.reduce((sum, c) => sum + c.amount_refunded, 0);
  const withdrawn = (await stripe.disputes.list({ payment_intent: paymentIntent })).data
    .filter((d) => d.status === 'needs_response' || d.status === 'under_review' || d.status === 'lost')
    .reduce((sum, d) => sum + d.amount, 0);
  return amountCents - Math.min(amountCents, refunded + withdrawn);
}

async function fundedWithStripe(amountCents: number) {
  const person = await stripePerson();
  const { session: s } = await startDeposit(person, amountCents);
  await pay(s.id);
  await deliverAll(await sentEvents(s.id));
  expect((await accountOf(person)).balanceCents).toBe(amountCents);
  return { person, session: s };
}

const expectBooksBalanced = async () => expect(await checkLedger(db)).toMatchObject({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });

describe('Stripe deposits: only the signed webhook credits', { timeout: 30_000 }, () => {
  it('answers 202 with the Checkout page; the card cost is a second line; the success page credits nothing', async () => {
    const person = await stripePerson();
    const { res, session: s } = await startDeposit(person, 1000);
    expect(res.body).toEqual({ status: 'pending', redirect_url: expect.stringMatching(/^https:\/\/checkout\.stripe\.test\//) });
    expect(s.amount_total).toBe(1000 + 40); // 1.5% of 10.00 = 0.15, + 0.25
    expect(s.client_reference_id).toBe(String((await accountOf(person)).id));
    const back = await person.get(`/deposits/return?session_id=${s.id}`);
    expect([back.status, back.headers.get('Location')]).toEqual([303, '/dashboard']);
    expect((await accountOf(person)).balanceCents).toBe(0);
  });

  it('refuses a forged, unsigned, altered or future-dated webhook with 400 and books nothing', async () => {
    const person = await stripePerson();
    const { session: s } = await startDeposit(person, 2000);
    await pay(s.id);
    const payload = (await sentEvents(s.id))[0]!.payload;
    expect((await deliver(payload, { signature: null })).status).toBe(400);
    expect((await deliver(payload, { secret: 'whsec_forged' })).status).toBe(400);
    expect((await deliver(payload, { signature: `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` })).status).toBe(400);
    expect((await deliver(payload.replace('"paid"', '"paid" '), { signature: await signed(payload) })).status).toBe(400);
    // Signed with the right secret, but an hour ahead (the SDK alone accepts it) or an hour old.
    const now = Math.floor(Date.now() / 1000);
    expect((await deliver(payload, { signature: await signed(payload, now + 3600) })).status).toBe(400);
    expect((await deliver(payload, { signature: await signed(payload, now - 3600) })).status).toBe(400);
    expect((await accountOf(person)).balanceCents).toBe(0);
    expect(
      await db
        .select()
        .from(ledgerTransactions)
        .where(like(ledgerTransactions.key, `stripe-deposit:${s.id}:%`))
        .all(),
    ).toEqual([]);
    // A clock a minute ahead is within the SDK's tolerance: the genuine event still credits.
    expect((await deliver(payload, { signature: await signed(payload, now + 60) })).body.outcome).toBe('booked');
    expect((await accountOf(person)).balanceCents).toBe(2000);
  });

  it('lets a signed event over 16 KB reach the signature check; refuses one over 256 KB with 413', async () => {
    const person = await stripePerson();
    const { session: s } = await startDeposit(person, 1000);
    await pay(s.id);
    const payload = (await sentEvents(s.id))[0]!.payload;
    const large = JSON.parse(payload);
    large.data.object.metadata = { ...large.data.object.metadata, note: 'x'.repeat(20 * 1024) };
    const body = JSON.stringify(large);
    expect(body.length).toBeGreaterThan(20 * 1024);
    const unsigned = await deliver(body, { signature: null });
    expect([unsigned.status, unsigned.body.error.code]).toEqual([400, 'invalid_field']);
    expect((await deliver(body)).body).toEqual({ received: true, outcome: 'booked' });
    expect((await accountOf(person)).balanceCents).toBe(1000);
    large.data.object.metadata.note = 'x'.repeat(260 * 1024);
    const huge = await deliver(JSON.stringify(large));
    expect([huge.status, huge.body.error.code]).toEqual([413, 'too_large']);
  });

  it('credits a signed checkout.session.completed once, even delivered three times at once', async () => {
    const person = await stripePerson();
    const { session: s } = await startDeposit(person, 1500);
    await pay(s.id);
    const payload = (await sentEvents(s.id))[0]!.payload;
    const answers = await Promise.all([deliver(payload), deliver(payload), deliver(payload)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.outcome).sort()).toEqual(['already_booked', 'already_booked', 'booked']);
    expect((await deliver(payload)).body.outcome).toBe('already_booked');
    expect((await accountOf(person)).balanceCents).toBe(1500);
    const me = (await person.get('/api/v1/me/ledger')).body;
    expect(me.entries).toEqual([expect.objectContaining({ kind: 'deposit', amount_cents: 1500, counterparty: 'system:provider:stripe' })]);
    await expectBooksBalanced();
  });

  it('waits for SEPA: an unpaid completion books nothing, the cleared debit credits, a bounced one books nothing whatever its event says', async () => {
    const person = await stripePerson();
    const { session: sepa } = await startDeposit(person, 3000);
    await pay(sepa.id, 'sepa');
    const [completed] = await sentEvents(sepa.id);
    expect((await deliver(completed!.payload)).body.outcome).toBe('ignored');
    expect((await accountOf(person)).balanceCents).toBe(0);
    await control(`checkout/sessions/${sepa.id}/settle`, { outcome: 'succeeded' });
    const [, succeeded] = await sentEvents(sepa.id);
    expect((await deliver(succeeded!.payload)).body.outcome).toBe('booked');
    expect((await accountOf(person)).balanceCents).toBe(3000);

    const { session: bounced } = await startDeposit(person, 4000);
    await pay(bounced.id, 'sepa');
    await control(`checkout/sessions/${bounced.id}/settle`, { outcome: 'failed' });
    await deliverAll(await sentEvents(bounced.id));
    // A signed event whose snapshot claims "paid" changes nothing: Stripe says it bounced.
    const claim = event('checkout.session.async_payment_succeeded', { ...(await stripe.checkout.sessions.retrieve(bounced.id)), payment_status: 'paid' });
    expect((await deliver(claim)).body.outcome).toBe('ignored');
    expect((await accountOf(person)).balanceCents).toBe(3000);
    expect((await db.select().from(stripeDeposits).where(eq(stripeDeposits.sessionId, bounced.id)).get())?.status).toBe('failed');
  });

  it('ignores a paid session Kudos never started', async () => {
    const person = await stripePerson();
    const { session: s } = await startDeposit(person, 1000);
    await pay(s.id);
    const outcome = await deliver(event('checkout.session.completed', { ...s, id: 'cs_test_not_ours', payment_status: 'paid', amount_total: 999_999 }));
    expect(outcome.body.outcome).toBe('ignored');
    expect((await accountOf(person)).balanceCents).toBe(0);
  });

  it('refuses card deposits under the minimum and honours Idempotency-Key (one session, same answer)', async () => {
    const person = await stripePerson();
    expect((await person.post('/api/v1/me/deposits', { amount_cents: 499 })).status).toBe(400);
    const key = `dep-${uniqueHandle()}`;
    const first = await startDeposit(person, 2500, key);
    const again = await person.request('POST', '/api/v1/me/deposits', { amount_cents: 2500 }, { 'Idempotency-Key': key });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.res.body);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    const created = (await doubleRequests()).filter((r) => r.path === '/v1/checkout/sessions' && r.idempotencyKey?.endsWith(key));
    expect(created).toHaveLength(1);
    const otherAmount = await person.request('POST', '/api/v1/me/deposits', { amount_cents: 2600 }, { 'Idempotency-Key': key });
    expect([otherAmount.status, otherAmount.body.error.code]).toEqual([409, 'idempotency_conflict']);
  });
});

/** Every order of `items`. */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Every way to deliver `items` with two (or all) of them at the same moment, the rest one by one after. */
function togetherings<T>(items: readonly T[]): T[][][] {
  const ways: T[][][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) ways.push([[items[i]!, items[j]!], ...items.filter((_, k) => k !== i && k !== j).map((x) => [x])]);
  }
  if (items.length > 2) ways.push([[...items]]);
  return ways;
}

interface Scenario {
  name: string;
  /** What happens at Stripe to a paid 10.00 deposit (a SEPA debit when `stale` is given). */
  act: (sessionId: string) => Promise<void>;
  /** What Stripe then says the deposit is worth (checked against the double too). */
  worth: number;
  /** A signed event whose snapshot contradicts what happened (Stripe's own, sent earlier or hostile). */
  stale?: (sessionId: string) => Promise<string>;
}

const DEPOSIT = 1000;
const SCENARIOS: Scenario[] = [
  {
    name: 'refunded in full',
    act: async (id) => {
      await refund(id);
    },
    worth: 0,
  },
  {
    name: 'refunded twice in part',
    act: async (id) => {
      await refund(id, 300);
      await refund(id, 200);
    },
    worth: 500,
  },
  {
    name: 'disputed and won',
    act: async (id) => {
      await closeDispute((await dispute(id)).id, 'won');
    },
    worth: DEPOSIT,
  },
  {
    name: 'disputed and lost',
    act: async (id) => {
      await closeDispute((await dispute(id)).id, 'lost');
    },
    worth: 0,
  },
  {
    name: 'disputed, then refunded the same money',
    act: async (id) => {
      await dispute(id, DEPOSIT);
      await refund(id, DEPOSIT);
    },
    worth: 0,
  },
  {
    name: 'a SEPA debit that cleared, then refunded in part, with a stale "failed" event',
    act: async (id) => {
      await control(`checkout/sessions/${id}/settle`, { outcome: 'succeeded' });
      await refund(id, 400);
    },
    worth: 600,
    stale: async (id) => event('checkout.session.async_payment_failed', { ...(await stripe.checkout.sessions.retrieve(id)), payment_status: 'unpaid' }),
  },
];

describe('Stripe events in any order or at once leave the balance Stripe states', { timeout: 600_000 }, () => {
  /** One deposit through `scenario`, its events delivered in `rounds` (each round at once); the balance change. */
  async function run(person: StripeClient, scenario: Scenario, arrange: (events: string[]) => string[][]) {
    const before = (await accountOf(person)).balanceCents;
    const { session: s } = await startDeposit(person, DEPOSIT);
    await pay(s.id, scenario.stale ? 'sepa' : 'card');
    await scenario.act(s.id);
    const events = (await sentEvents(s.id)).map((e) => e.payload);
    if (scenario.stale) events.push(await scenario.stale(s.id));
    for (const round of arrange(events)) {
      for (const answer of await Promise.all(round.map((payload) => deliver(payload)))) expect(answer.status).toBe(200);
    }
    expect(await worthByStripe(s.id, DEPOSIT)).toBe(scenario.worth);
    return { change: (await accountOf(person)).balanceCents - before, count: events.length };
  }

  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: every order, every pair at once, all at once`, async () => {
      const person = await stripePerson();
      const { count } = await run(person, scenario, (events) => [events]);
      const indices = [...Array(count).keys()];
      const seen: string[] = [];
      for (const order of orders(indices)) {
        const { change } = await run(person, scenario, (events) => order.map((i) => [events[i]!]));
        seen.push(`${order.join('')}:${change}`);
      }
      for (const way of togetherings(indices)) {
        const { change } = await run(person, scenario, (events) => way.map((round) => round.map((i) => events[i]!)));
        seen.push(`${way.map((round) => round.join('+')).join(',')}:${change}`);
      }
      // Every arrangement leaves the balance Stripe states; listed so a failure names the orders.
      expect(seen.filter((s) => !s.endsWith(`:${scenario.worth}`))).toEqual([]);
      expect((await accountOf(person)).debtCents).toBe(0);
      await expectBooksBalanced();
    });
  }
});

describe('refunds and disputes: balanced reversals, never a negative balance', { timeout: 60_000 }, () => {
  it('takes back what is left, books the rest as the platform’s loss and the person’s debt, repaid by the next deposit', async () => {
    const { person, session: s } = await fundedWithStripe(1000);
    const me = await accountOf(person);
    const creator = await newPerson();
    // The person already gave 800 away (as a settled month would have).
    await book(db, {
      key: `test-gift:${me.id}`,
      kind: 'settlement',
      month: monthOf(Date.now()),
      legs: [
        { accountId: me.id, kind: 'budget', amountCents: -800 },
        { accountId: (await accountOf(creator)).id, kind: 'share', amountCents: 800 },
      ],
    });
    await refund(s.id);
    const refunded = (await sentEvents(s.id)).find((e) => e.type === 'charge.refunded')!.payload;
    expect((await Promise.all([deliver(refunded), deliver(refunded)])).map((a) => a.body.outcome).sort()).toEqual(['already_booked', 'booked']);
    const after = await accountOf(person);
    expect(after.balanceCents).toBe(0);
    expect(after.debtCents).toBe(800);
    const loss = (await findAccountByHandle(db, 'system:loss'))!;
    expect(loss.balanceCents).toBeLessThanOrEqual(-800);
    await expectBooksBalanced();

    // Cannot give until the debt is settled.
    await person.put('/api/v1/me/budget', { monthly_budget_cents: 200 });
    const thing = (await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/p`, title: 'P' })).body;
    const refused = await person.post(`/api/v1/things/${thing.id}/clicks`);
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe('debt_outstanding');

    // The next deposit repays it first.
    const { session: next } = await startDeposit(person, 1000);
    await pay(next.id);
    await deliverAll(await sentEvents(next.id));
    const repaid = await accountOf(person);
    expect([repaid.balanceCents, repaid.debtCents]).toEqual([200, 0]);
    expect((await person.post(`/api/v1/things/${thing.id}/clicks`)).status).toBe(201);
    await expectBooksBalanced();
  });

  it('reverses a dispute once across its created and closed (lost) events; partial refunds at once reverse their parts', async () => {
    const { person, session: s } = await fundedWithStripe(2000);
    await refund(s.id, 500);
    await refund(s.id, 300);
    const refunds = (await sentEvents(s.id)).filter((e) => e.type === 'charge.refunded');
    await Promise.all(refunds.map((e) => deliver(e.payload)));
    expect((await accountOf(person)).balanceCents).toBe(1200);
    const opened = await dispute(s.id, 1000);
    const created = (await sentEvents(s.id)).find((e) => e.type === 'charge.dispute.created')!.payload;
    expect((await deliver(created)).body.outcome).toBe('booked');
    await closeDispute(opened.id, 'lost');
    const closed = (await sentEvents(s.id)).find((e) => e.type === 'charge.dispute.closed')!.payload;
    expect((await deliver(closed)).body.outcome).toBe('already_booked');
    expect((await accountOf(person)).balanceCents).toBe(200);
    await expectBooksBalanced();
  });

  it('money already given away: a dispute and a refund of it at once take it back once, the loss and debt once; winning the dispute changes nothing while the refund holds it all', async () => {
    const { person, session: s } = await fundedWithStripe(1000);
    const me = await accountOf(person);
    await book(db, {
      key: `test-gift-race:${me.id}`,
      kind: 'settlement',
      month: monthOf(Date.now()),
      legs: [
        { accountId: me.id, kind: 'budget', amountCents: -700 },
        { accountId: (await accountOf(await newPerson())).id, kind: 'share', amountCents: 700 },
      ],
    });
    const opened = await dispute(s.id, 1000);
    await refund(s.id, 1000);
    const [created, refunded] = ['charge.dispute.created', 'charge.refunded'].map(
      (type) => async () => (await sentEvents(s.id)).find((e) => e.type === type)!.payload,
    );
    await Promise.all([deliver(await created!()), deliver(await refunded!()), deliver(await created!()), deliver(await refunded!())]);
    expect(await worthByStripe(s.id, 1000)).toBe(0);
    expect([(await accountOf(person)).balanceCents, (await accountOf(person)).debtCents]).toEqual([0, 700]);
    await expectBooksBalanced();
    // Won: the dispute gives back what it held, but the refund still holds all of it.
    await closeDispute(opened.id, 'won');
    const won = (await sentEvents(s.id)).find((e) => e.type === 'charge.dispute.closed')!.payload;
    await Promise.all([deliver(won), deliver(await created!())]);
    expect([(await accountOf(person)).balanceCents, (await accountOf(person)).debtCents]).toEqual([0, 700]);
    await expectBooksBalanced();
  });

  it('gives a won dispute’s amount back once, repaying the debt it caused first', async () => {
    const { person, session: s } = await fundedWithStripe(1000);
    const me = await accountOf(person);
    await book(db, {
      key: `test-gift-won:${me.id}`,
      kind: 'settlement',
      month: monthOf(Date.now()),
      legs: [
        { accountId: me.id, kind: 'budget', amountCents: -600 },
        { accountId: (await accountOf(await newPerson())).id, kind: 'share', amountCents: 600 },
      ],
    });
    const opened = await dispute(s.id);
    await deliver((await sentEvents(s.id)).find((e) => e.type === 'charge.dispute.created')!.payload);
    expect([(await accountOf(person)).balanceCents, (await accountOf(person)).debtCents]).toEqual([0, 600]);
    await closeDispute(opened.id, 'won');
    const won = (await sentEvents(s.id)).find((e) => e.type === 'charge.dispute.closed')!.payload;
    expect((await Promise.all([deliver(won), deliver(won)])).map((a) => a.body.outcome).sort()).toEqual(['already_booked', 'booked']);
    const after = await accountOf(person);
    expect([after.balanceCents, after.debtCents]).toEqual([400, 0]);
    await expectBooksBalanced();
  });
});

describe('deposits booked before per-deposit versions', { timeout: 60_000 }, () => {
  it('the backfill migration reads what the old per-event keys booked for each deposit', async () => {
    const person = await accountOf(await newPerson());
    const provider = await ensureSystemAccount(db, 'system:provider:stripe');
    const tag = uniqueHandle();
    const [session, other, pi] = [`cs_old_${tag}`, `cs_old2_${tag}`, `pi_old_${tag}`];
    await db.insert(stripeDeposits).values([
      { sessionId: session, accountId: person.id, amountCents: 1000, currency: 'EUR', paymentIntentId: pi, status: 'paid' },
      { sessionId: other, accountId: person.id, amountCents: 2000, currency: 'EUR' },
    ]);
    const month = monthOf(Date.now());
    const moved = (key: string, toPerson: number) =>
      book(db, {
        key,
        kind: toPerson > 0 ? 'deposit' : 'reversal',
        month,
        legs: [
          { accountId: person.id, kind: toPerson > 0 ? 'deposit' : 'reversal', amountCents: toPerson },
          { accountId: provider.id, kind: toPerson > 0 ? 'deposit' : 'reversal', amountCents: -toPerson },
        ],
      });
    await moved(`deposit:stripe:${session}`, 1000);
    await moved(`reversal:stripe:${pi}:refund:ch_old_${tag}:300`, -300);
    await moved(`reversal:stripe:${pi}:dispute:dp_old_${tag}`, -500);
    await moved(`deposit:stripe:dispute-won:dp_old_${tag}`, 500);
    // Another payment's won dispute is not this deposit's.
    await moved(`deposit:stripe:dispute-won:dp_elsewhere_${tag}`, 50);
    const backfill = env.TEST_MIGRATIONS.find((m) => m.name.includes('audit-stripe-backfill'))!;
    for (const query of backfill.queries) await env.DB.prepare(query).run();
    const booked = async (id: string) => (await db.select().from(stripeDeposits).where(eq(stripeDeposits.sessionId, id)).get())?.bookedCents;
    expect([await booked(session), await booked(other)]).toEqual([700, 0]);
    expect((await accountOf(person)).balanceCents).toBe(750);
  });
});

describe('Connect payouts', { timeout: 30_000 }, () => {
  async function withPayoutAccount(balanceCents: number) {
    const { person } = await fundedWithStripe(balanceCents);
    expect((await person.post('/api/v1/me/payouts', { amount_cents: 1000 })).body.error.code).toBe('no_payout_account');
    const onboarding = await person.post('/api/v1/me/payout-account');
    expect(onboarding.status).toBe(202);
    const stripeAccount = /\/setup\/e\/(acct_test_\w+)$/.exec(onboarding.body.redirect_url)![1]!;
    // Back from Stripe before finishing: not yet.
    await person.get('/payouts/connect/return');
    const id = (await accountOf(person)).id;
    expect((await db.select().from(payoutAccounts).where(eq(payoutAccounts.accountId, id)).get())?.payoutsEnabled).toBe(false);
    await control(`accounts/${stripeAccount}/complete`);
    const back = await person.get('/payouts/connect/return');
    expect(back.status).toBe(303);
    expect((await db.select().from(payoutAccounts).where(eq(payoutAccounts.accountId, id)).get())?.payoutsEnabled).toBe(true);
    return { person, stripeAccount };
  }

  it('the dashboard offers payout setup and sends the person to Stripe’s onboarding', async () => {
    const { person } = await fundedWithStripe(1000);
    expect((await person.get('/dashboard')).body).toContain('Set up payouts');
    const form = await person.request('POST', '/dashboard/payout-account', {});
    expect(form.status).toBe(303);
    expect(form.headers.get('Location')).toMatch(/^https:\/\/connect\.stripe\.test\/setup\/e\/acct_test_/);
    const refresh = await person.get('/payouts/connect/refresh');
    expect(refresh.headers.get('Location')).toBe(form.headers.get('Location'));
    expect((await person.get('/dashboard')).body).toContain('Finish payout setup');
    const crossSite = await person.request('POST', '/dashboard/payout-account', {}, { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
  });

  it('picks up an account Stripe enabled after the person came back', async () => {
    const { person } = await fundedWithStripe(2000);
    const onboarding = await person.post('/api/v1/me/payout-account');
    await person.get('/payouts/connect/return');
    await control(`accounts/${/\/setup\/e\/(acct_test_\w+)$/.exec(onboarding.body.redirect_url)![1]}/complete`);
    const res = await person.post('/api/v1/me/payouts', { amount_cents: 1000 });
    expect(res.body).toMatchObject({ status: 'paid', balance_cents: 1000 });
  });

  const transfersTo = async (stripeAccount: string) =>
    (await doubleRequests()).filter((r) => r.path === '/v1/transfers' && r.params.destination === stripeAccount);

  it('pays above the minimum by exactly one Transfer, through a failed first attempt and a retried request', async () => {
    const { person, stripeAccount } = await withPayoutAccount(5000);
    expect((await person.post('/api/v1/me/payouts', { amount_cents: 999 })).status).toBe(400);
    await control('fail-transfers', { count: '1', status: '500' });
    const key = `payout-${uniqueHandle()}`;
    const first = await person.request('POST', '/api/v1/me/payouts', { amount_cents: 1500 }, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'paid', amount_cents: 1500, balance_cents: 3500 });
    const again = await person.request('POST', '/api/v1/me/payouts', { amount_cents: 1500 }, { 'Idempotency-Key': key });
    expect([again.status, again.body]).toEqual([201, first.body]);
    const attempts = await transfersTo(stripeAccount);
    // The SDK retried the failed attempt with the same key; Stripe created one transfer.
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(new Set(attempts.map((a) => a.idempotencyKey)).size).toBe(1);
    expect(attempts[0]!.idempotencyKey).toBe(`payout:${(await accountOf(person)).id}:${key}`);
    expect((await accountOf(person)).balanceCents).toBe(3500);
    const list = (await person.get('/api/v1/me/payouts')).body.payouts;
    expect(list).toEqual([expect.objectContaining({ amount_cents: 1500, status: 'paid' })]);
  });

  it('books and transfers once when the same Idempotency-Key arrives three times at once', async () => {
    const { person, stripeAccount } = await withPayoutAccount(5000);
    const hook = await webhookTo(person);
    const key = `payout-${uniqueHandle()}`;
    const answers = await Promise.all([1, 2, 3].map(() => person.request('POST', '/api/v1/me/payouts', { amount_cents: 2000 }, { 'Idempotency-Key': key })));
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    expect((await transfersTo(stripeAccount)).filter((r) => r.status === 200)).toHaveLength(1);
    expect((await accountOf(person)).balanceCents).toBe(3000);
    const later = await person.request('POST', '/api/v1/me/payouts', { amount_cents: 2000 }, { 'Idempotency-Key': key });
    expect(later.body).toMatchObject({ status: 'paid', amount_cents: 2000, balance_cents: 3000 });
    // Announced once, however many requests finished the payout.
    const sent = (await mailTo(person)).filter((m) => m.subject === 'Your Kudos payout was sent');
    expect(sent.map((m) => m.text?.split('\n')[0])).toEqual(['Your payout of €20.00 was sent to your Stripe account.']);
    // And to the person's webhook endpoint, once, signed.
    expect((await hook.events(1)).map((e) => [e.type, e.data.payout.amount_cents, e.data.payout.status])).toEqual([['payout.paid', 2000, 'paid']]);
  });

  it('leaves a payout pending while Stripe cannot be reached, and the retry pays it once', async () => {
    const { person, stripeAccount } = await withPayoutAccount(4000);
    // The first attempt and both of the SDK's retries fail.
    await control('fail-transfers', { count: '3', status: '503' });
    const res = await person.post('/api/v1/me/payouts', { amount_cents: 1000 });
    expect(res.body).toMatchObject({ status: 'pending', amount_cents: 1000, balance_cents: 3000 });
    const retry = await new StripeClient().request('POST', '/api/v1/admin/payouts/retry', {}, { Authorization: `Bearer ${env.ADMIN_TOKEN}` });
    expect(retry.status).toBe(200);
    expect((await person.get('/api/v1/me/payouts')).body.payouts[0]).toMatchObject({ status: 'paid' });
    const attempts = await transfersTo(stripeAccount);
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(attempts.map((a) => a.idempotencyKey)).size).toBe(1);
    expect((await accountOf(person)).balanceCents).toBe(3000);
  });

  it('marks a refused transfer failed and returns the money in a balanced booking', async () => {
    const { person } = await withPayoutAccount(3000);
    const hook = await webhookTo(person);
    await control('fail-transfers', { count: '1', status: '400' });
    const res = await person.post('/api/v1/me/payouts', { amount_cents: 1200 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'failed', amount_cents: 1200, balance_cents: 3000 });
    expect((await person.get('/api/v1/me/payouts')).body.payouts[0]).toMatchObject({ status: 'failed', failure_reason: expect.any(String) });
    expect(await checkLedger(db)).toMatchObject({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
    const [failed] = (await mailTo(person)).filter((m) => m.subject === 'Your Kudos payout failed');
    expect(failed!.text).toMatch(/^Your payout of €12\.00 failed \(.+\)\. The amount is back in your balance\./);
    const [event] = await hook.events(1);
    expect([event!.type, event!.data.payout]).toEqual([
      'payout.failed',
      expect.objectContaining({ amount_cents: 1200, status: 'failed', reason: expect.any(String) }),
    ]);
  });

  it('never takes money a month’s kudos reserved', async () => {
    const { person } = await withPayoutAccount(3000);
    const me = await accountOf(person);
    await db
      .insert(monthPledges)
      .values({ accountId: me.id, month: monthOf(Date.now()), budgetCents: 2500, reservedCents: 2500 })
      .run();
    const res = await person.post('/api/v1/me/payouts', { amount_cents: 1000 });
    expect([res.status, res.body.error.code]).toEqual([422, 'balance_reserved']);
    expect((await accountOf(person)).balanceCents).toBe(3000);
    expect(
      await db
        .select()
        .from(ledgerTransactions)
        .where(like(ledgerTransactions.key, `payout:${me.id}:%`))
        .all(),
    ).toEqual([]);
  });
});

describe('the dev provider stays on developer machines', { timeout: 30_000 }, () => {
  const devRequest = (url: string, cookie: string, bindings: Partial<typeof env>) =>
    app.fetch(
      new Request(url, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ amount_cents: 1_000_000 }) }),
      { ...env, ...bindings },
      createExecutionContext(),
    );

  it('refuses free money on a public host, or without LOCAL_DEV, and books nothing', async () => {
    const person = await newPerson();
    const onPublicHost = await devRequest('https://kudos.example/api/v1/me/deposits', person.cookie, {});
    expect([onPublicHost.status, (await onPublicHost.json<any>()).error.code]).toEqual([503, 'payments_unavailable']);
    const withoutLocalVar = await devRequest('http://127.0.0.1:8787/api/v1/me/deposits', person.cookie, { LOCAL_DEV: undefined });
    expect(withoutLocalVar.status).toBe(503);
    expect((await accountOf(person)).balanceCents).toBe(0);
    const local = await devRequest('http://127.0.0.1:8787/api/v1/me/deposits', person.cookie, {});
    expect(local.status).toBe(201);
    expect((await db.select().from(accounts).where(eq(accounts.handle, person.handle)).get())?.balanceCents).toBe(1_000_000);
  });
});

/**
 * A webhook endpoint of `person` at the test receiver (test/support/webhook-sink.ts); `events`
 * waits for at least `count` deliveries and returns them verified with standardwebhooks.
 */
async function webhookTo(person: Client) {
  const name = `pay-${uniqueHandle('')}`;
  const added = await person.post('/api/v1/me/webhooks', { url: `${env.TEST_WEBHOOK_SINK}/hooks/${name}` });
  expect(added.status).toBe(201);
  const webhook = new Webhook(added.body.secret);
  return {
    async events(count: number): Promise<{ type: string; data: Record<string, any> }[]> {
      const deadline = Date.now() + 30_000;
      let got: { headers: Record<string, string>; body: string }[] = [];
      while (got.length < count && Date.now() < deadline) {
        got = await (await fetch(`${env.TEST_WEBHOOK_SINK}/received/${name}`)).json();
        if (got.length < count) await new Promise((r) => setTimeout(r, 200));
      }
      return got.map((d) => webhook.verify(d.body, d.headers) as { type: string; data: Record<string, any> });
    },
  };
}
