// Admin calls: the token compared in constant time (timingSafeEqual over digests) and every
// call, refused or not, recorded in the audit table with its answer's status.
import { describe, expect, it } from 'vitest';
import { admin, Client } from './client';

const audit = async () =>
  (await admin('GET', '/audit')).body.calls as { method: string; path: string; authorized: boolean; status: number; body: string | null }[];

describe('the admin audit', { timeout: 30_000 }, () => {
  it('records refused tokens, allowed calls and refusals inside allowed calls', async () => {
    // Bodies unique to this run find its rows, whatever other test files do meanwhile.
    const mark = 10 + Math.floor(Math.random() * 80);
    const stranger = await new Client().request('POST', '/api/v1/admin/invites', { count: mark }, { Authorization: 'Bearer dev-admin-tokeX' });
    expect(stranger.status).toBe(401);
    const noToken = await new Client().request('POST', '/api/v1/admin/invites', { count: mark + 1 });
    expect(noToken.status).toBe(401);
    expect((await admin('POST', '/invites', { count: 2, mark })).status).toBe(201);
    const future = await admin('POST', '/settlements', { month: '2999-01', mark });
    expect(future.status).toBe(422);

    const calls = await audit();
    const find = (body: unknown) => calls.find((c) => c.body === JSON.stringify(body));
    expect(find({ count: mark })).toMatchObject({ method: 'POST', path: '/api/v1/admin/invites', authorized: false, status: 401 });
    expect(find({ count: mark + 1 })).toMatchObject({ authorized: false, status: 401 });
    expect(find({ count: 2, mark })).toMatchObject({ path: '/api/v1/admin/invites', authorized: true, status: 201 });
    expect(find({ month: '2999-01', mark })).toMatchObject({ path: '/api/v1/admin/settlements', authorized: true, status: 422 });
    // Reading the audit is an admin call too, recorded once its answer is made.
    expect((await audit()).some((c) => c.path === '/api/v1/admin/audit' && c.status === 200)).toBe(true);
  });
});
