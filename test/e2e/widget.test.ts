// The embeddable button in real Chromium, on the demo blog (http://localhost) embedding Kudos
// (http://127.0.0.1): another site. Third-party cookies allowed here; widget-3pc.test.ts blocks them.
// The loader's renderer draws the buttons in the page (shadow roots), on the blog and on Kudos'
// own pages alike.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, launchBrowser, signUpPerson, startStack, type Stack } from './harness';
import { buttonFrame, clicksOf, count, giveButton, giveInPopup, SCREENSHOTS, signInOnKudos } from './widget/helpers';

let stack: Stack;
let blog: string;
let context: BrowserContext;
let reader: Awaited<ReturnType<typeof signUpPerson>>;

beforeAll(async () => {
  stack = await startStack();
  blog = stack.blog!;
  await signUpPerson(stack.kudos, 'alice');
  reader = await signUpPerson(stack.kudos, 'reader', { depositCents: 1000, budgetCents: 500 });
  ({ context } = await launchBrowser());
  // Starting wrangler and signing two people up (PBKDF2 in workerd) takes minutes on a loaded machine.
}, 300_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

describe('embedding', () => {
  test('without the script the link still leads to the thing on Kudos', async () => {
    const page = await context.newPage();
    await page.route('**/embed.js', (route) => route.abort());
    await page.goto(`${blog}/posts/micro-donations`);
    const link = page.locator('a.kudos-button');
    await expect(link.getAttribute('href')).resolves.toBe(`${stack.kudos}/thing?owner=alice&url=${encodeURIComponent(`${blog}/posts/micro-donations`)}`);
    await page.waitForTimeout(300);
    expect(await page.locator('iframe, span.kudos-button').count()).toBe(0);
    await page.close();
  });

  test('every link becomes a fixed-size button that fits, drawn in the page; screenshots of each style', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 900, height: 900 });
    await page.goto(`${blog}/gallery`);
    await expect.poll(() => page.locator('a.kudos-button').count(), { timeout: 10_000 }).toBe(0);
    const hosts = page.locator('span.kudos-button');
    expect(await hosts.count()).toBe(18);
    expect(await page.locator('iframe').count()).toBe(0);
    const sizes = { default: [180, 32], compact: [84, 26], large: [112, 84] };
    for (let i = 0; i < 18; i++) {
      const host = hosts.nth(i);
      const style = (await host.locator('.kb').getAttribute('class'))!.split(' ')[1] as keyof typeof sizes;
      const box = (await host.boundingBox())!;
      expect([box.width, box.height], `button ${i} (${style})`).toEqual(sizes[style]);
      // The content fits the fixed size: no truncated label.
      const fits = await host.locator('.kb').evaluate((kb) => {
        const label = kb.querySelector('.label');
        return kb.scrollWidth <= kb.clientWidth && (!label || label.scrollWidth <= label.clientWidth);
      });
      expect(fits, `button ${i} (${style}) fits`).toBe(true);
    }
    // Swapping the links for buttons moved nothing: the blog sizes its links as docs/embed.md
    // suggests, and the cumulative layout shift of the whole visit stays ~0.
    const layoutShift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => resolve(list.getEntries().reduce((sum, entry) => sum + (entry as unknown as { value: number }).value, 0))).observe({
            type: 'layout-shift',
            buffered: true,
          });
          setTimeout(() => resolve(0), 500);
        }),
    );
    expect(layoutShift).toBeLessThan(0.01);
    await page.locator('#gallery').screenshot({ path: `${SCREENSHOTS}widget-gallery.png` });
    await page.locator('#languages').screenshot({ path: `${SCREENSHOTS}widget-languages.png` });
    // theme "auto" follows the reader's colour scheme; "light" does not.
    const background = (nth: number) =>
      hosts
        .nth(nth)
        .locator('button.give')
        .evaluate((b) => getComputedStyle(b).backgroundColor);
    const [lightButton, autoButton] = [0, 6];
    await expect(background(autoButton)).resolves.toBe('rgb(246, 248, 250)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => background(autoButton)).toBe('rgb(33, 38, 45)');
    await expect(background(lightButton)).resolves.toBe('rgb(246, 248, 250)');
    await page.locator('#gallery').screenshot({ path: `${SCREENSHOTS}widget-gallery-prefers-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    for (const [row, theme] of [
      [1, 'light'],
      [2, 'dark'],
    ] as const) {
      for (const [column, style] of [
        [1, 'default'],
        [2, 'compact'],
        [3, 'large'],
      ] as const) {
        await page.locator(`#gallery tr:nth-child(${row + 1}) td:nth-child(${column + 1})`).screenshot({ path: `${SCREENSHOTS}widget-${style}-${theme}.png` });
      }
    }
    await page.close();
  });

  test('with a larger minimum font size the label needs more room, and the button grows to fit it', async () => {
    const bigFonts = await launchBrowser({ preferences: { webkit: { webprefs: { minimum_font_size: 20 } } } });
    try {
      const page = await bigFonts.context.newPage();
      await page.goto(`${blog}/posts/micro-donations`);
      const frame = await buttonFrame(page);
      await expect.poll(async () => (await frame.boundingBox())!.width).toBeGreaterThan(180);
      const label = frame.locator('.label');
      await expect(label.evaluate((l) => l.scrollWidth <= l.clientWidth)).resolves.toBe(true);
    } finally {
      await bigFonts.context.close();
    }
  });

  test('a button added to the page later is found too', async () => {
    const page = await context.newPage();
    await page.goto(`${blog}/later`);
    expect(await page.locator('span.kudos-button').count()).toBe(0);
    const frame = await buttonFrame(page);
    await expect(giveButton(frame).textContent()).resolves.toBe('Give kudos');
    await page.close();
  });

  test('only the oEmbed page may be framed; the button speaks the page language', async () => {
    const framed = await fetch(`${stack.kudos}/button/embed?owner=alice&url=${encodeURIComponent(`${blog}/x`)}&lang=de`);
    expect(framed.headers.get('content-security-policy')).toMatch(/frame-ancestors \*$/);
    expect(await framed.text()).toContain('Kudos geben');
    for (const path of ['/give?owner=alice&url=https://blog.example/x', '/embed.js', '/api/v1/openapi.json', '/button?owner=alice&url=x']) {
      expect((await fetch(stack.kudos + path)).headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
    }
    const page = await context.newPage();
    await page.goto(`${blog}/posts/kudos-auf-deutsch`);
    await expect(giveButton(await buttonFrame(page)).textContent()).resolves.toBe('Kudos geben');
    await page.close();
  });
});

