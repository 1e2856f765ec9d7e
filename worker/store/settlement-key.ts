// A person's settlement of a month is one ledger transaction keyed `settlement:<month>:<account
// id>`, and its existence is the proof that their month is settled (booked exactly once: the key
// is unique). The key is spelled here only, in each form the queries need.
import { type SQL, sql } from 'drizzle-orm';
import type { Month } from '../domain/month';

const prefixOf = (month: Month) => `settlement:${month}:`;

/** The key of a known month and person. */
export const settlementKey = (month: Month, accountId: number) => prefixOf(month) + accountId;

/** A LIKE pattern matching every person's key of `month`. */
export const settlementKeysOf = (month: Month) => `${prefixOf(month)}%`;

/** The key in SQL, of a month and an account: columns (`sql\`p.month\``) or bound values. */
export const settlementKeySql = (month: SQL | Month, accountId: SQL | number): SQL => sql`'settlement:' || ${month} || ':' || ${accountId}`;

/** SQL: the settlement of `month` for `accountId` is booked. */
export const settlementBooked = (month: SQL | Month, accountId: SQL | number): SQL =>
  sql`EXISTS (SELECT 1 FROM ledger_transactions st WHERE st.key = ${settlementKeySql(month, accountId)})`;

/** The same test as D1 text over two column names, for statements prepared by hand. */
export const settlementBookedText = (monthColumn: string, accountColumn: string) =>
  `EXISTS (SELECT 1 FROM ledger_transactions st WHERE st.key = 'settlement:' || ${monthColumn} || ':' || ${accountColumn})`;

/** How many characters of a key of `month` come before the account id. */
export const accountIdOffset = (month: Month) => prefixOf(month).length;
