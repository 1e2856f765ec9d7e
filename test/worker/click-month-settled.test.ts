// Clicks for a month already settled for the giver are refused (409 month_settled): a kudos
// stamped with a settled month would never be paid. Its own file: it settles the current month.
import { createScheduledController, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { giveAs } from './give';
import { settleMonth } from '../../worker/actions/settle';
import { addMonths, monthOf, monthStart } from '../../worker/domain/month';
import { Refusal } from '../../worker/domain/refusal';
import { readConfig } from '../../worker/env';
import worker from '../../worker/index';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { findThing } from '../../worker/store/things';
import { newPerson } from './client';
import { afterMonth, inMonth, untilSettled } from './months';

const db = () => openDb(env.DB);
const config = () => readConfig(env);
const clicksOn = async (thingId: number) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM clicks WHERE thing_id = ?').bind(thingId).first<{ n: number }>())!.n;

describe('clicks for a settled month', () => {
  it('are refused with 409 month_settled once the giver has been settled, and record nothing', async () => {
    const month = '2033-03';
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const [first, late] = await Promise.all(
      [1, 2].map(async (n) => (await alice.post('/api/v1/things', { url: `https://alice.example/${n}`, title: `Post ${n}` })).body.id as number),
    );
    const giver = (await findAccountByHandle(db(), bob.handle))!;
    await giveAs(db(), config(), giver, (await findThing(db(), first!))!, inMonth(month));
    await settleMonth(db(), config(), month, { now: afterMonth(month) });
    const refusal = await giveAs(db(), config(), giver, (await findThing(db(), late!))!, inMonth(month) + 86_400_000).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Refusal);
    expect((refusal as Refusal).code).toBe('month_settled');
    expect(await clicksOn(late!)).toBe(0);
    // The next month is open again.
    await expect(giveAs(db(), config(), giver, (await findThing(db(), late!))!, inMonth(addMonths(month, 1)))).resolves.toEqual({
      month: addMonths(month, 1),
    });
  });

  it('after the local recipe (docs/local-development.md) settles this month now, clicks answer 409, the button says so, and nothing is promised', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const url = `https://alice.example/now-${crypto.randomUUID()}`;
    expect((await bob.post('/api/v1/clicks', { owner: alice.handle, url, title: 'Before' })).status).toBe(201);
    // "settle this month now": fire the cron as if it were the 1st of next month.
    const now = monthOf(Date.now());
    await worker.scheduled(createScheduledController({ scheduledTime: monthStart(addMonths(now, 1)) + 5 * 60_000, cron: '5 * 1 * *' }), env);
    // The cron plans the month and fans it out over the queue; the consumer settles it a moment later.
    expect((await untilSettled(now)).stage).toBe('done');
    const later = `https://alice.example/later-${crypto.randomUUID()}`;
    const click = await bob.post('/api/v1/clicks', { owner: alice.handle, url: later, title: 'After' });
    expect([click.status, click.body.error.code]).toEqual([409, 'month_settled']);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM things WHERE url = ?').bind(later).first<{ n: number }>())!.n).toBe(0);
    const state = await bob.get(`/api/v1/button?owner=${alice.handle}&url=${encodeURIComponent(later)}`);
    expect(state.body.status).toBe('month_settled');
    const dashboard = (await bob.get('/dashboard')).body as string;
    expect(dashboard).toContain(`${now} is settled`);
    expect(dashboard).not.toContain('If the month ended now');
  });
});
