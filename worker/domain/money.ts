// Money is an integer number of cents in one currency. Floats never hold money here.

export type Currency = string;

export interface Money {
  readonly cents: number;
  readonly currency: Currency;
}

/** Largest amount accepted anywhere (1,000,000.00): far from 2^53, so sums of many stay exact. */
export const MAX_CENTS = 100_000_000;

export class MoneyError extends Error {}

export function money(cents: number, currency: Currency): Money {
  if (!Number.isSafeInteger(cents)) throw new MoneyError(`not a whole number of cents: ${cents}`);
  if (!/^[A-Z]{3}$/.test(currency)) throw new MoneyError(`not an ISO 4217 currency: ${currency}`);
  return { cents, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new MoneyError(`cannot mix ${a.currency} and ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.cents + b.cents, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.cents - b.cents, a.currency);
}

export function min(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return a.cents <= b.cents ? a : b;
}

/** `percent` of an amount, rounded half up to the cent (10% of 5.05 is 0.51). */
export function percentOf(amount: Money, percent: number): Money {
  if (!(percent >= 0 && percent <= 100)) throw new MoneyError(`percent out of range: ${percent}`);
  // Integer arithmetic in hundredths of a percent avoids float error (e.g. 0.1 * 505).
  const basisPoints = Math.round(percent * 100);
  return money(Math.floor((amount.cents * basisPoints + 5_000) / 10_000), amount.currency);
}

/** "4.50 EUR"-style text for people; the API always speaks cents. */
export function formatMoney(amount: Money, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: amount.currency }).format(amount.cents / 100);
}
