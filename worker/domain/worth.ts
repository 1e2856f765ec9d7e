// What one more kudos is worth to a reader this month: their month's amount after the fee,
// shared among the kudos they gave so far and this one. Pure; the thing page shows it.
import { percentOf, subtract } from './money';
import { monthlyGift } from './split';

export interface WorthInput {
  budgetCents: number;
  balanceCents: number;
  currency: string;
  feePercent: number;
  kudosSoFar: number;
  /** This thing is among the kudos so far (then it is not one more). */
  alreadyGiven: boolean;
}

/** Rounded down to the cent, like the split's shares (leftover cents go round in the split). */
export function kudosWorth({ budgetCents, balanceCents, currency, feePercent, kudosSoFar, alreadyGiven }: WorthInput): {
  worthCents: number;
  afterFeeCents: number;
  sharedAmong: number;
} {
  const gift = monthlyGift(budgetCents, balanceCents, currency);
  const afterFee = subtract(gift, percentOf(gift, feePercent)).cents;
  const sharedAmong = Math.max(1, kudosSoFar + (alreadyGiven ? 0 : 1));
  return { worthCents: Math.floor(afterFee / sharedAmong), afterFeeCents: afterFee, sharedAmong };
}
