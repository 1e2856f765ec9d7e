import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../worker/env';
import { giveAs } from './give';
import { settleMonth } from '../../worker/actions/settle';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { findThing } from '../../worker/store/things';
import { afterMonth, inMonth, monthsFrom } from './months';
import { Client, newPerson, ORIGIN, testId } from './client';

const db = () => openDb(env.DB);
const config = () => readConfig(env);
const freshMonth = monthsFrom('2041-01');

function pageAs(client: { cookie: string }) {
  const browser = new Client();
  browser.jar.set('kudos_session', client.cookie.split('=')[1]!);
  return browser;
}

describe('creator stats', () => {
  it('agrees with the ledger to the cent: per-thing table, chart totals and the CSV', async () => {
    const creator = await newPerson();
    const things = [];
    for (const path of ['one', 'two', 'three'])
      things.push((await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/${path}`, title: `Post ${path}` })).body);
    // Three givers with budgets that do not divide evenly, across two settled months.
    for (const [budget, month] of [
      [700, freshMonth()],
      [333, freshMonth()],
    ] as const) {
      for (let g = 0; g < 3; g++) {
        const giver = await newPerson({ depositCents: 2000, budgetCents: budget });
        const account = (await findAccountByHandle(db(), giver.handle))!;
        for (const thing of things.slice(0, g + 1)) await giveAs(db(), config(), account, (await findThing(db(), thing.id))!, inMonth(month));
        // Another creator's thing is in the split too: its share must not show up here.
        const other = await newPerson();
        const otherThing = (await other.post('/api/v1/things', { url: `https://${other.handle}.example/`, title: 'Other' })).body;
        await giveAs(db(), config(), account, (await findThing(db(), otherThing.id))!, inMonth(month));
      }
      await settleMonth(db(), config(), month, { now: afterMonth(month) });
    }
    const ledger = (await creator.get('/api/v1/me/ledger')).body.entries as { kind: string; amount_cents: number; thing: { id: number } }[];
    const shares = ledger.filter((e) => e.kind === 'share');
    const ledgerTotal = shares.reduce((s, e) => s + e.amount_cents, 0);
    expect(shares).toHaveLength(12);
    expect(ledgerTotal).toBeGreaterThan(0);

    const browser = pageAs(creator);
    const page = await browser.get('/stats');
    expect(page.status).toBe(200);
    for (const id of ['chart-month-earnings', 'chart-day-earnings']) {
      expect(Number(new RegExp(`id="${id}"[^>]*data-total="(\\d+)"`).exec(page.text)![1])).toBe(ledgerTotal);
    }
    for (const thing of things) {
      const cell = new RegExp(`data-thing="${thing.id}" data-earnings-cents="(\\d+)"`).exec(page.text)!;
      expect(Number(cell[1])).toBe(shares.filter((e) => e.thing.id === thing.id).reduce((s, e) => s + e.amount_cents, 0));
    }
    expect(testId(page.text, 'total-clicks')).toBe('12 kudos');

    const csv = await browser.get('/stats.csv');
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('Content-Disposition')).toMatch(/^attachment; filename="kudos-stats-/);
    const [header, ...lines] = csv.text.trim().split('\r\n');
    expect(header).toBe('date,month,thing_id,thing_title,thing_url,clicks,settled_clicks,earnings_cents,currency');
    const earnings = lines.map((l) => Number(l.split(',')[7]));
    expect(earnings.reduce((a, b) => a + b, 0)).toBe(ledgerTotal);
  }, 90_000); // heavy: nine people, two settled months; the machine may be busy

  it('shows an empty state with the embed snippet to a creator with no things', async () => {
    const nobody = await newPerson();
    const page = await pageAs(nobody).get('/stats');
    expect(page.text).toContain('data-testid="empty-state"');
    expect(testId(page.text, 'snippet')).toContain(`/thing?owner=${nobody.handle}&amp;url=`);
    const csv = await pageAs(nobody).get('/stats.csv?from=2020-01-01&to=2020-12-31');
    expect(csv.text).toBe('date,month,thing_id,thing_title,thing_url,clicks,settled_clicks,earnings_cents,currency\r\n');
  });

  it('defuses spreadsheet formulas and quotes commas in titles in the CSV', async () => {
    const creator = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const click = await giver.post('/api/v1/clicks', {
      owner: creator.handle,
      url: `https://${creator.handle}.example/x`,
      title: '=HYPERLINK("http://evil"), ok',
    });
    await creator.post(`/api/v1/things/${click.body.thing.id}/claim`);
    const csv = await pageAs(creator).get('/stats.csv');
    expect(csv.text).toContain(`,"'=HYPERLINK(""http://evil""), ok",`);
  });
});

