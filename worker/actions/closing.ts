// Closing an account and taking one's data (GDPR Art. 17 and 20). Closing keeps every promise
// already made: this month's pledge is given at its settlement; the rest of the balance is paid
// out or given to charity, as the person chooses; then the personal data goes and the ledger
// rows stay under an anonymous handle, so the books still balance.
import type { OAuthHelpers } from '@cloudflare/workers-oauth-provider';
import { endAppsOf } from './apps';
import { removeEndpointsOf } from '../store/webhooks';
import { monthOf } from '../domain/month';
import { formatMoney, money } from '../domain/money';
import { Refusal, refuse } from '../domain/refusal';
import type { Config } from '../env';
import { chooseProvider } from '../payments/provider';
import { type Account, ensureSystemAccount, findAccountById } from '../store/accounts';
import { type Db, isUniqueViolation } from '../store/db';
import { bookingStatements, runBatch } from '../store/ledger';
import { payoutAccountOf } from '../store/payments';
import { closedAccountsWithRest, closingStatements } from '../store/personal-data';
import { unreservedBalance } from '../store/pledges';
import { endSubscriptionsOf } from '../store/subscriptions';
import { randomToken } from '../domain/secrets';
import { withdraw } from './wallet';

export type RemainderTo = 'payout' | 'charity';

export interface ClosingPreview {
  balanceCents: number;
  /** What this month's kudos promised: given at the settlement, after closing too. */
  pledgedCents: number;
  /** What is left: paid out or given to charity at closing. */
  remainderCents: number;
  payoutPossible: boolean;
  /** Where the rest goes unless the person chooses: a payout when possible. */
  remainderTo: RemainderTo;
}

/** The amounts the confirmation page states. */
export async function closingPreview(db: Db, config: Config, account: Account): Promise<ClosingPreview> {
  const remainderCents = Math.max(0, await unreservedBalance(db, account.id));
  const payoutPossible = remainderCents >= config.minPayoutCents && (await canPayOut(db, config, account.id));
  return {
    balanceCents: account.balanceCents,
    pledgedCents: account.balanceCents - remainderCents,
    remainderCents,
    payoutPossible,
    remainderTo: payoutPossible ? 'payout' : 'charity',
  };
}

/** A payout account that Stripe lets receive payouts (the dev provider pays out to nobody, locally). */
async function canPayOut(db: Db, config: Config, accountId: number): Promise<boolean> {
  let provider: ReturnType<typeof chooseProvider>;
  try {
    provider = chooseProvider(config);
  } catch (error) {
    // No usable provider here (the dev one off a developer's machine): closing still works, to charity.
    if (error instanceof Refusal) return false;
    throw error;
  }
  if (provider === 'dev') return true;
  return (await payoutAccountOf(db, accountId))?.payoutsEnabled ?? false;
}

export interface Closed {
  pledgedCents: number;
  remainderCents: number;
  remainderTo: RemainderTo;
}

/**
 * Closes `account` (its password and second factor already checked by the caller). A payout
 * that is not possible is refused before anything changes.
 */
export async function closeAccount(
  db: Db,
  config: Config,
  oauth: OAuthHelpers,
  account: Account,
  choice: RemainderTo | undefined,
  now = Date.now(),
): Promise<Closed> {
  const preview = await closingPreview(db, config, account);
  const remainderTo = choice ?? preview.remainderTo;
  if (remainderTo === 'payout' && !preview.payoutPossible) {
    throw refuse(
      preview.remainderCents < config.minPayoutCents ? 'out_of_range' : 'no_payout_account',
      preview.remainderCents < config.minPayoutCents
        ? `What is left (${formatMoney(money(preview.remainderCents, config.currency))}) is under the smallest payout (${formatMoney(money(config.minPayoutCents, config.currency))}); give it to charity instead.`
        : 'Set up payouts (your Stripe account) first, or give what is left to charity.',
    );
  }
  // The rest leaves first, while the account is whole: a payout needs its payout account.
  if (preview.remainderCents > 0) {
    if (remainderTo === 'payout') await withdraw(db, config, account, preview.remainderCents, now, 'closing');
    else {
      try {
        await giveRestToCharity(db, config, account.id, preview.remainderCents, `closing:${account.id}`, now);
      } catch (error) {
        // A second submit of the same closing raced this one: the rest left once.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }
  const anonymous = `closed-${randomToken(9)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')}`.slice(0, 30);
  await runBatch(db, closingStatements(account, anonymous, monthOf(now), now));
  // Its subscriptions would be refused from now on: they end with the account.
  await endSubscriptionsOf(db, account.id, now);
  await endAppsOf(db, oauth, account.id);
  await removeEndpointsOf(db, account.id);
  const after = (await findAccountById(db, account.id))!;
  return { pledgedCents: after.balanceCents, remainderCents: preview.remainderCents, remainderTo };
}

async function giveRestToCharity(db: Db, config: Config, accountId: number, cents: number, key: string, now: number): Promise<void> {
  const charity = await ensureSystemAccount(db, config.charityHandle);
  await runBatch(
    db,
    bookingStatements([
      {
        key,
        kind: 'closing',
        month: monthOf(now),
        legs: [
          { accountId, kind: 'charity', amountCents: -cents, counterpartyId: charity.id },
          { accountId: charity.id, kind: 'charity', amountCents: cents, counterpartyId: accountId },
        ],
      },
    ]),
  );
}

/**
 * What reached closed accounts after they closed (shares of kudos given to their things before,
 * held kudos given back) goes to charity: nobody can pay it out any more. Run after each
 * settlement; the key names the account's last entry, so a second run books nothing new.
 */
export async function sweepClosedAccounts(db: Db, config: Config, now = Date.now()): Promise<number> {
  const rows = await closedAccountsWithRest(db);
  let swept = 0;
  for (const row of rows) {
    if (row.rest <= 0) continue;
    try {
      await giveRestToCharity(db, config, row.id, row.rest, `closing:${row.id}:after:${row.lastEntry}`, now);
      swept++;
    } catch (error) {
      // Booked by a concurrent run already, or the balance moved meanwhile: the next run retries.
      console.error(`sweeping closed account ${row.id} failed`, error);
    }
  }
  return swept;
}
