// Subscriptions: "give to this thing every month". Started through the API (this month's kudos
// given at once, by the same click a press makes), then booked on each 1st by the cron: over
// miniflare's real queue, and inline without one, until their months are covered.
import { createScheduledController, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { bookSubscriptionsFromCron, subscribe } from '../../worker/actions/subscriptions';
import { addMonths, type Month, monthOf } from '../../worker/domain/month';
import { type Env, readConfig } from '../../worker/env';
import worker from '../../worker/index';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { checkLedger } from '../../worker/store/ledger';
import { Client, newPerson } from './client';
import { afterMonth, inMonth, monthsFrom, untilSettled } from './months';

const freshMonth = monthsFrom('2071-01');
const db = () => openDb(env.DB);
const config = () => readConfig(env);
const post = () => ({ url: `https://blog.example/every-month-${crypto.randomUUID()}`, title: 'A post worth a monthly kudos' });
const balanced = { sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] };

async function personId(client: { handle: string }) {
  return (await findAccountByHandle(db(), client.handle))!.id;
}

async function clicked(giverId: number, thingId: number, month: Month) {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM clicks WHERE giver_id = ? AND thing_id = ? AND month = ?')
    .bind(giverId, thingId, month)
    .first<{ n: number }>();
  return row!.n;
}

async function subscriptionRow(id: number) {
  return env.DB.prepare('SELECT months_given, next_month, last_refusal, end_reason FROM subscriptions WHERE id = ?').bind(id).first();
}

/** Waits until the queue's consumers moved subscription `id` past `month`. */
async function untilBooked(id: number, month: Month) {
  const started = Date.now();
  for (;;) {
    const row = await subscriptionRow(id);
    if ((row?.next_month as string) > month || row?.end_reason || Date.now() - started > 60_000) return row;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('subscriptions through the API', () => {
  it("starts one with this month's kudos, lists it, refuses a second and your own thing, and stops it", async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const thing = (await alice.post('/api/v1/things', post())).body;

    const started = await bob.post('/api/v1/me/subscriptions', { thing_id: thing.id, months: 3 });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      subscription: { thing: { id: thing.id, owner: alice.handle }, months: 3, months_given: 1, next_month: addMonths(monthOf(Date.now()), 1), ended: null },
      this_month: { given: true, refusal: null },
    });
    expect((await new Client().get(`/api/v1/things/${thing.id}`)).body.clicks_this_month).toBe(1);
    // The dashboard lists it too, with its stop button.
    const dashboard = (await bob.get('/dashboard')).text;
    expect(dashboard).toMatch(new RegExp(`id="subscriptions"[\\s\\S]*data-testid="running"[\\s\\S]*${thing.title}[\\s\\S]*/subscriptions/\\d+/stop`));

    const twice = await bob.post('/api/v1/me/subscriptions', { thing_id: thing.id });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'already_subscribed']);
    const own = await alice.post('/api/v1/me/subscriptions', { thing_id: thing.id });
    expect([own.status, own.body.error.code]).toEqual([403, 'own_thing']);
    const badMonths = await bob.post('/api/v1/me/subscriptions', { thing_id: thing.id, months: 5 });
    expect(badMonths.status).toBe(400);
    const stranger = await new Client().post('/api/v1/me/subscriptions', { thing_id: thing.id });
    expect(stranger.status).toBe(401);

    const listed = await bob.get('/api/v1/me/subscriptions');
    expect(listed.body.subscriptions).toHaveLength(1);
    const id = listed.body.subscriptions[0].id;
    expect((await bob.request('DELETE', `/api/v1/me/subscriptions/${id}`)).status).toBe(204);
    expect((await bob.request('DELETE', `/api/v1/me/subscriptions/${id}`)).status).toBe(404);
    expect((await alice.request('DELETE', `/api/v1/me/subscriptions/${id}`)).status).toBe(404);
    expect((await bob.get('/api/v1/me/subscriptions')).body.subscriptions[0]).toMatchObject({ id, ended: 'stopped' });
    // Stopping keeps this month's kudos; a new one may start again.
    expect((await new Client().get(`/api/v1/things/${thing.id}`)).body.clicks_this_month).toBe(1);
    const again = await bob.post('/api/v1/me/subscriptions', { thing_id: thing.id, months: null });
    expect(again.status).toBe(201);
    expect(again.body.this_month).toEqual({ given: true, refusal: null });
  });

  it('starts one without a budget, and says why this month gave nothing', async () => {
    const alice = await newPerson();
    const carol = await newPerson({ depositCents: 1000 });
    const thing = (await alice.post('/api/v1/things', post())).body;
    const started = await carol.post('/api/v1/me/subscriptions', { thing_id: thing.id, months: 6 });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ subscription: { months_given: 0, last_refusal: 'no_budget' }, this_month: { given: false, refusal: 'no_budget' } });
  });
});

