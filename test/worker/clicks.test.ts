import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Client, newPerson } from './client';

const post = (n: number) => ({ url: `https://blog.example/post-${n}-${crypto.randomUUID()}`, title: `Post ${n}` });

describe('things and clicks', () => {
  it('registers a thing once per owner and normalised URL', async () => {
    const alice = await newPerson();
    const first = await alice.post('/api/v1/things', { url: 'https://Blog.Example/hello/?utm_source=rss#top', title: 'Hello' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ url: 'https://blog.example/hello', title: 'Hello', owner: alice.handle });
    const again = await alice.post('/api/v1/things', { url: 'https://blog.example/hello', title: 'Hello again' });
    expect(again.body.id).toBe(first.body.id);
    const read = await new Client().get(`/api/v1/things/${first.body.id}`);
    expect(read.body).toEqual({ ...first.body, clicks_total: 0, clicks_this_month: 0, claimed: true, hidden: false });
  });

  it('counts one click per person, thing and month: the second is 409 and not recorded', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 500, budgetCents: 500 });
    const thing = (await alice.post('/api/v1/things', post(1))).body;
    const first = await bob.post(`/api/v1/things/${thing.id}/clicks`);
    expect(first.status).toBe(201);
    expect(first.body.thing).toMatchObject({ id: thing.id, clicks_total: 1, clicks_this_month: 1 });
    const second = await bob.post(`/api/v1/things/${thing.id}/clicks`);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_given');
    expect((await bob.get(`/api/v1/things/${thing.id}`)).body.clicks_total).toBe(1);
  });

  it('records exactly one of many concurrent double clicks', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 500, budgetCents: 500 });
    const thing = (await alice.post('/api/v1/things', post(2))).body;
    const answers = await Promise.all(Array.from({ length: 8 }, () => bob.post(`/api/v1/things/${thing.id}/clicks`)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM clicks WHERE thing_id = ?').bind(thing.id).first<{ n: number }>();
    expect(rows!.n).toBe(1);
    expect((await bob.get(`/api/v1/things/${thing.id}`)).body).toMatchObject({ clicks_total: 1, clicks_this_month: 1 });
  }, 60_000);

  it('refuses own things (403), no budget or too little balance (402), and strangers (401)', async () => {
    const alice = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const thing = (await alice.post('/api/v1/things', post(3))).body;
    const own = await alice.post(`/api/v1/things/${thing.id}/clicks`);
    expect([own.status, own.body.error.code]).toEqual([403, 'own_thing']);

    const noBudget = await newPerson({ depositCents: 1000 });
    const r1 = await noBudget.post(`/api/v1/things/${thing.id}/clicks`);
    expect([r1.status, r1.body.error.code]).toEqual([402, 'no_budget']);

    // A budget may exceed the balance (docs/money.md); too little is a balance under the minimum budget.
    const poor = await newPerson({ depositCents: 199, budgetCents: 500 });
    const r2 = await poor.post(`/api/v1/things/${thing.id}/clicks`);
    expect([r2.status, r2.body.error.code]).toEqual([402, 'not_funded']);

    const stranger = await new Client().post(`/api/v1/things/${thing.id}/clicks`);
    expect(stranger.status).toBe(401);
    expect((await new Client().get(`/api/v1/things/${thing.id}`)).body.clicks_total).toBe(0);
  });

  it('registers an unknown page on its first click from button parameters', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 500, budgetCents: 500 });
    const { url } = post(4);
    const click = await bob.post('/api/v1/clicks', { owner: alice.handle, url: `${url}#frag`, title: 'Fresh post' });
    expect(click.status).toBe(201);
    // A reader registered it naming alice: it waits for her claim (and counts clicks meanwhile).
    expect(click.body.thing).toMatchObject({ url, title: 'Fresh post', owner: alice.handle, clicks_total: 1, claimed: false });
    const mine = await alice.get('/api/v1/me/things');
    expect(mine.body.things.map((t: { url: string }) => t.url)).not.toContain(url);
    const waiting = await alice.get('/api/v1/me/unclaimed');
    expect(waiting.body.things.map((t: { url: string }) => t.url)).toContain(url);
    const again = await bob.post('/api/v1/clicks', { owner: alice.handle, url, title: 'Other title' });
    expect(again.status).toBe(409);
    const unknownOwner = await bob.post('/api/v1/clicks', { owner: 'nobody-here', url, title: 'x' });
    expect(unknownOwner.status).toBe(404);
  });

  it('shows the button state for each kind of viewer', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 500, budgetCents: 500 });
    const { url } = post(5);
    const q = `/api/v1/button?owner=${alice.handle}&url=${encodeURIComponent(url)}`;
    expect((await new Client().get(q)).body).toMatchObject({ status: 'signed_out', thing_id: null, clicks_total: 0 });
    expect((await bob.get(q)).body.status).toBe('ready');
    expect((await alice.get(q)).body.status).toBe('own');
    await bob.post('/api/v1/clicks', { owner: alice.handle, url, title: 't' });
    expect((await bob.get(q)).body).toMatchObject({ status: 'given', clicks_total: 1, clicks_this_month: 1, viewer: bob.handle });
    expect((await (await newPerson()).get(q)).body.status).toBe('no_budget');
  });
});

