// A small Stripe-compatible HTTP server for tests: the real `stripe` SDK inside the Worker talks
// to it (STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL), because Stripe itself cannot
// be reached from here. It answers the few endpoints Kudos uses with objects typed by the SDK's
// own types, replays an answer for a repeated Idempotency-Key as Stripe does, records every
// request, and can be told to fail the next transfer attempts.
//
// Test-only controls live under /__double/: GET requests, POST fail-transfers {count, status},
// POST accounts/:id/complete (finish an Express onboarding).
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
  const accounts = new Map<string, Account>();
  let transferFailures: { count: number; status: number } = { count: 0, status: 500 };

  const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
  const now = () => Math.floor(Date.now() / 1000);
  const fail = (status: number, type: NonNullable<Stripe.errors.StripeError['rawType']>, message: string): Answer => ({
    status,
    body: { error: { type, message } } satisfies ErrorBody,
  });

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
        payment_intent: id('pi'),
        livemode: false,
        created: now(),
      };
      sessions.set(sessionId, session);
      return { status: 200, body: session };
    }
    const sessionMatch = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(path);
    if (method === 'GET' && sessionMatch) {
      const session = sessions.get(sessionMatch[1]!);
      return session ? { status: 200, body: session } : fail(404, 'invalid_request_error', 'No such checkout.session');
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
      return send(res, fail(401, 'invalid_request_error', 'Invalid API Key provided.'), false);
    }
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const replayKey = idempotencyKey && req.method === 'POST' ? `${url.pathname} ${idempotencyKey}` : null;
    const replay = replayKey ? replays.get(replayKey) : undefined;
    // Stripe stores the first answer per key unless it was a server error, and replays it.
    const answer = replay ?? route(req.method ?? 'GET', url.pathname, params);
    if (replayKey && !replay && answer.status < 500) replays.set(replayKey, answer);
    if (!isControl) requests.push({ method: req.method ?? 'GET', path: url.pathname, idempotencyKey, params, status: answer.status });
    send(res, answer, Boolean(replay));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, fail(500, 'api_error', String(error)), false));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function metadataOf(params: Record<string, string>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const match = /^metadata\[(.+)\]$/.exec(key);
    if (match) metadata[match[1]!] = value;
  }
  return metadata;
}

function send(res: ServerResponse, answer: Answer, replayed: boolean) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Request-Id': `req_${randomBytes(6).toString('hex')}` };
  if (replayed) headers['Idempotent-Replayed'] = 'true';
  res.writeHead(answer.status, headers);
  res.end(JSON.stringify(answer.body));
}
