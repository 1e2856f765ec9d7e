// What a verified Stripe event means for the books. Each event books at most once whatever
// how often or concurrently Stripe delivers it: every booking is keyed by Stripe's own ids.
import { monthOf } from '../domain/month';
import type { Config } from '../env';
import { providerHandle, recordDeposit, recordReversal } from '../payments/provider';
import type { Stripe } from '../payments/stripe';
import { ensureSystemAccount } from '../store/accounts';
import type { Db } from '../store/db';
import { depositByPaymentIntent, depositBySession, markDeposit, reversedBy, reversedSoFar, type StripeDeposit } from '../store/payments';
import { runBatch } from '../store/ledger';

export type EventOutcome = 'booked' | 'already_booked' | 'ignored';

export async function handleStripeEvent(db: Db, _config: Config, event: Stripe.Event, now = Date.now()): Promise<EventOutcome> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      // A SEPA debit completes the session unpaid; its async_payment_succeeded event pays it.
      if (session.payment_status !== 'paid') return 'ignored';
      return creditSession(db, session, now);
    }
    case 'checkout.session.async_payment_failed': {
      const session = event.data.object;
      if (!(await depositBySession(db, session.id))) return 'ignored';
      await runBatch(db, [markDeposit(session.id, 'failed', idOf(session.payment_intent))]);
      return 'booked';
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const deposit = await depositOfPayment(db, idOf(charge.payment_intent));
      if (!deposit) return 'ignored';
      // amount_refunded is cumulative and the event names the earlier total, so each refund's
      // part (up to the deposit) follows from the event alone: no read that a concurrent
      // delivery of another refund could race. Keyed by the new total.
      const before = Math.min(event.data.previous_attributes?.amount_refunded ?? 0, deposit.amountCents);
      const part = Math.min(charge.amount_refunded, deposit.amountCents) - before;
      if (part <= 0) return 'ignored';
      return recordReversal(
        db,
        'stripe',
        `reversal:stripe:${deposit.paymentIntentId}:refund:${charge.id}:${charge.amount_refunded}`,
        deposit.accountId,
        part,
        monthOf(now),
      );
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      // Stripe takes a disputed amount when the dispute opens and gives it back if it is won.
      const deposit = await depositOfPayment(db, idOf(dispute.payment_intent));
      if (!deposit) return 'ignored';
      if (event.type === 'charge.dispute.closed' && dispute.status === 'won') return creditDisputeWon(db, deposit, dispute.id, now);
      if (event.type === 'charge.dispute.closed' && dispute.status !== 'lost') return 'ignored';
      // Keyed by the dispute: its created and closed events take the amount back once.
      return reverseUpTo(db, deposit, (already) => Math.min(deposit.amountCents, already + dispute.amount), `dispute:${dispute.id}`, now);
    }
    default:
      return 'ignored';
  }
}

async function creditSession(db: Db, session: Stripe.Checkout.Session, now: number): Promise<EventOutcome> {
  const deposit = await depositBySession(db, session.id);
  // Only sessions this Kudos started credit anything, and only the amount it asked for.
  if (!deposit) return 'ignored';
  return recordDeposit(db, 'stripe', session.id, deposit.accountId, deposit.amountCents, monthOf(now), [
    markDeposit(session.id, 'paid', idOf(session.payment_intent)),
  ]);
}

/** Books a reversal so that this payment's reversals reach `target(already reversed)` cents in total. */
async function reverseUpTo(db: Db, deposit: StripeDeposit, target: (already: number) => number, reason: string, now: number): Promise<EventOutcome> {
  const provider = await ensureSystemAccount(db, providerHandle('stripe'));
  // Reversal legs credit the provider's account, so their sum there is what was taken back.
  const already = await reversedSoFar(db, provider.id, deposit.paymentIntentId!);
  const amount = target(already) - already;
  if (amount <= 0) return 'already_booked';
  return recordReversal(db, 'stripe', `reversal:stripe:${deposit.paymentIntentId}:${reason}`, deposit.accountId, amount, monthOf(now));
}

/** A won dispute returns what its reversal took, as a deposit (which repays a debt first). */
async function creditDisputeWon(db: Db, deposit: StripeDeposit, disputeId: string, now: number): Promise<EventOutcome> {
  const provider = await ensureSystemAccount(db, providerHandle('stripe'));
  const taken = await reversedBy(db, provider.id, `reversal:stripe:${deposit.paymentIntentId}:dispute:${disputeId}`);
  if (taken <= 0) return 'ignored';
  return recordDeposit(db, 'stripe', `dispute-won:${disputeId}`, deposit.accountId, taken, monthOf(now));
}

async function depositOfPayment(db: Db, paymentIntentId: string | null): Promise<StripeDeposit | undefined> {
  if (!paymentIntentId) return undefined;
  const deposit = await depositByPaymentIntent(db, paymentIntentId);
  // Nothing to take back from a deposit that was never credited.
  return deposit?.status === 'paid' ? deposit : undefined;
}

function idOf(ref: string | { id: string } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === 'string' ? ref : ref.id;
}
