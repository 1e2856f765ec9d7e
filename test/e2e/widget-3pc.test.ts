// The button with third-party cookies blocked (Chromium's default, as Safari and Firefox do):
// the button on the blog knows nothing of the reader either way; clicks go through the
// first-party popup, which signs in, confirms the site the first time, and gives.
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

test('signed in on Kudos, the buttons on the blog are the same for everyone and send no cookie', async () => {
  await signInOnKudos(context, stack.kudos, reader);
  const before = stack.requests().length;
  const page = await context.newPage();
  await page.goto(post('micro-donations'));
  const button = await buttonFrame(page);
  await expect(button.locator('.kb').getAttribute('class')).resolves.toContain('signed_out');
  // Never told to sign in: the label and its hint are neutral.
  await expect(giveButton(button).textContent()).resolves.toBe('Give kudos');
  await expect(giveButton(button).getAttribute('title')).resolves.toBe('Give kudos on Kudos');
  expect(
    stack
      .requests()
      .slice(before)
      .filter((r) => r.cookie),
  ).toEqual([]);
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

  // After a reload the button is neutral again; a second click ends in the popup saying it was
  // already given, and nothing more is recorded. The blog is not told: the visitor pressed nothing
  // in the popup (issue 20, finding 5), so its button stays as it was.
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
  await expect.poll(() => giveButton(again).getAttribute('aria-busy')).toBe('false');
  await expect(giveButton(again).getAttribute('aria-pressed')).resolves.toBe('false');
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

test('a page that opens the popup without showing who it is, or for a thing elsewhere, gets no silent kudos', async () => {
  const page = await context.newPage();
  await page.goto(post('night-mode'));
  // The blog is confirmed (the tests above). Its own script opens /give hiding its address
  // (no Referer) while claiming to be the blog: Kudos cannot tell who sent the reader.
  let opened = context.waitForEvent('page');
  await page.evaluate(
    ({ kudos, blog, url }) => {
      const link = Object.assign(document.createElement('a'), {
        href: `${kudos}/give?${new URLSearchParams({ owner: 'alice', url, site: blog, popup: '1' })}`,
        target: '_blank',
        rel: 'noreferrer',
      });
      link.click();
    },
    { kudos: stack.kudos, blog: stack.blog!, url: post('night-mode') },
  );
  let popup = await opened;
  await popup.waitForLoadState();
  await expect(popup.locator('.warn').textContent()).resolves.toBe('Another site sent you here. Continue only if you meant to give kudos to this.');
  await popup.waitForTimeout(1000);
  expect(popup.isClosed()).toBe(false);
  await expect(popup.getByRole('button', { name: 'Give kudos' }).isVisible()).resolves.toBe(true);
  await popup.close();

  // Showing who it is, but for a thing on another site: a site may ask for kudos for its own pages only.
  opened = context.waitForEvent('page');
  await page.evaluate(
    ({ kudos, blog }) =>
      window.open(`${kudos}/give?${new URLSearchParams({ owner: 'alice', url: 'https://elsewhere.example/x', site: blog, popup: '1' })}`, 'x', 'popup'),
    { kudos: stack.kudos, blog: stack.blog! },
  );
  popup = await opened;
  await popup.waitForLoadState();
  await popup.waitForTimeout(1000);
  expect(popup.isClosed()).toBe(false);
  await expect(popup.getByRole('button', { name: 'Give kudos' }).isVisible()).resolves.toBe(true);
  await popup.close();
  expect(await clickCount('night-mode')).toBe(0);
  expect((await clicksOf(stack.kudos, reader)).map((c) => c.thing.url)).not.toContain('https://elsewhere.example/x');
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

test('the Kudos dashboard agrees with the buttons', async () => {
  const page = await context.newPage();
  await page.goto(`${stack.kudos}/dashboard`);
  for (const title of ['Why micro-donations work', 'Kudos auf Deutsch']) {
    await expect(page.getByText(title).first().isVisible(), title).resolves.toBe(true);
  }
  expect((await clicksOf(stack.kudos, reader)).length).toBe(2);
  await page.screenshot({ path: `${SCREENSHOTS}widget-dashboard-after-3pc.png`, fullPage: true });
  await page.close();
});