describe('public profiles', () => {
  it("lists a person's things and what they gave this month, unless they opt out", async () => {
    const creator = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const click = await giver.post('/api/v1/clicks', { owner: creator.handle, url: `https://${creator.handle}.example/post`, title: 'A <b>bold</b> post' });
    await creator.post(`/api/v1/things/${click.body.thing.id}/claim`);
    const anonymous = new Client();
    const profile = await anonymous.get(`/@${creator.handle}`);
    expect(profile.status).toBe(200);
    expect(profile.text).toContain('A &lt;b>bold&lt;/b> post');
    expect(profile.text).toMatch(/1 kudos in all, 1 this month/);
    expect((await anonymous.get(`/@${giver.handle}`)).text).toMatch(new RegExp(`data-testid="given".*href="/@${creator.handle}"`));

    const toggled = await pageAs(giver).submit('/dashboard/settings', { show_given: 'false' });
    expect(toggled.status).toBe(303);
    const hidden = await anonymous.get(`/@${giver.handle.toUpperCase()}`);
    expect(hidden.text).toContain('data-testid="given-hidden"');
    expect(hidden.text).not.toContain(`@${creator.handle}`);
    expect((await anonymous.get('/@nobody-here')).status).toBe(404);
    expect((await anonymous.get('/@system:fees')).status).toBe(404);
  }, 60_000);
});

describe('thing pages', () => {
  it('shows an unregistered thing from the embed link, then the same thing at /things/:id, both discoverable by oEmbed', async () => {
    const creator = await newPerson();
    const url = `https://${creator.handle}.example/post?utm_source=x`;
    const before = await new Client().get(`/thing?owner=${creator.handle}&url=${encodeURIComponent(url)}&title=${encodeURIComponent('My post')}`);
    expect(before.status).toBe(200);
    expect(before.text).toContain('<h1>My post</h1>');
    expect(testId(before.text, 'count')).toBe('0');
    const normalised = `https://${creator.handle}.example/post`;
    const oembedLink = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(before.text)![1]!.replace(/&amp;/g, '&');
    expect(new URL(oembedLink).searchParams.get('url')).toBe(`${ORIGIN}/thing?owner=${creator.handle}&url=${encodeURIComponent(normalised)}`);
    // The button: the same link other sites paste, drawn by the same renderer.
    expect(before.text).toContain(
      `<a class="kudos-button" href="/give?owner=${creator.handle}&amp;url=${encodeURIComponent(normalised)}&amp;title=My+post" data-owner="${creator.handle}" data-url="${normalised}" data-title="My post" data-lang="en">`,
    );
    expect(before.text).toContain('<script async src="/embed.js"></script>');
    expect(before.text).toContain(`href="/give?owner=${creator.handle}&amp;url=${encodeURIComponent(normalised)}&amp;title=My+post"`);

    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const click = await giver.post('/api/v1/clicks', { owner: creator.handle, url, title: 'My post' });
    const after = await new Client().get(`/thing?owner=${creator.handle}&url=${encodeURIComponent(url)}`);
    expect(testId(after.text, 'count')).toBe('1');
    expect(after.text).toContain(`href="${ORIGIN}/oembed?url=${encodeURIComponent(`${ORIGIN}/things/${click.body.thing.id}`)}&amp;format=json"`);
    const byId = await new Client().get(`/things/${click.body.thing.id}`);
    // The same page (the footer's language links keep each address's own query).
    const main = (html: string) => html.replace(/<footer>[\s\S]*<\/footer>/, '');
    expect(main(byId.text)).toBe(main(after.text));
    expect(byId.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect((await new Client().get('/things/999999999')).status).toBe(404);
    expect((await new Client().get('/thing?owner=nobody-at-all&url=https%3A%2F%2Fx.example')).status).toBe(404);
  });
});
