// One click, one verdict, the same answer wherever a person meets it: the API's refusal, the
// button's status (GET /api/v1/button) and the popup's stage (/give, before and after a press)
// say the same thing for a click that is given, already given, on one's own thing, without a
// budget, and in a month already settled. Its own file: the last step settles the current month.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { settleMonth } from '../../worker/actions/settle';
import { monthOf } from '../../worker/domain/month';
import { readConfig } from '../../worker/env';
import { openDb } from '../../worker/store/db';
import { type Client, newPerson } from './client';
import { afterMonth } from './months';
import { browserOf, formFields } from './popup';

const WORDS = {
  given: 'Thank you! Your kudos was given.',
  alreadyGiven: 'You already gave kudos to this page this month.',
  own: 'This is your own thing; you cannot give kudos to it.',
  noBudget: 'Set a monthly budget first, then click the button again.',
  monthSettled: 'Your kudos for this month have already been settled; you can give kudos again next month.',
};

/** The popup as `person`'s browser opens it from a Kudos button: its words and the counts it reports. */
async function popup(browser: ReturnType<typeof browserOf>, owner: string, url: string) {
  const opened = await browser.open(`/give?${new URLSearchParams({ owner, url, title: 'A post', popup: '1' })}`, { 'Sec-Fetch-Site': 'same-origin' });
  expect(opened.status).toBe(200);
  return { text: opened.body, reported: reportedStatus(opened.body), form: opened.body.includes('<form') ? formFields(opened.body) : null };
}

/** The button status the popup page hands its opener, or null when it reports nothing. */
function reportedStatus(html: string): string | null {
  const done = /<script type="application\/json" id="kudos-done">(.*?)<\/script>/.exec(html);
  return done ? (JSON.parse(done[1]!) as { counts: { status: string } }).counts.status : null;
}

async function buttonStatus(person: Client, owner: string, url: string) {
  return (await person.get(`/api/v1/button?owner=${owner}&url=${encodeURIComponent(url)}`)).body.status as string;
}

describe('a click answers the same in the API, on the button and in the popup', () => {
  it('given, already given, own thing, no budget, then a settled month for a reader who never clicked', { timeout: 180_000 }, async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const carol = await newPerson();
    const dave = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const post = (slug: string) => `https://${alice.handle}.example/${slug}`;

    // given: by the popup's press, then seen by the API and the button.
    const bobsBrowser = browserOf(bob);
    const before = await popup(bobsBrowser, alice.handle, post('one'));
    expect(await buttonStatus(bob, alice.handle, post('one'))).toBe('ready');
    expect(before.form).not.toBeNull();
    const pressed = await bobsBrowser.submit(before.form!);
    expect(pressed.body).toContain(WORDS.given);
    expect(reportedStatus(pressed.body)).toBe('given');
    expect(await buttonStatus(bob, alice.handle, post('one'))).toBe('given');

    // already given
    const again = await bob.post('/api/v1/clicks', { owner: alice.handle, url: post('one'), title: 'A post' });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_given']);
    expect(await buttonStatus(bob, alice.handle, post('one'))).toBe('given');
    const givenPopup = await popup(browserOf(bob), alice.handle, post('one'));
    expect([givenPopup.text.includes(WORDS.alreadyGiven), givenPopup.reported, givenPopup.form]).toEqual([true, 'given', null]);

    // own thing
    const own = await alice.post('/api/v1/clicks', { owner: alice.handle, url: post('one'), title: 'A post' });
    expect([own.status, own.body.error.code]).toEqual([403, 'own_thing']);
    expect(await buttonStatus(alice, alice.handle, post('one'))).toBe('own');
    const ownPopup = await popup(browserOf(alice), alice.handle, post('one'));
    expect([ownPopup.text.includes(WORDS.own), ownPopup.reported, ownPopup.form]).toEqual([true, 'own', null]);

    // no budget
    const broke = await carol.post('/api/v1/clicks', { owner: alice.handle, url: post('one'), title: 'A post' });
    expect([broke.status, broke.body.error.code]).toEqual([402, 'no_budget']);
    expect(await buttonStatus(carol, alice.handle, post('one'))).toBe('no_budget');
    const brokePopup = await popup(browserOf(carol), alice.handle, post('one'));
    expect([brokePopup.text.includes(WORDS.noBudget), brokePopup.reported, brokePopup.form]).toEqual([true, 'no_budget', null]);

    // A settled month: dave opened the popup before the month was settled and never clicked.
    const davesBrowser = browserOf(dave);
    const open = await popup(davesBrowser, alice.handle, post('two'));
    expect(open.form).not.toBeNull();
    const month = monthOf(Date.now());
    expect((await settleMonth(openDb(env.DB), readConfig(env), month, { now: afterMonth(month) })).stage).toBe('done');

    const late = await dave.post('/api/v1/clicks', { owner: alice.handle, url: post('two'), title: 'A post' });
    expect([late.status, late.body.error.code]).toEqual([409, 'month_settled']);
    expect(await buttonStatus(dave, alice.handle, post('two'))).toBe('month_settled');
    const settledPopup = await popup(browserOf(dave), alice.handle, post('two'));
    expect(settledPopup.text).toContain(WORDS.monthSettled);
    expect(settledPopup.text).not.toContain('already gave');
    expect([settledPopup.reported, settledPopup.form]).toEqual(['month_settled', null]);
    // The press in the popup opened before settlement answers the same.
    const latePress = await davesBrowser.submit(open.form!);
    expect(latePress.status).toBe(200);
    expect(latePress.body).toContain(WORDS.monthSettled);
    expect(latePress.body).not.toContain('already gave');
    expect(reportedStatus(latePress.body)).toBe('month_settled');
    // Nothing was written for dave.
    const clicks = env.DB.prepare('SELECT count(*) AS n FROM clicks c JOIN accounts a ON a.id = c.giver_id WHERE a.handle = ?');
    expect((await clicks.bind(dave.handle).first<{ n: number }>())!.n).toBe(0);
  });
});
