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
  if (lang === 'de')
    return n === 1
      ? `Deine ${b} geben deinem einen Ding ${e} nach ${feePercent} % Gebühr.`
      : `Deine ${b} geben jedem deiner ${n} Dinge ${e} nach ${feePercent} % Gebühr.`;
  if (lang === 'sv')
    return n === 1
      ? `Dina ${b} ger din enda sak ${e} efter avgiften på ${feePercent} %.`
      : `Dina ${b} ger var och en av dina ${n} saker ${e} efter avgiften på ${feePercent} %.`;
  return n === 1
    ? `Your ${b} gives your one thing ${e} after the ${feePercent}% fee.`
    : `Your ${b} gives each of your ${n} things ${e} after the ${feePercent}% fee.`;
}

/** A percentage as the language writes it: 1.5 → "1.5%" in English, "1,5 %" in German and Swedish. */
const percentText = (percent: number, lang: FeeLang) => (lang === 'en' ? `${percent}%` : `${percent.toLocaleString(lang)} %`);

/**
 * What a deposit costs and why to make it larger: the minimum, the card cost with a worked
 * example, and the advice to fund several months at once (the fixed part is paid per deposit).
 */
export function depositCostSentence(currency: string, fee: CardFee, minDepositCents: number, monthlyBudgetCents = 500, lang: FeeLang = 'en'): string {
  const months = 3;
  const example = money(Math.max(minDepositCents, monthlyBudgetCents * months), currency);
  const [min, fixed, ex, total] = [
    money(minDepositCents, currency),
    money(fee.fixedCents, currency),
    example,
    money(example.cents + cardCost(example, fee).cents, currency),
  ].map((m) => formatMoney(m, lang));
  const cost = `${percentText(fee.percent, lang)} + ${fixed}`;
  if (lang === 'de')
    return `Einzahlungen ab ${min}. Eine Karteneinzahlung kostet zusätzlich ${cost} (${ex} kosten ${total}), also zahle ${months} Monate oder mehr auf einmal ein.`;
  if (lang === 'sv')
    return `Insättningar från ${min}. En kortinsättning kostar ${cost} extra (${ex} kostar ${total}), så sätt in för ${months} månader eller fler på en gång.`;
  return `Deposits start at ${min}. A card deposit costs ${cost} on top (${ex} costs ${total}), so fund ${months} months or more at once.`;
}

/**
 * For pages that introduce Kudos (landing, sign-up): the platform's fee with the worked example
 * and the card cost, before anyone deposits anything.
 */
export function feesSaidUpFront(config: { feePercent: number; currency: string; cardFee: CardFee }, lang: FeeLang = 'en'): string {
  const fixed = formatMoney(money(config.cardFee.fixedCents, config.currency), lang);
  const example = feeSentence(money(500, config.currency), 10, config.feePercent, lang);
  // The example continues the sentence, so its first word loses its capital.
  const continued = example.charAt(0).toLowerCase() + example.slice(1);
  const [fee, card] = [percentText(config.feePercent, lang), percentText(config.cardFee.percent, lang)];
  if (lang === 'de')
    return `Kudos behält ${fee} jedes Monatsbudgets: ${continued} Eine Karteneinzahlung kostet zusätzlich ${card} + ${fixed}, also zahle am besten mehrere Monate auf einmal ein.`;
  if (lang === 'sv')
    return `Kudos behåller ${fee} av varje månadsbudget: ${continued} En kortinsättning kostar ${card} + ${fixed} extra, så sätt gärna in för flera månader på en gång.`;
  return `Kudos keeps ${fee} of each monthly budget: ${continued} A card deposit costs ${card} + ${fixed} on top, so fund several months at once.`;
}
