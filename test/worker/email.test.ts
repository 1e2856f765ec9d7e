// Email through the Worker: every message is the MIME the send_email binding received (kept in
// the outbox), parsed by postal-mime; recovery, verification, a new address, a new password,
// sessions, message settings and one-click unsubscribe (RFC 8058).
import { env } from 'cloudflare:test';
import PostalMime, { type Email } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../worker/store/db';
import { issueEmailToken, spendEmailToken } from '../../worker/store/email-tokens';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openEmailedLink, signUp } from '../support/client';
import { ADMIN_TOKEN, admin, Client, newPerson, uniqueHandle } from './client';

const PASSWORD = 'correct horse';

/** Every message to `to`, newest first, as the binding got it, parsed by a real MIME parser. */
async function inbox(to: string): Promise<(Email & { status: string })[]> {
  const rows = await env.DB.prepare('SELECT raw, status FROM outbox WHERE to_email = ? ORDER BY id DESC').bind(to).all<{ raw: string; status: string }>();
  return Promise.all(rows.results.map(async (r) => Object.assign(await PostalMime.parse(r.raw), { status: r.status })));
}

const header = (mail: Email, name: string) => mail.headers.find((h) => h.key === name.toLowerCase())?.value;
const linkIn = (mail: Email, path: string) => new RegExp(`https?://[^\\s"<>]+${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text ?? '');

async function personWithTwoSessions() {
  const first = await newPerson();
  const email = `${first.handle}@example.test`;
  const second = new Client();
  expect((await second.post('/api/v1/login', { email, password: PASSWORD })).status).toBe(200);
  return { first, second, email };
}

describe('a forgotten password', () => {
  it('emails a single-use link that sets a new password and signs out every session', { timeout: 120_000 }, async () => {
    const { first, second, email } = await personWithTwoSessions();
    const asked = await new Client().post('/api/v1/password-resets', { email: email.toUpperCase() });
    expect(asked.status).toBe(202);

    const [mail] = await inbox(email);
    expect(mail!.status).toBe('sent');
    expect(mail!.to?.[0]?.address).toBe(email);
    expect(mail!.from?.address).toBe('kudos@kudos.example');
    expect(mail!.subject).toBe('Set a new Kudos password');
    expect(mail!.messageId).toMatch(/^<.+@kudos\.example>$/);
    // A security message: nobody can unsubscribe from it.
    expect(header(mail!, 'List-Unsubscribe')).toBeUndefined();
    const token = linkIn(mail!, '/reset-password')?.[1];
    expect(token).toBeTruthy();
    // The HTML part carries the same link.
    expect(mail!.html).toContain(`/reset-password?token=${token}`);
    // Only the hash is stored.
    expect(await env.DB.prepare('SELECT count(*) AS n FROM email_tokens WHERE token_hash = ?').bind(token).first('n')).toBe(0);

    const page = await new Client().get(`/reset-password?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="password"');

    const tooShort = await new Client().post('/api/v1/password-resets/confirm', { token, password: 'short' });
    expect(tooShort.status).toBe(400);
    const set = await new Client().post('/api/v1/password-resets/confirm', { token, password: 'a new horse' });
    expect(set.status).toBe(200);
    expect(set.body.handle).toBe(first.handle);

    // Every session of the account is gone; the old password is, too.
    expect((await first.get('/api/v1/me')).status).toBe(401);
    expect((await second.get('/api/v1/me')).status).toBe(401);
    expect((await new Client().post('/api/v1/login', { email, password: PASSWORD })).status).toBe(401);
    expect((await new Client().post('/api/v1/login', { email, password: 'a new horse' })).status).toBe(200);

    // A second use fails, by the API and by the page.
    const again = await new Client().post('/api/v1/password-resets/confirm', { token, password: 'third horse' });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('link_invalid');
    expect((await new Client().get(`/reset-password?token=${token}`)).status).toBe(410);
  });

  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const known = await newPerson();
    const unknown = `${uniqueHandle('nobody')}@example.test`;
    const a = await new Client().post('/api/v1/password-resets', { email: `${known.handle}@example.test` });
    const b = await new Client().post('/api/v1/password-resets', { email: unknown });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.text).toBe(a.text);
    expect(await inbox(unknown)).toHaveLength(0);
    expect((await admin('GET', `/outbox?to=${encodeURIComponent(unknown)}`)).body.messages).toEqual([]);
  });

  it('is rate limited per address asked for', async () => {
    const email = `${uniqueHandle('flood')}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await new Client().post('/api/v1/password-resets', { email })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it('a link expires within the hour, and a newer link replaces an older one', async () => {
    const person = await newPerson();
    const account = (await findAccountByHandle(openDb(env.DB), person.handle))!;
    const now = Date.now();
    const token = await issueEmailToken(openDb(env.DB), { accountId: account.id, purpose: 'reset', email: account.email!, ttlMs: 3_600_000 }, now);
    expect(await spendEmailToken(openDb(env.DB), token, 'reset', now + 3_600_001)).toBeUndefined();
    expect(await spendEmailToken(openDb(env.DB), token, 'verify', now)).toBeUndefined();

    const email = account.email!;
    await new Client().post('/api/v1/password-resets', { email });
    await new Client().post('/api/v1/password-resets', { email });
    const [newer, older] = (await inbox(email)).filter((m) => m.subject === 'Set a new Kudos password');
    const oldToken = linkIn(older!, '/reset-password')![1];
    const newToken = linkIn(newer!, '/reset-password')![1];
    expect((await new Client().post('/api/v1/password-resets/confirm', { token: oldToken, password: 'old link horse' })).status).toBe(410);
    expect((await new Client().post('/api/v1/password-resets/confirm', { token: newToken, password: 'new link horse' })).status).toBe(200);
  });

  it('walks through the pages: sign-in links to it, the form answers the same for anyone', async () => {
    const login = await new Client().get('/login');
    expect(login.text).toContain('href="/forgot-password"');
    const person = await newPerson();
    const browser = new Client();
    const sent = await browser.submit('/forgot-password', { email: `${person.handle}@example.test` });
    const nobody = await browser.submit('/forgot-password', { email: `${uniqueHandle('x')}@example.test` });
    expect([sent.status, sent.location, nobody.status, nobody.location]).toEqual([303, '/login', 303, '/login']);
    const [mail] = await inbox(`${person.handle}@example.test`);
    const token = linkIn(mail!, '/reset-password')![1]!;
    const done = await browser.submit('/reset-password', { token, password: 'page horse 1' });
    expect([done.status, done.location]).toEqual([303, '/login']);
    expect((await person.get('/api/v1/me')).status).toBe(401);
    const twice = await browser.submit('/reset-password', { token, password: 'page horse 2' });
    expect(twice.status).toBe(410);
  });
});

describe('verifying an address', () => {
  it('sends the link at sign-up in the person’s language; until it is opened, no payout', { timeout: 120_000 }, async () => {
    const client = new Client();
    const handle = uniqueHandle('de');
    const email = `${handle}@example.test`;
    const invite = (await admin('POST', '/invites', { count: 1 })).body.invites[0];
    const signup = await client.request('POST', '/api/v1/signup', { handle, email, password: PASSWORD, invite }, { 'Accept-Language': 'de-DE,de;q=0.9' });
    expect(signup.status).toBe(201);
    const [mail] = await inbox(email);
    expect(mail!.subject).toBe('Bestätige deine E-Mail-Adresse für Kudos');
    expect(mail!.text).toContain(`Hallo @${handle}`);
    expect(mail!.html).toMatch(/<html lang="de"/);

    expect((await client.get('/api/v1/me')).body.email_verified).toBe(false);
    await client.post('/api/v1/me/deposits', { amount_cents: 2000 });
    const refused = await client.post('/api/v1/me/payouts', { amount_cents: 1000 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('email_unverified');

    await openEmailedLink(client, ADMIN_TOKEN, email, '/verify-email');
    expect((await client.get('/api/v1/me')).body.email_verified).toBe(true);
    expect((await client.post('/api/v1/me/payouts', { amount_cents: 1000 })).status).toBe(201);
  });
});

describe('changing the address and the password', () => {
  it('moves to a new address only once it confirms, and tells the old one', { timeout: 120_000 }, async () => {
    const person = await newPerson();
    const old = `${person.handle}@example.test`;
    const next = `${person.handle}-new@example.test`;
    expect((await person.put('/api/v1/me/email', { email: next, password: 'wrong horse' })).status).toBe(403);
    const asked = await person.put('/api/v1/me/email', { email: next, password: PASSWORD });
    expect(asked.status).toBe(202);
    expect((await person.get('/api/v1/me')).body.email).toBe(old);

    const [confirm] = await inbox(next);
    expect(confirm!.subject).toBe('Confirm your new email address for Kudos');
    await openEmailedLink(person, ADMIN_TOKEN, next, '/confirm-email');
    expect((await person.get('/api/v1/me')).body).toMatchObject({ email: next, email_verified: true });
    const [told] = await inbox(old);
    expect(told!.subject).toBe('Your Kudos email address was changed');
    expect(told!.text).toContain(next);
    expect((await new Client().post('/api/v1/login', { email: next, password: PASSWORD })).status).toBe(200);
  });

  it('changes the password with the current one, keeping this session and ending the others', async () => {
    const { first, second, email } = await personWithTwoSessions();
    expect((await first.put('/api/v1/me/password', { current_password: 'nope nope', new_password: 'better horse' })).status).toBe(403);
    expect((await first.put('/api/v1/me/password', { current_password: PASSWORD, new_password: 'better horse' })).status).toBe(200);
    expect((await first.get('/api/v1/me')).status).toBe(200);
    expect((await second.get('/api/v1/me')).status).toBe(401);
    const [told] = await inbox(email);
    expect(told!.subject).toBe('Your Kudos password was changed');
  });

  it('lists the sessions and signs out everywhere', async () => {
    const { first, second } = await personWithTwoSessions();
    const listed = await first.get('/api/v1/me/sessions');
    expect(listed.body.sessions).toHaveLength(2);
    expect(listed.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const page = await first.get('/settings');
    expect(page.text).toContain('Sign out everywhere');
    const out = await first.request('DELETE', '/api/v1/me/sessions');
    expect(out.body.signed_out).toBe(2);
    expect((await first.get('/api/v1/me')).status).toBe(401);
    expect((await second.get('/api/v1/me')).status).toBe(401);
  });
});

describe('messages a person chooses, and one-click unsubscribe', () => {
  it('keeps the choice and the language', async () => {
    const person = await newPerson();
    expect((await person.get('/api/v1/me/messages')).body).toEqual({ topics: { receipt: true, earnings: true, payout: true }, lang: 'en' });
    const saved = await person.put('/api/v1/me/messages', { topics: { receipt: false, earnings: true, payout: true }, lang: 'sv' });
    expect(saved.body).toEqual({ topics: { receipt: false, earnings: true, payout: true }, lang: 'sv' });
    expect((await person.put('/api/v1/me/messages', { topics: { receipt: 'no' }, lang: 'fr' })).status).toBe(400);
  });

  it('an invite carries List-Unsubscribe with one-click POST; GET only asks, POST unsubscribes', { timeout: 120_000 }, async () => {
    const inviter = await newPerson();
    const newcomer = `${uniqueHandle('new')}@example.test`;
    await new Client().post('/api/v1/invite-requests', { email: newcomer, inviter: inviter.handle });
    const id = await env.DB.prepare('SELECT id FROM invite_requests WHERE email = ?').bind(newcomer).first<number>('id');
    const sent = await inviter.submit(`/dashboard/invite-requests/${id}/send`, {});
    expect(sent.status).toBe(303);

    const [invite] = await inbox(newcomer);
    expect(invite!.subject).toBe('Your invite to Kudos');
    expect(invite!.text).toMatch(/Your invite code: \S+/);
    expect(header(invite!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url = /^<(https?:\/\/[^>]+)>$/.exec(header(invite!, 'List-Unsubscribe') ?? '')?.[1];
    expect(url).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]+$/);
    const path = new URL(url!).pathname;

    const optedOut = () => env.DB.prepare("SELECT count(*) AS n FROM message_opt_outs WHERE email = ? AND topic = 'invite'").bind(newcomer).first<number>('n');
    expect((await new Client().get(path)).status).toBe(200);
    expect(await optedOut()).toBe(0);
    // The mail provider's POST, from no Kudos page (RFC 8058).
    const oneClick = await new Client().request('POST', path, 'List-Unsubscribe=One-Click', {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'https://mail.example',
    });
    expect(oneClick.status).toBe(200);
    expect(await optedOut()).toBe(1);
    expect((await new Client().request('POST', '/unsubscribe/not-a-real-token-at-all-xx', '')).status).toBe(404);
  });
});

it('the new routes are in the OpenAPI document', async () => {
  const doc = (await new Client().get('/api/v1/openapi.json')).body;
  for (const path of ['/password-resets', '/password-resets/confirm', '/me/email', '/me/password', '/me/sessions', '/me/messages', '/admin/outbox']) {
    expect(doc.paths[path], path).toBeDefined();
  }
  await signUp(new Client(), ADMIN_TOKEN);
});
