// The one test client for unit, worker and browser tests: a cookie jar in front of any `fetch`
// (the Worker's own handler inside workerd, or the real network against a running Kudos). It
// speaks JSON to the API and posts forms like a browser (with an Origin, not following
// redirects, so tests see where each answer points).

export type Send = (request: Request) => Promise<Response>;

export interface Answer<T = any> {
  status: number;
  /** The body parsed as JSON, or its text when it is not JSON. */
  body: T;
  text: string;
  headers: Headers;
  location: string | null;
}

export class Client {
  readonly jar = new Map<string, string>();

  // Plain fields, not parameter properties: the benchmarks run this file in Node, which strips
  // types but does not compile TypeScript-only syntax.
  readonly origin: string;
  private readonly send: Send;

  constructor(origin: string, send: Send) {
    this.origin = origin;
    this.send = send;
  }

  /** The jar as a Cookie header ("kudos_session=…"); setting it replaces the jar. */
  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  set cookie(header: string) {
    this.jar.clear();
    for (const pair of header.split(/;\s*/)) {
      const [name, ...value] = pair.split('=');
      if (name) this.jar.set(name, value.join('='));
    }
  }

  /** A JSON request: an object body is sent as JSON, a string as it is (e.g. malformed JSON). */
  request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const json: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
    return this.fetch(method, path, { ...json, ...headers }, body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body));
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});

  /** Posts a url-encoded form as a browser on `origin` would (null: no Origin header at all). */
  submit(path: string, form: Record<string, string>, origin: string | null = this.origin): Promise<Answer> {
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (origin) headers.Origin = origin;
    return this.fetch('POST', path, headers, new URLSearchParams(form).toString());
  }

  private async fetch(method: string, path: string, headers: Record<string, string>, body: string | null): Promise<Answer> {
    if (this.jar.size) headers.Cookie = this.cookie;
    const response = await this.send(new Request(this.origin + path, { method, headers, body, redirect: 'manual' }));
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0/i.test(cookie) || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.jar.delete(name!);
      else this.jar.set(name!, value.join('='));
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed, text, headers: response.headers, location: response.headers.get('Location') };
  }
}

/** The admin's view of the API, with the bearer token. */
export const asAdmin = (client: Client, token: string, method: string, path: string, body?: unknown) =>
  client.request(method, `/api/v1/admin${path}`, body, { Authorization: `Bearer ${token}` });

let counter = 0;
/** A fresh handle per call, so tests sharing one database never collide. */
export const uniqueHandle = (prefix = 'p') => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`.slice(0, 30);

const PASSWORD = 'correct horse';

export interface NewPerson {
  handle?: string;
  depositCents?: number;
  budgetCents?: number;
  /** Leave the address unconfirmed (no money messages, no payouts); by default the emailed link is opened. */
  unverified?: boolean;
}

/**
 * Signs up a new person on `client` (which keeps their session) with an admin-minted invite;
 * optionally funds them and sets a budget. The one sign-up helper of every test suite.
 */
export async function signUp(client: Client, adminToken: string, options: NewPerson = {}) {
  const handle = options.handle ?? uniqueHandle();
  const email = `${handle}@example.test`;
  const minted = await asAdmin(client, adminToken, 'POST', '/invites', { count: 1 });
  if (minted.status !== 201) throw new Error(`minting an invite failed: ${minted.text}`);
  // The admin call must not leave anything in the person's jar.
  const signup = await client.post('/api/v1/signup', { handle, email, password: PASSWORD, invite: minted.body.invites[0] });
  if (signup.status !== 201) throw new Error(`signup ${handle} failed: ${signup.text}`);
  if (!options.unverified) await openEmailedLink(client, adminToken, email, '/verify-email');
  if (options.depositCents) {
    const deposit = await client.post('/api/v1/me/deposits', { amount_cents: options.depositCents });
    if (deposit.status !== 201) throw new Error(`deposit failed: ${deposit.text}`);
  }
  if (options.budgetCents !== undefined) {
    const budget = await client.put('/api/v1/me/budget', { monthly_budget_cents: options.budgetCents });
    if (budget.status !== 200) throw new Error(`budget failed: ${budget.text}`);
  }
  return { handle, email, password: PASSWORD };
}

/**
 * Opens the newest link to `path` emailed to `email`, as the person would: read from the admin's
 * outbox (the text part Kudos sent), then fetched with the person's cookies. Returns the link.
 */
export async function openEmailedLink(client: Client, adminToken: string, email: string, path: string): Promise<string> {
  const sent = await asAdmin(client, adminToken, 'GET', `/outbox?to=${encodeURIComponent(email)}&limit=10`);
  if (sent.status !== 200) throw new Error(`reading the outbox failed: ${sent.text}`);
  const texts: string[] = sent.body.messages.map((m: { text: string }) => m.text);
  const pattern = new RegExp(`https?://[^\\s]+${path.replace(/[/?]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+`);
  const link = texts.map((t) => pattern.exec(t)?.[0]).find(Boolean);
  if (!link) throw new Error(`no ${path} link was emailed to ${email}: ${JSON.stringify(texts)}`);
  const url = new URL(link);
  const opened = await client.get(url.pathname + url.search);
  if (opened.status !== 303) throw new Error(`opening ${url.pathname} answered ${opened.status}: ${opened.text.slice(0, 300)}`);
  return link;
}

/** The text of the first element with `data-testid="<id>"` (tags stripped, entities kept). */
export function testId(html: string, id: string): string | undefined {
  const match = new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return match?.[1]?.replace(/<[^>]+>/g, '').trim();
}