describe('cached counts of signed-out buttons', () => {
  /** The count the oEmbed iframe shows (public counts, edge-cached), as a signed-out visitor sees it. */
  async function iframeCounts(owner: string, url: string) {
    const html = (await new Client().get(`/button/embed?owner=${owner}&url=${encodeURIComponent(url)}`)).body as string;
    return Number(/<span class="n">(\d+)<\/span>/.exec(html)![1]);
  }

  it('drop the cached count when a click comes through the API', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 500, budgetCents: 500 });
    const { url } = post(6);
    expect(await iframeCounts(alice.handle, url)).toBe(0); // now cached
    expect((await bob.post('/api/v1/clicks', { owner: alice.handle, url, title: 'Cached' })).status).toBe(201);
    expect(await iframeCounts(alice.handle, url)).toBe(1);
  });
});

const thingRows = async (url: string) => (await env.DB.prepare('SELECT count(*) AS n FROM things WHERE url = ?').bind(url).first<{ n: number }>())!.n;
const pledgeOf = (handle: string) =>
  env.DB.prepare(
    'SELECT p.month, p.budget_cents AS budget, p.reserved_cents AS reserved FROM month_pledges p JOIN accounts a ON a.id = p.account_id WHERE a.handle = ?',
  )
    .bind(handle)
    .all<{ month: string; budget: number; reserved: number }>();

describe('a refused click creates nothing', () => {
  it('registers no thing for an own-thing (403) or unfunded (402) click', async () => {
    const alice = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const noBudget = await newPerson({ depositCents: 1000 });
    const poor = await newPerson({ depositCents: 100, budgetCents: 500 });
    const { url } = post(7);
    const own = await alice.post('/api/v1/clicks', { owner: alice.handle, url, title: 'Mine' });
    expect([own.status, own.body.error.code]).toEqual([403, 'own_thing']);
    const r1 = await noBudget.post('/api/v1/clicks', { owner: alice.handle, url, title: 'x' });
    expect([r1.status, r1.body.error.code]).toEqual([402, 'no_budget']);
    const r2 = await poor.post('/api/v1/clicks', { owner: alice.handle, url, title: 'x' });
    expect([r2.status, r2.body.error.code]).toEqual([402, 'not_funded']);
    expect(await thingRows(url)).toBe(0);
    expect((await alice.get('/api/v1/me/things')).body.things.map((t: { url: string }) => t.url)).not.toContain(url);
    expect((await pledgeOf(poor.handle)).results).toEqual([]);
  });

  it('registers a thing named by a reader as unclaimed, with its first kudos', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 500, budgetCents: 500 });
    const { url } = post(8);
    expect((await bob.post('/api/v1/clicks', { owner: alice.handle, url, title: 'Read' })).status).toBe(201);
    const row = await env.DB.prepare('SELECT claimed FROM things WHERE url = ?').bind(url).first<{ claimed: number }>();
    expect(row!.claimed).toBe(0);
  });
});

