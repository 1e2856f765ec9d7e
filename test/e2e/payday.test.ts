// The public payday record in Chromium: reached from the landing page's footer, readable at a
// phone's 390 px in each language (nothing wider than the window), accessible in light and dark.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessible } from './accessibility';
import { ADMIN_TOKEN, api, launchBrowser, startStack, type Stack } from './harness';

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  ({ context } = await launchBrowser());
  page = await context.newPage();
  // Two settled months (nobody had a budget then: zeros, but every row of the record shows).
  for (const month of ['2019-05', '2019-06']) {
    const settled = await api(stack.kudos, 'POST', '/api/v1/admin/settlements', { month }, { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(settled.status).toBe(200);
  }
}, 240_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

describe('/about/stats', () => {
  it('is linked from the landing page and reads at 390 px in en, de and sv', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.kudos}/?lang=en`);
    await page.getByRole('link', { name: 'Payday record' }).click();
    await page.waitForURL(/\/about\/stats$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('What Kudos moved, month by month');
    await checkAccessible(page, 'payday-390');
    for (const lang of ['en', 'de', 'sv']) {
      await page.goto(`${stack.kudos}/about/stats?lang=${lang}`);
      const cards = page.locator('section.card[data-month]');
      expect(await cards.count()).toBe(2);
      expect(await cards.first().getAttribute('data-month')).toBe('2019-06');
      const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, width: window.innerWidth }));
      expect(scrollWidth, lang).toBeLessThanOrEqual(width);
      // Each figure's label and value sit side by side inside the card.
      const row = await page.locator('section.card[data-month] tr[data-figure="held"]').first().boundingBox();
      expect(row!.x + row!.width).toBeLessThanOrEqual(width);
    }
  }, 120_000);
});
