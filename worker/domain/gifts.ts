// One-time gifts: a reader gives an amount once to one thing, member or not. At the settlement
// it is split like a month with one kudos (domain/split.ts): the platform's fee, the rest to the
// thing (or held for it while nobody has claimed it). Pure: actions/gifts.ts books the result.
import type { Booking } from './ledger';
import { money } from './money';
import type { Month } from './month';
import { splitBudget } from './split';

export interface GiftToBook {
  id: number;
  giverId: number;
  thingId: number;
  amountCents: number;
  /** Who receives the share: the thing's owner once claimed, else the held account. */
  receiverId: number;
}

/** The gift's booking in `month`: the giver pays fee and share, as a month's budget would. */
export function giftBooking(
  gift: GiftToBook,
  { feesId, feePercent, currency, month }: { feesId: number; feePercent: number; currency: string; month: Month },
): Booking {
  const split = splitBudget({ amount: money(gift.amountCents, currency), feePercent, clicks: [gift.thingId], month });
  if (split.kind !== 'shares') throw new Error('a gift has its one thing');
  const fee = split.fee.cents;
  const share = split.shares[0]!.amount.cents;
  const legs: Booking['legs'] = [{ accountId: gift.giverId, kind: 'budget', amountCents: -share }];
  if (fee > 0)
    legs.push(
      { accountId: gift.giverId, kind: 'fee', amountCents: -fee, counterpartyId: feesId },
      { accountId: feesId, kind: 'fee', amountCents: fee, counterpartyId: gift.giverId },
    );
  legs.push({ accountId: gift.receiverId, kind: 'share', amountCents: share, counterpartyId: gift.giverId, thingId: gift.thingId });
  return { key: `gift:${gift.id}`, kind: 'settlement', month, legs };
}
