// The button with third-party cookies blocked (Chromium's setting, as Safari and Firefox do by
// default): the iframe on the blog cannot see the Kudos session, so clicks go through the
// first-party popup, or through the Storage Access API once the person has granted it.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { api, launchBrowser, signUpPerson, startStack, type Stack } from './harness';
import { buttonFrame, clicksOf, count, giveButton, giveInPopup, SCREENSHOTS, signInOnKudos } from './widget/helpers';

let stack: Stack;
let post: (slug: string) => string;
let context: BrowserContext;
let reader: Awaited<ReturnType<typeof signUpPerson>>;

beforeAll(async () => {
  stack = await startStack();
  post = (slug) => `${stack.blog}/posts/${slug}`;
  await signUpPerson(stack.kudos, 'alice');
  reader = await signUpPerson(stack.kudos, 'reader', { depositCents: 1000, budgetCents: 500 });
  ({ context } = await launchBrowser({ blockThirdPartyCookies: true }));
});

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

const clickCount = async (slug: string) =>
  (await api(stack.kudos, 'GET', `/api/v1/button?owner=alice&url=${encodeURIComponent(post(slug))}`)).body.clicks_total as number;

test('the blocking is real: signed in on Kudos, the button on the blog still sees nobody', async () => {
  await signInOnKudos(context, stack.kudos, reader);
  const page = await context.newPage();
  await page.goto(post('micro-donations'));
  const frame = await buttonFrame(page);
  await expect(frame.locator('.kb').getAttribute('class')).resolves.toContain('signed_out');
  const iframe = page.frames().find((f) => f.url().startsWith(`${stack.kudos}/button?`))!;
  expect(await iframe.evaluate(() => document.hasStorageAccess())).toBe(false);
  await page.close();
});

test('a click goes through the popup and is recorded exactly once', async () => {
  const page = await context.newPage();
  await page.goto(post('micro-donations'));
  const frame = await buttonFrame(page);
  await giveInPopup(
    context,
    () => giveButton(frame).click(),
    async (popup) => {
      await expect(popup.locator('.warn').textContent()).resolves.toContain(new URL(stack.blog!).host);
      await popup.getByRole('button', { name: 'Give kudos' }).click();
      await popup.getByText('Thank you!').waitFor();
    },
  );
  await expect.poll(() => count(frame).textContent()).toBe('1');
  await expect(giveButton(frame).getAttribute('aria-pressed')).resolves.toBe('true');

  // After a reload the iframe is signed out again (cookies still blocked); a second click ends
  // in the popup saying it was already given, and nothing more is recorded.
  await page.reload();
  const again = await buttonFrame(page);
  await expect(count(again).textContent()).resolves.toBe('1');
  await giveInPopup(
    context,
    () => giveButton(again).click(),
    async (popup) => {
      await popup.getByText('You already gave kudos').waitFor();
      await popup.close();
    },
  );
  await expect.poll(() => giveButton(again).getAttribute('aria-pressed')).toBe('true');
  expect(await clickCount('micro-donations')).toBe(1);
  expect((await clicksOf(stack.kudos, reader)).map((c) => c.thing.url)).toEqual([post('micro-donations')]);
  await page.close();
});

test('on a site confirmed before, the popup gives by itself', async () => {
  const page = await context.newPage();
  await page.goto(post('kudos-auf-deutsch'));
  const frame = await buttonFrame(page);
  await giveInPopup(
    context,
    () => giveButton(frame).click(),
    async () => {},
  );
  await expect.poll(() => count(frame).textContent()).toBe('1');
  expect(await clickCount('kudos-auf-deutsch')).toBe(1);
  await page.close();
});

