// GET /api/v1/counts: every button of a page in one public, cacheable request.
import { describe, expect, it } from 'vitest';
import { Client, newPerson } from './client';

describe('GET /api/v1/counts', () => {
  it('answers each thing in order, null for unknown owners and bad URLs, public and cacheable', async () => {
    const creator = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const a = `https://${creator.handle}.example/a`;
    const b = `https://${creator.handle}.example/b`;
    await giver.post('/api/v1/clicks', { owner: creator.handle, url: a, title: 'A' });
    const t = [`${creator.handle}:${a}`, `${creator.handle}:${b}/`, 'no-such-person-here:https://x.example/', `${creator.handle}:not a url`, 'nocolon'];
    const query = t.map((x) => `t=${encodeURIComponent(x)}`).join('&');
    // The giver's cookie changes nothing: the answer is the same for everyone.
    const asGiver = await giver.get(`/api/v1/counts?${query}`);
    expect(asGiver.status).toBe(200);
    expect(asGiver.body).toEqual({ counts: [[1, 1], [0, 0], null, null, null] });
    expect(asGiver.body).toEqual((await new Client().get(`/api/v1/counts?${query}`)).body);
    expect(asGiver.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(asGiver.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(asGiver.headers.get('Set-Cookie')).toBeNull();
  });

  it('refuses more than 100 things at once', async () => {
    const query = Array.from({ length: 101 }, (_, i) => `t=a:https://x.example/${i}`).join('&');
    const res = await new Client().get(`/api/v1/counts?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_field');
  });
});
