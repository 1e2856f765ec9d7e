// test/support's client bound to the Worker running in workerd: requests go through the
// Worker's own fetch handler, against the real local D1.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { asAdmin, Client as SupportClient, signUp } from '../support/client';

export { type Answer, testId, uniqueHandle } from '../support/client';

export const ORIGIN = 'http://kudos.test';
export const ADMIN_TOKEN = env.ADMIN_TOKEN;

export class Client extends SupportClient {
  constructor() {
    super(ORIGIN, (request) => exports.default.fetch(request));
  }
}

export const admin = (method: string, path: string, body?: unknown) => asAdmin(new Client(), ADMIN_TOKEN, method, path, body);

/** A new signed-in person (see signUp), as a client that keeps their session. */
export async function newPerson(options: { depositCents?: number; budgetCents?: number; handle?: string } = {}): Promise<Client & { handle: string }> {
  const client = new Client();
  const { handle } = await signUp(client, ADMIN_TOKEN, options);
  return Object.assign(client, { handle });
}
