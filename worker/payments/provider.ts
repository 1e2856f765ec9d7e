// Where deposits come from. A provider confirms that money arrived; the ledger books it through
// `recordDeposit`, which is the same for every provider, so a real one (Stripe Checkout, whose
// webhook calls recordDeposit with the session id as reference) slots in without ledger changes.
import type { Month } from '../domain/month';
import { ensureSystemAccount } from '../store/accounts';
import type { Db } from '../store/db';
import { book, type BookResult } from '../store/ledger';

export interface DepositRequest {
  accountId: number;
  amountCents: number;
  currency: string;
}

export type DepositStart =
  /** The money is there now (the dev provider). */
  | { status: 'completed'; reference: string }
  /** The person must pay on the provider's page; a webhook completes the deposit later. */
  | { status: 'redirect'; url: string; reference: string };

export interface PaymentProvider {
  readonly name: string;
  startDeposit(request: DepositRequest): Promise<DepositStart>;
}

/**
 * FOR LOCAL USE ONLY: confirms every deposit at once without moving real money. The worker
 * refuses to load it unless PAYMENT_PROVIDER is "dev".
 */
const devProvider: PaymentProvider = {
  name: 'dev',
  async startDeposit() {
    return { status: 'completed', reference: crypto.randomUUID() };
  },
};

export function paymentProvider(name: string): PaymentProvider {
  if (name === 'dev') return devProvider;
  throw new Error(`unknown PAYMENT_PROVIDER "${name}"`);
}

/** Books money that `provider` confirmed: the provider's account pays the person's. */
export async function recordDeposit(
  db: Db,
  provider: string,
  reference: string,
  accountId: number,
  amountCents: number,
  month: Month,
): Promise<BookResult> {
  const source = await ensureSystemAccount(db, `system:provider:${provider}`);
  return book(db, {
    key: `deposit:${provider}:${reference}`,
    kind: 'deposit',
    month,
    legs: [
      { accountId, kind: 'deposit', amountCents, counterpartyId: source.id },
      { accountId: source.id, kind: 'deposit', amountCents: -amountCents, counterpartyId: accountId },
    ],
  });
}
