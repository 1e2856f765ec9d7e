// Money messages after a real settlement, read as the mail binding got them (postal-mime): each
// giver's receipt, each creator's "what came in" with what is held for a claim, in the person's
// language, sent once per person and month, and never to an unproven or unsubscribed address.
import { env } from 'cloudflare:test';
import PostalMime, { type Email } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { buttonThing, giveKudos, givenOrRefuse } from '../../worker/actions/give';
import { giveAs } from './give';
import { announceMonth } from '../../worker/actions/money-messages';
import { HELD_HANDLE, settleMonth } from '../../worker/actions/settle';
import { readConfig } from '../../worker/env';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { findThing } from '../../worker/store/things';
import { newPerson } from './client';
import { afterMonth, inMonth, monthsFrom } from './months';

const db = () => openDb(env.DB);
const config = () => readConfig(env);
const freshMonth = monthsFrom('2043-01');

async function inbox(to: string): Promise<Email[]> {
  const rows = await env.DB.prepare('SELECT raw FROM outbox WHERE to_email = ? ORDER BY id DESC').bind(to).all<{ raw: string }>();
  return Promise.all(rows.results.map((r) => PostalMime.parse(r.raw)));
}
const emailOf = (handle: string) => `${handle}@example.test`;

describe('after the settlement', () => {
  it('sends each giver a receipt and each creator what came in and what waits for a claim, once', { timeout: 180_000 }, async () => {
    const month = freshMonth();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const unproven = await newPerson({ depositCents: 1000, budgetCents: 300 });
    // Unverified from the start: a fresh account whose link was never opened.
    await env.DB.prepare('UPDATE accounts SET email_verified_at = NULL WHERE handle = ?').bind(unproven.handle).run();
    const creator = await newPerson();
    const waiting = await newPerson();
    const quiet = await newPerson();
    await waiting.put('/api/v1/me/messages', { topics: { receipt: true, earnings: true, payout: true }, lang: 'de' });
    await quiet.put('/api/v1/me/messages', { topics: { receipt: true, earnings: false, payout: true }, lang: 'en' });

    const post = (await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/post`, title: 'A fine post' })).body;
    const quietPost = (await quiet.post('/api/v1/things', { url: `https://${quiet.handle}.example/post`, title: 'Quiet post' })).body;
    const g = (await findAccountByHandle(db(), giver.handle))!;
    const u = (await findAccountByHandle(db(), unproven.handle))!;
    await giveAs(db(), config(), g, (await findThing(db(), post.id))!, inMonth(month));
    await giveAs(db(), config(), g, (await findThing(db(), quietPost.id))!, inMonth(month));
    await giveAs(db(), config(), u, (await findThing(db(), post.id))!, inMonth(month));
    // A reader's click registers a page for @waiting, unclaimed: its share is held.
    givenOrRefuse(
      await giveKudos(db().$client, config(), { accountId: g.id }, buttonThing(waiting.handle, `https://${waiting.handle}.example/x`, 'Not claimed yet'), {
        now: inMonth(month),
      }),
    );

    expect((await settleMonth(db(), config(), month, { now: afterMonth(month) })).stage).toBe('done');

    const [receipt, ...olderToGiver] = await inbox(emailOf(giver.handle));
    expect(receipt!.subject).toBe(`Your Kudos receipt for ${month}`);
    // €5.00 − 10% fee = €4.50 over three kudos: €1.50 each.
    expect(receipt!.text).toContain(`In ${month} your budget gave €5.00.`);
    expect(receipt!.text).toContain(`- A fine post (@${creator.handle}): €1.50`);
    expect(receipt!.text).toContain(`- Quiet post (@${quiet.handle}): €1.50`);
    expect(receipt!.text).toContain(`- Not claimed yet (@${waiting.handle}): €1.50`);
    expect(receipt!.text).toContain("Kudos' fee: €0.50.");
    expect(receipt!.headers.find((h) => h.key === 'list-unsubscribe-post')?.value).toBe('List-Unsubscribe=One-Click');
    expect(olderToGiver.every((m) => m.subject !== receipt!.subject)).toBe(true);

    const [earnings] = await inbox(emailOf(creator.handle));
    expect(earnings!.subject).toBe(`What came in for you in ${month}`);
    // €1.50 from the giver and €2.70 (€3.00 − 10%) from the unproven giver.
    expect(earnings!.text).toContain(`In ${month} your things received €4.20.`);
    expect(earnings!.text).toContain(`- from @${unproven.handle}: €2.70`);
    expect(earnings!.text).toContain(`- from @${giver.handle}: €1.50`);

    const [held] = await inbox(emailOf(waiting.handle));
    expect(held!.subject).toBe(`Was im ${month} für dich einging`);
    expect(held!.text).toContain('Weitere 1,50');
    expect(held!.text).toMatch(/https?:\/\/[^\s]+\/dashboard\/things/);

    // No money message to an address never proven, nor to one that said no.
    expect((await inbox(emailOf(unproven.handle))).some((m) => m.subject?.includes('receipt'))).toBe(false);
    expect((await inbox(emailOf(quiet.handle))).some((m) => m.subject?.startsWith('What came in'))).toBe(false);

    // Exactly once: the run again, and another announcing pass, send nothing more.
    await settleMonth(db(), config(), month, { now: afterMonth(month) + 3_600_000 });
    const heldId = (await findAccountByHandle(db(), HELD_HANDLE))!.id;
    expect(await announceMonth(db(), config(), month, heldId)).toBe(0);
    const receipts = await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE key LIKE ?').bind(`receipt:${month}:%`).first<number>('n');
    const earningsRows = await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE key LIKE ?').bind(`earnings:${month}:%`).first<number>('n');
    expect([receipts, earningsRows]).toEqual([1, 2]);
  });

  it('resumes: a pass limited to one message leaves the rest for the next', { timeout: 180_000 }, async () => {
    const month = freshMonth();
    const creator = await newPerson();
    const post = (await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/p`, title: 'P' })).body;
    const givers = [await newPerson({ depositCents: 1000, budgetCents: 200 }), await newPerson({ depositCents: 1000, budgetCents: 200 })];
    for (const giver of givers)
      await giveAs(db(), config(), (await findAccountByHandle(db(), giver.handle))!, (await findThing(db(), post.id))!, inMonth(month));
    // The run with every address opted out of receipts first, so the settlement itself sends none.
    for (const giver of givers) await giver.put('/api/v1/me/messages', { topics: { receipt: false, earnings: true, payout: true }, lang: 'en' });
    await settleMonth(db(), config(), month, { now: afterMonth(month) });
    for (const giver of givers) await giver.put('/api/v1/me/messages', { topics: { receipt: true, earnings: true, payout: true }, lang: 'en' });
    const heldId = (await findAccountByHandle(db(), HELD_HANDLE))!.id;
    expect(await announceMonth(db(), config(), month, heldId, 1)).toBe(1);
    expect(await announceMonth(db(), config(), month, heldId, 1)).toBe(1);
    expect(await announceMonth(db(), config(), month, heldId, 1)).toBe(0);
    for (const giver of givers) expect((await inbox(emailOf(giver.handle))).filter((m) => m.subject === `Your Kudos receipt for ${month}`)).toHaveLength(1);
  });
});
