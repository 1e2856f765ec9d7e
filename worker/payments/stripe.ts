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
}

/** One Checkout Session per deposit: the deposit and the card cost as two lines. */
export async function createCheckoutSession(stripe: Stripe, request: CheckoutRequest): Promise<Stripe.Checkout.Session> {
  const currency = request.currency.toLowerCase();
  const metadata = { kudos_account_id: String(request.accountId), kudos_amount_cents: String(request.amountCents) };
  return stripe.checkout.sessions.create(
    {
      mode: 'payment',
      client_reference_id: String(request.accountId),
      ...(request.email ? { customer_email: request.email } : {}),
      line_items: [
        { quantity: 1, price_data: { currency, unit_amount: request.amountCents, product_data: { name: 'Kudos deposit' } } },
        ...(request.cardCostCents > 0
          ? [{ quantity: 1, price_data: { currency, unit_amount: request.cardCostCents, product_data: { name: 'Card cost' } } }]
          : []),
      ],
      metadata,
      // Charges, refunds and disputes carry the payment intent's metadata, so they name the person.
      payment_intent_data: { metadata },
      // The return page only says "on its way": the webhook alone credits the balance.
      success_url: `${request.origin}/deposits/return?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${request.origin}/dashboard`,
    },
    { idempotencyKey: request.idempotencyKey },
  );
}

/**
 * The event in a webhook, or null when its signature does not verify against the raw body
 * (forged, unsigned, altered or older than the SDK's five-minute tolerance).
 */
export async function verifiedEvent(config: Config, rawBody: string, signature: string | undefined): Promise<Stripe.Event | null> {
  if (!signature || !config.stripe.webhookSecret) return null;
  try {
    return await Stripe.webhooks.constructEventAsync(rawBody, signature, config.stripe.webhookSecret, undefined, cryptoProvider);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) return null;
    throw error;
  }
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
