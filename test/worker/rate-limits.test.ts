// Rate limits through the real Workers Rate Limiting binding (simulated locally by workerd):
// 429 with Retry-After, per account and per client address. The binding's windows are fixed
// 60 s windows on the wall clock, so each loop is long enough to meet the limit even when one
// window ends in its middle (a loaded machine may take many seconds per loop).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { addInviteRequest, MAX_WAITING_NAMING, requestsNaming } from '../../worker/store/invite-requests';
import { openDb } from '../../worker/store/db';
import { ADMIN_TOKEN, Client, newPerson, ORIGIN, uniqueHandle } from './client';

/** A made-up client address per test, so tests sharing the binding never meet. */
const address = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${uniqueHandle('ip')}`;

describe('rate limits', () => {
  it('30 wrong passwords meet a 429, and the right password is then refused too', async () => {
    const person = await newPerson();
    const email = `${person.handle}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await new Client().post('/api/v1/login', { email, password: `wrong guess ${i}` })).status);
    }
    expect(statuses[0]).toBe(401);
    expect(statuses).toContain(429);
    const right = await new Client().post('/api/v1/login', { email, password: 'correct horse' });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('rate_limited');
    expect(Number(right.headers.get('Retry-After'))).toBeGreaterThan(0);
    // The HTML form and the /give popup share the same account's limit.
    const form = await new Client().submit('/login', { email, password: 'correct horse' });
    expect(form.status).toBe(429);
    expect(form.headers.get('Retry-After')).toBe(right.headers.get('Retry-After'));
  }, 120_000);

  it('limits per client address across many accounts (CF-Connecting-IP)', async () => {
    const ip = address();
    const statuses: number[] = [];
    for (let i = 0; i < 130; i++) {
      const answer = await new Client().request(
        'POST',
        '/api/v1/login',
        { email: `nobody-${i}-${ip}@example.test`, password: 'wrong guess' },
        { 'CF-Connecting-IP': ip },
      );
      statuses.push(answer.status);
      if (answer.status === 429) break;
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeGreaterThan(10);
    // Another address is not affected.
    expect(
      (await new Client().request('POST', '/api/v1/login', { email: 'someone@example.test', password: 'wrong guess' }, { 'CF-Connecting-IP': address() }))
        .status,
    ).toBe(401);
  }, 120_000);

  it('sign-up is limited per email and per address (API and form)', async () => {
    const email = `${uniqueHandle('s')}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 25 && statuses.at(-1) !== 429; i++) {
      statuses.push((await new Client().post('/api/v1/signup', { handle: uniqueHandle('s'), email, password: 'long enough', invite: 'made-up' })).status);
    }
    expect(statuses[0]).toBe(403);
    expect(statuses.at(-1)).toBe(429);
    const form = await new Client().submit('/signup', { handle: uniqueHandle('s'), email, password: 'long enough', invite: 'made-up' });
    expect(form.status).toBe(429);
  }, 60_000);

  it('giving is limited per account: a giver clicking thing after thing meets a 429', async () => {
    const owner = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const statuses: number[] = [];
    for (let i = 0; i < 130; i++) {
      const thing = await owner.post('/api/v1/things', { url: `https://limits.example/${owner.handle}/${i}`, title: `Post ${i}` });
      const answer = await giver.post(`/api/v1/things/${thing.body.id}/clicks`);
      statuses.push(answer.status);
      if (answer.status === 429) break;
    }
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(60);
    expect(statuses.slice(0, -1).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const viaButton = await giver.post('/api/v1/clicks', { owner: owner.handle, url: `https://limits.example/${owner.handle}/last` });
    expect(viaButton.status).toBe(429);
  }, 120_000);

  // Issue 20: 80 invite requests by API and 30 by form from one client all went in, and
  // requests naming a person (`inviter`) landed on that person's dashboard without end.
  it('invite requests are limited per client address: JSON 429 on the API, a styled page on the form', async () => {
    const ip = address();
    const ask = (i: number) =>
      new Client().request('POST', '/api/v1/invite-requests', { email: `asker-${i}-${uniqueHandle('i')}@example.test` }, { 'CF-Connecting-IP': ip });
    const statuses: number[] = [];
    for (let i = 0; i < 40 && statuses.at(-1) !== 429; i++) statuses.push((await ask(i)).status);
    expect(statuses[0]).toBe(202);
    expect(statuses.at(-1)).toBe(429);
    const refused = await ask(99);
    expect([refused.status, refused.body.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    // The landing page's form shares the address's limit and answers with a page in words.
    const form = await new Client().request('POST', '/invite-requests', new URLSearchParams({ email: `form-${uniqueHandle('i')}@example.test` }).toString(), {
      'CF-Connecting-IP': ip,
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ORIGIN,
      Accept: 'text/html',
    });
    expect(form.status).toBe(429);
    expect(form.headers.get('Retry-After')).toBe(refused.headers.get('Retry-After'));
    expect(form.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(form.text).toContain('<link rel="stylesheet" href="/assets/kudos.css"');
    expect(form.text).toContain('try again in 60 seconds');
    // Another address still asks.
    expect(
      (await new Client().request('POST', '/api/v1/invite-requests', { email: `x-${uniqueHandle('i')}@example.test` }, { 'CF-Connecting-IP': address() }))
        .status,
    ).toBe(202);
  }, 120_000);

  it('invite requests naming one person are limited across addresses, and their dashboard lists at most a handful', async () => {
    const bob = await newPerson();
    const statuses: number[] = [];
    for (let i = 0; i < 30 && statuses.at(-1) !== 429; i++) {
      const answer = await new Client().request(
        'POST',
        '/api/v1/invite-requests',
        { email: `fan-${i}-${uniqueHandle('n')}@example.test`, note: 'flood', inviter: `@${bob.handle.toUpperCase()}` },
        { 'CF-Connecting-IP': address() },
      );
      statuses.push(answer.status);
    }
    expect(statuses[0]).toBe(202);
    expect(statuses.at(-1)).toBe(429);
    // Past the cap (a slow flood the limit lets through), requests go to the admin instead.
    const db = openDb(env.DB);
    for (let i = 0; i < MAX_WAITING_NAMING + 5; i++) {
      await addInviteRequest(db, { email: `slow-${i}-${uniqueHandle('n')}@example.test`, note: 'slow flood', inviterHandle: bob.handle });
    }
    expect(await requestsNaming(db, bob.handle)).toHaveLength(MAX_WAITING_NAMING);
    expect((await bob.get('/dashboard')).text.split('slow flood').length - 1).toBeLessThanOrEqual(MAX_WAITING_NAMING);
  }, 120_000);

  // Issue 20: 80 wrong admin tokens and 80 wrong admin sign-ins were all a plain 401.
  it('wrong admin tokens meet a 429 with Retry-After, on the API and on the sign-in form', async () => {
    const ip = address();
    const statuses: number[] = [];
    for (let i = 0; i < 40 && statuses.at(-1) !== 429; i++) {
      const answer = await new Client().request('GET', '/api/v1/admin/ledger-check', undefined, { Authorization: `Bearer guess-${i}`, 'CF-Connecting-IP': ip });
      statuses.push(answer.status);
    }
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeGreaterThan(5);
    const refused = await new Client().request('GET', '/api/v1/admin/ledger-check', undefined, { Authorization: 'Bearer one-more', 'CF-Connecting-IP': ip });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    // The sign-in form shares the count: a styled page, 429, Retry-After.
    const form = await new Client().request('POST', '/admin/session', new URLSearchParams({ token: 'guess' }).toString(), {
      'CF-Connecting-IP': ip,
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ORIGIN,
      Accept: 'text/html',
    });
    expect(form.status).toBe(429);
    expect(Number(form.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(form.text).toContain('Too many wrong admin tokens');
    expect(form.text).toContain('<link rel="stylesheet" href="/assets/kudos.css"');
    // The audit log says the refused calls were not authorized.
    const audit = await new Client().request('GET', '/api/v1/admin/audit', undefined, { Authorization: `Bearer ${ADMIN_TOKEN}` });
    const mine = audit.body.calls.filter((call: { client: string | null }) => call.client === ip);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((call: { authorized: boolean }) => !call.authorized)).toBe(true);
    // Another address still gets the plain 401, and the right token is served.
    const elsewhere = { 'CF-Connecting-IP': address() };
    expect((await new Client().request('GET', '/api/v1/admin/ledger-check', undefined, { Authorization: 'Bearer nope', ...elsewhere })).status).toBe(401);
    expect((await new Client().request('GET', '/api/v1/admin/ledger-check', undefined, { Authorization: `Bearer ${ADMIN_TOKEN}`, ...elsewhere })).status).toBe(
      200,
    );
  }, 120_000);

  it('wrong tokens typed into the admin sign-in form alone meet the limit too', async () => {
    const ip = address();
    const statuses: number[] = [];
    for (let i = 0; i < 40 && statuses.at(-1) !== 429; i++) {
      const answer = await new Client().request('POST', '/admin/session', new URLSearchParams({ token: `guess ${i}` }).toString(), {
        'CF-Connecting-IP': ip,
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: ORIGIN,
        Accept: 'text/html',
      });
      statuses.push(answer.status);
    }
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
  }, 120_000);
});
