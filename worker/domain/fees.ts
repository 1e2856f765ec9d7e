// What giving and depositing cost, said up front in the same words everywhere: pure text from
// the same rules the monthly split and the card provider apply.
import { formatMoney, type Money, money, percentOf, subtract } from './money';

export interface CardFee {
  percent: number;
  fixedCents: number;
}

/** What a card deposit of `deposit` costs on top: `percent` rounded half up, plus the fixed part. */
export function cardCost(deposit: Money, fee: CardFee): Money {
  return money(percentOf(deposit, fee.percent).cents + fee.fixedCents, deposit.currency);
}

export type FeeLang = 'en' | 'de' | 'sv';

/**
 * "Your €5.00 gives each of your 10 things €0.45 after the 10% fee." Each thing's share is
 * the split's base share (rounded down; the monthly run hands the odd cents round in turn).
 */
export function feeSentence(budget: Money, things: number, feePercent: number, lang: FeeLang = 'en'): string {
  const n = Math.max(1, Math.floor(things));
  const rest = subtract(budget, percentOf(budget, feePercent));
  const each = money(Math.floor(rest.cents / n), budget.currency);
  const [b, e] = [formatMoney(budget, lang), formatMoney(each, lang)];
  if (lang === 'de') return n === 1 ? `Deine ${b} geben deinem einen Ding ${e} nach ${feePercent} % Gebühr.` : `Deine ${b} geben jedem deiner ${n} Dinge ${e} nach ${feePercent} % Gebühr.`;
  if (lang === 'sv') return n === 1 ? `Dina ${b} ger din enda sak ${e} efter avgiften på ${feePercent} %.` : `Dina ${b} ger var och en av dina ${n} saker ${e} efter avgiften på ${feePercent} %.`;
  return n === 1 ? `Your ${b} gives your one thing ${e} after the ${feePercent}% fee.` : `Your ${b} gives each of your ${n} things ${e} after the ${feePercent}% fee.`;
}

/**
 * What a deposit costs and why to make it larger: the minimum, the card cost with a worked
 * example, and the advice to fund several months at once (the fixed part is paid per deposit).
 */
export function depositCostSentence(currency: string, fee: CardFee, minDepositCents: number, monthlyBudgetCents = 500): string {
  const months = 3;
  const example = money(Math.max(minDepositCents, monthlyBudgetCents * months), currency);
  const fixed = formatMoney(money(fee.fixedCents, currency));
  return (
    `Deposits start at ${formatMoney(money(minDepositCents, currency))}. A card deposit costs ${fee.percent}% + ${fixed} on top ` +
    `(${formatMoney(example)} costs ${formatMoney(money(example.cents + cardCost(example, fee).cents, currency))}), ` +
    `so fund ${months} months or more at once.`
  );
}

/**
 * For pages that introduce Kudos (landing, sign-up): the platform's fee with the worked example
 * and the card cost, before anyone deposits anything.
 */
export function feesSaidUpFront(config: { feePercent: number; currency: string; cardFee: CardFee }): string {
  const fixed = formatMoney(money(config.cardFee.fixedCents, config.currency));
  return (
    `Kudos keeps ${config.feePercent}% of each monthly budget: ${feeSentence(money(500, config.currency), 10, config.feePercent).replace(/^Your/, 'your')} ` +
    `A card deposit costs ${config.cardFee.percent}% + ${fixed} on top, so fund several months at once.`
  );
}
