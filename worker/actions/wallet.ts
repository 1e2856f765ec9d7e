// A person's money: budget, deposits and payouts, with their rules, for the API and the pages.
import { announcePayoutHook } from './webhooks';
import { sql } from 'drizzle-orm';
import { cardCost } from '../domain/fees';
import { formatMoney, money } from '../domain/money';
import { monthOf } from '../domain/month';
import { refuse } from '../domain/refusal';
import type { Config } from '../env';
import { chooseProvider, recordDeposit } from '../payments/provider';
import { createCheckoutSession, createExpressAccount, createTransfer, isFinalRefusal, onboardingLink, retrieveAccount, stripeClient } from '../payments/stripe';
import { type Account, ensureSystemAccount, findAccountById, setMonthlyBudget } from '../store/accounts';
import { type Db, isUniqueViolation } from '../store/db';
import { bookingStatements, runBatch } from '../store/ledger';
import { announcePayout } from './money-messages';
import {
  markPayoutFailed,
  markPayoutPaid,
  payoutAccountOf,
  payoutByKey,
  type PayoutRow,
  pendingPayouts,
  recordCheckoutSession,
  savePayoutAccount,
} from '../store/payments';
import { notBooked, unreservedBalance } from '../store/pledges';

const PAYOUTS_HANDLE = 'system:payouts';

/** Sets the monthly budget: 0 (not giving) or at least the configured minimum. */
export async function setBudget(db: Db, config: Config, account: Account, cents: number, now = Date.now()): Promise<void> {
  if (cents !== 0 && cents < config.minBudgetCents) {
    const minimum = formatMoney(money(config.minBudgetCents, config.currency));
    throw refuse('out_of_range', `The monthly budget is at least ${minimum} (or 0 to stop giving).`);
  }
  await setMonthlyBudget(db, account.id, cents, monthOf(now));
}

export type AddFunds = { status: 'completed'; provider: string; balanceCents: number } | { status: 'redirect'; url: string };

/**
 * Starts a deposit. The dev provider (local machines only) books it at once; Stripe opens a
 * Checkout Session, and only its signed webhook credits the balance (actions/stripe-events.ts).
 * `key` (the request's Idempotency-Key) makes a retried request reuse the same session.
 */