test('a page that opens the popup itself, naming a confirmed site, gets no silent kudos', async () => {
  const page = await context.newPage();
  await page.goto(post('night-mode'));
  const opened = context.waitForEvent('page');
  // The blog's own script, not the Kudos button, opens /give and claims to be the blog.
  await page.evaluate(
    ({ kudos, blog, url }) => window.open(`${kudos}/give?${new URLSearchParams({ owner: 'alice', url, site: blog, popup: '1' })}`, 'x', 'popup'),
    { kudos: stack.kudos, blog: stack.blog!, url: post('night-mode') },
  );
  const popup = await opened;
  await popup.waitForLoadState();
  await expect(popup.locator('.warn').textContent()).resolves.toBe('Another site sent you here. Continue only if you meant to give kudos to this.');
  await popup.waitForTimeout(1000);
  expect(popup.isClosed()).toBe(false);
  await expect(popup.getByRole('button', { name: 'Give kudos' }).isVisible()).resolves.toBe(true);
  expect(await clickCount('night-mode')).toBe(0);
  await popup.close();
  await page.close();
});

test('a new visitor signs in through the button', async () => {
  const visitor = await signUpPerson(stack.kudos, 'visitor', { depositCents: 1000, budgetCents: 500 });
  const fresh = await launchBrowser({ blockThirdPartyCookies: true });
  try {
    const page = await fresh.context.newPage();
    await page.goto(post('kudos-pa-svenska'));
    const frame = await buttonFrame(page);
    await expect(giveButton(frame).getAttribute('aria-label')).resolves.toBe('Ge kudos');
    await giveInPopup(
      fresh.context,
      () => giveButton(frame).click(),
      async (popup) => {
        // The popup speaks the button's language (the page is Swedish).
        await popup.getByLabel('E-post').fill(visitor.email);
        await popup.getByLabel('Lösenord').fill('wrong password');
        await popup.getByRole('button', { name: 'Logga in och ge kudos' }).click();
        await popup.getByText('Fel e-post eller lösenord.').waitFor();
        await popup.getByLabel('E-post').fill(visitor.email);
        await popup.getByLabel('Lösenord').fill(visitor.password);
        await popup.screenshot({ path: `${SCREENSHOTS}widget-popup-sign-in-sv.png` });
        await popup.getByRole('button', { name: 'Logga in och ge kudos' }).click();
        await popup.getByText('Tack!').waitFor();
      },
    );
    await expect.poll(() => count(frame).textContent()).toBe('1');
    expect(await clickCount('kudos-pa-svenska')).toBe(1);
    expect((await clicksOf(stack.kudos, visitor)).map((c) => c.thing.url)).toEqual([post('kudos-pa-svenska')]);
  } finally {
    await fresh.context.close();
  }
});

test('with storage access granted, the button shows the person and gives in place', async () => {
  // What a person does when Chromium asks whether Kudos may use its cookies on this blog. (The
  // grant is keyed by the blog and the embedded Kudos; Playwright's grantPermissions cannot say so.)
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Browser.setPermission', {
    permission: { name: 'storage-access' },
    setting: 'granted',
    origin: stack.blog!,
    // Newer than playwright-core's protocol types.
    ...({ embeddedOrigin: stack.kudos } as object),
  });
  let popups = 0;
  context.on('page', () => popups++);
  await page.goto(post('micro-donations'));
  const given = await buttonFrame(page);
  await expect.poll(() => given.locator('.kb').getAttribute('class')).toContain('given');

  await page.goto(post('night-mode'));
  const frame = await buttonFrame(page);
  await expect.poll(() => frame.locator('.kb').getAttribute('class')).toContain('ready');
  await giveButton(frame).click();
  await expect.poll(() => count(frame).textContent()).toBe('1');
  await expect(giveButton(frame).getAttribute('aria-pressed')).resolves.toBe('true');
  expect(popups).toBe(0);
  expect(await clickCount('night-mode')).toBe(1);
  expect((await clicksOf(stack.kudos, reader)).length).toBe(3);

  // The Kudos dashboard agrees with the buttons.
  await page.goto(`${stack.kudos}/dashboard`);
  for (const title of ['Why micro-donations work', 'Kudos auf Deutsch', 'Writing at night']) {
    await expect(page.getByText(title).first().isVisible(), title).resolves.toBe(true);
  }
  await page.screenshot({ path: `${SCREENSHOTS}widget-dashboard-after-3pc.png`, fullPage: true });
  await page.close();
});
