// The public payday record: what one settled month moved, as the ledger holds it. Counts and
// amounts only, never a person (docs/money.md, "The payday record").
import type { Money } from './money';
import type { Month } from './month';

/** The monthly run's self-check of the whole ledger; null when the run did not check. */
export type BooksVerdict = 'balanced' | 'off';

export interface PaydayMonth {
  month: Month;
  /** People whose month was booked. */
  givers: number;
  /** Owners credited at least one share (kudos held for unclaimed things not counted). */
  creatorsPaid: number;
  things: number;
  /** Kudos paid: one share each. */
  kudos: number;
  /** The sum of the shares, held ones included. */
  given: Money;
  fee: Money;
  /** Months without kudos go to charity in full. */
  charity: Money;
  /** Kudos to things nobody had claimed: their shares wait on the held account. */
  held: { kudos: number; amount: Money };
  /** Held kudos given back to their givers since, their thing still unclaimed after the hold. */
  returned: { kudos: number; amount: Money };
  books: { before: BooksVerdict | null; after: BooksVerdict | null };
}
