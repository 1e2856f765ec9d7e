// A small Stripe-compatible HTTP server for tests: the real `stripe` SDK inside the Worker talks
// to it (STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL), because Stripe itself cannot
// be reached from here. It answers the few endpoints Kudos uses with objects typed by the SDK's
// own types, replays an answer for a repeated Idempotency-Key as Stripe does, records every
// request, and can be told to fail the next transfer attempts.
//
// It holds the state of each payment as Stripe would (Checkout Session, PaymentIntent, Charge,
// Refunds, Disputes), so the Worker can re-read it through the SDK, and it keeps the events
// Stripe would send for each change, with the object as it was at that moment, for tests to
// deliver in any order.
//
// Test-only controls live under /__double/: GET requests, POST fail-transfers {count, status},
// POST accounts/:id/complete (finish an Express onboarding), POST checkout/sessions/:id/pay
// {method: card|sepa} (the customer pays), POST checkout/sessions/:id/settle {outcome:
// succeeded|failed} (a SEPA debit clears or bounces), POST charges/:id/dispute {amount} (the bank
// opens a dispute and takes the money), POST disputes/:id/close {status: won|lost}, GET
// events?session=:id (the events Stripe sent about that session's payment, oldest first).
// Refunds use Stripe's own endpoint, POST /v1/refunds.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Record<string, string>;
  /** The HTTP status the double answered. */
  status: number;
}

type Session = Pick<
  Stripe.Checkout.Session,
  | 'id'
  | 'object'
  | 'mode'
  | 'status'
  | 'payment_status'
  | 'url'
  | 'amount_total'
  | 'currency'
  | 'client_reference_id'
  | 'metadata'
  | 'payment_intent'
  | 'livemode'
  | 'created'
>;
type Account = Pick<Stripe.Account, 'id' | 'object' | 'type' | 'email' | 'details_submitted' | 'payouts_enabled' | 'charges_enabled' | 'metadata' | 'created'>;
type AccountLink = Pick<Stripe.AccountLink, 'object' | 'url' | 'created' | 'expires_at'>;
type Transfer = Pick<Stripe.Transfer, 'id' | 'object' | 'amount' | 'currency' | 'destination' | 'metadata' | 'livemode' | 'created' | 'reversed'>;
type PaymentIntent = Pick<Stripe.PaymentIntent, 'id' | 'object' | 'amount' | 'currency' | 'status' | 'latest_charge' | 'metadata' | 'livemode' | 'created'>;
type Charge = Pick<
  Stripe.Charge,
  | 'id'
  | 'object'
  | 'amount'
  | 'amount_captured'
  | 'amount_refunded'
  | 'refunded'
  | 'disputed'
  | 'paid'
  | 'status'
  | 'currency'
  | 'payment_intent'
  | 'metadata'
  | 'livemode'
  | 'created'
>;
type Refund = Pick<Stripe.Refund, 'id' | 'object' | 'amount' | 'charge' | 'payment_intent' | 'status' | 'currency' | 'metadata' | 'created'>;
type Dispute = Pick<Stripe.Dispute, 'id' | 'object' | 'amount' | 'charge' | 'payment_intent' | 'status' | 'currency' | 'metadata' | 'livemode' | 'created'>;
/** An event Stripe would send: its type and a snapshot of its object at the moment of the change. */
interface SentEvent {
  type: Stripe.Event['type'];
  object: unknown;
  /** What changed, as Stripe names it in `data.previous_attributes`. */
  previous?: Record<string, unknown>;
}
type ErrorBody = { error: { type: NonNullable<Stripe.errors.StripeError['rawType']>; message: string; code?: string } };

interface Answer {
  status: number;
  body: unknown;
}

export interface StripeDouble {
  port: number;
  close(): Promise<void>;
}

