// Subscriptions in Chromium: a German reader chooses "for 3 months" on a thing's page and presses
// "Give every month", reads the list at a phone's 390 px (nothing wider, accessible), finds it on
// the dashboard, and stops it there.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessible } from './accessibility';
import { api, launchBrowser, signUpPerson, startStack, type Stack, useSession } from './harness';

let stack: Stack;
let context: BrowserContext;
let page: Page;
let thingId: number;
const TITLE = 'Notes from a monthly reader';

beforeAll(async () => {
  stack = await startStack();
  ({ context } = await launchBrowser());
  page = await context.newPage();
  const creator = await signUpPerson(stack.kudos, 'subcreator');
  const reader = await signUpPerson(stack.kudos, 'subreader', { depositCents: 1000, budgetCents: 500 });
  const thing = await api(stack.kudos, 'POST', '/api/v1/things', { url: `${stack.blog}/posts/monthly`, title: TITLE }, { Cookie: creator.cookie });
  expect(thing.status).toBe(201);
  thingId = thing.body.id;
  await useSession(context, stack.kudos, reader.cookie);
}, 240_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

describe('give every month', () => {
  it('starts from the thing page, lists at 390 px in German, and stops from the dashboard', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.kudos}/things/${thingId}?lang=de`);
    await page.getByLabel('Wie lange').selectOption('3');
    await page.getByRole('button', { name: 'Jeden Monat geben' }).click();
    await page.waitForURL(/\/subscriptions$/);
    expect(await page.locator('.flash').textContent()).toContain(`Du gibst „${TITLE}“ jeden Monat Kudos, angefangen mit diesem.`);
    expect(await page.getByTestId('running').textContent()).toContain('für 3 Monate · 1 Monat gegeben');
    const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, width: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(width);
    await checkAccessible(page, 'subscriptions-390');
    // This month's kudos went at once, through the click.
    expect((await api(stack.kudos, 'GET', `/api/v1/things/${thingId}`)).body.clicks_this_month).toBe(1);

    await page.goto(`${stack.kudos}/dashboard`);
    const section = page.locator('section#subscriptions');
    expect(await section.textContent()).toContain(TITLE);
    await section.getByRole('button', { name: 'Beenden' }).click();
    await page.waitForURL(/\/subscriptions$/);
    expect(await page.locator('.flash').textContent()).toContain('Abo beendet.');
    expect(await page.getByTestId('ended').textContent()).toContain('1 Monat gegeben · beendet');
  }, 120_000);
});
