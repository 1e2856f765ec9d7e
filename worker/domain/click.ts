// A click's verdicts, and what each one means wherever a person meets it: the API's refusal, the
// button's status and the popup's stage. One table, so the three can never disagree (a settled
// month once read "already given" in the popup while the API said month_settled).
//
// The verdicts themselves are computed in SQL, in the click's one D1 round trip
// (store/clicks.ts `verdictSql`, checked in this order); this module only says what they mean.
import type { ButtonStatus } from '../../widget/common/protocol';
import { formatMoney, type Money } from './money';
import { addMonths, type Month } from './month';
import { type Refusal, refuse } from './refusal';

/** A thing's counts as everyone sees them (the API's names): what signed-out buttons show. */
export interface PublicCounts {
  clicks_total: number;
  clicks_this_month: number;
}

/** What the click rule answers before anything is written, in the order it checks. */
export const CLICK_VERDICTS = [
  'ok',
  'unauthorized',
  'not_found',
  'account_closed',
  'own_thing',
  'month_settled',
  'already_given',
  'debt_outstanding',
  'no_budget',
  'not_funded',
] as const;

export type ClickVerdict = (typeof CLICK_VERDICTS)[number];

/**
 * A verdict the primary database reached for a giver whose clicks live on a shard
 * (store/giver-shards.ts), completed by what the shard knows: the month already read by its
 * settlement (month_settled) or this thing already given (already_given), each in its place in
 * the order above; a verdict checked before them stands.
 */
export function verdictWithShard(primary: ClickVerdict, shard: { clicked: boolean; fenced: boolean }): ClickVerdict {
  const checkedBefore = CLICK_VERDICTS.indexOf(primary) !== 0 && CLICK_VERDICTS.indexOf(primary) <= CLICK_VERDICTS.indexOf('month_settled');
  if (checkedBefore) return primary;
  if (shard.fenced) return 'month_settled';
  if (shard.clicked) return 'already_given';
  return primary;
}

/** Why a click was refused: every verdict but 'ok'. Each is also its refusal's code. */
export type ClickRefusalCode = Exclude<ClickVerdict, 'ok'>;

/** Where the popup (/give) stands: what it shows and whether it offers the button. */
export type PopupStage =
  | { kind: 'sign_in'; failed: boolean }
  | { kind: 'confirm' }
  | { kind: 'cannot'; reason: 'no_budget' | 'not_funded' | 'month_settled' }
  | { kind: 'done'; outcome: 'given' | 'already_given' | 'own' };

/** What a refusal's words need to know. */
export interface RefusalFacts {
  month: Month;
  /** The smallest monthly budget (config.minBudgetCents). */
  minimum: Money;
  /** The handle the click named, when it named one (a button's click); null for a thing by id. */
  owner: string | null;
}

interface Meaning {
  /** What the button shows while this is what a click would get. */
  status: ButtonStatus;
  /** What the popup shows; null: no popup stage, the popup answers with the refusal itself. */
  stage: PopupStage | null;
  /** The refusal's message; null for the verdicts that are no refusal. */
  refusal: ((facts: RefusalFacts) => string) | null;
}

/** Every verdict (and 'given', a click that was written) with its status, stage and refusal. */
const MEANINGS: Record<ClickVerdict | 'given', Meaning> = {
  ok: { status: 'ready', stage: { kind: 'confirm' }, refusal: null },
  given: { status: 'given', stage: { kind: 'done', outcome: 'given' }, refusal: null },
  unauthorized: { status: 'signed_out', stage: { kind: 'sign_in', failed: false }, refusal: () => 'Sign in first.' },
  not_found: {
    status: 'signed_out',
    stage: null,
    refusal: ({ owner }) => (owner === null ? 'No such thing.' : `No Kudos account is called "${owner}".`),
  },
  // The owner closed their account: their things receive nothing more (the button reads as for
  // an unknown owner; the popup answers with the refusal).
  account_closed: {
    status: 'signed_out',
    stage: null,
    refusal: () => 'The owner of this thing closed their Kudos account: it receives no more kudos.',
  },
  own_thing: { status: 'own', stage: { kind: 'done', outcome: 'own' }, refusal: () => 'You cannot give kudos to your own things.' },
  month_settled: {
    status: 'month_settled',
    stage: { kind: 'cannot', reason: 'month_settled' },
    refusal: ({ month }) => `Your kudos for ${month} have already been settled; kudos count again from ${addMonths(month, 1)}.`,
  },
  already_given: {
    status: 'given',
    stage: { kind: 'done', outcome: 'already_given' },
    refusal: () => 'You already gave kudos to this thing this month.',
  },
  // A refund or dispute the platform covered is repaid by the next deposit, before any giving:
  // so the button and the popup ask for funds.
  debt_outstanding: {
    status: 'not_funded',
    stage: { kind: 'cannot', reason: 'not_funded' },
    refusal: () => 'A refund or dispute took back money you had already given; your next deposit settles it first.',
  },
  no_budget: {
    status: 'no_budget',
    stage: { kind: 'cannot', reason: 'no_budget' },
    refusal: ({ minimum }) => `Set a monthly budget of at least ${formatMoney(minimum)} before giving kudos.`,
  },
  not_funded: {
    status: 'not_funded',
    stage: { kind: 'cannot', reason: 'not_funded' },
    refusal: ({ minimum }) =>
      `Add funds first: a month's first kudos reserves what the month gives (your budget, or your balance when it is smaller), and at least ${formatMoney(minimum)} of your balance must be free for it.`,
  },
};

/** The button's status for a verdict (what a click would get now) or a written click. */
export function buttonStatusOf(verdict: ClickVerdict | 'given'): ButtonStatus {
  return MEANINGS[verdict].status;
}

/** The popup's stage for a verdict or a written click; null when the popup answers with the refusal. */
export function popupStageOf(verdict: ClickVerdict | 'given'): PopupStage | null {
  return MEANINGS[verdict].stage;
}

/** The refusal a refused click answers with (its code is the verdict). */
export function refusalOf(verdict: ClickRefusalCode, facts: RefusalFacts): Refusal {
  return refuse(verdict, MEANINGS[verdict].refusal!(facts));
}
