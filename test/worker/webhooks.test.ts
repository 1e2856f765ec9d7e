// Creators' webhooks against a real receiver on loopback (test/support/webhook-sink.ts), each
// delivery verified by the `standardwebhooks` library as a creator's server would: a kudos, a
// settled month, retries through miniflare's real queue, and an endpoint that keeps failing
// turned off with its owner told by email.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { settleMonth } from '../../worker/actions/settle';
import type { WebhookMessage } from '../../worker/domain/queue-messages';
import { WEBHOOK_ATTEMPTS, webhookRetryDelaySeconds } from '../../worker/domain/webhooks';
import { readConfig } from '../../worker/env';
import worker from '../../worker/index';
import { openDb } from '../../worker/store/db';
import { admin, type Client, newPerson, uniqueHandle } from './client';
import { afterMonth, inMonth, monthsFrom } from './months';
import { giveAs } from './give';
import { findAccountByHandle } from '../../worker/store/accounts';
import { findThing } from '../../worker/store/things';

const SINK = env.TEST_WEBHOOK_SINK;
// Months of this suite's own (test/worker/months.ts).
const freshMonth = monthsFrom('2052-01');
const db = () => openDb(env.DB);

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** What the receiver named `name` got so far, waiting until it has at least `count`. */
async function received(name: string, count = 1, timeoutMs = 60_000): Promise<Received[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = (await (await fetch(`${SINK}/received/${name}`)).json()) as Received[];
    if (got.length >= count || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A creator with an endpoint at the receiver's `name`; the secret Kudos gave for it. */
async function creatorWithEndpoint(name: string): Promise<{ creator: Client & { handle: string }; secret: string; endpointId: number }> {
  const creator = await newPerson();
  const added = await creator.post('/api/v1/me/webhooks', { url: `${SINK}/hooks/${name}` });
  expect(added.status).toBe(201);
  expect(added.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  return { creator, secret: added.body.secret, endpointId: added.body.id };
}

const verified = (secret: string, delivery: Received) =>
  new Webhook(secret).verify(delivery.body, {
    'webhook-id': delivery.headers['webhook-id']!,
    'webhook-timestamp': delivery.headers['webhook-timestamp']!,
    'webhook-signature': delivery.headers['webhook-signature']!,
  }) as { type: string; timestamp: string; data: Record<string, any> };

describe('creator webhooks (Standard Webhooks)', () => {
  it('posts a signed kudos.received that standardwebhooks verifies, naming the thing but not the giver', async () => {
    const name = `ok-${uniqueHandle('')}`;
    const { creator, secret } = await creatorWithEndpoint(name);
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const url = `https://${creator.handle}.example/post`;
    expect((await reader.post('/api/v1/clicks', { owner: creator.handle, url, title: 'A post' })).status).toBe(201);

    const [delivery] = await received(name);
    const event = verified(secret, delivery!);
    expect(event.type).toBe('kudos.received');
    expect(event.data).toEqual({ thing: { id: expect.any(Number), url, title: 'A post' }, month: expect.any(String), clicks_this_month: 1, clicks_total: 1 });
    expect(delivery!.body).not.toContain(reader.handle);
    // A body changed on the way, or another secret, does not verify.
    expect(() => verified(secret, { ...delivery!, body: delivery!.body.replace('A post', 'B post') })).toThrow();
    expect(() => verified(`whsec_${btoa('another secret, 32 bytes long....')}`, delivery!)).toThrow();

    // The creator's log says it was delivered at the first attempt.
    const log = await creator.get('/api/v1/me/webhooks');
    expect(log.body.deliveries).toEqual([
      expect.objectContaining({ id: delivery!.headers['webhook-id'], event: 'kudos.received', status: 'delivered', attempts: 1, last_status: 204 }),
    ]);
    // The page shows the same log, and the secret never again.
    const page = await creator.get('/settings/webhooks');
    expect(page.text).toContain('kudos.received');
    expect(page.text).not.toContain(secret);
  }, 90_000);

  it('tries a failing endpoint again over the queue, with the same webhook-id, until it answers', async () => {
    const name = `flaky2-${uniqueHandle('')}`;
    const { creator, secret } = await creatorWithEndpoint(name);
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    await reader.post('/api/v1/clicks', { owner: creator.handle, url: `https://${creator.handle}.example/flaky` });
    const got = await received(name, 3);
    expect(got).toHaveLength(3);
    expect(new Set(got.map((d) => d.headers['webhook-id'])).size).toBe(1);
    for (const delivery of got) expect(verified(secret, delivery).type).toBe('kudos.received');
    const deadline = Date.now() + 10_000;
    let log = await creator.get('/api/v1/me/webhooks');
    while (log.body.deliveries[0].status !== 'delivered' && Date.now() < deadline) log = await creator.get('/api/v1/me/webhooks');
    expect(log.body.deliveries).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3, last_status: 204 })]);
  }, 90_000);

  it('posts month.settled with what the creator got, once, when the month is settled', async () => {
    const month = freshMonth();
    const name = `settled-${uniqueHandle('')}`;
    const { creator, secret } = await creatorWithEndpoint(name);
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const thing = (await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/${month}`, title: 'Post' })).body.id;
    const config = readConfig(env);
    await giveAs(db(), config, (await findAccountByHandle(db(), giver.handle))!, (await findThing(db(), thing))!, inMonth(month));
    const run = await settleMonth(db(), config, month, { now: afterMonth(month) });
    expect(run.stage).toBe('done');
    // A second call that sees the month done announces nothing twice.
    await settleMonth(db(), config, month, { now: afterMonth(month) + 1000 });

    const settled = (await received(name, 2)).map((d) => verified(secret, d)).filter((e) => e.type === 'month.settled');
    expect(settled).toEqual([{ type: 'month.settled', timestamp: expect.any(String), data: { month, currency: 'EUR', amount_cents: 450, kudos: 1 } }]);
  }, 90_000);

  it('turns off an endpoint whose delivery failed every attempt, tells its owner, and turns on again', async () => {
    const name = `fail-${uniqueHandle('')}`;
    const { creator, endpointId } = await creatorWithEndpoint(name);
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    await reader.post('/api/v1/clicks', { owner: creator.handle, url: `https://${creator.handle}.example/down` });
    await received(name, 1);
    const { id } = (await env.DB.prepare('SELECT id FROM webhook_deliveries WHERE endpoint_id = ?').bind(endpointId).first<{ id: string }>())!;
    // The queue's own retries wait 1, 5, 25 … seconds; the last ones are driven here directly.
    await env.DB.prepare('UPDATE webhook_deliveries SET attempts = ? WHERE id = ?')
      .bind(WEBHOOK_ATTEMPTS - 1, id)
      .run();
    const batch = createMessageBatch<WebhookMessage>('kudos-webhooks', [{ id: 'last', timestamp: new Date(), attempts: 1, body: { deliveryId: id } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['last']);

    const log = await creator.get('/api/v1/me/webhooks');
    expect(log.body.endpoints).toEqual([expect.objectContaining({ id: endpointId, disabled: 'answered 500' })]);
    expect(log.body.deliveries[0]).toEqual(expect.objectContaining({ status: 'failed', attempts: WEBHOOK_ATTEMPTS, last_status: 500 }));
    // The owner is told by email, with where to turn it on again.
    const outbox = await admin('GET', `/outbox?to=${encodeURIComponent(`${creator.handle}@example.test`)}`);
    expect(outbox.body.messages.map((m: { subject: string }) => m.subject)).toContain('Your Kudos webhook endpoint was turned off');
    // While off, nothing is sent there.
    await reader.post('/api/v1/clicks', { owner: creator.handle, url: `https://${creator.handle}.example/down-2` });
    expect((await creator.get('/api/v1/me/webhooks')).body.deliveries).toHaveLength(1);
    // Turned on again from the page.
    expect((await creator.submit(`/settings/webhooks/${endpointId}/enable`, {})).status).toBe(303);
    expect((await creator.get('/api/v1/me/webhooks')).body.endpoints[0].disabled).toBeNull();

    // The waits between attempts: 30 s, then five times longer, never past a queue's 12 hours.
    expect([1, 2, 3, 4, 5, 6].map((n) => webhookRetryDelaySeconds(30, n))).toEqual([30, 150, 750, 3750, 18750, 43200]);
  }, 90_000);

  it('refuses endpoints that are not https (or loopback locally), private addresses, and a sixth endpoint', async () => {
    const creator = await newPerson();
    for (const url of ['http://example.com/hook', 'ftp://example.com/hook', 'https://10.0.0.1/hook', 'https://[fd00::1]/hook', 'not a url']) {
      const answer = await creator.post('/api/v1/me/webhooks', { url });
      expect([url, answer.status]).toEqual([url, expect.toSatisfy((status: number) => status === 400 || status === 422)]);
    }
    for (let i = 0; i < 5; i++) expect((await creator.post('/api/v1/me/webhooks', { url: `https://hooks.example/${i}` })).status).toBe(201);
    expect((await creator.post('/api/v1/me/webhooks', { url: 'https://hooks.example/6' })).status).toBe(400);
    // Closing the account removes them.
    expect((await creator.request('DELETE', '/api/v1/me', { password: 'correct horse', remainder_to: 'charity' })).status).toBe(200);
    const left = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM webhook_endpoints e JOIN accounts a ON a.id = e.owner_id WHERE a.closed_at IS NOT NULL AND e.url LIKE ?',
    )
      .bind('https://hooks.example/%')
      .first<{ n: number }>();
    expect(left!.n).toBe(0);
    // An app acting for the person cannot reach them: they are the person's alone.
    expect((await creator.request('GET', '/api/v1/me/webhooks', undefined, { Authorization: 'Bearer nope' })).status).toBe(401);
  });
});
