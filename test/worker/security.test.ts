// The maintained middleware in front of every route: security headers from one table, one body
// limit for JSON and forms, and the admin's bearer token.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, Client, newPerson, ORIGIN } from './client';

describe('security headers', () => {
  it.each([
    ['/', "'none'"],
    ['/login', "'none'"],
    ['/api/v1/me', "'none'"],
    ['/badge/nobody.svg', "'none'"],
    // The button iframe is gone (one renderer draws every button): nothing but the oEmbed page is framed.
    ['/button?owner=nobody&url=https%3A%2F%2Fx.example%2F', "'none'"],
    ['/button/embed?owner=nobody&url=https%3A%2F%2Fx.example%2F', '*'],
  ])('%s may be framed by %s only, with the fixed headers', async (path, ancestors) => {
    const res = await exports.default.fetch(new Request(ORIGIN + path));
    const csp = res.headers.get('Content-Security-Policy')!;
    expect(csp.match(/frame-ancestors/g)).toHaveLength(1);
    expect(csp).toMatch(new RegExp(`frame-ancestors ${ancestors === '*' ? '\\*' : ancestors}$`));
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    // Other sites load embed.js, the button and badges, and the popup talks to its opener.
    expect(res.headers.get('X-Frame-Options')).toBeNull();
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBeNull();
    expect(res.headers.get('Cross-Origin-Opener-Policy')).toBeNull();
  });

  it("keeps each document's own policy", async () => {
    const page = await exports.default.fetch(new Request(`${ORIGIN}/login`));
    // Forms lead only here, and to Stripe Checkout (deposits, gifts: form-action covers the redirect).
    expect(page.headers.get('Content-Security-Policy')).toBe(
      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self' https://checkout.stripe.com; base-uri 'none'; frame-ancestors 'none'",
    );
    const badge = await exports.default.fetch(new Request(`${ORIGIN}/badge/nobody.svg`));
    expect(badge.headers.get('Content-Security-Policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  });
});

describe('body limits', () => {
  it('refuses a page form over 16 KB before reading it, and takes one under', async () => {
    const person = await newPerson();
    const browser = new Client();
    browser.jar.set('kudos_session', person.cookie.split('=')[1]!);
    const big = await browser.submit('/dashboard/deposit', { amount: '5', padding: 'x'.repeat(17_000) });
    expect(big.status).toBe(413);
    const small = await browser.submit('/dashboard/deposit', { amount: '5' });
    expect(small.status).toBe(303);
    expect((await person.get('/api/v1/me')).body.balance_cents).toBe(500);
  });

  it('refuses a JSON body streamed without a Content-Length once it passes 16 KB', async () => {
    const person = await newPerson();
    const bytes = new TextEncoder().encode(JSON.stringify({ url: 'https://x.example/', title: 'x'.repeat(17_000) }));
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/things`, { method: 'POST', body: stream, headers: { Cookie: person.cookie, 'Content-Type': 'application/json' } }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'too_large', message: expect.any(String) } });
  });

  it('refuses a JSON API body sent as something else, with or without a body', async () => {
    const empty = await new Client().request('POST', '/api/v1/login', undefined, { 'Content-Type': 'text/plain' });
    expect([empty.status, empty.body.error.code]).toEqual([415, 'unsupported_media_type']);
    const text = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/login`, { method: 'POST', body: '{"email":"a@b.c","password":"12345678"}', headers: { 'Content-Type': 'text/plain' } }),
    );
    expect([text.status, ((await text.json()) as { error: { code: string } }).error.code]).toEqual([415, 'unsupported_media_type']);
  });
});

describe('the admin token', () => {
  it.each([
    ['no header', {}],
    ['a wrong token', { Authorization: 'Bearer nope' }],
    ['the token with one more character', { Authorization: `Bearer ${ADMIN_TOKEN}x` }],
  ])('refuses %s with 401 unauthorized', async (_name, headers: Record<string, string>) => {
    const res = await new Client().request('GET', '/api/v1/admin/ledger-check', undefined, headers);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('answers 400 to an Authorization header that is not a bearer token at all (RFC 6750)', async () => {
    const res = await new Client().request('GET', '/api/v1/admin/ledger-check', undefined, { Authorization: `Basic ${ADMIN_TOKEN}` });
    expect([res.status, res.body.error.code]).toEqual([400, 'invalid_field']);
  });

  it('lets the right token in', async () => {
    const res = await new Client().request('GET', '/api/v1/admin/ledger-check', undefined, { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(res.status).toBe(200);
  });
});

// Issue 20: `/api/v1/me` carried no Cache-Control, so a shared cache could keep a person's balance
// and email; every API answer is personal or per viewer unless its route says otherwise.
describe('personal answers are never cached', () => {
  it.each(['/api/v1/me', '/api/v1/me/ledger', '/api/v1/me/payouts', '/api/v1/me/things', '/api/v1/me/sites'])(
    '%s answers Cache-Control: no-store',
    async (path) => {
      const person = await newPerson();
      const res = await person.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toMatch(/no-store/);
    },
  );

  it('so do refusals and the sign-in answer, while the counts keep their own edge caching', async () => {
    expect((await new Client().get('/api/v1/me')).headers.get('Cache-Control')).toBe('no-store');
    const person = await newPerson();
    const login = await new Client().post('/api/v1/login', { email: `${person.handle}@example.test`, password: 'correct horse' });
    expect([login.status, login.headers.get('Cache-Control')]).toEqual([200, 'no-store']);
    expect((await new Client().get(`/api/v1/counts?t=${person.handle}:https://x.example/`)).headers.get('Cache-Control')).toBe('public, no-cache');
  });
});

// Issue 20: /dashboard wrote a made-up query string into the page six times (three language
// links, each with the whole query). The links keep only the parameters pages read.
describe('pages do not write back a query nobody here wrote', () => {
  it('leaves a made-up query out of the dashboard and keeps what a page reads', async () => {
    const person = await newPerson();
    const dashboard = await person.get('/dashboard?zzqq=%22%3Cb%3Emade-up&utm_zzqq=1');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).not.toContain('zzqq');
    expect(dashboard.text).toContain('href="/dashboard?lang=de"');
    const signup = await new Client().get('/signup?invite=ABCD-EFGH&zzqq=1');
    expect(signup.text).toContain('href="/signup?invite=ABCD-EFGH&amp;lang=sv"');
    expect(signup.text).not.toContain('zzqq');
  });
});
