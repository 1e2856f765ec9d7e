// A test client for the Worker running in workerd: it keeps one person's session cookie and
// sends requests through the Worker's own fetch handler, against the real local D1.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';

export const ORIGIN = 'http://kudos.test';
export const ADMIN_TOKEN = env.ADMIN_TOKEN;

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  cookie = '';

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).Cookie = this.cookie;
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    }
    const response = await exports.default.fetch(new Request(ORIGIN + path, init));
    // A small cookie jar: each Set-Cookie replaces the cookie of its name (a click also sets
    // the D1 bookmark cookie next to the session's).
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const name = pair.slice(0, pair.indexOf('='));
      const kept = this.cookie ? this.cookie.split('; ').filter((c) => !c.startsWith(`${name}=`)) : [];
      this.cookie = [...kept, pair].join('; ');
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});
}

export const admin = (method: string, path: string, body?: unknown) =>
  new Client().request(method, `/api/v1/admin${path}`, body, { Authorization: `Bearer ${ADMIN_TOKEN}` });

let counter = 0;
/** A fresh handle per call, so tests sharing one database never collide. */
export const uniqueHandle = (prefix = 'p') => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`.slice(0, 30);

/** Signs up a new person with an admin-minted invite; optionally funds them and sets a budget. */
export async function newPerson(options: { depositCents?: number; budgetCents?: number; handle?: string } = {}): Promise<Client & { handle: string }> {
  const { body: minted } = await admin('POST', '/invites', { count: 1 });
  const client = new Client() as Client & { handle: string };
  client.handle = options.handle ?? uniqueHandle();
  const signup = await client.post('/api/v1/signup', { handle: client.handle, email: `${client.handle}@example.test`, password: 'correct horse', invite: minted.invites[0] });
  if (signup.status !== 201) throw new Error(`signup failed: ${JSON.stringify(signup.body)}`);
  if (options.depositCents) {
    const deposit = await client.post('/api/v1/me/deposits', { amount_cents: options.depositCents });
    if (deposit.status !== 201) throw new Error(`deposit failed: ${JSON.stringify(deposit.body)}`);
  }
  if (options.budgetCents !== undefined) await client.put('/api/v1/me/budget', { monthly_budget_cents: options.budgetCents });
  return client;
}