export async function addFunds(db: Db, config: Config, account: Account, amountCents: number, now = Date.now(), key?: string): Promise<AddFunds> {
  // One rule for every provider: card costs have a fixed part, so tiny card deposits are
  // refused, and the free dev provider keeps the same minimum so that trying Kudos locally
  // shows what production does (the dashboard says "at least", whichever provider runs).
  if (amountCents < config.minDepositCents) {
    throw refuse('out_of_range', `A deposit is at least ${formatMoney(money(config.minDepositCents, config.currency))}.`);
  }
  const provider = chooseProvider(config);
  if (provider === 'dev') {
    await recordDeposit(db, 'dev', key ? `${account.id}:${key}` : crypto.randomUUID(), account.id, amountCents, monthOf(now));
    return { status: 'completed', provider, balanceCents: (await findAccountById(db, account.id))!.balanceCents };
  }
  const session = await createCheckoutSession(stripeClient(config), {
    accountId: account.id,
    email: account.email,
    amountCents,
    cardCostCents: cardCost(money(amountCents, config.currency), config.cardFee).cents,
    currency: config.currency,
    origin: config.origin,
    idempotencyKey: `deposit:${account.id}:${key ?? crypto.randomUUID()}`,
  });
  await recordCheckoutSession(db, { sessionId: session.id, accountId: account.id, amountCents, currency: config.currency });
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no url`);
  return { status: 'redirect', url: session.url };
}

export interface PayoutAnswer {
  id: number;
  status: 'pending' | 'paid' | 'failed';
  amountCents: number;
  balanceCents: number;
}

/**
 * Moves `amountCents` of the balance into a payout and, with Stripe, transfers it to the
 * person's Express account. Only the unreserved balance may leave: what this month's kudos
 * promised stays. `key` (the request's Idempotency-Key) makes the payout's ledger key, which is
 * also Stripe's idempotency key for the Transfer, so a retried request books and pays once.
 */
export async function withdraw(db: Db, config: Config, account: Account, amountCents: number, now = Date.now(), key?: string): Promise<PayoutAnswer> {
  // Money leaves only for someone whose address is proven: a stolen session alone must not do it unseen.
  if (!account.emailVerifiedAt) throw refuse('email_unverified', 'Confirm your email address first: open the link we sent (Settings sends it again).');
  const provider = chooseProvider(config);
  let destination = provider === 'stripe' ? await payoutAccountOf(db, account.id) : undefined;
  if (provider === 'stripe') {
    // Stripe may have finished checking the account since the person came back from onboarding.
    if (destination && !destination.payoutsEnabled && (await refreshPayoutAccount(db, config, account))?.payoutsEnabled) {
      destination = await payoutAccountOf(db, account.id);
    }
    if (!destination?.payoutsEnabled) throw refuse('no_payout_account', 'Set up payouts (your Stripe account) on the dashboard first.');
  }
  // The same minimum whichever provider runs (a transfer costs the same for a small amount).
  if (amountCents < config.minPayoutCents) {
    throw refuse('out_of_range', `A payout is at least ${formatMoney(money(config.minPayoutCents, config.currency))}.`);
  }
  // Only the unreserved balance may leave: what a month's first kudos pledged stays for that
  // month's settlement. 422 insufficient_balance when the balance is short, balance_reserved
  // when pledges hold the rest.
  const short = () => refuse('insufficient_balance', 'The payout is larger than your balance.');
  const reserved = () =>
    refuse(
      'balance_reserved',
      'Part of your balance is reserved for the kudos you gave this month (it goes to creators when the month is settled); pay out at most your unreserved balance.',
    );
  if (amountCents > account.balanceCents) throw short();
  if (amountCents > (await unreservedBalance(db, account.id))) throw reserved();
  const payoutsAccount = await ensureSystemAccount(db, PAYOUTS_HANDLE);
  const payoutKey = `payout:${account.id}:${key ?? crypto.randomUUID()}`;
  try {
    await runBatch(db, [
      ...bookingStatements([
        {
          key: payoutKey,
          kind: 'payout',
          month: monthOf(now),
          legs: [
            { accountId: account.id, kind: 'payout', amountCents: -amountCents, counterpartyId: payoutsAccount.id },
            { accountId: payoutsAccount.id, kind: 'payout', amountCents, counterpartyId: account.id },
          ],
        },
      ]),
      // Inside the same batch: if a click reserved money meanwhile, the amount becomes 0 and the
      // payout_positive CHECK undoes the whole batch, so a payout never takes promised money.
      // The batch runs alone, after the booking's balance update: a.balance_cents here is the
      // balance right after this payout, whatever other payouts run at the same moment.
      sql`INSERT INTO payouts (account_id, amount_cents, transaction_id, balance_after_cents)
          SELECT ${account.id},
                 CASE WHEN a.balance_cents - coalesce((SELECT sum(reserved_cents) FROM month_pledges
                        WHERE account_id = ${account.id} AND settled_at IS NULL AND ${notBooked}), 0) >= 0 THEN ${amountCents} ELSE 0 END,
                 (SELECT id FROM ledger_transactions WHERE key = ${payoutKey}),
                 a.balance_cents
          FROM accounts a WHERE a.id = ${account.id}`,
    ]);
  } catch (error) {
    // Booked before under this key: a retry; carry on to make sure the transfer happened.
    if (!isUniqueViolation(error)) {
      // A click reserved money meanwhile: the guard above made the amount 0.
      if (/CHECK constraint failed: payout_positive/.test(String(error))) throw reserved();
      // Two payouts raced and together exceeded the balance: a CHECK refused this one.
      if (/CHECK constraint failed/.test(String(error))) throw short();
      throw error;
    }
  }
  const payout = (await payoutByKey(db, payoutKey))!;
  if (provider === 'stripe') await completePayout(db, config, payout, destination!.stripeAccountId);
  return answerFor(db, payoutKey);
}

/**
 * The payout as the API answers it, with the balance right after its own booking (plus the
 * amount again when the provider refused it and the booking returned it), not the balance read
 * now, which other payouts or deposits may have moved since.
 */
async function answerFor(db: Db, payoutKey: string): Promise<PayoutAnswer> {
  const payout = (await payoutByKey(db, payoutKey))!;
  const balanceCents =
    payout.balanceAfterCents === null
      ? (await findAccountById(db, payout.accountId))!.balanceCents
      : payout.balanceAfterCents + (payout.status === 'failed' ? payout.amountCents : 0);
  return { id: payout.id, status: payout.status, amountCents: payout.amountCents, balanceCents };
}

/**
 * Sends a pending payout's Transfer (Stripe's idempotency key is the payout's ledger key, so
 * calling this again never pays twice). A final refusal marks the payout failed and returns the
 * money to the balance in one balanced booking; a network failure leaves it pending for a retry.
 */
async function completePayout(db: Db, config: Config, payout: PayoutRow, destination: string): Promise<void> {
  if (payout.status !== 'pending') return;
  try {
    const transfer = await createTransfer(stripeClient(config), { amountCents: payout.amountCents, currency: config.currency, destination, key: payout.key });
    await markPayoutPaid(db, payout.id, transfer.id);
    await announcePayout(db, config, payout, { status: 'paid' });
    await announcePayoutHook(db, config, payout, { status: 'paid' });
  } catch (error) {
    if (!isFinalRefusal(error)) {
      console.error(`payout ${payout.key} stays pending:`, error);
      return;
    }
    const payoutsAccount = await ensureSystemAccount(db, PAYOUTS_HANDLE);
    try {
      await runBatch(db, [
        markPayoutFailed(payout.id, error.message),
        ...bookingStatements([
          {
            key: `payout-returned:${payout.key}`,
            kind: 'payout',
            month: monthOf(Date.now()),
            legs: [
              { accountId: payoutsAccount.id, kind: 'payout', amountCents: -payout.amountCents, counterpartyId: payout.accountId },
              { accountId: payout.accountId, kind: 'payout', amountCents: payout.amountCents, counterpartyId: payoutsAccount.id },
            ],
          },
        ]),
      ]);
    } catch (bookingError) {
      if (!isUniqueViolation(bookingError)) throw bookingError;
    }
    await announcePayout(db, config, payout, { status: 'failed', reason: error.message });
    await announcePayoutHook(db, config, payout, { status: 'failed', reason: error.message });
  }
}

/**
 * Sends the Transfers of payouts still pending (Stripe was unreachable when they were booked).
 * Safe to run any time and concurrently: each Transfer carries its payout's idempotency key.
 */
export async function retryPendingPayouts(db: Db, config: Config): Promise<{ tried: number; pending: number }> {
  if (chooseProvider(config) !== 'stripe') return { tried: 0, pending: 0 };
  const waiting = await pendingPayouts(db);
  for (const payout of waiting) {
    const destination = await payoutAccountOf(db, payout.accountId);
    if (destination) await completePayout(db, config, payout, destination.stripeAccountId);
  }
  return { tried: waiting.length, pending: (await pendingPayouts(db)).length };
}

/** Finishes the payout an earlier request with this Idempotency-Key started, if it is still pending. */
export async function completePayoutOfKey(db: Db, config: Config, account: Account, key: string): Promise<void> {
  if (chooseProvider(config) !== 'stripe') return;
  const payout = await payoutByKey(db, `payout:${account.id}:${key}`);
  const destination = await payoutAccountOf(db, account.id);
  if (payout && destination) await completePayout(db, config, payout, destination.stripeAccountId);
}

/** The Stripe onboarding page for the person's Express account (created on first use). */
export async function payoutOnboardingUrl(db: Db, config: Config, account: Account): Promise<string> {
  if (chooseProvider(config) !== 'stripe') throw refuse('payments_unavailable', 'Payout accounts need the Stripe provider.');
  const stripe = stripeClient(config);
  let destination = await payoutAccountOf(db, account.id);
  if (!destination) {
    const created = await createExpressAccount(stripe, account.id, account.email, undefined);
    await savePayoutAccount(db, {
      accountId: account.id,
      stripeAccountId: created.id,
      detailsSubmitted: created.details_submitted ?? false,
      payoutsEnabled: created.payouts_enabled ?? false,
    });
    destination = (await payoutAccountOf(db, account.id))!;
  }
  return onboardingLink(stripe, destination.stripeAccountId, config.origin);
}

/** After onboarding: asks Stripe whether the account may receive payouts now, and remembers it. */
export async function refreshPayoutAccount(db: Db, config: Config, account: Account): Promise<{ detailsSubmitted: boolean; payoutsEnabled: boolean } | null> {
  const destination = await payoutAccountOf(db, account.id);
  if (!destination) return null;
  const remote = await retrieveAccount(stripeClient(config), destination.stripeAccountId);
  const state = { detailsSubmitted: remote.details_submitted ?? false, payoutsEnabled: remote.payouts_enabled ?? false };
  await savePayoutAccount(db, { accountId: account.id, stripeAccountId: destination.stripeAccountId, ...state });
  return state;
}
