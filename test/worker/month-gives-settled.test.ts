// After the month is settled, the dashboard says what was given and received, not a pending
// month (issue 15: "Pending: nothing to give this month… what they earn arrives then" after it
// had arrived). Its own file: it settles the current month, as the local recipe in docs/local-development.md does.
import { createScheduledController, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { addMonths, monthOf, monthStart } from '../../worker/domain/month';
import worker from '../../worker/index';
import { newPerson, testId } from './client';
import { untilSettled } from './months';

const text = (html: string | undefined) =>
  (html ?? '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

describe('the dashboard after the month is settled', () => {
  it('says what the giver gave and that what the creator earned is settled', { timeout: 120_000 }, async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const carol = await newPerson({ depositCents: 1000, budgetCents: 500 });
    // One thing alice registered (hers), one a reader's click registered for her (waiting for her claim).
    const own = await alice.post('/api/v1/things', { url: `https://${alice.handle}.example/a`, title: 'A' });
    expect((await bob.post(`/api/v1/things/${own.body.id}/clicks`)).status).toBe(201);
    expect((await bob.post('/api/v1/clicks', { owner: alice.handle, url: `https://${alice.handle}.example/b`, title: 'B' })).status).toBe(201);
    const month = monthOf(Date.now());
    await worker.scheduled(createScheduledController({ scheduledTime: monthStart(addMonths(month, 1)) + 5 * 60_000, cron: '5 * 1 * *' }), env);
    expect((await untilSettled(month)).stage).toBe('done');

    const bobs = (await bob.get('/dashboard')).text;
    expect(text(testId(bobs, 'projection'))).toBe(
      `${month} is settled: you gave €5.00, shared by your 2 kudos after the fee of €0.50. Kudos you give count again from the 1st of next month.`,
    );
    expect(text(testId(bobs, 'pending'))).toBe('Pending: nothing more this month: it is settled, and your €5.00 is booked (see below). Settled.');

    const alices = (await alice.get('/dashboard')).text;
    expect(text(testId(alices, 'projection'))).toBe(
      `${month} is settled: it gave nothing (no funded budget). Kudos you give count again from the 1st of next month.`,
    );
    const pending = text(testId(alices, 'pending'));
    expect(pending).toBe(
      'Pending: nothing: this month is settled. Your things got 1 kudos this month; what they earned is settled (see below; for things you have not claimed it is held). Settled.',
    );
    expect(pending).not.toContain('arrives then');
    // The share for the thing she has not claimed is held, and the dashboard says how to get it.
    expect(testId(alices, 'held')).toBeDefined();
    expect(alices).toContain(`${alice.handle}.example: 1 kudos wait for you, €2.25 held so far.`);
    expect(alices).toContain('href="/dashboard/things#sites-h">Verify the site</a>');

    // No kudos: the budget went to charity, said so.
    expect(text(testId((await carol.get('/dashboard')).text, 'projection'))).toBe(
      `${month} is settled: you gave no kudos, so your €5.00 went to charity. Kudos you give count again from the 1st of next month.`,
    );
  });
});
