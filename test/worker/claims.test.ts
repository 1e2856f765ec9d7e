// Things belong to whoever proves the site: readers' clicks register things that wait for the
// named person; owners claim, hide and remove; the verified owner of a site wins a dispute.
// (Verifying a site by fetching it is covered with the demo blog in test/e2e/claims.test.ts.)
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { giveAs } from './give';
import { settleMonth } from '../../worker/actions/settle';
import { readConfig } from '../../worker/env';
import { findAccountByHandle } from '../../worker/store/accounts';
import { markSiteVerified } from '../../worker/store/claims';
import { openDb } from '../../worker/store/db';
import { findThing } from '../../worker/store/things';
import { Client, newPerson } from './client';
import { afterMonth, inMonth } from './months';

const db = () => openDb(env.DB);

async function pageAs(person: { handle: string }) {
  const page = new Client();
  await page.submit('/login', { email: `${person.handle}@example.test`, password: 'correct horse' });
  return page;
}

describe('a thing registered by a reader naming someone waits for them', () => {
  it("an attacker's link under the victim's name shows on none of the victim's pages, and the victim removes it", async () => {
    const victim = await newPerson();
    const attacker = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const scam = `https://attacker.example/scam-${victim.handle}`;
    const click = await attacker.post('/api/v1/clicks', { owner: victim.handle, url: scam, title: 'Free money' });
    expect(click.status).toBe(201);
    const id = click.body.thing.id;
    expect(click.body.thing.claimed).toBe(false);

    const anonymous = new Client();
    const profile = await anonymous.get(`/@${victim.handle}`);
    expect(profile.text).not.toContain('Free money');
    expect((await anonymous.get(`/@${attacker.handle}`)).text).not.toContain('Free money');
    const thingPage = await anonymous.get(`/things/${id}`);
    expect(thingPage.text).toContain(`Waiting for @${victim.handle} to claim this page; kudos are held until then.`);
    expect(thingPage.text).not.toContain(`By <a href="/@${victim.handle}"`);
    expect((await anonymous.get(`/badge/thing/${id}.svg`)).status).toBe(404);
    expect((await anonymous.get(`/badge/${victim.handle}.svg`)).text).toContain('>0</text>');
    const victimPage = await pageAs(victim);
    expect((await victimPage.get('/stats')).text).not.toContain('Free money');
    expect((await victimPage.get('/stats.csv')).text).not.toContain('Free money');
    // The popup says it too.
    const popup = await new Client();
    await popup.submit('/login', { email: `${attacker.handle}@example.test`, password: 'correct horse' });
    expect((await popup.get(`/give?${new URLSearchParams({ owner: victim.handle, url: scam })}`)).text).toContain(
      `Waiting for @${victim.handle} to claim this page`,
    );
    // Buttons keep counting clicks, claimed or not.
    expect((await new Client().get(`/api/v1/button?${new URLSearchParams({ owner: victim.handle, url: scam })}`)).body.clicks_total).toBe(1);

    // The victim sees it waiting and removes it with one click; nobody else can.
    expect((await victimPage.get('/dashboard/things')).text).toContain('Free money');
    expect((await attacker.request('DELETE', `/api/v1/things/${id}`)).status).toBe(403);
    const removed = await victimPage.submit(`/dashboard/things/${id}/remove`, {});
    expect(removed.status).toBe(303);
    expect(await findThing(db(), id)).toBeUndefined();
    expect((await anonymous.get(`/things/${id}`)).status).toBe(404);
  }, 60_000);

  it('the named person claims it with one click on the dashboard; then it is on the profile, stats and badge', async () => {
    const creator = await newPerson();
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const click = await reader.post('/api/v1/clicks', { owner: creator.handle, url: `https://${creator.handle}.example/real-post`, title: 'My real post' });
    const id = click.body.thing.id;
    const page = await pageAs(creator);
    expect((await page.submit(`/dashboard/things/${id}/claim`, {})).status).toBe(303);
    expect((await findThing(db(), id))!.claimed).toBe(true);
    const anonymous = new Client();
    expect((await anonymous.get(`/@${creator.handle}`)).text).toContain('My real post');
    const thingPage = await anonymous.get(`/things/${id}`);
    expect(thingPage.text).not.toContain('Waiting for');
    expect(thingPage.text).toContain('site not verified');
    expect((await anonymous.get(`/badge/${creator.handle}.svg`)).text).toContain('>1</text>');
    expect((await page.get('/stats.csv')).text).toContain('My real post');
    // Only the named person can claim.
    const other = await reader.post('/api/v1/clicks', { owner: creator.handle, url: `https://${creator.handle}.example/other`, title: 'Other' });
    expect((await reader.post(`/api/v1/things/${other.body.thing.id}/claim`)).status).toBe(403);
  }, 60_000);

  it('a thing its owner registers is theirs at once, also when a reader had registered it', async () => {
    const creator = await newPerson();
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const url = `https://${creator.handle}.example/first`;
    const click = await reader.post('/api/v1/clicks', { owner: creator.handle, url, title: 'First' });
    const own = await creator.post('/api/v1/things', { url, title: 'First' });
    expect(own.body.id).toBe(click.body.thing.id);
    expect((await findThing(db(), own.body.id))!.claimed).toBe(true);
  }, 60_000);
});

