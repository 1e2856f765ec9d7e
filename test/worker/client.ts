// test/support's client bound to the Worker running in workerd: requests go through the
// Worker's own fetch handler, against the real local D1.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { monthOf } from '../../worker/domain/month';
import { readConfig } from '../../worker/env';
import { recordDeposit } from '../../worker/payments/provider';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { asAdmin, Client as SupportClient, type Send, signUp } from '../support/client';

export { type Answer, testId, uniqueHandle } from '../support/client';

// A loopback host: the dev payment provider is accepted only there (worker/env.ts isLocalRequest).
export const ORIGIN = 'http://localhost';
// Set in vitest.config.ts's bindings (wrangler.toml ships no admin token).
export const ADMIN_TOKEN = env.ADMIN_TOKEN!;

export class Client extends SupportClient {
  /** `send`: how a request reaches the Worker (a test may give the Worker other bindings). */
  constructor(send: Send = (request) => exports.default.fetch(request)) {
    super(ORIGIN, send);
  }
}

export const admin = (method: string, path: string, body?: unknown) => asAdmin(new Client(), ADMIN_TOKEN, method, path, body);

/**
 * A new signed-in person (see signUp), as a client that keeps their session. A deposit under
 * the deposit minimum (which the API refuses, docs/money.md) is booked as the dev provider
 * books one, straight through the store: tests of small balances need them.
 */
export async function newPerson(options: { depositCents?: number; budgetCents?: number; handle?: string } = {}): Promise<Client & { handle: string }> {
  const client = new Client();
  const small = options.depositCents !== undefined && options.depositCents < readConfig(env).minDepositCents;
  const { handle } = await signUp(client, ADMIN_TOKEN, small ? { ...options, depositCents: 0 } : options);
  if (small) {
    const db = openDb(env.DB);
    const account = (await findAccountByHandle(db, handle))!;
    await recordDeposit(db, 'dev', `test-small-${handle}`, account.id, options.depositCents!, monthOf(Date.now()));
  }
  return Object.assign(client, { handle });
}
