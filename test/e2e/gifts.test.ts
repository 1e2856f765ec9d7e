// A reader without an account gives once, in Chromium with its default settings: the signed-out
// popup offers "give once", the page states the terms before paying (accessible, at a phone's
// 390 px), the dev provider pays at once (`npm start`'s stand-in for Stripe Checkout), and the
// thank-you email carries the link that makes the account the gift made theirs.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessible } from './accessibility';
import { ADMIN_TOKEN, api, launchBrowser, signUpPerson, startStack, type Stack } from './harness';

let stack: Stack;
let context: BrowserContext;
let page: Page;
const TITLE = 'A post worth three euros';

beforeAll(async () => {
  stack = await startStack();
  ({ context } = await launchBrowser());
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

describe('a one-time gift without an account', () => {
  it('goes from the signed-out popup to the terms, pays, thanks, and emails the link to the account', async () => {
    const creator = await signUpPerson(stack.kudos, 'giftcreator');
    const url = `${stack.kudos}/demo/posts/gift`;
    expect((await api(stack.kudos, 'POST', '/api/v1/things', { url, title: TITLE }, { Cookie: creator.cookie })).status).toBe(201);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.kudos}/give?${new URLSearchParams({ owner: 'giftcreator', url, title: TITLE })}`);
    await page.getByRole('link', { name: 'Or give once, without an account' }).click();
    await page.getByRole('heading', { name: `Give once to “${TITLE}” by @giftcreator` }).waitFor();
    expect(await page.getByTestId('gift-terms').textContent()).toBe(
      'Of €3.00, Kudos keeps 10% (€0.30) and @giftcreator gets €2.70. The card cost (€0.30 for €3.00) is added when you pay.',
    );
    const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, width: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(width);
    await checkAccessible(page, 'give-once-390');

    // Under the minimum: the page again, with the amount as typed and why.
    await page.getByLabel('Amount (at least €3.00)').fill('2.50');
    await page.getByLabel('Your email').fill('newreader@example.test');
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByText('A gift is at least €3.00.').waitFor();
    expect(await page.getByLabel('Amount (at least €3.00)').inputValue()).toBe('2.50');

    await page.getByLabel('Amount (at least €3.00)').fill('3.00');
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByTestId('gift-thanks').waitFor();

    const mail = await api(stack.kudos, 'GET', `/api/v1/admin/outbox?to=${encodeURIComponent('newreader@example.test')}`, undefined, {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    const [thanks] = mail.body.messages as { subject: string; text: string }[];
    expect(thanks!.subject).toBe('Thank you for your gift on Kudos');
    expect(thanks!.text).toContain(`Thank you for giving €3.00 to “${TITLE}” by @giftcreator.`);
    // The link makes the account the gift made theirs: set a password, and it signs in.
    const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(thanks!.text)![0];
    await page.goto(link);
    await page.getByLabel('New password (at least 8 characters)').fill('a gift-giver password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your new password is set').waitFor();
    const login = await api(stack.kudos, 'POST', '/api/v1/login', { email: 'newreader@example.test', password: 'a gift-giver password' });
    expect(login.status).toBe(200);
  }, 120_000);
});