export async function startStripeDouble(port = 0): Promise<StripeDouble> {
  const requests: RecordedRequest[] = [];
  const replays = new Map<string, Answer>();
  const sessions = new Map<string, Session>();
  /** The metadata each session gives the PaymentIntent it creates when paid. */
  const intentMetadata = new Map<string, Record<string, string>>();
  const paymentIntents = new Map<string, PaymentIntent>();
  const charges = new Map<string, Charge>();
  const refunds = new Map<string, Refund>();
  const disputes = new Map<string, Dispute>();
  /** Events per Checkout Session, oldest first. */
  const sentEvents = new Map<string, SentEvent[]>();
  const accounts = new Map<string, Account>();
  let transferFailures: { count: number; status: number } = { count: 0, status: 500 };

  const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
  const now = () => Math.floor(Date.now() / 1000);
  const fail = (status: number, type: NonNullable<Stripe.errors.StripeError['rawType']>, message: string): Answer => ({
    status,
    body: { error: { type, message } } satisfies ErrorBody,
  });
  const list = (url: string, data: unknown[]): Answer => ({ status: 200, body: { object: 'list', url, has_more: false, data } });
  const sessionOfIntent = (intentId: string) => [...sessions.values()].find((s) => s.payment_intent === intentId);
  /** Records what Stripe would send about a change to the payment of `intentId` (or of session `sessionId`). */
  function send(type: SentEvent['type'], object: { id: string }, { sessionId, previous }: { sessionId?: string; previous?: SentEvent['previous'] } = {}) {
    const session = sessionId ?? sessionOfIntent(String((object as { payment_intent?: string }).payment_intent))?.id;
    if (!session) return;
    sentEvents.set(session, [...(sentEvents.get(session) ?? []), { type, object: structuredClone(object), ...(previous ? { previous } : {}) }]);
  }
  /** A successful charge for the whole PaymentIntent, as a card payment or a cleared debit makes. */
  function succeed(session: Session, intent: PaymentIntent) {
    const charge: Charge = {
      id: id('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      refunded: false,
      disputed: false,
      paid: true,
      status: 'succeeded',
      currency: intent.currency,
      payment_intent: intent.id,
      metadata: intent.metadata,
      livemode: false,
      created: now(),
    };
    charges.set(charge.id, charge);
    Object.assign(intent, { status: 'succeeded', latest_charge: charge.id });
    Object.assign(session, { payment_status: 'paid' });
  }
  /** `expand[n]=payment_intent` on a session, the one expansion Kudos asks for. */
  const expanded = (session: Session, params: Record<string, string>) =>
    Object.entries(params).some(([key, value]) => key.startsWith('expand[') && value === 'payment_intent') && typeof session.payment_intent === 'string'
      ? { ...session, payment_intent: paymentIntents.get(session.payment_intent) }
      : session;

  function route(method: string, path: string, params: Record<string, string>): Answer {
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      let amount = 0;
      for (let i = 0; params[`line_items[${i}][price_data][unit_amount]`]; i++) amount += Number(params[`line_items[${i}][price_data][unit_amount]`]);
      const sessionId = id('cs');
      const session: Session = {
        id: sessionId,
        object: 'checkout.session',
        mode: 'payment',
        status: 'open',
        payment_status: 'unpaid',
        url: `https://checkout.stripe.test/c/pay/${sessionId}`,
        amount_total: amount,
        currency: params['line_items[0][price_data][currency]'] ?? 'eur',
        client_reference_id: params.client_reference_id ?? null,
        metadata: metadataOf(params),
        // As Stripe does since API 2022-08-01: the PaymentIntent exists once the customer pays.
        payment_intent: null,
        livemode: false,
        created: now(),
      };
      sessions.set(sessionId, session);
      intentMetadata.set(sessionId, metadataOf(params, 'payment_intent_data[metadata]'));
      return { status: 200, body: session };
    }
    if (method === 'GET' && path === '/v1/checkout/sessions') {
      return list(
        path,
        [...sessions.values()].filter((s) => !params.payment_intent || s.payment_intent === params.payment_intent),
      );
    }
    const sessionMatch = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(path);
    if (method === 'GET' && sessionMatch) {
      const session = sessions.get(sessionMatch[1]!);
      return session ? { status: 200, body: expanded(session, params) } : fail(404, 'invalid_request_error', 'No such checkout.session');
    }
    const intentMatch = /^\/v1\/payment_intents\/([\w]+)$/.exec(path);
    if (method === 'GET' && intentMatch) {
      const intent = paymentIntents.get(intentMatch[1]!);
      return intent ? { status: 200, body: intent } : fail(404, 'invalid_request_error', 'No such payment_intent');
    }
    if (method === 'GET' && path === '/v1/charges') {
      return list(
        path,
        [...charges.values()].filter((c) => !params.payment_intent || c.payment_intent === params.payment_intent),
      );
    }
    const chargeMatch = /^\/v1\/charges\/([\w]+)$/.exec(path);
    if (method === 'GET' && chargeMatch) {
      const charge = charges.get(chargeMatch[1]!);
      return charge ? { status: 200, body: charge } : fail(404, 'invalid_request_error', 'No such charge');
    }
    if (method === 'GET' && path === '/v1/disputes') {
      return list(
        path,
        [...disputes.values()].filter(
          (d) => (!params.payment_intent || d.payment_intent === params.payment_intent) && (!params.charge || d.charge === params.charge),
        ),
      );
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = paymentIntents.get(params.payment_intent ?? '');
      const charge = charges.get(params.charge ?? (typeof intent?.latest_charge === 'string' ? intent.latest_charge : ''));
      if (!charge) return fail(400, 'invalid_request_error', 'No such charge or payment_intent to refund.');
      const amount = params.amount ? Number(params.amount) : charge.amount - charge.amount_refunded;
      if (!(amount > 0) || charge.amount_refunded + amount > charge.amount) {
        return fail(400, 'invalid_request_error', `Refund amount (${amount}) is greater than unrefunded amount on charge.`);
      }
      const refund: Refund = {
        id: id('re'),
        object: 'refund',
        amount,
        charge: charge.id,
        payment_intent: charge.payment_intent,
        status: 'succeeded',
        currency: charge.currency,
        metadata: metadataOf(params),
        created: now(),
      };
      refunds.set(refund.id, refund);
      const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
      Object.assign(charge, { amount_refunded: charge.amount_refunded + amount, refunded: charge.amount_refunded + amount === charge.amount });
      send('charge.refunded', charge, { previous });
      return { status: 200, body: refund };
    }
    if (method === 'POST' && path === '/v1/accounts') {
      const account: Account = {
        id: id('acct'),
        object: 'account',
        type: 'express',
        email: params.email ?? null,
        details_submitted: false,
        payouts_enabled: false,
        charges_enabled: false,
        metadata: metadataOf(params),
        created: now(),
      };
      accounts.set(account.id, account);
      return { status: 200, body: account };
    }
    const accountMatch = /^\/v1\/accounts\/([\w]+)$/.exec(path);
    if (method === 'GET' && accountMatch) {
      const account = accounts.get(accountMatch[1]!);
      return account ? { status: 200, body: account } : fail(404, 'invalid_request_error', 'No such account');
    }
    if (method === 'POST' && path === '/v1/account_links') {
      if (!accounts.has(params.account ?? '')) return fail(400, 'invalid_request_error', 'No such account');
      const link: AccountLink = {
        object: 'account_link',
        url: `https://connect.stripe.test/setup/e/${params.account}`,
        created: now(),
        expires_at: now() + 300,
      };
      return { status: 200, body: link };
    }
    if (method === 'POST' && path === '/v1/transfers') {
      if (transferFailures.count > 0) {
        transferFailures.count--;
        return fail(
          transferFailures.status,
          transferFailures.status >= 500 ? 'api_error' : 'invalid_request_error',
          'The double was told to fail this transfer.',
        );
      }
      const destination = accounts.get(params.destination ?? '');
      if (!destination?.payouts_enabled) return fail(400, 'invalid_request_error', 'The destination account cannot receive transfers.');
      const transfer: Transfer = {
        id: id('tr'),
        object: 'transfer',
        amount: Number(params.amount),
        currency: params.currency ?? 'eur',
        destination: destination.id,
        metadata: metadataOf(params),
        livemode: false,
        created: now(),
        reversed: false,
      };
      return { status: 200, body: transfer };
    }
    // Test controls.
    if (method === 'GET' && path === '/__double/requests') return { status: 200, body: { requests } };
    if (method === 'POST' && path === '/__double/fail-transfers') {
      transferFailures = { count: Number(params.count ?? 1), status: Number(params.status ?? 500) };
      return { status: 200, body: transferFailures };
    }
    const payMatch = /^\/__double\/checkout\/sessions\/([\w]+)\/pay$/.exec(path);
    if (method === 'POST' && payMatch) {
      const session = sessions.get(payMatch[1]!);
      if (session?.status !== 'open') return fail(400, 'invalid_request_error', 'No open checkout.session');
      const intent: PaymentIntent = {
        id: id('pi'),
        object: 'payment_intent',
        amount: session.amount_total ?? 0,
        currency: session.currency ?? 'eur',
        status: 'processing',
        latest_charge: null,
        metadata: intentMetadata.get(session.id) ?? {},
        livemode: false,
        created: now(),
      };
      paymentIntents.set(intent.id, intent);
      Object.assign(session, { status: 'complete', payment_intent: intent.id });
      // A card pays at once; a SEPA debit completes the session unpaid and clears days later.
      if (params.method !== 'sepa') succeed(session, intent);
      send('checkout.session.completed', session, { sessionId: session.id });
      return { status: 200, body: session };
    }
    const settleMatch = /^\/__double\/checkout\/sessions\/([\w]+)\/settle$/.exec(path);
    if (method === 'POST' && settleMatch) {
      const session = sessions.get(settleMatch[1]!);
      const intent = paymentIntents.get(String(session?.payment_intent));
      if (!session || intent?.status !== 'processing') return fail(400, 'invalid_request_error', 'No debit waiting to clear');
      if (params.outcome === 'failed') {
        Object.assign(intent, { status: 'requires_payment_method' });
        send('checkout.session.async_payment_failed', session, { sessionId: session.id });
      } else {
        succeed(session, intent);
        send('checkout.session.async_payment_succeeded', session, { sessionId: session.id });
      }
      return { status: 200, body: session };
    }
    const disputeMatch = /^\/__double\/charges\/([\w]+)\/dispute$/.exec(path);
    if (method === 'POST' && disputeMatch) {
      const charge = charges.get(disputeMatch[1]!);
      if (!charge) return fail(404, 'invalid_request_error', 'No such charge');
      const dispute: Dispute = {
        id: id('dp'),
        object: 'dispute',
        amount: params.amount ? Number(params.amount) : charge.amount,
        charge: charge.id,
        payment_intent: charge.payment_intent,
        // A chargeback (not an inquiry): Stripe withdraws the amount when it opens.
        status: 'needs_response',
        currency: charge.currency,
        metadata: {},
        livemode: false,
        created: now(),
      };
      disputes.set(dispute.id, dispute);
      charge.disputed = true;
      send('charge.dispute.created', dispute);
      return { status: 200, body: dispute };
    }
    const closeMatch = /^\/__double\/disputes\/([\w]+)\/close$/.exec(path);
    if (method === 'POST' && closeMatch) {
      const dispute = disputes.get(closeMatch[1]!);
      if (!dispute || (params.status !== 'won' && params.status !== 'lost')) return fail(400, 'invalid_request_error', 'No such dispute or status');
      dispute.status = params.status;
      send('charge.dispute.closed', dispute);
      return { status: 200, body: dispute };
    }
    if (method === 'GET' && path === '/__double/events') return { status: 200, body: { events: sentEvents.get(params.session ?? '') ?? [] } };
    const completeMatch = /^\/__double\/accounts\/([\w]+)\/complete$/.exec(path);
    if (method === 'POST' && completeMatch) {
      const account = accounts.get(completeMatch[1]!);
      if (!account) return fail(404, 'invalid_request_error', 'No such account');
      Object.assign(account, { details_submitted: true, payouts_enabled: true, charges_enabled: true });
      return { status: 200, body: account };
    }
    return fail(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://double');
    let text = '';
    for await (const chunk of req) text += chunk;
    const params = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : text));
    const isControl = url.pathname.startsWith('/__double/');
    if (!isControl && req.headers.authorization !== 'Bearer sk_test_kudos_double') {
      return respond(res, fail(401, 'invalid_request_error', 'Invalid API Key provided.'), false);
    }
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const replayKey = idempotencyKey && req.method === 'POST' ? `${url.pathname} ${idempotencyKey}` : null;
    const replay = replayKey ? replays.get(replayKey) : undefined;
    // Stripe stores the first answer per key unless it was a server error, and replays it.
    const answer = replay ?? route(req.method ?? 'GET', url.pathname, params);
    if (replayKey && !replay && answer.status < 500) replays.set(replayKey, answer);
    if (!isControl) requests.push({ method: req.method ?? 'GET', path: url.pathname, idempotencyKey, params, status: answer.status });
    respond(res, answer, Boolean(replay));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => respond(res, fail(500, 'api_error', String(error)), false));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The `prefix[key]=value` parameters as an object (top-level `metadata` unless told). */
function metadataOf(params: Record<string, string>, prefix = 'metadata'): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith(`${prefix}[`) && key.endsWith(']')) metadata[key.slice(prefix.length + 1, -1)] = value;
  }
  return metadata;
}

function respond(res: ServerResponse, answer: Answer, replayed: boolean) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Request-Id': `req_${randomBytes(6).toString('hex')}` };
  if (replayed) headers['Idempotent-Replayed'] = 'true';
  res.writeHead(answer.status, headers);
  res.end(JSON.stringify(answer.body));
}
