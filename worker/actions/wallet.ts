// A person's money: budget, deposits and payouts, with their rules, for the API and the pages.
import { refuse } from '../domain/refusal';
import { formatMoney, money } from '../domain/money';
import { monthOf } from '../domain/month';
import type { Config } from '../env';
import { paymentProvider, recordDeposit } from '../payments/provider';
import { type Account, ensureSystemAccount, findAccountById, setMonthlyBudget } from '../store/accounts';
import type { Db } from '../store/db';
import { requestPayout } from '../store/ledger';

export const PAYOUTS_HANDLE = 'system:payouts';

/** Sets the monthly budget: 0 (not giving) or at least the configured minimum. */
export async function setBudget(db: Db, config: Config, account: Account, cents: number, now = Date.now()): Promise<void> {
  if (cents !== 0 && cents < config.minBudgetCents) {
    const minimum = formatMoney(money(config.minBudgetCents, config.currency));
    throw refuse('out_of_range', `The monthly budget is at least ${minimum} (or 0 to stop giving).`);
  }
  await setMonthlyBudget(db, account.id, cents, monthOf(now));
}

export type AddFunds = { status: 'completed'; provider: string; balanceCents: number } | { status: 'redirect'; url: string };

/** Starts a deposit with the configured provider and books it at once when the provider says paid. */
export async function addFunds(db: Db, config: Config, account: Account, amountCents: number, now = Date.now()): Promise<AddFunds> {
  const provider = paymentProvider(config.paymentProvider);
  const start = await provider.startDeposit({ accountId: account.id, amountCents, currency: config.currency });
  if (start.status === 'redirect') return { status: 'redirect', url: start.url };
  await recordDeposit(db, provider.name, start.reference, account.id, amountCents, monthOf(now));
  return { status: 'completed', provider: provider.name, balanceCents: (await findAccountById(db, account.id))!.balanceCents };
}

/** Moves `amountCents` of the balance into a pending payout; 422 when the balance is short. */
export async function withdraw(db: Db, account: Account, amountCents: number, now = Date.now()): Promise<void> {
  const refusal = () => refuse('insufficient_balance', 'The payout is larger than your balance.');
  if (amountCents > account.balanceCents) throw refusal();
  const payoutsAccount = await ensureSystemAccount(db, PAYOUTS_HANDLE);
  try {
    await requestPayout(db, account.id, payoutsAccount.id, amountCents, monthOf(now));
  } catch (error) {
    // Two payouts raced and together exceeded the balance: the balance CHECK refused this one.
    if (/CHECK constraint failed/.test(String(error))) throw refusal();
    throw error;
  }
}
