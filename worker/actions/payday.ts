// The public payday record (`/about/stats`, `GET /api/v1/stats`): each settled month's figures
// as the ledger holds them, in the configured currency. Nobody's data: counts and sums only.
import { money } from '../domain/money';
import type { PaydayMonth } from '../domain/payday';
import type { Config } from '../env';
import type { Db } from '../store/db';
import { settledMonths } from '../store/payday';
import { HELD_HANDLE } from './settle';

/** Ten years of months: the record's length, newest first. */
const PAYDAY_MONTHS = 120;

export async function paydayRecord(db: Db, config: Pick<Config, 'currency'>): Promise<PaydayMonth[]> {
  const m = (cents: number) => money(cents, config.currency);
  return (await settledMonths(db, HELD_HANDLE, PAYDAY_MONTHS)).map((row) => ({
    month: row.month,
    givers: row.givers,
    creatorsPaid: row.creatorsPaid,
    things: row.things,
    kudos: row.kudos,
    given: m(row.givenCents),
    fee: m(row.feeCents),
    charity: m(row.charityCents),
    held: { kudos: row.heldKudos, amount: m(row.heldCents) },
    returned: { kudos: row.returnedKudos, amount: m(row.returnedCents) },
    books: { before: row.booksBefore, after: row.booksAfter },
  }));
}
