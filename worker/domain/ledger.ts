// The shape of a ledger booking, and the rule every booking obeys: its legs sum to zero.
import type { Month } from './month';

export type EntryKind = 'deposit' | 'budget' | 'share' | 'fee' | 'charity' | 'payout' | 'reversal' | 'loss' | 'release' | 'return';
export type TransactionKind = 'deposit' | 'settlement' | 'payout' | 'reversal' | 'release' | 'return' | 'closing';

export interface Leg {
  accountId: number;
  kind: EntryKind;
  amountCents: number;
  counterpartyId?: number | null;
  thingId?: number | null;
}

export interface Booking {
  /** Unique per real-world event; booking the same key twice is refused by the database. */
  key: string;
  kind: TransactionKind;
  month: Month;
  legs: Leg[];
}

export class UnbalancedBooking extends Error {}

export function assertBalanced(booking: Booking): void {
  let sum = 0;
  for (const leg of booking.legs) {
    if (!Number.isSafeInteger(leg.amountCents) || leg.amountCents === 0) {
      throw new UnbalancedBooking(`${booking.key}: leg of ${leg.amountCents} cents`);
    }
    sum += leg.amountCents;
  }
  if (sum !== 0) throw new UnbalancedBooking(`${booking.key}: legs sum to ${sum}, not 0`);
}

/** The net change each booking makes to each account's balance. */
export function balanceChanges(bookings: readonly Booking[]): Map<number, number> {
  const changes = new Map<number, number>();
  for (const booking of bookings) {
    for (const leg of booking.legs) changes.set(leg.accountId, (changes.get(leg.accountId) ?? 0) + leg.amountCents);
  }
  for (const [accountId, change] of changes) if (change === 0) changes.delete(accountId);
  return changes;
}
