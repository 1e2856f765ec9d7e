// Stripe through its official SDK, Workers-style: fetch for HTTP, SubtleCrypto for webhook
// signatures. Checkout Sessions bring deposits in, Connect Express accounts and Transfers take
// payouts out. Only this file speaks to Stripe; what the answers mean for the books is decided
// in actions/ (deposits and payouts) and actions/stripe-events.ts (webhooks).
import Stripe from 'stripe';
import { refuse } from '../domain/refusal';
import type { Config } from '../env';

export type { Stripe };

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/** A client for the configured account; tests point it at the Stripe double by host and port. */
export function stripeClient(config: Config): Stripe {
  const { secretKey, host, port, protocol } = config.stripe;
  if (!secretKey) throw refuse('payments_unavailable', 'Payments are not configured on this server (STRIPE_SECRET_KEY is missing).');
  return new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    // The SDK retries network errors, 409s and 5xx with the same Idempotency-Key, so a retry can
    // never create a second Transfer or Checkout Session.
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(host ? { host } : {}),
    ...(port ? { port } : {}),
    ...(protocol ? { protocol } : {}),
  });
}

export interface CheckoutRequest {
  accountId: number;
  email: string | null;
  amountCents: number;
  cardCostCents: number;
  currency: string;
  origin: string;
  idempotencyKey: string;
  /** A one-time gift rather than a deposit: its line's name and where the payer comes back to. */
  gift?: { label: string; returnPath: string; cancelPath: string };
}

/** One Checkout Session per deposit (or gift): the amount and the card cost as two lines. */
export async function createCheckoutSession(stripe: Stripe, request: CheckoutRequest): Promise<Stripe.Checkout.Session> {
  const currency = request.currency.toLowerCase();
  const metadata = {
    kudos_account_id: String(request.accountId),
    kudos_amount_cents: String(request.amountCents),
    ...(request.gift ? { kudos_gift: '1' } : {}),
  };
  return stripe.checkout.sessions.create(
    {
      mode: 'payment',
      client_reference_id: String(request.accountId),
      ...(request.email ? { customer_email: request.email } : {}),
      line_items: [
        { quantity: 1, price_data: { currency, unit_amount: request.amountCents, product_data: { name: request.gift?.label ?? 'Kudos deposit' } } },
        ...(request.cardCostCents > 0
          ? [{ quantity: 1, price_data: { currency, unit_amount: request.cardCostCents, product_data: { name: 'Card cost' } } }]
          : []),
      ],
      metadata,
      // Charges, refunds and disputes carry the payment intent's metadata, so they name the person.
      payment_intent_data: { metadata },
      // The return page only says "on its way": the webhook alone credits the balance.
      success_url: `${request.origin}${request.gift?.returnPath ?? '/deposits/return'}?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${request.origin}${request.gift?.cancelPath ?? '/dashboard'}`,
    },
    { idempotencyKey: request.idempotencyKey },
  );
}

/**
 * The event in a webhook, or null when its signature does not verify against the raw body
 * (forged, unsigned, altered, or signed outside the SDK's tolerance: older than five minutes,
 * or dated more than that into the future, which the SDK alone would accept).
 */
export async function verifiedEvent(config: Config, rawBody: string, signature: string | undefined, now = Date.now()): Promise<Stripe.Event | null> {
  if (!signature || !config.stripe.webhookSecret) return null;
  let event: Stripe.Event;
  try {
    event = await Stripe.webhooks.constructEventAsync(rawBody, signature, config.stripe.webhookSecret, undefined, cryptoProvider, now);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) return null;
    throw error;
  }
  // The signature covers the timestamp, so it is Stripe's own once the SDK has accepted it.
  if (!(signedAt(signature) <= Math.floor(now / 1000) + Stripe.webhooks.DEFAULT_TOLERANCE)) return null;
  return event;
}

/** The `t=` of a Stripe-Signature header in seconds, read as the SDK reads it (the last one wins). */
function signedAt(signature: string): number {
  let at = Number.NaN;
  for (const item of signature.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't') at = Number.parseInt(value ?? '', 10);
  }
  return at;
}

