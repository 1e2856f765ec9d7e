// The monthly split of one person's budget. Pure: the settlement run feeds it and books the result.
import { type Currency, type Money, min, money, percentOf, subtract } from './money';
import { type Month, monthIndex } from './month';

/** What a person gives for a month: their budget, or their balance when it is smaller. */
export function monthlyGift(budgetCents: number, balanceCents: number, currency: Currency): Money {
  return min(money(budgetCents, currency), money(Math.max(0, balanceCents), currency));
}

export interface SplitInput<Click> {
  /** What the person gives this month: `monthlyGift`. */
  amount: Money;
  feePercent: number;
  /** This month's clicks, in a stable order (the run sorts them by thing id). */
  clicks: readonly Click[];
  month: Month;
}

export type Split<Click> = { kind: 'shares'; fee: Money; shares: { click: Click; amount: Money }[] } | { kind: 'charity'; donation: Money };

/**
 * Splits `amount` among `clicks`: the platform fee is `feePercent` rounded half up to the cent;
 * the rest is shared equally, rounded down, and the leftover cents (fewer than the number of
 * clicks) go one each to consecutive clicks starting at position `monthIndex(month) mod n`, so
 * no click position always wins the odd cent. A month with no clicks gives everything, fee-free,
 * to charity. Whatever the inputs, fee + shares (or the donation) equal `amount` exactly.
 */
export function splitBudget<Click>({ amount, feePercent, clicks, month }: SplitInput<Click>): Split<Click> {
  if (amount.cents < 0) throw new RangeError(`negative amount: ${amount.cents}`);
  if (clicks.length === 0) return { kind: 'charity', donation: amount };

  const fee = percentOf(amount, feePercent);
  const rest = subtract(amount, fee).cents;
  const n = clicks.length;
  const base = Math.floor(rest / n);
  const leftover = rest - base * n;
  const start = monthIndex(month) % n;
  const shares = clicks.map((click, i) => {
    const getsExtraCent = (i - start + n) % n < leftover;
    return { click, amount: money(base + (getsExtraCent ? 1 : 0), amount.currency) };
  });
  return { kind: 'shares', fee, shares };
}
