// Passkeys in a real browser's WebAuthn stack: Chromium with its virtual authenticator (DevTools
// protocol WebAuthn.addVirtualAuthenticator), the page's own navigator.credentials, and Kudos under
// wrangler dev. Kudos is opened at http://localhost:<port>: an IP address is no valid RP id.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessible } from './accessibility';
import { launchBrowser, signUpPerson, startStack, type Stack } from './harness';

let stack: Stack;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let site: string;

beforeAll(async () => {
  stack = await startStack();
  site = stack.kudos.replace('127.0.0.1', 'localhost');
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.context.close();
  await stack?.close();
}, 60_000);

/** A platform authenticator that holds discoverable credentials and verifies its user, always present. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

describe('passkeys in Chromium', () => {
  it('registers a passkey on the settings page, signs out, signs in with it, pays out and closes the account with it', async () => {
    const person = await signUpPerson(stack.kudos, 'pia', { depositCents: 3000 });
    const page = await browser.context.newPage();
    const { cdp, authenticatorId } = await virtualAuthenticator(page);

    await page.goto(`${site}/login?next=/settings/security`);
    await page.fill('input[name="email"]', person.email);
    await page.fill('input[name="password"]', person.password);
    await page.click('form[action^="/login"] button[type="submit"]');
    await page.waitForURL(`${site}/settings/security`);
    expect(await page.textContent('[data-testid="no-passkeys"]')).toContain('No passkey yet');

    await page.fill('[data-passkey-name]', 'Test laptop');
    await page.click('[data-passkey="register"]');
    await page.waitForSelector('[data-passkey-codes]:not([hidden])', { timeout: 30_000 });
    expect(await page.textContent('[data-passkey-status]')).toBe('Passkey added.');
    const codes = (await page.textContent('[data-passkey-codes]'))!.split('\n');
    expect(codes).toHaveLength(10);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);
    await page.reload();
    expect(await page.textContent('[data-testid="passkeys"]')).toContain('Test laptop');
    await checkAccessible(page, 'security');

    // Sign out; the password alone now leads to the second step, not into the account.
    await page.click('header form[action="/logout"] button');
    await page.goto(`${site}/login`);
    await page.fill('input[name="email"]', person.email);
    await page.fill('input[name="password"]', person.password);
    await page.click('form[action^="/login"] button[type="submit"]');
    await page.waitForSelector('input[name="code"]');
    expect(await page.textContent('h1')).toBe('One more step');
    await checkAccessible(page, 'second-factor');

    // Signing in with the passkey needs no email or password.
    await page.goto(`${site}/login`);
    await page.click('[data-passkey="sign-in"]');
    await page.waitForURL(`${site}/dashboard`, { timeout: 30_000 });
    expect(await page.textContent('body')).toContain('pia');
    const { credentials: used } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(used[0]!.signCount).toBeGreaterThan(0);

    // A payout with the code field left empty asks the passkey instead.
    const payout = page.locator('form[action="/dashboard/payout"]');
    await payout.locator('input[name="amount"]').fill('10');
    await payout.locator('button[type="submit"]').click();
    await page.waitForSelector('.flash', { timeout: 30_000 });
    expect(await page.textContent('.flash')).toContain('Payout of €10.00 requested');

    // Closing: the confirmation page states the amounts; the passkey answers for the second factor.
    await page.goto(`${site}/settings/close`);
    expect(await page.textContent('[data-testid="closing-balance"]')).toBe('Your balance: €20.00.');
    await checkAccessible(page, 'close-account');
    await page.check('input[name="remainder_to"][value="charity"]');
    await page.fill('input[name="password"]', person.password);
    await page.click('form[action="/settings/close"] button[type="submit"]');
    await page.waitForURL(`${site}/`, { timeout: 30_000 });
    expect(await page.textContent('.flash')).toContain('Your account is closed.');
    // The passkey now signs in to nothing.
    await page.goto(`${site}/login`);
    await page.click('[data-passkey="sign-in"]');
    await page.waitForFunction(() => document.querySelector('[data-passkey-status]')?.textContent !== '', undefined, { timeout: 30_000 });
    expect(await page.textContent('[data-passkey-status]')).toContain('Kudos knows no such passkey');
    expect(page.url()).toBe(`${site}/login`);
    await page.close();
  }, 180_000);
});
