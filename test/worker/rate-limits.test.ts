// Rate limits through the real Workers Rate Limiting binding (simulated locally by workerd):
// 429 with Retry-After, per account and per client address. The binding's windows are fixed
// 60 s windows on the wall clock, so each loop is long enough to meet the limit even when one
// window ends in its middle (a loaded machine may take many seconds per loop).
import { describe, expect, it } from 'vitest';
import { Client, newPerson, uniqueHandle } from './client';

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
});
