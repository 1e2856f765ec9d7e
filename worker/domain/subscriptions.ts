// Subscriptions' rules, pure: how long one runs, which verdicts end it, what a month's booking
// does to it. The booking itself is a click (actions/subscriptions.ts).
import type { ClickVerdict } from './click';
import { addMonths, type Month, monthIndex, monthOf } from './month';

/** How long a subscription may run: these many months, or until stopped (null). */
export const SUBSCRIPTION_MONTHS = [3, 6, 12, null] as const;
export type SubscriptionMonths = (typeof SUBSCRIPTION_MONTHS)[number];

/** A click's answer: written, or the verdict that refused it. */
export type ClickAnswer = Exclude<ClickVerdict, 'ok'> | 'given';

/** Verdicts after which a subscription can never give again: it ends. */
const ENDING: ReadonlySet<ClickAnswer> = new Set(['own_thing', 'not_found', 'account_closed', 'unauthorized']);

export const endsSubscription = (answer: ClickAnswer) => ENDING.has(answer);

/** What booking `month` with `answer` does to a subscription: counted, a refusal to show, or its end. */
export function bookingOutcome(sub: { months: number | null; createdAt: number }, month: Month, answer: ClickAnswer) {
  const counted = answer === 'given' || answer === 'already_given';
  const nextMonth = addMonths(month, 1);
  // `months` calendar months from the month it started, whether each could be given or not.
  const covered = sub.months !== null && monthIndex(nextMonth) - monthIndex(monthOf(sub.createdAt)) >= sub.months;
  const end = endsSubscription(answer) ? ('cannot_continue' as const) : covered ? ('finished' as const) : null;
  return { counted, nextMonth, lastRefusal: counted ? null : answer, end };
}