describe('subscriptions on the pages', () => {
  it("starts one from the thing's page, lists it in the reader's language, and stops it", async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const thing = (await alice.post('/api/v1/things', post())).body;
    // Only a signed-in reader who is not the owner is offered the form.
    expect((await bob.get(`/things/${thing.id}`)).text).toContain('data-testid="subscribe-form"');
    expect((await alice.get(`/things/${thing.id}`)).text).not.toContain('data-testid="subscribe-form"');
    expect((await new Client().get(`/things/${thing.id}`)).text).not.toContain('data-testid="subscribe-form"');
    const stranger = await new Client().submit(`/subscriptions?thing=${thing.id}`, { months: '3' });
    expect([stranger.status, stranger.location]).toEqual([303, `/login?next=${encodeURIComponent(`/things/${thing.id}`)}`]);

    await bob.get('/subscriptions?lang=de');
    const started = await bob.submit(`/subscriptions?thing=${thing.id}`, { months: '3' });
    expect([started.status, started.location]).toEqual([303, '/subscriptions']);
    const page = await bob.get('/subscriptions');
    expect(page.text).toContain(`„${thing.title}“ jeden Monat Kudos, angefangen mit diesem`);
    expect(page.text).toMatch(/data-testid="running"[\s\S]*für 3 Monate · 1 Monat gegeben/);
    expect((await new Client().get(`/api/v1/things/${thing.id}`)).body.clicks_this_month).toBe(1);

    // Refused in the reader's language, back on the thing's page.
    const twice = await bob.submit(`/subscriptions?thing=${thing.id}`, { months: '' });
    expect(twice.location).toBe(`/things/${thing.id}`);
    expect((await bob.get(twice.location!)).text).toContain('Diesem Ding gibst du schon jeden Monat.');

    const id = (await bob.get('/api/v1/me/subscriptions')).body.subscriptions[0].id;
    expect((await alice.submit(`/subscriptions/${id}/stop`, {})).location).toBe('/subscriptions');
    expect((await bob.get('/api/v1/me/subscriptions')).body.subscriptions[0].ended).toBeNull();
    await bob.submit(`/subscriptions/${id}/stop`, {});
    const after = await bob.get('/subscriptions');
    expect(after.text).toContain('Abo beendet.');
    expect(after.text).toMatch(/data-testid="ended"[\s\S]*1 Monat gegeben · beendet/);
  });
});

describe('subscriptions on the 1st', () => {
  it('gives on each 1st over the queue without a click, and ends after its months', async () => {
    const m0 = freshMonth();
    freshMonth();
    freshMonth();
    freshMonth();
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 2000, budgetCents: 500 });
    const thing = (await alice.post('/api/v1/things', post())).body;
    const bobId = await personId(bob);
    const { subscription } = await subscribe(db(), config(), bobId, thing.id, 3, inMonth(m0));
    expect(await clicked(bobId, thing.id, m0)).toBe(1);

    for (const month of [addMonths(m0, 1), addMonths(m0, 2)]) {
      // The firing on the 1st settles the month before and fans the subscriptions out to the queue.
      await worker.scheduled(createScheduledController({ scheduledTime: afterMonth(addMonths(month, -1)), cron: '5 * 1 * *' }), env);
      await untilBooked(subscription.id, month);
      expect(await clicked(bobId, thing.id, month)).toBe(1);
    }
    expect(await subscriptionRow(subscription.id)).toEqual({ months_given: 3, next_month: addMonths(m0, 3), last_refusal: null, end_reason: 'finished' });

    // The month after its three: nothing more.
    await worker.scheduled(createScheduledController({ scheduledTime: afterMonth(addMonths(m0, 2)), cron: '5 * 1 * *' }), env);
    await untilSettled(addMonths(m0, 2));
    expect(await clicked(bobId, thing.id, addMonths(m0, 3))).toBe(0);
    // Three months' pledges settled: alice got 3 × 450 cents, the books balance.
    const shares = await env.DB.prepare("SELECT sum(amount_cents) AS cents FROM ledger_entries WHERE kind = 'share' AND counterparty_id = ? AND thing_id = ?")
      .bind(bobId, thing.id)
      .first<{ cents: number }>();
    expect(shares!.cents).toBe(3 * 450);
    expect(await checkLedger(db())).toEqual(balanced);
  }, 180_000);

  it('books inline without a queue, keeps a refusal to show, and ends when the thing cannot receive', async () => {
    const m0 = freshMonth();
    freshMonth();
    const alice = await newPerson();
    const poor = await newPerson({ depositCents: 500, budgetCents: 500 });
    const thing = (await alice.post('/api/v1/things', post())).body;
    const poorId = await personId(poor);
    const { subscription } = await subscribe(db(), config(), poorId, thing.id, null, inMonth(m0));

    // m0 takes the whole balance: the next month is not funded, and says so.
    await worker.scheduled(createScheduledController({ scheduledTime: afterMonth(m0), cron: '5 * 1 * *' }), { ...env, SETTLEMENT_QUEUE: undefined } as Env);
    expect(await subscriptionRow(subscription.id)).toEqual({ months_given: 1, next_month: addMonths(m0, 2), last_refusal: 'not_funded', end_reason: null });
    expect(await clicked(poorId, thing.id, addMonths(m0, 1))).toBe(0);

    // Booked twice at once (two firings, or a redelivered message): the month counts once.
    await env.DB.prepare('UPDATE subscriptions SET next_month = ? WHERE id = ?').bind(addMonths(m0, 1), subscription.id).run();
    await env.DB.prepare('UPDATE things SET owner_id = ? WHERE id = ?').bind(poorId, thing.id).run();
    const at = afterMonth(m0);
    await Promise.all([bookSubscriptionsFromCron(db(), config(), at), bookSubscriptionsFromCron(db(), config(), at)]);
    // The thing became the giver's own: it can never give again, so it ended.
    expect(await subscriptionRow(subscription.id)).toMatchObject({ months_given: 1, last_refusal: 'own_thing', end_reason: 'cannot_continue' });
  }, 120_000);
});
