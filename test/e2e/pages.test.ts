// A new person's month, walked in Chromium with the keyboard: sign up with an invite, add funds,
// set a budget, give kudos, the month is settled by the real cron, and the creator's stats page
// (charts and CSV) shows the same earnings as the ledger, to the cent. Every page is checked
// with axe, in light and dark, and screenshotted into screenshots/.
import { checkAccessible } from './accessibility';
import { keyboardOn } from './keyboard';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extract, setProviderList } from '@extractus/oembed-extractor';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_TOKEN, api, launchBrowser, signUpPerson, startStack, type Stack } from './harness';

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  ({ context } = await launchBrowser());
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

const { tabTo, typeInto, enter } = keyboardOn(() => page);

/** Visits a page: checks its CSP, runs axe in light and dark, and takes both screenshots. */
async function visit(path: string, name: string) {
  const response = await page.goto(stack.kudos + path);
  expect(response!.status(), path).toBeLessThan(400);
  expect(response!.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
  await checkPage(name);
}

const checkPage = (name: string) => checkAccessible(page, `pages-${name}`);

const text = (testId: string) => page.locator(`[data-testid="${testId}"]`).first().innerText();

describe('a new person, a month of kudos, and the creator stats', () => {
  let creator: Awaited<ReturnType<typeof signUpPerson>>;
  const thingIds: number[] = [];

  it('shows the front page and signs a new person up with an invite, by keyboard', async () => {
    creator = await signUpPerson(stack.kudos, 'ana');
    for (let i = 0; i < 10; i++) {
      const thing = await api(
        stack.kudos,
        'POST',
        '/api/v1/things',
        { url: `https://ana.example/post-${i}`, title: `Ana's post #${i} <3` },
        { Cookie: creator.cookie },
      );
      thingIds.push(thing.body.id);
    }
    await visit('/', 'landing');
    const invite = (await api(stack.kudos, 'POST', '/api/v1/admin/invites', { count: 1 }, { Authorization: `Bearer ${ADMIN_TOKEN}` })).body.invites[0];
    await visit('/signup', 'signup');
    await typeInto('input[name=handle]', 'ben');
    await typeInto('input[name=email]', 'ben@example.test');
    await typeInto('input[name=password]', 'correct horse');
    await typeInto('input[name=invite]', invite);
    await enter();
    // A new person goes on to "Get your button" (test/e2e/first-ten.test.ts walks it); then the dashboard.
    expect(new URL(page.url()).pathname).toBe('/get-your-button');
    expect(await page.locator('.flash').innerText()).toContain('Welcome to Kudos!');
    await page.goto(`${stack.kudos}/dashboard`);
  }, 120_000);

  it('deposits, sets a budget and gives kudos; the dashboard projects 45 cents each', async () => {
    await typeInto('input[name=amount]', '10');
    await enter();
    expect(await text('balance')).toBe('€10.00');
    await typeInto('input[name=budget]', '5.00');
    await enter();
    expect(await text('budget')).toBe('€5.00');
    // Kudos as the button gives them: a same-origin call with the session cookie.
    for (const id of thingIds) {
      const status = await page.evaluate(async (thing) => (await fetch(`/api/v1/things/${thing}/clicks`, { method: 'POST' })).status, id);
      expect(status).toBe(201);
    }
    await page.reload();
    expect(await text('projection')).toBe('Your €5.00 gives each of your 10 things €0.45 (after the 10% fee of €0.50).');
    expect(await page.locator('[data-testid="share"]').allInnerTexts()).toEqual(Array(10).fill('€0.45'));
    await checkPage('dashboard');
  }, 120_000);

  it('copies an invite link with the copy button', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.kudos });
    const unused = page.locator('li[data-used="no"]').first();
    const code = await unused.getAttribute('data-invite');
    await unused.locator('button[data-copy]').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${stack.kudos}/signup?invite=${code}`);
  });

  it('settles the month with the cron; the creator sees the ledger earnings in charts, table and CSV', async () => {
    const now = new Date();
    const firstOfNextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 0, 5);
    // Miniflare's own trigger honours `time`; wrangler's /__scheduled ignores it and would settle
    // last month instead of this one.
    const cron = await fetch(`${stack.kudos}/cdn-cgi/local/scheduled?cron=5+*+1+*+*&time=${firstOfNextMonth}`);
    expect(cron.status).toBe(200);
    // The cron fans the month out over the local queue; its consumer settles the chunks a moment later.
    await expect
      .poll(
        async () =>
          page.evaluate(async () =>
            ((await (await fetch('/api/v1/me/ledger')).json()) as { entries: { kind: string }[] }).entries.some((e) => e.kind === 'fee'),
          ),
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);

    await visit('/dashboard', 'dashboard-settled');
    expect(await page.locator('tr[data-month] td').first().innerText()).toBe('€5.00');

    // Sign out, and in as the creator, by keyboard, coming back to the stats page.
    await tabTo('header form button');
    await enter();
    await visit('/login?next=%2Fstats', 'login');
    await typeInto('input[name=email]', creator.email);
    await typeInto('input[name=password]', creator.password);
    await enter();
    expect(new URL(page.url()).pathname).toBe('/stats');

    const ledger: { entries: { kind: string; amount_cents: number; thing: { id: number } | null }[] } = await page.evaluate(async () =>
      (await fetch('/api/v1/me/ledger')).json(),
    );
    const shares = ledger.entries.filter((e) => e.kind === 'share');
    const ledgerTotal = shares.reduce((s, e) => s + e.amount_cents, 0);
    expect(shares).toHaveLength(10);
    expect(ledgerTotal).toBe(450);

    for (const chart of ['chart-month-earnings', 'chart-day-earnings']) {
      const bars = await page.locator(`#${chart} rect.bar`).evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))));
      expect(
        bars.reduce((a, b) => a + b, 0),
        chart,
      ).toBe(ledgerTotal);
    }
    const visibleBar = await page.locator('#chart-month-earnings rect.bar').last().boundingBox();
    expect(visibleBar!.height).toBeGreaterThan(10);
    expect(await text('total-earnings')).toBe('€4.50');
    for (const id of thingIds) {
      const cell = await page.locator(`tr[data-thing="${id}"]`).getAttribute('data-earnings-cents');
      expect(Number(cell)).toBe(shares.filter((e) => e.thing?.id === id).reduce((s, e) => s + e.amount_cents, 0));
    }
    await checkPage('stats');

    const csvHref = await page.locator('a[download]').getAttribute('href');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[download]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csvHref).toMatch(/^\/stats\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    const rows = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows.reduce((sum, r) => sum + Number(r[7]), 0)).toBe(ledgerTotal);
  }, 120_000);

  it('shows the empty state with the embed snippet to a creator without things', async () => {
    await tabTo('header form button');
    await enter();
    const newcomer = await signUpPerson(stack.kudos, 'cleo');
    await page.goto(`${stack.kudos}/login?next=%2Fstats`);
    await typeInto('input[name=email]', newcomer.email);
    await typeInto('input[name=password]', newcomer.password);
    await enter();
    expect(await page.locator('[data-testid="empty-state"]').isVisible()).toBe(true);
    expect(await text('snippet')).toContain(`${stack.kudos}/embed.js`);
    await checkPage('stats-empty');
  });

  it('shows public profiles, thing pages with the button, and badges', async () => {
    await visit('/@ana', 'profile');
    expect(await page.locator('img[src="/badge/ana.svg"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await visit('/@ben', 'profile-giver');
    expect(await page.locator('[data-testid="given"] li').count()).toBe(10);

    await visit(`/things/${thingIds[0]}`, 'thing');
    expect(await text('count')).toBe('1');
    expect(await page.locator('h1').innerText()).toBe("Ana's post #0 <3");
    // The button: drawn by the same renderer as on other sites, in its style's size.
    const button = page.locator('span.kudos-button');
    await button.locator('button.give').waitFor();
    const box = (await button.boundingBox())!;
    expect([box.width, box.height]).toEqual([180, 32]);
    expect(await page.locator('script[src="/embed.js"]').count()).toBe(1);
    await visit(`/thing?owner=ana&url=${encodeURIComponent('https://ana.example/not-yet')}&title=Soon`, 'thing-unregistered');
    expect(await text('count')).toBe('0');
  }, 120_000);

  it('embeds a thing through a third-party oEmbed consumer, by discovery and as a provider', async () => {
    const thingPage = `${stack.kudos}/things/${thingIds[1]}`;
    const discovered = await extract(thingPage, { maxwidth: 120 });
    expect(discovered).toMatchObject({
      type: 'rich',
      version: '1.0',
      provider_name: 'Kudos',
      title: "Ana's post #1 <3",
      width: 120,
      height: 32,
      method: 'auto-discovery',
    });
    // The oEmbed iframe (/button/embed, public counts only) carries the title; a blockquote link is the fallback.
    expect(discovered.html).toContain(`src="${stack.kudos}/button/embed?owner=ana&#38;url=${encodeURIComponent('https://ana.example/post-1')}&#38;title=`);
    expect(discovered.html).toMatch(/^<blockquote class="wp-embedded-content"><a href=/);

    setProviderList([{ provider_name: 'Kudos', provider_url: stack.kudos, endpoints: [{ schemes: [`${stack.kudos}/thing*`], url: `${stack.kudos}/oembed` }] }]);
    // The library calls registered endpoints over https only; locally there is no TLS, so its
    // fetcher (a documented option) stands in for the TLS terminator a deployment has.
    const withoutTls = (url: string) => fetch(url.replace(/^https:/, 'http:'));
    const viaProvider = await extract(`${stack.kudos}/thing?owner=ana&url=${encodeURIComponent('https://ana.example/post-2')}`, { maxheight: 20 }, withoutTls);
    expect(viaProvider).toMatchObject({ type: 'rich', title: "Ana's post #2 <3", width: 180, height: 20, method: 'provider-api' });
    await expect(extract(`${stack.kudos}/thing?owner=nobody-here&url=https%3A%2F%2Fx.example`, {}, withoutTls)).rejects.toThrow(/404/);

    // The embed a CMS would paste renders the button in a page on another site.
    const host = await context.newPage();
    await host.setContent(`<!doctype html><title>CMS</title>${discovered.html}`);
    const embedded = host.frameLocator('iframe');
    await expect.poll(async () => (await host.locator('iframe').boundingBox())?.width).toBe(120);
    expect(await embedded.locator('body').count()).toBe(1);
    await host.close();
  });
});
