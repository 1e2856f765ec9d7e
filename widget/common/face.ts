// What the button says and how it is marked up for a given state, as one pure function: the
// Preact component renders it on the server and paint.ts applies it in the browser, so both
// always agree.
import type { ButtonCounts } from './protocol';
import type { Notice, Words } from './button-words';
import type { ButtonLook } from './options';

export interface ButtonFace {
  className: string;
  label: string;
  /** Why the button is as it is, or what just happened: the tooltip and the spoken description. */
  hint: string;
  count: string;
  countTitle: string;
  /** The count's unit, for screen readers ("12 kudos"). */
  unit: string;
  pressed: boolean;
  disabled: boolean;
  busy: boolean;
}

export function buttonFace(look: ButtonLook, words: Words, counts: ButtonCounts, notice: Notice | null, busy: boolean): ButtonFace {
  const { status } = counts;
  const needsBudget = status === 'no_budget' || status === 'not_funded';
  const settled = status === 'month_settled';
  const label = status === 'given' ? words.given : status === 'own' ? words.own : settled ? words.settled : needsBudget ? words.addBudget : words.give;
  const hint = notice ? words[notice] : status === 'signed_out' ? words.signedOut : needsBudget ? words.noBudget : settled ? words.monthSettled : label;
  const refused = notice === 'covered' || notice === 'failed';
  return {
    className: `kb ${look.style} ${status}${refused ? ' refused' : ''}`,
    label,
    hint,
    count: new Intl.NumberFormat(look.lang, { notation: 'compact' }).format(counts.clicks_total),
    countTitle: `${counts.clicks_this_month} / ${counts.clicks_total}`,
    unit: ` ${words.kudos}`,
    pressed: status === 'given',
    disabled: status === 'own' || settled,
    busy,
  };
}
