// No page scrolls sideways (issue 15): at a phone's 390 px and at 1280 px, with a thing whose
// title (200 characters, the most a title may have) and URL (300 characters) are one unbroken
// word each, every page a creator and a reader see is no wider than the window. Measured in
// Chromium with default settings: document.scrollingElement.scrollWidth <= innerWidth.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchBrowser, signUpPerson, startStack, type Stack, useSession } from './harness';

let stack: Stack;
let context: BrowserContext;
let page: Page;
const TITLE = `T${'itle'.repeat(49)}end`.slice(0, 200);
const URL_ = `https://wide.example/${'p'.repeat(300 - 'https://wide.example/'.length)}`;
const pages: { who: 'creator' | 'reader'; path: string }[] = [];
const cookies: Record<'creator' | 'reader', string> = { creator: '', reader: '' };

beforeAll(async () => {
  stack = await startStack();
  ({ context } = await launchBrowser());
  page = await context.newPage();
  const creator = await signUpPerson(stack.kudos, 'widecreator');
  const reader = await signUpPerson(stack.kudos, 'widereader', { depositCents: 1000, budgetCents: 500 });
  cookies.creator = creator.cookie;
  cookies.reader = reader.cookie;
  const thing = await api(stack.kudos, 'POST', '/api/v1/things', { url: URL_, title: TITLE }, { Cookie: creator.cookie });
  expect(thing.status).toBe(201);
  expect(URL_).toHaveLength(300);
  // The reader registers a second one the creator has not claimed yet (under "Your things and sites").
  for (const url of [URL_, `${URL_}q`]) {
    const given = await api(stack.kudos, 'POST', '/api/v1/clicks', { owner: 'widecreator', url, title: TITLE }, { Cookie: reader.cookie });
    expect(given.status).toBe(201);
  }
  // And gives to it every month: the dashboard's list and /subscriptions carry the long title.
  const subscribed = await api(stack.kudos, 'POST', '/api/v1/me/subscriptions', { thing_id: thing.body.id, months: 3 }, { Cookie: reader.cookie });
  expect(subscribed.status).toBe(201);
  const thingQuery = `owner=widecreator&url=${encodeURIComponent(URL_)}`;
  pages.push(
    { who: 'creator', path: '/dashboard' },
    { who: 'creator', path: `/get-your-button?page=${encodeURIComponent(URL_)}` },
    { who: 'creator', path: '/get-your-button' },
    { who: 'creator', path: `/thing?${thingQuery}` },
    { who: 'creator', path: `/things/${thing.body.id}` },
    { who: 'creator', path: '/@widecreator' },
    { who: 'creator', path: '/stats' },
    { who: 'reader', path: '/dashboard' },
    { who: 'reader', path: `/thing?${thingQuery}` },
    { who: 'reader', path: '/@widereader' },
    { who: 'reader', path: '/subscriptions' },
    { who: 'reader', path: '/apps' },
  );
}, 240_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

/** The page's width, and the elements that stick out of the window (to say what to fix). */
async function measure(p: Page) {
  return p.evaluate(() => {
    const width = window.innerWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''} → ${Math.round(el.getBoundingClientRect().right)} px`,
      );
    return { scrollWidth: document.scrollingElement!.scrollWidth, width, wide };
  });
}

describe('no page is wider than the window', () => {
  it.each([390, 1280])(
    'at %i px, with a 200-character title and a 300-character URL',
    async (width) => {
      await page.setViewportSize({ width, height: 844 });
      const failures: string[] = [];
      for (const { who, path } of pages) {
        await context.clearCookies();
        await useSession(context, stack.kudos, cookies[who]);
        const response = await page.goto(stack.kudos + path);
        expect(response!.status(), path).toBe(200);
        const { scrollWidth, wide } = await measure(page);
        if (scrollWidth > width) failures.push(`${who} ${path.slice(0, 40)}: ${scrollWidth} px (${wide.join(', ')})`);
      }
      expect(failures).toEqual([]);
    },
    240_000,
  );
});