describe('the budget rule and the month pledge', () => {
  it('lets a budget exceed the balance: the first kudos reserves min(budget, balance), later ones need nothing more', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 1000, budgetCents: 5000 });
    const things = [];
    for (let i = 0; i < 3; i++) things.push((await alice.post('/api/v1/things', post(10 + i))).body);
    expect((await bob.post(`/api/v1/things/${things[0].id}/clicks`)).status).toBe(201);
    const [pledge] = (await pledgeOf(bob.handle)).results;
    expect(pledge).toMatchObject({ budget: 5000, reserved: 1000 });
    // The whole balance is promised now; the month's later kudos still count.
    expect((await bob.post(`/api/v1/things/${things[1].id}/clicks`)).status).toBe(201);
    expect((await bob.get(`/api/v1/button?owner=${alice.handle}&url=${encodeURIComponent(things[2].url)}`)).body.status).toBe('ready');
    expect((await bob.post(`/api/v1/things/${things[2].id}/clicks`)).status).toBe(201);
    expect((await pledgeOf(bob.handle)).results).toHaveLength(1);
  });

  it('pays out only the unreserved balance', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 2000, budgetCents: 500 });
    for (let i = 0; i < 5; i++) {
      const thing = (await alice.post('/api/v1/things', post(20 + i))).body;
      expect((await bob.post(`/api/v1/things/${thing.id}/clicks`)).status).toBe(201);
    }
    expect((await bob.get('/dashboard')).body).toContain('€5.00 of it is reserved for the kudos you gave this month');
    const all = await bob.post('/api/v1/me/payouts', { amount_cents: 2000 });
    expect([all.status, all.body.error.code]).toEqual([422, 'balance_reserved']);
    expect((await bob.post('/api/v1/me/payouts', { amount_cents: 1501 })).body.error.code).toBe('balance_reserved');
    expect((await bob.post('/api/v1/me/payouts', { amount_cents: 1500 })).status).toBe(201);
    expect((await bob.get('/api/v1/me')).body).toMatchObject({ balance_cents: 500, unreserved_cents: 0 });
    expect((await pledgeOf(bob.handle)).results).toEqual([expect.objectContaining({ reserved: 500 })]);
  });
});

describe('a debt from a refund or dispute', () => {
  it('refuses kudos with 402 debt_outstanding (writing nothing) and the button asks for funds', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const thing = (await alice.post('/api/v1/things', post(40))).body;
    await env.DB.prepare('UPDATE accounts SET debt_cents = 300 WHERE handle = ?').bind(bob.handle).run();
    expect((await bob.get(`/api/v1/button?owner=${alice.handle}&url=${encodeURIComponent(thing.url)}`)).body.status).toBe('not_funded');
    const refused = await bob.post(`/api/v1/things/${thing.id}/clicks`);
    expect([refused.status, refused.body.error.code]).toEqual([402, 'debt_outstanding']);
    const unknown = await bob.post('/api/v1/clicks', { owner: alice.handle, url: post(41).url });
    expect([unknown.status, unknown.body.error.code]).toEqual([402, 'debt_outstanding']);
    const pledges = await env.DB.prepare('SELECT count(*) AS n FROM month_pledges p JOIN accounts a ON a.id = p.account_id WHERE a.handle = ?')
      .bind(bob.handle)
      .first<{ n: number }>();
    expect(pledges?.n).toBe(0);
    expect((await bob.get(`/api/v1/things/${thing.id}`)).body.clicks_total).toBe(0);
  });
});
