import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { admin, Client, newPerson, uniqueHandle } from './client';

describe('sign-up, sessions and invites', () => {
  it('signs up with an invite, gets a hashed session cookie and 3 invites of its own', async () => {
    const alice = await newPerson();
    const me = await alice.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ handle: alice.handle, balance_cents: 0, monthly_budget_cents: 0, currency: 'EUR' });
    expect(me.body.invites).toHaveLength(3);
    expect(me.body.invites.every((i: { used_by: string | null }) => i.used_by === null)).toBe(true);

    const token = decodeURIComponent(alice.cookie.split('=')[1]!);
    const stored = await env.DB.prepare('SELECT token_hash FROM sessions').all<{ token_hash: string }>();
    expect(stored.results.map((r) => r.token_hash)).not.toContain(token);
    const account = await env.DB.prepare('SELECT password_hash FROM accounts WHERE handle = ?').bind(alice.handle).first<{ password_hash: string }>();
    expect(account!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
  });

  it('sets an HttpOnly, Secure, SameSite=Lax cookie: no other site makes the browser send it', async () => {
    const { body: minted } = await admin('POST', '/invites', { count: 1 });
    const handle = uniqueHandle();
    const signup = await new Client().post('/api/v1/signup', { handle, email: `${handle}@example.test`, password: 'long enough', invite: minted.invites[0] });
    expect(signup.status).toBe(201);
    expect(signup.body).toEqual({ handle });
    expect(signup.headers.get('Set-Cookie')).toMatch(/^kudos_session=[^;]+;.*HttpOnly.*Secure.*SameSite=Lax/);
  });

  it('passes invites on: a code works once, marks who used it, and the newcomer gets fresh codes', async () => {
    const alice = await newPerson();
    const code = (await alice.get('/api/v1/me')).body.invites[0].code;
    const handle = uniqueHandle('b');
    const bob = new Client();
    expect((await bob.post('/api/v1/signup', { handle, email: `${handle}@example.test`, password: 'long enough', invite: code })).status).toBe(201);
    const used = (await alice.get('/api/v1/me')).body.invites.find((i: { code: string }) => i.code === code);
    expect(used.used_by).toBe(handle);

    const again = await new Client().post('/api/v1/signup', {
      handle: uniqueHandle('c'),
      email: `${uniqueHandle('c')}@example.test`,
      password: 'long enough',
      invite: code,
    });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('invite_invalid');
  });

  it('leaves no account behind when the invite is unknown', async () => {
    const handle = uniqueHandle();
    const res = await new Client().post('/api/v1/signup', { handle, email: `${handle}@example.test`, password: 'long enough', invite: 'nope-nope' });
    expect(res.status).toBe(403);
    expect(await env.DB.prepare('SELECT id FROM accounts WHERE handle = ?').bind(handle).first()).toBeNull();
  });

  it('needs an invite while invite-only', async () => {
    const handle = uniqueHandle();
    const res = await new Client().post('/api/v1/signup', { handle, email: `${handle}@example.test`, password: 'long enough' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('invite_required');
  });

  it('refuses taken handles and emails with 409', async () => {
    const alice = await newPerson();
    const { body: minted } = await admin('POST', '/invites', { count: 2 });
    const sameHandle = await new Client().post('/api/v1/signup', {
      handle: alice.handle,
      email: `x${alice.handle}@example.test`,
      password: 'long enough',
      invite: minted.invites[0],
    });
    expect(sameHandle.status).toBe(409);
    const sameEmail = await new Client().post('/api/v1/signup', {
      handle: uniqueHandle(),
      email: `${alice.handle}@example.test`,
      password: 'long enough',
      invite: minted.invites[1],
    });
    expect(sameEmail.status).toBe(409);
  });

  it('logs in with the right password only, and logs out', async () => {
    const alice = await newPerson();
    const fresh = new Client();
    const wrong = await fresh.post('/api/v1/login', { email: `${alice.handle}@example.test`, password: 'wrong password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    const right = await fresh.post('/api/v1/login', { email: `${alice.handle.toUpperCase()}@EXAMPLE.test`, password: 'correct horse' });
    expect(right.status).toBe(200);
    expect((await fresh.get('/api/v1/me')).body.handle).toBe(alice.handle);
    const sessionCookie = fresh.cookie;
    expect((await fresh.post('/api/v1/logout')).status).toBe(200);
    fresh.cookie = sessionCookie; // the old token must be dead on the server, not only forgotten
    expect((await fresh.get('/api/v1/me')).status).toBe(401);
  });
});
