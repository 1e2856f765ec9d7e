// Months for tests that settle: each suite takes months of its own, far from the others', so
// settling one never touches another suite's people.
import { addMonths, monthStart, type Month } from '../../worker/domain/month';

/** A generator of consecutive months starting at `first`: one per test. */
export function monthsFrom(first: Month): () => Month {
  let next = 0;
  return () => addMonths(first, next++);
}

/** A moment inside `month` (its first hour). */
export const inMonth = (month: Month) => monthStart(month) + 3_600_000;

/** A moment just after `month` ended: when its settlement may run. */
export const afterMonth = (month: Month) => monthStart(addMonths(month, 1)) + 60_000;
