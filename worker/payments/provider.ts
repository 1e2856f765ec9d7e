// Where deposits come from and what a provider's confirmation books. Every provider ends in
// `recordDeposit` (keyed by the provider's reference, so it books once) and every refund or
// dispute in `recordReversal`; the ledger does not care which provider it was.
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Leg } from '../domain/ledger';
import type { Month } from '../domain/month';
import { refuse } from '../domain/refusal';
import type { Config } from '../env';
import { ensureSystemAccount, findAccountById } from '../store/accounts';
import { type Db, isUniqueViolation } from '../store/db';
import { bookingStatements, type BookResult, runBatch } from '../store/ledger';
import { unreservedBalance } from '../store/pledges';

export type ProviderName = 'dev' | 'stripe';

/** The platform's losses: what refunds and disputes took back that people had already given away. */
const LOSS_HANDLE = 'system:loss';

/**
 * The configured provider. "dev" confirms every deposit at once without real money, so it is
 * refused unless this Worker runs on a developer's machine (see `isLocalRequest` in env.ts).
 */
export function chooseProvider(config: Config): ProviderName {
  if (config.paymentProvider === 'dev') {
    if (!config.runsLocally) throw refuse('payments_unavailable', 'The dev payment provider works only on a local machine (LOCAL_DEV and a loopback host).');
    return 'dev';
  }
  if (config.paymentProvider === 'stripe') return 'stripe';
  throw refuse('payments_unavailable', `Unknown PAYMENT_PROVIDER "${config.paymentProvider}".`);
}

const providerHandle = (provider: ProviderName) => `system:provider:${provider}`;

/**
 * Books money that `provider` confirmed: the provider's account pays the person's. A person
 * with a debt (a reversal the platform covered) repays it first from this deposit.
 */
export async function recordDeposit(
  db: Db,
  provider: ProviderName,
  reference: string,
  accountId: number,
  amountCents: number,
  month: Month,
): Promise<BookResult> {
  return bookOnce(db, await depositStatements(db, provider, `deposit:${provider}:${reference}`, accountId, amountCents, month));
}

/** The statements of `recordDeposit` under `key`, to run in one batch with others that must land with them. */
export async function depositStatements(db: Db, provider: ProviderName, key: string, accountId: number, amountCents: number, month: Month): Promise<SQL[]> {
  const source = await ensureSystemAccount(db, providerHandle(provider));
  const person = await findAccountById(db, accountId);
  const repay = Math.min(person?.debtCents ?? 0, amountCents);
  const legs: Leg[] = [
    { accountId, kind: 'deposit', amountCents, counterpartyId: source.id },
    { accountId: source.id, kind: 'deposit', amountCents: -amountCents, counterpartyId: accountId },
  ];
  const statements: SQL[] = [];
  if (repay > 0) {
    const loss = await ensureSystemAccount(db, LOSS_HANDLE);
    legs.push(
      { accountId, kind: 'loss', amountCents: -repay, counterpartyId: loss.id },
      { accountId: loss.id, kind: 'loss', amountCents: repay, counterpartyId: accountId },
    );
    statements.push(sql`UPDATE accounts SET debt_cents = max(0, debt_cents - ${repay}) WHERE id = ${accountId}`);
  }
  return [...bookingStatements([{ key, kind: 'deposit', month, legs }]), ...statements];
}

/**
 * Takes back `amountCents` of a deposit (a refund or a lost dispute) as one balanced booking:
 * from the person's balance as far as it is not promised to this month's kudos, the rest from
 * the platform's loss account, recorded as the person's debt. Never a negative balance.
 */
export async function recordReversal(db: Db, provider: ProviderName, key: string, accountId: number, amountCents: number, month: Month): Promise<BookResult> {
  return bookOnce(db, await reversalStatements(db, provider, key, accountId, amountCents, month));
}

/** The statements of `recordReversal`, to run in one batch with others that must land with them. */
export async function reversalStatements(db: Db, provider: ProviderName, key: string, accountId: number, amountCents: number, month: Month): Promise<SQL[]> {
  const source = await ensureSystemAccount(db, providerHandle(provider));
  const take = Math.min(amountCents, Math.max(0, await unreservedBalance(db, accountId)));
  const uncovered = amountCents - take;
  const legs: Leg[] = [{ accountId: source.id, kind: 'reversal', amountCents, counterpartyId: accountId }];
  if (take > 0) legs.push({ accountId, kind: 'reversal', amountCents: -take, counterpartyId: source.id });
  const statements: SQL[] = [];
  if (uncovered > 0) {
    const loss = await ensureSystemAccount(db, LOSS_HANDLE);
    legs.push({ accountId: loss.id, kind: 'loss', amountCents: -uncovered, counterpartyId: accountId });
    statements.push(sql`UPDATE accounts SET debt_cents = debt_cents + ${uncovered} WHERE id = ${accountId}`);
  }
  return [...bookingStatements([{ key, kind: 'reversal', month, legs }]), ...statements];
}

/** Runs one booking's statements atomically; its key booked before is answered 'already_booked'. */
export async function bookOnce(db: Db, statements: SQL[]): Promise<BookResult> {
  try {
    await runBatch(db, statements);
    return 'booked';
  } catch (error) {
    if (isUniqueViolation(error)) return 'already_booked';
    throw error;
  }
}
