// What a verified Stripe event means for the books. Stripe promises no order: events come late,
// twice, at the same moment, and each carries its object as it was when it was sent. So an event
// here only says WHICH deposit changed. Its handler reads what that deposit is worth now from
// Stripe itself and books the difference to what the ledger already holds for it, under the
// deposit's version: whatever the order or concurrency, the books end where Stripe is.
import { monthOf } from '../domain/month';
import type { Config } from '../env';
import { bookOnce, depositStatements, reversalStatements } from '../payments/provider';
import { type PaymentState, paymentState, type Stripe, sessionOfPayment, stripeClient } from '../payments/stripe';
import type { Db } from '../store/db';
import { giftPaid } from './gifts';
import * as payments from '../store/payments';

export type EventOutcome = 'booked' | 'already_booked' | 'ignored';

/** Bookings of one deposit racing each other retry with fresh reads; this many is plenty. */
const MAX_ATTEMPTS = 5;

export async function handleStripeEvent(db: Db, config: Config, event: Stripe.Event, now = Date.now()): Promise<EventOutcome> {
  const about = paymentNamedBy(event);
  if (!about) return 'ignored';
  const stripe = stripeClient(config);
  const sessionId = 'sessionId' in about ? about.sessionId : await sessionOf(db, stripe, about.paymentIntentId);
  if (!sessionId) return 'ignored';
  const outcome = await bookStripeState(db, stripe, sessionId, now);
  // A gift's payment booked: its giver is thanked (once), with the link to their account.
  if (outcome === 'booked') await giftPaid(db, config, sessionId);
  return outcome;
}

/** The payment an event is about: a Checkout Session, or the PaymentIntent of a charge, refund or dispute. */
function paymentNamedBy(event: Stripe.Event): { sessionId: string } | { paymentIntentId: string } | null {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
      return { sessionId: event.data.object.id };
    case 'charge.refunded':
    case 'charge.refund.updated':
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.closed':
    case 'charge.dispute.funds_withdrawn':
    case 'charge.dispute.funds_reinstated': {
      const paymentIntentId = idOf(event.data.object.payment_intent);
      return paymentIntentId ? { paymentIntentId } : null;
    }
    default:
      return null;
  }
}

/** Our record first; Stripe when the refund or dispute came before the session's own event. */
async function sessionOf(db: Db, stripe: Stripe, paymentIntentId: string): Promise<string | null> {
  const known = await payments.depositByPaymentIntent(db, paymentIntentId);
  return known?.sessionId ?? (await sessionOfPayment(stripe, paymentIntentId));
}

/**
 * Books what a deposit is worth by Stripe now, less what the ledger holds for it. The deposit's
 * version is read BEFORE Stripe is asked, and the booking's key names the next version: if
 * another delivery booked in between (perhaps from an older read of Stripe), ours fails on the
 * key, and we read both again. So the last booking always rests on a read made after the one
 * before it, and no two handlers book the same change.
 */
async function bookStripeState(db: Db, stripe: Stripe, sessionId: string, now: number): Promise<EventOutcome> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const deposit = await payments.depositBySession(db, sessionId);
    // Only sessions this Kudos started book anything, and only the amount it asked for.
    if (!deposit) return 'ignored';
    const state = await paymentState(stripe, sessionId);
    const worth = depositWorth(deposit.amountCents, state);
    const status = state.paid ? 'paid' : state.failed ? 'failed' : 'open';
    const change = worth - deposit.bookedCents;
    if (change === 0) {
      if (status !== deposit.status || (state.paymentIntentId && state.paymentIntentId !== deposit.paymentIntentId)) {
        await payments.noteDepositState(db, deposit, status, state.paymentIntentId);
      }
      return deposit.version > 0 ? 'already_booked' : 'ignored';
    }
    const version = deposit.version + 1;
    const key = `stripe-deposit:${sessionId}:${version}`;
    const month = monthOf(now);
    const booking =
      change > 0
        ? await depositStatements(db, 'stripe', key, deposit.accountId, change, month)
        : await reversalStatements(db, 'stripe', key, deposit.accountId, -change, month);
    const next = { status, paymentIntentId: state.paymentIntentId, bookedCents: worth, version } as const;
    if ((await bookOnce(db, [...booking, payments.depositBooked(sessionId, next)])) === 'booked') return 'booked';
  }
  // Answered 500: Stripe delivers the event again later.
  throw new Error(`Stripe deposit ${sessionId}: still contended after ${MAX_ATTEMPTS} attempts`);
}

/**
 * What a deposit is worth by Stripe's account: nothing until paid, then the amount Kudos asked
 * for, less what refunds and disputes hold back (a refund and a dispute of the same money take
 * it once: never more than the deposit). A won dispute holds nothing, so its money comes back.
 */
function depositWorth(amountCents: number, state: PaymentState): number {
  if (!state.paid) return 0;
  return amountCents - Math.min(amountCents, state.refundedCents + state.disputedCents);
}

function idOf(ref: string | { id: string } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === 'string' ? ref : ref.id;
}
