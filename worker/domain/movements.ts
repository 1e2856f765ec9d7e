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

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: Month): string {
  return MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month;
}

/** "1 Nov" (UTC). */
export function shortDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]!.slice(0, 3)}`;
}

/** The 1st of the month after `month`, when `month` is settled: "1 Dec 2026". */
export function settlesOn(month: Month): string {
  const next = addMonths(month, 1);
  return `1 ${MONTH_NAMES[Number(next.slice(5, 7)) - 1]!.slice(0, 3)} ${next.slice(0, 4)}`;
}

export function describeMovement(m: Movement, currency: string, charityHandle: string): string {
  const eur = (cents: number) => formatMoney(money(cents, currency));
  const when = shortDate(m.at);
  const whose = m.month ? monthName(m.month) : 'month';
  const fee = -(m.legs.fee ?? 0);
  const budget = -(m.legs.budget ?? 0);
  const charity = -(m.legs.charity ?? 0);
  if (m.transactionKind === 'deposit' && m.amountCents > 0) return `${when}: you added ${eur(m.amountCents)} to your balance.`;
  if (m.transactionKind === 'payout') return `${when}: you asked for a payout of ${eur(-m.amountCents)}.`;
  if (m.transactionKind === 'settlement' && (budget > 0 || charity > 0) && (m.counterparty === charityHandle || m.sharesCount === 0)) {
    return `${when}: you gave no kudos in ${whose}, so its ${eur(budget + charity + fee)} went to charity.`;
  }
  if (m.transactionKind === 'settlement' && budget > 0) {
    const each = m.shareMinCents === m.shareMaxCents ? eur(m.shareMinCents) : `${eur(m.shareMinCents)} or ${eur(m.shareMaxCents)}`;
    const things = m.sharesCount === 1 ? 'the one thing you gave kudos to' : `each of ${m.sharesCount} things`;
    return `${when}: your ${whose} gave ${each} to ${things}, ${eur(fee)} fee.`;
  }
  if (m.transactionKind === 'settlement' && (m.legs.share ?? 0) > 0) {
    const giver = m.counterparty ? `@${m.counterparty}'s` : 'a';
    const what = m.thingsCount > 1 ? `${m.thingsCount} of your things` : `"${m.thingTitle ?? 'your thing'}"`;
    return `${when}: ${giver} ${whose} gave ${what} ${eur(m.legs.share!)}.`;
  }
  const direction = m.amountCents >= 0 ? 'came in' : 'went out';
  return `${when}: ${eur(Math.abs(m.amountCents))} ${direction} (${m.transactionKind}).`;
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