test('the popup form refuses other sites and wrong CSRF tokens', async () => {
  const giver = await signUpPerson(stack.kudos, 'formtester', { depositCents: 1000, budgetCents: 500 });
  const token = 'a'.repeat(32);
  const send = (csrf: string, headers: Record<string, string>) =>
    fetch(`${stack.kudos}/give`, {
      method: 'POST',
      body: new URLSearchParams({ owner: 'alice', url: `${blog}/posts/form-test`, csrf }),
      headers: { Cookie: `${giver.cookie}; kudos_csrf=${token}`, ...headers },
    });
  expect((await send(token, { Origin: blog })).status).toBe(403);
  expect((await send(token, { Origin: stack.kudos, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  expect((await send('b'.repeat(32), { Origin: stack.kudos })).status).toBe(403);
  expect(await clicksOf(stack.kudos, giver)).toEqual([]);
  // The same request from Kudos itself with the right token gives.
  expect((await send(token, { Origin: stack.kudos })).status).toBe(200);
  expect((await clicksOf(stack.kudos, giver)).map((c) => c.thing.url)).toEqual([`${blog}/posts/form-test`]);
});

describe('giving across sites', () => {
  const post = (slug: string) => `${blog}/posts/${slug}`;

  test('before acting, every reader sees the same neutral button with the public count', async () => {
    const page = await context.newPage();
    await page.goto(post('micro-donations'));
    const frame = await buttonFrame(page);
    await expect(frame.locator('.kb').getAttribute('class')).resolves.toContain('signed_out');
    await expect(count(frame).textContent()).resolves.toBe('0');
    await page.close();
  });

  test('signed in, third-party cookies allowed: a page of buttons sends Kudos no cookie, three requests, and stores nothing', async () => {
    await signInOnKudos(context, stack.kudos, reader);
    // A fresh browser (nothing cached yet), signed in on Kudos too.
    const fresh = await launchBrowser();
    await signInOnKudos(fresh.context, stack.kudos, reader);
    const before = stack.requests().length;
    const page = await fresh.context.newPage();
    await page.goto(`${blog}/gallery`);
    await expect.poll(() => page.locator('span.kudos-button').count()).toBe(18);
    await page.waitForTimeout(1000);
    // What Kudos itself saw (the Worker's request log): the loader, the renderer, one counts request.
    const seen = stack.requests().slice(before);
    // (The loader asks for the counts while the renderer loads, so the last two come in either order.)
    expect(seen.map((r) => `${r.method} ${r.path.replace(/-[0-9a-f]{10}\.js$/, '-<hash>.js')}`).sort()).toEqual([
      'GET /api/v1/counts',
      'GET /embed.js',
      'GET /w/render-<hash>.js',
    ]);
    expect(seen.filter((r) => r.cookie)).toEqual([]);
    expect(await clicksOf(stack.kudos, reader)).toEqual([]);
    await fresh.context.close();
  });

  test('signed in on Kudos: the first kudos on a new site is confirmed in the popup, and counts', async () => {
    const page = await context.newPage();
    await page.goto(post('micro-donations'));
    await page.evaluate(() =>
      document.addEventListener('kudos:clicked', (e) => ((window as unknown as { clicked: unknown }).clicked = (e as CustomEvent).detail)),
    );
    const frame = await buttonFrame(page);
    // Signed in on Kudos, and still the neutral button: Kudos is not asked who reads, and a
    // signed-in reader is never told to sign in.
    await expect(frame.locator('.kb').getAttribute('class')).resolves.toContain('signed_out');
    await expect(giveButton(frame).getAttribute('title')).resolves.toBe('Give kudos on Kudos');
    await expect(giveButton(frame).getAttribute('aria-pressed')).resolves.toBe('false');

    await giveInPopup(
      context,
      () => giveButton(frame).click(),
      async (popup) => {
        // The popup is first-party Kudos and names the site the click came from.
        expect(new URL(popup.url()).origin).toBe(stack.kudos);
        await expect(popup.locator('.warn').textContent()).resolves.toContain(new URL(blog).host);
        await popup.screenshot({ path: `${SCREENSHOTS}widget-popup-confirm.png` });
        await popup.getByRole('button', { name: 'Give kudos' }).click();
        await popup.getByText('Thank you!').waitFor();
      },
    );
    await expect.poll(() => count(frame).textContent()).toBe('1');
    await expect(giveButton(frame).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(giveButton(frame).textContent()).resolves.toBe('Given');
    await expect.poll(() => page.evaluate(() => (window as unknown as { clicked: unknown }).clicked)).toEqual({ clicksTotal: 1 });
    expect((await clicksOf(stack.kudos, reader)).map((c) => c.thing.url)).toEqual([post('micro-donations')]);
    await page.close();
  });

  test('on a confirmed site the popup gives by itself, once; the other buttons for the post follow', async () => {
    const page = await context.newPage();
    let popups = 0;
    context.on('page', () => popups++);
    // A counts request first, so the edge cache holds this thing's count (0).
    const publicCount = () =>
      fetch(`${stack.kudos}/api/v1/counts?t=${encodeURIComponent(`alice:${post('night-mode')}`)}`).then(
        async (r) => ((await r.json()) as { counts: number[][] }).counts[0]![0],
      );
    expect(await publicCount()).toBe(0);
    await page.goto(post('night-mode'));
    const frame = await buttonFrame(page);
    await expect(count(frame).textContent()).resolves.toBe('0');
    // By keyboard: Tab to the button (the focus ring shows), Enter gives.
    await giveButton(frame).focus();
    await expect(giveButton(frame).evaluate((b) => getComputedStyle(b).outlineStyle)).resolves.toBe('solid');
    await giveInPopup(
      context,
      () => page.keyboard.press('Enter'),
      async () => {},
    );
    await expect.poll(() => count(frame).textContent()).toBe('1');
    await page.locator('.buttons').screenshot({ path: `${SCREENSHOTS}widget-focus-ring.png` });
    // The other buttons for the same post on the page follow, and the cache was dropped.
    await expect.poll(() => count(page.locator('span.kudos-button').nth(2)).textContent()).toBe('1');
    expect(await publicCount()).toBe(1);
    await expect(giveButton(frame).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(frame.locator('#kb-hint').textContent()).resolves.toBe('Thank you! Kudos given.');

    // Again, here and on another button for the same post: nothing more, and no popup.
    await frame.locator('button[data-armed="true"]').waitFor();
    await giveButton(frame).click();
    await expect(frame.locator('#kb-hint').textContent()).resolves.toBe('You already gave kudos this month.');
    const compact = await buttonFrame(page, 1);
    await expect(compact.locator('.kb').getAttribute('class')).resolves.toContain('given');
    await giveButton(compact).click();
    await expect.poll(() => compact.locator('#kb-hint').textContent()).toBe('You already gave kudos this month.');
    await expect(count(compact).textContent()).resolves.toBe('1');
    expect(popups).toBe(1);
    const state = await api(stack.kudos, 'GET', `/api/v1/button?owner=alice&url=${encodeURIComponent(post('night-mode'))}`, undefined, {
      Cookie: reader.cookie,
    });
    expect(state.body).toMatchObject({ status: 'given', clicks_total: 1, clicks_this_month: 1 });
    expect((await clicksOf(stack.kudos, reader)).map((c) => c.thing.url).sort()).toEqual([post('micro-donations'), post('night-mode')].sort());
    await page.screenshot({ path: `${SCREENSHOTS}widget-dark-post-given.png` });
    await page.close();
  });

  test('without a popup, /give is a plain page that records and links back', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.kudos}/give?owner=alice&url=${encodeURIComponent(post('kudos-pa-svenska'))}&title=Svenska`);
    await page.getByRole('button', { name: 'Give kudos' }).click();
    await page.getByText('Thank you!').waitFor();
    await expect(page.getByRole('link', { name: 'Back to the page' }).getAttribute('href')).resolves.toBe(post('kudos-pa-svenska'));
    expect((await clicksOf(stack.kudos, reader)).map((c) => c.thing.url)).toContain(post('kudos-pa-svenska'));
    await page.close();
  });

  test("on the thing's own page on Kudos the same renderer shows the reader's state and gives in place, no popup", async () => {
    const page = await context.newPage();
    let popups = 0;
    context.on('page', () => popups++);
    const violations: string[] = [];
    page.on('console', (message) => message.text().includes('Content Security Policy') && violations.push(message.text()));
    await page.goto(`${stack.kudos}/thing?owner=alice&url=${encodeURIComponent(post('thing-page'))}`);
    const frame = await buttonFrame(page);
    // First party: the reader's own state, not the neutral face other sites show before a click.
    await expect.poll(() => frame.locator('.kb').getAttribute('class')).toContain('ready');
    // Styled under the page's strict policy (style-src 'self'): the button's style sheet is constructed, not inline.
    await expect(frame.evaluate((host) => host.getBoundingClientRect().width)).resolves.toBe(180);
    await expect(giveButton(frame).evaluate((b) => getComputedStyle(b).cursor)).resolves.toBe('pointer');
    let clicked: unknown = null;
    await page.exposeFunction('onKudosClicked', (detail: unknown) => (clicked = detail));
    await page.evaluate(() =>
      document.addEventListener('kudos:clicked', (e) => (window as unknown as { onKudosClicked(d: unknown): void }).onKudosClicked((e as CustomEvent).detail)),
    );
    await giveButton(frame).click();
    await expect.poll(() => count(frame).textContent()).toBe('1');
    await expect(giveButton(frame).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect.poll(() => clicked).toEqual({ clicksTotal: 1 });
    expect(popups).toBe(0);
    expect(violations).toEqual([]);
    expect((await clicksOf(stack.kudos, reader)).map((c) => c.thing.url)).toContain(post('thing-page'));
    await page.close();
  });

  test('a covered button refuses the click', async () => {
    const page = await context.newPage();
    let popups = 0;
    context.on('page', () => popups++);
    await page.goto(`${blog}/covered`);
    const frame = page.locator('span.kudos-button');
    await frame.locator('button').waitFor();
    // Long enough for the button to arm itself, were it visible.
    await page.waitForTimeout(1200);
    await expect(giveButton(frame).getAttribute('data-armed')).resolves.toBe('false');
    // The layer lets pointer events through, so the click really lands on the button.
    await giveButton(frame).click({ force: true });
    await expect(frame.locator('#kb-hint').textContent()).resolves.toBe('Refused: the button is not fully visible.');
    await page.screenshot({ path: `${SCREENSHOTS}widget-covered.png` });
    expect(popups).toBe(0);
    // The reader is signed in, funded and confirmed this site: uncovered, this click would have counted.
    const state = await api(stack.kudos, 'GET', `/api/v1/button?owner=alice&url=${encodeURIComponent(post('kudos-auf-deutsch'))}`, undefined, {
      Cookie: reader.cookie,
    });
    expect(state.body).toMatchObject({ status: 'ready', clicks_total: 0 });
    await page.evaluate(() => document.getElementById('cover')!.remove());
    await frame.locator('button[data-armed="true"]').waitFor();
    await page.close();
  });
});

describe('the popup and the page that opened it (issue 20, finding 5)', () => {
  /**
   * `person`, signed in on Kudos, presses a button on a blog page that opens the popup for
   * `owner`'s `url` (any URL, naming the blog as the site); `inPopup` acts there, or not.
   * Answers every Kudos message the blog page received by then.
   */
  const toldTheOpener = async (person: { email: string; password: string }, owner: string, url: string, inPopup: (popup: Page) => Promise<void>) => {
    const browser = await launchBrowser();
    try {
      await signInOnKudos(browser.context, stack.kudos, person);
      const page = await browser.context.newPage();
      await page.goto(`${blog}/`);
      const href = `${stack.kudos}/give?${new URLSearchParams({ popup: '1', site: blog, owner, url })}`;
      await page.evaluate(
        ({ href, kudos }) => {
          const told: unknown[] = [];
          Object.assign(window, { told });
          addEventListener('message', (event) => event.origin === kudos && told.push(event.data));
          const opener = Object.assign(document.createElement('button'), { id: 'opener', textContent: 'Open' });
          opener.addEventListener('click', () => open(href, 'kudos-give', 'popup,width=440,height=600'));
          document.body.prepend(opener);
        },
        { href, kudos: stack.kudos },
      );
      const opened = browser.context.waitForEvent('page');
      await page.locator('#opener').click();
      const popup = await opened;
      await popup.waitForLoadState();
      await inPopup(popup);
      // The popup's script has long run by then (it posts at once, or after a press).
      await page.waitForTimeout(1500);
      return await page.evaluate(() => (window as unknown as { told: unknown[] }).told);
    } finally {
      await browser.context.close();
    }
  };

  test('learns nothing without a press in the popup: not what its visitor gave, not who they are', { timeout: 180_000 }, async () => {
    const owner = await signUpPerson(stack.kudos, 'opened');
    const giver = await signUpPerson(stack.kudos, 'openergiver', { depositCents: 1000, budgetCents: 500 });
    const anywhere = 'https://news.example/an-article';
    const onTheBlog = `${blog}/posts/opener-own`;
    for (const url of [anywhere, onTheBlog])
      await api(stack.kudos, 'POST', '/api/v1/clicks', { owner: 'opened', url, title: 'Read' }, { Cookie: giver.cookie });
    // The visitor sees the state in the popup (first party); the page that opened it hears nothing.
    const shown = (text: string) => async (popup: Page) => void (await popup.getByText(text).waitFor());
    expect(await toldTheOpener(giver, 'opened', anywhere, shown('You already gave kudos'))).toEqual([]);
    expect(await toldTheOpener(owner, 'opened', anywhere, shown('This is your own thing'))).toEqual([]);
    expect(await toldTheOpener(giver, 'opened', onTheBlog, shown('You already gave kudos'))).toEqual([]);
    // After a press in the popup, the page learns the answer for a thing on its own site.
    const press = async (popup: Page) => popup.getByRole('button', { name: 'Give kudos' }).click();
    const told = await toldTheOpener(giver, 'opened', `${blog}/posts/opener-pressed`, press);
    expect(told).toMatchObject([{ kudos: { type: 'done', counts: { status: 'given' } } }]);
    // …and nothing for a thing elsewhere, even after a press.
    expect(await toldTheOpener(giver, 'opened', `${anywhere}-2`, press)).toEqual([]);
  });
});
