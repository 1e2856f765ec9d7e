// Ledger movements in words: each transaction that touched a person's balance becomes one
// sentence ("1 Nov: your October gave €0.45 to each of 10 things, €0.50 fee."). Pure: the
// store reads the rows, the dashboard and the CSV print what this makes of them.
import { formatMoney, money } from './money';
import { addMonths, type Month } from './month';

/** One transaction as seen from one account: its own legs summed, and what the sentence needs. */
export interface Movement {
  transactionId: number;
  /** deposit, settlement, payout (and kinds other branches add: the sentence falls back to plain words). */
  transactionKind: string;
  /** The month the transaction books for (a settlement's is the month given in). */
  month: Month | null;
  at: number;
  /** Sum of this account's legs: what the balance moved by. */
  amountCents: number;
  /** This account's legs by kind, summed (budget, fee, share, deposit, payout, …). */
  legs: Record<string, number>;
  /** Who was on the other side: the giver of a share, charity for a month without kudos. */
  counterparty: string | null;
  /** The giver's settlement: how many things it shared among, and the smallest and largest share. */
  sharesCount: number;
  shareMinCents: number;
  shareMaxCents: number;
  /** A received share: which of this account's things (the first, with how many in all). */
  thingTitle: string | null;
  thingsCount: number;
}

/** How movements are said in one language (the site's dictionaries provide en, de and sv). */
export interface MovementWords {
  months: readonly string[];
  shortMonths: readonly string[];
  added: (when: string, amount: string) => string;
  payout: (when: string, amount: string) => string;
  charity: (when: string, month: string, amount: string) => string;
  gave: (when: string, month: string, each: string, things: number, fee: string) => string;
  either: (low: string, high: string) => string;
  received: (when: string, giver: string | null, month: string, title: string | null, things: number, amount: string) => string;
  /** Kudos held while a thing waited for its owner, paid on claiming it. */
  released: (when: string, amount: string) => string;
  /** Held kudos of a thing nobody claimed, given back to the giver. */
  returned: (when: string, amount: string) => string;
  /** A refund or dispute taking a deposit back. */
  reversed: (when: string, amount: string) => string;
  other: (when: string, amount: string, incoming: boolean, kind: string) => string;
}

export const ENGLISH_MOVEMENTS: MovementWords = {
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  added: (when, amount) => `${when}: you added ${amount} to your balance.`,
  payout: (when, amount) => `${when}: you asked for a payout of ${amount}.`,
  charity: (when, month, amount) => `${when}: you gave no kudos in ${month}, so its ${amount} went to charity.`,
  gave: (when, month, each, things, fee) =>
    `${when}: your ${month} gave ${each} to ${things === 1 ? 'the one thing you gave kudos to' : `each of ${things} things`}, ${fee} fee.`,
  either: (low, high) => `${low} or ${high}`,
  received: (when, giver, month, title, things, amount) =>
    `${when}: ${giver ? `@${giver}'s` : 'a'} ${month} gave ${things > 1 ? `${things} of your things` : `"${title ?? 'your thing'}"`} ${amount}.`,
  released: (when, amount) => `${when}: you claimed a page, and the ${amount} of kudos held for it came to you.`,
  returned: (when, amount) => `${when}: ${amount} of your kudos to a page nobody claimed came back to you.`,
  reversed: (when, amount) => `${when}: a refund or dispute took ${amount} of a deposit back.`,
  other: (when, amount, incoming, kind) => `${when}: ${amount} ${incoming ? 'came in' : 'went out'} (${kind}).`,
};

export function monthName(month: Month, words: MovementWords = ENGLISH_MOVEMENTS): string {
  return words.months[Number(month.slice(5, 7)) - 1] ?? month;
}

/** "1 Nov" (UTC). */
function shortDate(ms: number, words: MovementWords = ENGLISH_MOVEMENTS): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${words.shortMonths[d.getUTCMonth()]}`;
}

/** The 1st of the month after `month`, when `month` is settled: "1 Dec 2026". */
export function settlesOn(month: Month, words: MovementWords = ENGLISH_MOVEMENTS): string {
  const next = addMonths(month, 1);
  return `1 ${words.shortMonths[Number(next.slice(5, 7)) - 1]} ${next.slice(0, 4)}`;
}

export function describeMovement(m: Movement, currency: string, charityHandle: string, words: MovementWords = ENGLISH_MOVEMENTS): string {
  const eur = (cents: number) => formatMoney(money(cents, currency));
  const when = shortDate(m.at, words);
  const whose = m.month ? monthName(m.month, words) : '';
  const fee = -(m.legs.fee ?? 0);
  const budget = -(m.legs.budget ?? 0);
  const charity = -(m.legs.charity ?? 0);
  if (m.transactionKind === 'deposit' && m.amountCents > 0) return words.added(when, eur(m.amountCents));
  if (m.transactionKind === 'payout') return words.payout(when, eur(-m.amountCents));
  if (m.transactionKind === 'settlement' && (budget > 0 || charity > 0) && (m.counterparty === charityHandle || m.sharesCount === 0)) {
    return words.charity(when, whose, eur(budget + charity + fee));
  }
  if (m.transactionKind === 'settlement' && budget > 0) {
    const each = m.shareMinCents === m.shareMaxCents ? eur(m.shareMinCents) : words.either(eur(m.shareMinCents), eur(m.shareMaxCents));
    return words.gave(when, whose, each, m.sharesCount, eur(fee));
  }
  if (m.transactionKind === 'settlement' && (m.legs.share ?? 0) > 0) {
    return words.received(when, m.counterparty, whose, m.thingTitle, m.thingsCount, eur(m.legs.share!));
  }
  if (m.transactionKind === 'release' && m.amountCents > 0) return words.released(when, eur(m.amountCents));
  if (m.transactionKind === 'return' && m.amountCents > 0) return words.returned(when, eur(m.amountCents));
  if (m.transactionKind === 'reversal' && m.amountCents < 0) return words.reversed(when, eur(-m.amountCents));
  return words.other(when, eur(Math.abs(m.amountCents)), m.amountCents >= 0, m.transactionKind);
}

/** Text a spreadsheet would run as a formula is defused with a leading quote. */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function movementsCsv(movements: readonly Movement[], currency: string, charityHandle: string): string {
  const lines = ['date,month,kind,amount_cents,currency,description'];
  for (const m of movements) {
    const date = new Date(m.at).toISOString().slice(0, 10);
    lines.push([date, m.month ?? '', m.transactionKind, m.amountCents, currency, describeMovement(m, currency, charityHandle)].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface MonthSummary {
  month: Month;
  givenCents: number;
  receivedCents: number;
}

/** Past months from a person's ledger entries, newest first: what each gave (budget legs and the fee paid on them) and received. */
export function monthSummaries(entries: readonly { kind: string; amountCents: number; month: Month | null }[]): MonthSummary[] {
  const months = new Map<Month, MonthSummary>();
  for (const e of entries) {
    if (!e.month || (e.kind !== 'budget' && e.kind !== 'fee' && e.kind !== 'share')) continue;
    const summary = months.get(e.month) ?? { month: e.month, givenCents: 0, receivedCents: 0 };
    if (e.kind === 'budget' || e.kind === 'fee') summary.givenCents -= e.amountCents;
    else summary.receivedCents += e.amountCents;
    months.set(e.month, summary);
  }
  return [...months.values()].sort((a, b) => (a.month < b.month ? 1 : -1));
}
