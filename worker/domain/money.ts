// Money is an integer number of the currency's minor unit (cents for EUR, yen for JPY, fils for
// KWD) in one currency. Floats never hold money here; every text in or out goes through the
// currency's own exponent (ISO 4217), so a JPY amount is never 100× off.

export type Currency = string;

export interface Money {
  /** Minor units of `currency` (the name stays `cents` for the API's `*_cents` fields). */
  readonly cents: number;
  readonly currency: Currency;
}

/** Largest amount accepted anywhere, in minor units: far from 2^53, so sums of many stay exact. */
export const MAX_CENTS = 100_000_000;

/** ISO 4217 currencies whose minor unit is not a hundredth; every other currency has two decimals. */
const EXPONENT_OF: Readonly<Record<Currency, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export class MoneyError extends Error {}

function checkCurrency(currency: Currency): Currency {
  if (!/^[A-Z]{3}$/.test(currency)) throw new MoneyError(`not an ISO 4217 currency: ${currency}`);
  return currency;
}

/** How many decimals the currency's minor unit has: 2 for EUR, 0 for JPY, 3 for KWD. */
export function exponentOf(currency: Currency): number {
  return EXPONENT_OF[checkCurrency(currency)] ?? 2;
}

export function money(cents: number, currency: Currency): Money {
  if (!Number.isSafeInteger(cents)) throw new MoneyError(`not a whole number of minor units: ${cents}`);
  return { cents, currency: checkCurrency(currency) };
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

/** `percent` of an amount, rounded half up to the minor unit (10% of 5.05 EUR is 0.51 EUR). */
export function percentOf(amount: Money, percent: number): Money {
  if (!(percent >= 0 && percent <= 100)) throw new MoneyError(`percent out of range: ${percent}`);
  // Integer arithmetic in hundredths of a percent avoids float error (e.g. 0.1 * 505).
  const basisPoints = Math.round(percent * 100);
  return money(Math.floor((amount.cents * basisPoints + 5_000) / 10_000), amount.currency);
}

/** "€4.50", "¥450", "KWD 4.500": text for people, with exactly the currency's decimals. */
export function formatMoney(amount: Money, locale = 'en'): string {
  const digits = exponentOf(amount.currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: amount.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amount.cents / 10 ** digits,
  );
}

/**
 * What a person typed ("5", "5.5", "5,50"; "500" for JPY; "1.250" for KWD) as Money, or null.
 * Parsed as text, never through a float, so "0.29" EUR is 29 cents and not 28.999…; more
 * decimals than the currency has are refused rather than rounded.
 */
export function parseMoney(text: string, currency: Currency): Money | null {
  const digits = exponentOf(currency);
  const match = /^\s*(\d{1,9})(?:[.,](\d+))?\s*$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return money(Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0'), currency);
}

/** The text an amount field starts with, which `parseMoney` reads back: 500 EUR cents → "5.00", 500 JPY → "500". */
export function moneyToInput(amount: Money): string {
  const digits = exponentOf(amount.currency);
  if (digits === 0) return String(amount.cents);
  const unit = 10 ** digits;
  return `${Math.floor(amount.cents / unit)}.${String(amount.cents % unit).padStart(digits, '0')}`;
}

/** The HTML `pattern` of an amount field in this currency (what `parseMoney` accepts). */
export function amountPattern(currency: Currency): string {
  const digits = exponentOf(currency);
  return digits === 0 ? '\\d{1,9}' : `\\d{1,9}([.,]\\d{1,${digits}})?`;
}