/** What Stripe says about the payment of one Checkout Session now, read fresh (never from an event). */
export interface PaymentState {
  paymentIntentId: string | null;
  paid: boolean;
  /** The payment was tried and failed (a bounced debit): nothing will come. */
  failed: boolean;
  /** Refunded so far over the payment's charges, in minor units. */
  refundedCents: number;
  /** What the payment's disputes hold back now: a won dispute or a mere inquiry holds nothing. */
  disputedCents: number;
}

/** Dispute states in which Stripe has not taken the money, or has given it back. */
const DISPUTE_HOLDS_NOTHING = new Set<Stripe.Dispute.Status>(['won', 'prevented', 'warning_needs_response', 'warning_under_review', 'warning_closed']);

export async function paymentState(stripe: Stripe, sessionId: string): Promise<PaymentState> {
  const session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent'] });
  const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
  const paymentIntentId = intent?.id ?? (typeof session.payment_intent === 'string' ? session.payment_intent : null);
  const paid = session.payment_status === 'paid';
  const failed = !paid && session.status === 'complete' && (intent?.status === 'requires_payment_method' || intent?.status === 'canceled');
  if (!paid || !paymentIntentId) return { paymentIntentId, paid, failed, refundedCents: 0, disputedCents: 0 };
  // A deposit has one successful charge and at most a dispute or two: one page of each is all.
  const [charges, disputes] = await Promise.all([
    stripe.charges.list({ payment_intent: paymentIntentId, limit: 100 }),
    stripe.disputes.list({ payment_intent: paymentIntentId, limit: 100 }),
  ]);
  return {
    paymentIntentId,
    paid,
    failed,
    refundedCents: charges.data.reduce((sum, charge) => sum + charge.amount_refunded, 0),
    disputedCents: disputes.data.reduce((sum, dispute) => sum + (DISPUTE_HOLDS_NOTHING.has(dispute.status) ? 0 : dispute.amount), 0),
  };
}

/** The Checkout Session that created a PaymentIntent, if any (a refund can arrive before the session's own event). */
export async function sessionOfPayment(stripe: Stripe, paymentIntentId: string): Promise<string | null> {
  const sessions = await stripe.checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
  return sessions.data[0]?.id ?? null;
}

export async function createExpressAccount(stripe: Stripe, accountId: number, email: string | null, country: string | undefined): Promise<Stripe.Account> {
  return stripe.accounts.create(
    {
      type: 'express',
      ...(email ? { email } : {}),
      ...(country ? { country } : {}),
      capabilities: { transfers: { requested: true } },
      metadata: { kudos_account_id: String(accountId) },
    },
    // One Express account per person, however often the button is pressed.
    { idempotencyKey: `connect-account:${accountId}` },
  );
}

export async function onboardingLink(stripe: Stripe, stripeAccountId: string, origin: string): Promise<string> {
  const link = await stripe.accountLinks.create({
    account: stripeAccountId,
    type: 'account_onboarding',
    refresh_url: `${origin}/payouts/connect/refresh`,
    return_url: `${origin}/payouts/connect/return`,
  });
  return link.url;
}

export async function retrieveAccount(stripe: Stripe, stripeAccountId: string): Promise<Stripe.Account> {
  return stripe.accounts.retrieve(stripeAccountId);
}

/** A Transfer to the person's Express account; `key` (the payout's ledger key) makes it happen once. */
export async function createTransfer(
  stripe: Stripe,
  transfer: { amountCents: number; currency: string; destination: string; key: string },
): Promise<Stripe.Transfer> {
  return stripe.transfers.create(
    { amount: transfer.amountCents, currency: transfer.currency.toLowerCase(), destination: transfer.destination, metadata: { kudos_payout: transfer.key } },
    { idempotencyKey: transfer.key },
  );
}

/** Stripe said no for good (a 4xx other than a conflict or rate limit): retrying cannot help. */
export function isFinalRefusal(error: unknown): error is Stripe.errors.StripeError {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  const status = error.statusCode ?? 0;
  return status >= 400 && status < 500 && status !== 409 && status !== 429;
}
