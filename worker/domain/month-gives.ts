// What a person's month gives: the one answer the dashboard, the thing page, the give popup and
// the budget form all show. Pure: `actions/month-gives.ts` reads the facts, this decides, and the
// amounts are exactly the monthly run's (`splitBudget` over the same amount and click order).
import { money, percentOf, type Currency } from './money';
import type { Month } from './month';
import { monthlyGift, splitBudget } from './split';

/** What the store knows about one person's month (`store/pledges.ts` `monthFactsOf`). */
export interface MonthFacts {
  month: Month;
  currency: Currency;
  feePercent: number;
  /** The budget the account has now: what the next month's first kudos will reserve. */
  budgetNowCents: number;
  /** The budget in force for `month` by the budget history (what the run pledges without kudos). */
  budgetInForceCents: number;
  /** The month's pledge, made by its first kudos (or by the run): what the month gives. */
  pledge: { budgetCents: number; reservedCents: number } | null;
  /** The balance no other open pledge holds, leaving out what this month's own run credited. */
  unreservedCents: number;
  /** The month is settled for this person: the run booked it (or the whole run is done). */
  settled: boolean;
  /** Booked for the month: what the person gave in all (fee included) and the fee. */
  bookedGivenCents: number;
  bookedFeeCents: number;
}

export interface GivenClick {
  thingId: number;
  title: string;
  url: string;
  owner: string;
  at: number;
}

export type ProjectedClick = GivenClick & { shareCents: number };

interface Common {
  month: Month;
  /**
   * The budget this month's amount was taken from: the pledge's budget once the month's first
   * kudos reserved it, else the budget in force.
   */
  budgetCents: number;
  /** Whether the month's first kudos (or the run) has reserved its amount. */
  pledged: boolean;
  /** The budget now, when it differs from the one this month uses (it applies from next month). */
  laterBudgetCents: number | null;
}

export type MonthGives =
  /** Booked: what the person gave, the fee in it, and whether it went to kudos or to charity. */
  | (Common & { kind: 'settled'; givenCents: number; feeCents: number; kudos: number })
  /** Nothing to give: no budget, or no balance to fund it. The kudos so far get nothing. */
  | (Common & { kind: 'nothing'; amountCents: 0; clicks: ProjectedClick[] })
  /** No kudos yet: if it stays so, the amount goes to charity, fee-free. */
  | (Common & { kind: 'charity'; amountCents: number; limitedByBalance: boolean })
  /** The amount, its fee, and each kudos' share if the month ended now. */
  | (Common & { kind: 'shares'; amountCents: number; feeCents: number; limitedByBalance: boolean; clicks: ProjectedClick[] });

/**
 * What `facts.month` gives, given the month's kudos so far. Before the first kudos the amount is
 * min(budget in force, unreserved balance), what that kudos would reserve; after it, the pledge.
 * `limitedByBalance`: the budget is larger than what could be reserved, so only the amount goes.
 */
export function monthGives(facts: MonthFacts, given: readonly GivenClick[]): MonthGives {
  const { month, pledge } = facts;
  const budgetCents = pledge ? pledge.budgetCents : facts.budgetInForceCents;
  const common: Common = {
    month,
    budgetCents,
    pledged: pledge !== null,
    laterBudgetCents: facts.budgetNowCents !== budgetCents ? facts.budgetNowCents : null,
  };
  if (facts.settled) {
    return { ...common, kind: 'settled', givenCents: facts.bookedGivenCents, feeCents: facts.bookedFeeCents, kudos: given.length };
  }
  // The run sorts a giver's kudos by thing id; the projection shows them in the same order.
  const clicks = [...given].sort((a, b) => a.thingId - b.thingId);
  const amountCents = pledge ? pledge.reservedCents : monthlyGift(budgetCents, facts.unreservedCents, facts.currency).cents;
  if (amountCents === 0) return { ...common, kind: 'nothing', amountCents: 0, clicks: clicks.map((k) => ({ ...k, shareCents: 0 })) };
  const limitedByBalance = amountCents < budgetCents;
  const split = splitBudget({ amount: money(amountCents, facts.currency), feePercent: facts.feePercent, clicks, month });
  if (split.kind === 'charity') return { ...common, kind: 'charity', amountCents, limitedByBalance };
  return {
    ...common,
    kind: 'shares',
    amountCents,
    feeCents: split.fee.cents,
    limitedByBalance,
    clicks: split.shares.map(({ click, amount }) => ({ ...click, shareCents: amount.cents })),
  };
}

/** The month's amount to share (0 once settled, or when nothing is funded). */
export function amountOf(gives: MonthGives): number {
  return gives.kind === 'charity' || gives.kind === 'shares' ? gives.amountCents : 0;
}

export interface KudosWorth {
  /** What one kudos gets, rounded down like the split's base share (leftover cents go round). */
  worthCents: number;
  /** The month's amount after the fee, which the kudos share. */
  afterFeeCents: number;
  sharedAmong: number;
  /** The month's kudos so far, and whether this thing is among them. */
  kudosSoFar: number;
  alreadyGiven: boolean;
}

/**
 * What one kudos is worth this month: the month's amount after the fee, shared among the kudos
 * given so far and this one (unless this thing is among them already).
 */
export function kudosWorth(gives: MonthGives, kudosSoFar: number, alreadyGiven: boolean, feePercent: number, currency: Currency): KudosWorth {
  const amount = money(amountOf(gives), currency);
  const afterFeeCents = amount.cents - percentOf(amount, feePercent).cents;
  const sharedAmong = Math.max(1, kudosSoFar + (alreadyGiven ? 0 : 1));
  return { worthCents: Math.floor(afterFeeCents / sharedAmong), afterFeeCents, sharedAmong, kudosSoFar, alreadyGiven };
}
