// Stripe deposits, webhooks, refunds, disputes and Connect payouts, driven through the real
// `stripe` SDK inside the Worker against the Stripe double (test/support/stripe-double.ts).
// Webhooks are signed with the SDK's own test-header helper and checked by the production path.
import { createExecutionContext, env } from 'cloudflare:test';
import PostalMime from 'postal-mime';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { accounts, ledgerTransactions, monthPledges, payoutAccounts } from '../../schema/tables';
import { monthOf } from '../../worker/domain/month';
import app from '../../worker/index';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { book, checkLedger } from '../../worker/store/ledger';
import { Client, newPerson, uniqueHandle } from './client';

const db = openDb(env.DB);
const DOUBLE = `http://127.0.0.1:${env.STRIPE_API_PORT}`;
const WEBHOOK_SECRET = env.STRIPE_WEBHOOK_SECRET!;

/** A person whose requests reach a Worker configured for Stripe (as production is). */
class StripeClient extends Client {
  handle = '';
  constructor() {
    super(async (request) => app.fetch(request, { ...env, PAYMENT_PROVIDER: 'stripe' }, createExecutionContext()));
  }
}

async function stripePerson(): Promise<StripeClient> {
  const dev = await newPerson();
  const person = new StripeClient();
  person.cookie = dev.cookie;
  person.handle = dev.handle;
  return person;
}

const accountOf = async (person: { handle: string }) => (await findAccountByHandle(db, person.handle))!;

/** The messages the mail binding got for the person, parsed by postal-mime. */
async function mailTo(person: { handle: string }) {
  const rows = await env.DB.prepare('SELECT raw FROM outbox WHERE to_email = ? ORDER BY id').bind(`${person.handle}@example.test`).all<{ raw: string }>();
  return Promise.all(rows.results.map((r) => PostalMime.parse(r.raw)));
}

async function doubleRequests(): Promise<{ method: string; path: string; idempotencyKey: string | null; params: Record<string, string>; status: number }[]> {
  return (await (await fetch(`${DOUBLE}/__double/requests`)).json<{ requests: [] }>()).requests;
}

async function control(path: string, params: Record<string, string> = {}) {
  const response = await fetch(`${DOUBLE}/__double/${path}`, { method: 'POST', body: new URLSearchParams(params) });
  expect(response.status).toBe(200);
}

async function session(id: string): Promise<Stripe.Checkout.Session> {
  return (await fetch(`${DOUBLE}/v1/checkout/sessions/${id}`, { headers: { Authorization: 'Bearer sk_test_kudos_double' } })).json();
}

