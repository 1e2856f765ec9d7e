// Shared steps of the widget's browser tests.
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { api } from '../harness';

export const SCREENSHOTS = new URL('../../../screenshots/', import.meta.url).pathname;
mkdirSync(SCREENSHOTS, { recursive: true });

/** Signs in on the Kudos site itself (first party) through its sign-in page, as a person does. */
export async function signInOnKudos(context: BrowserContext, kudos: string, person: { email: string; password: string }) {
  const page = await context.newPage();
  await page.goto(`${kudos}/login`);
  await page.locator('input[name=email]').fill(person.email);
  await page.locator('input[name=password]').fill(person.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.locator('form:has(input[name=password]) [type=submit]').click()]);
  const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
  if (me !== 200) throw new Error(`sign-in failed: /api/v1/me answered ${me}`);
  await page.close();
}

/**
 * The nth Kudos button the loader drew on the page (a shadow root on a span.kudos-button;
 * Playwright's CSS locators pierce open shadow roots), once it may be clicked.
 */
export async function buttonFrame(page: Page, nth = 0): Promise<Locator> {
  const host = page.locator('span.kudos-button').nth(nth);
  await host.waitFor();
  // Armed: fully visible long enough for a click to count (see widget/button/visibility.ts).
  await host.locator('button[data-armed="true"]').waitFor();
  return host;
}

export const count = (frame: Locator) => frame.locator('.count .n');
export const giveButton = (frame: Locator): Locator => frame.locator('button.give');

/** Clicks in the popup that `click` opens and waits until the popup has closed itself. */
export async function giveInPopup(context: BrowserContext, click: () => Promise<void>, inPopup: (popup: Page) => Promise<void>) {
  const opened = context.waitForEvent('page');
  await click();
  const popup = await opened;
  await popup.waitForLoadState();
  await inPopup(popup);
  if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 10_000 });
}

/** What `person` gave this month, according to the API. */
export async function clicksOf(kudos: string, person: { cookie: string }): Promise<{ thing: { url: string; owner: string } }[]> {
  const res = await api(kudos, 'GET', '/api/v1/me/clicks', undefined, { Cookie: person.cookie });
  return res.body.clicks;
}
