// "What this month gives" in words: the sentences the dashboard, the thing page, the give popup
// and the budget form say, all from the one `MonthGives` (actions/month-gives.ts).
import { feeSentence } from '../domain/fees';
import { amountOf, type KudosWorth, type MonthGives } from '../domain/month-gives';
import { formatMoney, money as moneyOf } from '../domain/money';
import type { SiteWords } from './words';

type Format = (cents: number) => string;

/**
 * What to add wherever the month's amount is said: only part of the budget can be given (the
 * balance not reserved is smaller), or the budget changed after the first kudos reserved the month.
 */
export function givesNotes(g: MonthGives, money: Format, w: SiteWords): string[] {
  const notes: string[] = [];
  if ((g.kind === 'shares' || g.kind === 'charity') && g.limitedByBalance) {
    notes.push((g.pledged ? w.gives.onlyPledged : w.gives.onlyUnreserved)(money(g.amountCents), money(g.budgetCents)));
  }
  if (g.laterBudgetCents !== null && g.pledged && g.kind !== 'settled') notes.push(w.gives.fromNextMonth(money(amountOf(g)), money(g.laterBudgetCents)));
  return notes;
}

/** The dashboard's "This month" sentence. */
export function projectionSentence(g: MonthGives, money: Format, feePercent: number, w: SiteWords): string {
  const t = w.money;
  if (g.kind === 'settled') {
    if (g.givenCents === 0) return w.gives.settledNothing(g.month);
    if (g.kudos === 0) return w.gives.settledCharity(g.month, money(g.givenCents));
    return w.gives.settledGave(g.month, money(g.givenCents), money(g.feeCents), g.kudos);
  }
  if (g.kind === 'nothing') return g.clicks.length ? t.projectionUnfunded(g.clicks.length) : t.projectionStart;
  const said =
    g.kind === 'charity'
      ? t.projectionCharity(money(g.amountCents))
      : t.projection(money(g.amountCents), g.clicks.length, eachOf(g.clicks, money, w), feePercent, money(g.feeCents));
  return [said, ...givesNotes(g, money, w)].join(' ');
}

function eachOf(clicks: readonly { shareCents: number }[], money: Format, w: SiteWords): string {
  const amounts = clicks.map((k) => k.shareCents);
  const [low, high] = [Math.min(...amounts), Math.max(...amounts)];
  return low === high ? money(low) : w.movements.either(money(low), money(high));
}

/** The dashboard's "Pending:" sentence: what the month will give, and what the person's things will receive. */
export function pendingSentence(g: MonthGives, kudosToMe: number, money: Format, w: SiteWords): string {
  const t = w.money;
  if (g.kind === 'settled') {
    return (
      (g.givenCents > 0 ? w.gives.pendingSettled(money(g.givenCents)) : w.gives.pendingSettledNothing) +
      (kudosToMe > 0 ? w.gives.receivedSettled(kudosToMe) : '')
    );
  }
  const giving =
    g.kind === 'shares'
      ? t.pendingGive(g.clicks.length, money(g.amountCents - g.feeCents), money(g.feeCents))
      : g.kind === 'charity'
        ? t.pendingCharity(money(g.amountCents))
        : t.pendingNothing;
  return giving + (kudosToMe > 0 ? t.pendingReceive(kudosToMe) : '');
}

/**
 * The give popup's line: "Your €5.00 gives each of your 3 things €1.50 after the 10% fee",
 * counting this kudos, over the amount this month really gives, with its notes. Without a
 * month (signed out, or no budget) the worked example of 5.00 over 10 things; nothing when the
 * kudos cannot be given.
 */
export function popupGivesNote(
  month: { gives: MonthGives; worth: KudosWorth; canGive: boolean } | null,
  config: { currency: string; feePercent: number },
  w: SiteWords,
): string {
  // Said as the popup's language writes amounts (the fee sentence does the same).
  const money = (cents: number) => formatMoney(moneyOf(cents, config.currency), w.lang);
  if (!month || month.gives.budgetCents === 0) return feeSentence(moneyOf(500, config.currency), 10, config.feePercent, w.lang);
  const { gives, worth } = month;
  // The popup already says why this kudos cannot be given (no budget, not funded): no worth to promise.
  if (!month.canGive) return '';
  if (gives.kind === 'settled') return w.gives.worthSettled;
  if (gives.kind === 'nothing') return w.gives.unfunded(money(gives.budgetCents));
  return [feeSentence(moneyOf(gives.amountCents, config.currency), worth.sharedAmong, config.feePercent, w.lang), ...givesNotes(gives, money, w)].join(' ');
}
