import { describe, expect, it } from 'vitest';
import { newPerson } from './client';

describe('smoke', () => {
  it('signs up, deposits and reads /me', async () => {
    const alice = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const me = await alice.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ handle: alice.handle, balance_cents: 1000, monthly_budget_cents: 500, currency: 'EUR' });
    expect(me.body.invites).toHaveLength(3);
  });
});