describe('owners hide and remove', () => {
  it('hidden things leave the public pages and come back when shown', async () => {
    const creator = await newPerson();
    const thing = await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/hide-me`, title: 'Hide me' });
    const anonymous = new Client();
    expect((await anonymous.get(`/@${creator.handle}`)).text).toContain('Hide me');
    expect((await creator.post(`/api/v1/things/${thing.body.id}/hide`)).status).toBe(200);
    expect((await anonymous.get(`/@${creator.handle}`)).text).not.toContain('Hide me');
    expect((await anonymous.get(`/things/${thing.body.id}`)).status).toBe(404);
    expect((await new Client().get(`/api/v1/things/${thing.body.id}`)).status).toBe(404);
    expect((await anonymous.get(`/badge/thing/${thing.body.id}.svg`)).status).toBe(404);
    expect((await creator.post(`/api/v1/things/${thing.body.id}/show`)).status).toBe(200);
    expect((await anonymous.get(`/@${creator.handle}`)).text).toContain('Hide me');
  }, 60_000);

  it('a thing with settled kudos is hidden instead of removed', async () => {
    const month = '2036-03';
    const config = readConfig(env);
    const creator = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const thing = await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/paid`, title: 'Paid' });
    const giverAccount = (await findAccountByHandle(db(), giver.handle))!;
    await giveAs(db(), config, giverAccount, (await findThing(db(), thing.body.id))!, inMonth(month));
    await settleMonth(db(), config, month, { now: afterMonth(month) });
    const answer = await creator.request('DELETE', `/api/v1/things/${thing.body.id}`);
    expect(answer.body.outcome).toBe('hidden');
    expect((await findThing(db(), thing.body.id))!.hidden).toBe(true);
    // One without kudos is removed.
    const spare = await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/spare`, title: 'Spare' });
    expect((await creator.request('DELETE', `/api/v1/things/${spare.body.id}`)).body.outcome).toBe('removed');
  }, 90_000);
});

describe('the verified owner of a site wins', () => {
  it("someone registering another's page under their own handle loses it, with its unsettled kudos, to the verified owner", async () => {
    const owner = await newPerson();
    const squatter = await newPerson();
    const readers = [await newPerson({ depositCents: 1000, budgetCents: 500 }), await newPerson({ depositCents: 1000, budgetCents: 500 })];
    const site = `https://${owner.handle}.example`;
    const taken = await squatter.post('/api/v1/things', { url: `${site}/essay`, title: 'An essay' });
    expect(taken.status).toBe(201);
    // Theirs at once, but the page says the site is not verified.
    expect((await new Client().get(`/things/${taken.body.id}`)).text).toContain('site not verified');
    for (const reader of readers) expect((await reader.post(`/api/v1/things/${taken.body.id}/clicks`)).status).toBe(201);

    // Without a verified site, no dispute.
    expect((await owner.post(`/api/v1/things/${taken.body.id}/dispute`)).status).toBe(422);
    await markSiteVerified(db(), (await findAccountByHandle(db(), owner.handle))!.id, site, 'home_meta');
    const page = await pageAs(owner);
    expect((await page.get('/dashboard/things')).text).toContain('An essay');
    expect((await page.submit(`/dashboard/things/${taken.body.id}/dispute`, {})).status).toBe(303);

    // The squatter's thing is gone (it had no settled kudos); the owner's has both kudos.
    expect(await findThing(db(), taken.body.id)).toBeUndefined();
    const mine = (await owner.get('/api/v1/me/things')).body.things.find((t: { url: string }) => t.url === `${site}/essay`);
    expect(mine).toMatchObject({ owner: owner.handle, clicks_total: 2, claimed: true });
    const clicks = await env.DB.prepare('SELECT count(*) AS n FROM clicks WHERE thing_id = ?').bind(mine.id).first<{ n: number }>();
    expect(clicks!.n).toBe(2);
    expect((await new Client().get(`/@${squatter.handle}`)).text).not.toContain('An essay');
    expect((await new Client().get(`/things/${mine.id}`)).text).not.toContain('site not verified');

    // Another verified owner of the same site keeps their own things.
    const colleague = await newPerson();
    const theirs = await colleague.post('/api/v1/things', { url: `${site}/their-essay`, title: 'Their essay' });
    await markSiteVerified(db(), (await findAccountByHandle(db(), colleague.handle))!.id, site, 'well_known_file');
    expect((await owner.post(`/api/v1/things/${theirs.body.id}/dispute`)).status).toBe(403);
  }, 90_000);
});
