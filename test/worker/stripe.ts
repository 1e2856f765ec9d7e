// The Stripe double as the Stripe tests drive it: a Worker configured for Stripe, the double's
// controls (pay, refund, dispute), and its events delivered to the webhook signed with the SDK's
// own test-header helper. Shared by stripe.test.ts and gifts.test.ts.
import { createExecutionContext, env } from 'cloudflare:test';
import PostalMime from 'postal-mime';
import Stripe from 'stripe';
import { expect } from 'vitest';
import app from '../../worker/index';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { Client, newPerson } from './client';

export const db = openDb(env.DB);
const DOUBLE = `http://127.0.0.1:${env.STRIPE_API_PORT}`;
const WEBHOOK_SECRET = env.STRIPE_WEBHOOK_SECRET!;
/** The test's own SDK client on the double, for what Stripe's API does (refunds) and to read Stripe's state. */
export const stripe = new Stripe(env.STRIPE_SECRET_KEY!, {
  httpClient: Stripe.createFetchHttpClient(),
  host: '127.0.0.1',
  port: Number(env.STRIPE_API_PORT),
  protocol: 'http',
});

/** A person whose requests reach a Worker configured for Stripe (as production is). */
export class StripeClient extends Client {
  handle = '';
  constructor() {
    super(async (request) => app.fetch(request, { ...env, PAYMENT_PROVIDER: 'stripe' }, createExecutionContext()));
  }
}

export async function stripePerson(): Promise<StripeClient> {
  const dev = await newPerson();
  const person = new StripeClient();
  person.cookie = dev.cookie;
  person.handle = dev.handle;
  return person;
}

export const accountOf = async (person: { handle: string }) => (await findAccountByHandle(db, person.handle))!;

/** The messages the mail binding got for the person, parsed by postal-mime. */
export async function mailTo(person: { handle: string }) {
  const rows = await env.DB.prepare('SELECT raw FROM outbox WHERE to_email = ? ORDER BY id').bind(`${person.handle}@example.test`).all<{ raw: string }>();
  return Promise.all(rows.results.map((r) => PostalMime.parse(r.raw)));
}

export async function doubleRequests(): Promise<
  { method: string; path: string; idempotencyKey: string | null; params: Record<string, string>; status: number }[]
> {
  return (await (await fetch(`${DOUBLE}/__double/requests`)).json<{ requests: [] }>()).requests;
}

export async function control<T = unknown>(path: string, params: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${DOUBLE}/__double/${path}`, { method: 'POST', body: new URLSearchParams(params) });
  expect(response.status).toBe(200);
  return response.json<T>();
}

let eventCounter = 0;
export function event<T extends Stripe.Event['type']>(type: T, object: unknown, previous?: Record<string, unknown>): string {
  const payload = {
    id: `evt_test_${Date.now()}_${eventCounter++}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: previous ? { object, previous_attributes: previous } : { object },
  };
  return JSON.stringify(payload);
}

/** The events Stripe sent about one session's payment so far, oldest first, ready to deliver. */
export async function sentEvents(sessionId: string): Promise<{ type: string; payload: string }[]> {
  const { events } = await (await fetch(`${DOUBLE}/__double/events?session=${sessionId}`)).json<{
    events: { type: Stripe.Event['type']; object: unknown; previous?: Record<string, unknown> }[];
  }>();
  return events.map((e) => ({ type: e.type, payload: event(e.type, e.object, e.previous) }));
}

export const signed = (payload: string, timestamp?: number) =>
  Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: WEBHOOK_SECRET, timestamp, cryptoProvider: Stripe.createSubtleCryptoProvider() });

/** Delivers `payload` to the webhook as Stripe would: signed with the endpoint's secret. */
export async function deliver(payload: string, { secret = WEBHOOK_SECRET, signature }: { secret?: string; signature?: string | null } = {}) {
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

export async function deliverAll(events: { payload: string }[]) {
  for (const e of events) expect((await deliver(e.payload)).status).toBe(200);
}

export const pay = (sessionId: string, method: 'card' | 'sepa' = 'card') => control<Stripe.Checkout.Session>(`checkout/sessions/${sessionId}/pay`, { method });
const chargeOf = async (sessionId: string) => (await stripe.charges.list({ payment_intent: await paymentIntentOf(sessionId) })).data[0]!;
const paymentIntentOf = async (sessionId: string) => String((await stripe.checkout.sessions.retrieve(sessionId)).payment_intent);
export const refund = async (sessionId: string, amount?: number) =>
  stripe.refunds.create({ payment_intent: await paymentIntentOf(sessionId), ...(amount ? { amount } : {}) });
export const dispute = async (sessionId: string, amount?: number) =>
  control<Stripe.Dispute>(`charges/${(await chargeOf(sessionId)).id}/dispute`, amount ? { amount: String(amount) } : {});
export const closeDispute = (disputeId: string, status: 'won' | 'lost') => control(`disputes/${disputeId}/close`, { status });
