// Bindings and vars from wrangler.toml, and the typed configuration read from them.
import type { SettlementMessage } from './actions/settle';

export interface Env {
  DB: D1Database;
  /** The monthly settlement's chunks (wrangler.toml [[queues]]); without it the cron settles inline. */
  SETTLEMENT_QUEUE?: Queue<SettlementMessage>;
  CURRENCY: string;
  FEE_PERCENT: string;
  MIN_BUDGET_CENTS: string;
  CHARITY_HANDLE: string;
  INVITE_ONLY: string;
  PAYMENT_PROVIDER: string;
  ADMIN_TOKEN: string;
}

export interface Config {
  currency: string;
  feePercent: number;
  minBudgetCents: number;
  charityHandle: string;
  inviteOnly: boolean;
  paymentProvider: string;
  adminToken: string;
}

export function readConfig(env: Env): Config {
  const feePercent = Number(env.FEE_PERCENT ?? '10');
  const minBudgetCents = Number(env.MIN_BUDGET_CENTS ?? '200');
  if (!(feePercent >= 0 && feePercent < 100)) throw new Error(`FEE_PERCENT out of range: ${env.FEE_PERCENT}`);
  if (!Number.isSafeInteger(minBudgetCents) || minBudgetCents < 1) {
    throw new Error(`MIN_BUDGET_CENTS must be a positive whole number: ${env.MIN_BUDGET_CENTS}`);
  }
  return {
    currency: env.CURRENCY ?? 'EUR',
    feePercent,
    minBudgetCents,
    charityHandle: env.CHARITY_HANDLE ?? 'charity',
    inviteOnly: (env.INVITE_ONLY ?? 'true') !== 'false',
    paymentProvider: env.PAYMENT_PROVIDER ?? 'dev',
    adminToken: env.ADMIN_TOKEN ?? '',
  };
}