let eventCounter = 0;
function event<T extends Stripe.Event['type']>(type: T, object: unknown): string {
  const payload = {
    id: `evt_test_${Date.now()}_${eventCounter++}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
  return JSON.stringify(payload);
}

function eventWithPrevious<T extends Stripe.Event['type']>(type: T, object: unknown, previous: Record<string, unknown>): string {
  const payload = JSON.parse(event(type, object));
  payload.data.previous_attributes = previous;
  return JSON.stringify(payload);
}

/** Delivers `payload` to the webhook as Stripe would: signed with the endpoint's secret. */
async function deliver(payload: string, { secret = WEBHOOK_SECRET, signature }: { secret?: string; signature?: string | null } = {}) {
  const header =
    signature === undefined
      ? await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret, cryptoProvider: Stripe.createSubtleCryptoProvider() })
      : signature;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (header !== null) headers['Stripe-Signature'] = header;
  const response = await app.fetch(
    new Request('https://kudos.example/webhooks/stripe', { method: 'POST', body: payload, headers }),
    { ...env, PAYMENT_PROVIDER: 'stripe' },
    createExecutionContext(),
  );
  return { status: response.status, body: await response.json<any>() };
}

/** Starts a Stripe deposit and returns its Checkout Session as the double holds it. */
async function startDeposit(person: StripeClient, amountCents: number, key?: string) {
  const res = await person.request('POST', '/api/v1/me/deposits', { amount_cents: amountCents }, key ? { 'Idempotency-Key': key } : {});
  expect(res.status).toBe(202);
  const id = /\/pay\/(cs_test_\w+)$/.exec(res.body.redirect_url)![1]!;
  return { res, session: await session(id) };
}

const paid = (s: Stripe.Checkout.Session) => ({ ...s, status: 'complete', payment_status: 'paid' });

async function fundedWithStripe(amountCents: number) {
  const person = await stripePerson();
  const { session: s } = await startDeposit(person, amountCents);
  expect((await deliver(event('checkout.session.completed', paid(s)))).status).toBe(200);
  return { person, session: s };
}

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

  it('refuses a forged, unsigned or altered webhook with 400 and books nothing', async () => {
    const person = await stripePerson();
    const { session: s } = await startDeposit(person, 2000);
    const payload = event('checkout.session.completed', paid(s));
    expect((await deliver(payload, { signature: null })).status).toBe(400);
    expect((await deliver(payload, { secret: 'whsec_forged' })).status).toBe(400);
    expect((await deliver(payload, { signature: `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` })).status).toBe(400);
    const genuine = await Stripe.webhooks.generateTestHeaderStringAsync({
      payload,
      secret: WEBHOOK_SECRET,
      cryptoProvider: Stripe.createSubtleCryptoProvider(),
    });
    expect((await deliver(payload.replace('"paid"', '"paid" '), { signature: genuine })).status).toBe(400);
    expect((await accountOf(person)).balanceCents).toBe(0);
    expect(
      await db
        .select()
        .from(ledgerTransactions)
        .where(eq(ledgerTransactions.key, `deposit:stripe:${s.id}`))
        .all(),
    ).toEqual([]);
  });

  it('credits a signed checkout.session.completed once, even delivered three times at once', async () => {
    const person = await stripePerson();
    const { session: s } = await startDeposit(person, 1500);
    const payload = event('checkout.session.completed', paid(s));
    const answers = await Promise.all([deliver(payload), deliver(payload), deliver(payload)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.outcome).sort()).toEqual(['already_booked', 'already_booked', 'booked']);
    expect((await deliver(payload)).body.outcome).toBe('already_booked');
    expect((await accountOf(person)).balanceCents).toBe(1500);
    const me = (await person.get('/api/v1/me/ledger')).body;
    expect(me.entries).toEqual([expect.objectContaining({ kind: 'deposit', amount_cents: 1500, counterparty: 'system:provider:stripe' })]);
    expect((await checkLedger(db)).sumOfAllEntries).toBe(0);
  });

  it('waits for SEPA: an unpaid completion books nothing, async success credits, async failure books nothing', async () => {
    const person = await stripePerson();
    const { session: sepa } = await startDeposit(person, 3000);
    expect((await deliver(event('checkout.session.completed', { ...sepa, status: 'complete', payment_status: 'unpaid' }))).body.outcome).toBe('ignored');
    expect((await accountOf(person)).balanceCents).toBe(0);
    expect((await deliver(event('checkout.session.async_payment_succeeded', paid(sepa)))).body.outcome).toBe('booked');
    expect((await accountOf(person)).balanceCents).toBe(3000);
    const { session: bounced } = await startDeposit(person, 4000);
    expect((await deliver(event('checkout.session.async_payment_failed', { ...bounced, status: 'complete', payment_status: 'unpaid' }))).status).toBe(200);
    expect((await deliver(event('checkout.session.async_payment_succeeded', { ...bounced, payment_status: 'unpaid' }))).body.outcome).toBe('ignored');
    expect((await accountOf(person)).balanceCents).toBe(3000);
  });

  it('ignores a paid session Kudos never started', async () => {
    const person = await stripePerson();
    const { session: s } = await startDeposit(person, 1000);
    const outcome = await deliver(event('checkout.session.completed', { ...paid(s), id: 'cs_test_not_ours', amount_total: 999_999 }));
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

describe('refunds and disputes: balanced reversals, never a negative balance', { timeout: 30_000 }, () => {
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
    const charge = { id: `ch_test_${uniqueHandle()}`, object: 'charge', amount: 1040, amount_refunded: 1040, refunded: true, payment_intent: s.payment_intent };
    const refund = event('charge.refunded', charge);
    expect((await Promise.all([deliver(refund), deliver(refund)])).map((a) => a.body.outcome).sort()).toEqual(['already_booked', 'booked']);
    const after = await accountOf(person);
    expect(after.balanceCents).toBe(0);
    expect(after.debtCents).toBe(800);
    const loss = (await findAccountByHandle(db, 'system:loss'))!;
    expect(loss.balanceCents).toBeLessThanOrEqual(-800);
    expect(await checkLedger(db)).toMatchObject({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });

    // Cannot give until the debt is settled.
    await person.put('/api/v1/me/budget', { monthly_budget_cents: 200 });
    const thing = (await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/p`, title: 'P' })).body;
    const refused = await person.post(`/api/v1/things/${thing.id}/clicks`);
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe('debt_outstanding');

    // The next deposit repays it first.
    const { session: next } = await startDeposit(person, 1000);
    await deliver(event('checkout.session.completed', paid(next)));
    const repaid = await accountOf(person);
    expect([repaid.balanceCents, repaid.debtCents]).toEqual([200, 0]);
    expect((await person.post(`/api/v1/things/${thing.id}/clicks`)).status).toBe(201);
    expect(await checkLedger(db)).toMatchObject({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
  });

  it('reverses a dispute once across its created and closed (lost) events; a partial refund reverses its part', async () => {
    const { person, session: s } = await fundedWithStripe(2000);
    const partial = {
      id: `ch_test_${uniqueHandle()}`,
      object: 'charge',
      amount: 2055,
      amount_refunded: 500,
      refunded: false,
      payment_intent: s.payment_intent,
    };
    const second = { ...partial, amount_refunded: 800 };
    // Two partial refunds delivered at once, the second naming the first's total as its previous.
    await Promise.all([deliver(event('charge.refunded', partial)), deliver(eventWithPrevious('charge.refunded', second, { amount_refunded: 500 }))]);
    expect((await accountOf(person)).balanceCents).toBe(1200);
    const dispute = {
      id: `dp_test_${uniqueHandle()}`,
      object: 'dispute',
      amount: 1000,
      charge: partial.id,
      payment_intent: s.payment_intent,
      status: 'needs_response',
    };
    expect((await deliver(event('charge.dispute.created', dispute))).body.outcome).toBe('booked');
    expect((await deliver(event('charge.dispute.closed', { ...dispute, status: 'lost' }))).body.outcome).toBe('already_booked');
    expect((await accountOf(person)).balanceCents).toBe(200);
    expect((await checkLedger(db)).sumOfAllEntries).toBe(0);
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
    const dispute = { id: `dp_test_${uniqueHandle()}`, object: 'dispute', amount: 1000, payment_intent: s.payment_intent, status: 'needs_response' };
    await deliver(event('charge.dispute.created', dispute));
    expect([(await accountOf(person)).balanceCents, (await accountOf(person)).debtCents]).toEqual([0, 600]);
    const won = event('charge.dispute.closed', { ...dispute, status: 'won' });
    expect((await Promise.all([deliver(won), deliver(won)])).map((a) => a.body.outcome).sort()).toEqual(['already_booked', 'booked']);
    const after = await accountOf(person);
    expect([after.balanceCents, after.debtCents]).toEqual([400, 0]);
    expect(await checkLedger(db)).toMatchObject({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
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
    await control('fail-transfers', { count: '1', status: '400' });
    const res = await person.post('/api/v1/me/payouts', { amount_cents: 1200 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'failed', amount_cents: 1200, balance_cents: 3000 });
    expect((await person.get('/api/v1/me/payouts')).body.payouts[0]).toMatchObject({ status: 'failed', failure_reason: expect.any(String) });
    expect(await checkLedger(db)).toMatchObject({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
    const [failed] = (await mailTo(person)).filter((m) => m.subject === 'Your Kudos payout failed');
    expect(failed!.text).toMatch(/^Your payout of €12\.00 failed \(.+\)\. The amount is back in your balance\./);
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
