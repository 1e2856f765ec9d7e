// "I forgot my password", walked in Chromium by keyboard against wrangler dev (whose send_email
// simulation writes each message to a file): ask for a link from the sign-in page, read the
// message from the admin's outbox API, open the link, set a new password, find the other session
// signed out, see the link refused a second time, and an unknown address answered the same with
// no message. axe in light and dark, screenshots `screenshots/password-reset-*.png`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { Client } from '../support/client';
import { checkAccessible } from './accessibility';
import { ADMIN_TOKEN, api, launchBrowser, signUpPerson, startStack, type Stack } from './harness';
import { keyboardOn } from './keyboard';

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

async function outbox(to: string): Promise<{ to: string; subject: string; text: string; sent_at: string | null }[]> {
  const answer = await api(stack.kudos, 'GET', `/api/v1/admin/outbox?to=${encodeURIComponent(to)}`, undefined, { Authorization: `Bearer ${ADMIN_TOKEN}` });
  expect(answer.status).toBe(200);
  return answer.body.messages;
}

describe('a forgotten password', () => {
  const handle = 'erin';
  const email = `${handle}@example.test`;
  let link = '';
  let elsewhere: Client;

  it('asks for a link from the sign-in page, by keyboard', async () => {
    await signUpPerson(stack.kudos, handle);
    // Another device, signed in with the old password.
    elsewhere = new Client(stack.kudos, fetch);
    expect((await elsewhere.post('/api/v1/login', { email, password: 'correct horse' })).status).toBe(200);

    await page.goto(`${stack.kudos}/login`);
    await tabTo('a[href="/forgot-password"]');
    await enter();
    expect(await page.title()).toBe('Forgot your password · Kudos');
    await checkAccessible(page, 'password-reset-forgot');
    await typeInto('input[name=email]', email);
    await enter();
    expect(await page.locator('.flash.ok').innerText()).toContain('a link to set a new password is on its way');
  });

  it('reads the message from the admin outbox and opens its link', async () => {
    const [message] = await outbox(email);
    expect(message!.subject).toBe('Set a new Kudos password');
    expect(message!.sent_at).not.toBeNull();
    link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(message!.text)![0];
    expect(new URL(link).origin).toBe(stack.kudos);
    await page.goto(link);
    expect(await page.title()).toBe('Set a new password · Kudos');
    await checkAccessible(page, 'password-reset-new');
    await typeInto('input[name=password]', 'a brand new horse');
    await enter();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('.flash.ok').innerText()).toContain('Your new password is set');
  });

  it('signed the other session out; the new password signs in, the old one not', async () => {
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    expect((await api(stack.kudos, 'POST', '/api/v1/login', { email, password: 'correct horse' })).status).toBe(401);
    await typeInto('input[name=email]', email);
    await typeInto('input[name=password]', 'a brand new horse');
    await enter();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
  });

  it('refuses the link a second time', async () => {
    const second = await page.goto(link);
    expect(second!.status()).toBe(410);
    expect(await page.locator('[data-testid="link-invalid"]').innerText()).toContain('does not work');
    await checkAccessible(page, 'password-reset-used');
  });

  it('answers an unknown address the same way, and sends it nothing', async () => {
    const known = await api(stack.kudos, 'POST', '/api/v1/password-resets', { email });
    const unknown = await api(stack.kudos, 'POST', '/api/v1/password-resets', { email: 'nobody-here@example.test' });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(unknown.body).toEqual(known.body);

    await page.goto(`${stack.kudos}/forgot-password`);
    await typeInto('input[name=email]', 'nobody-else@example.test');
    await enter();
    expect(await page.locator('.flash.ok').innerText()).toContain('a link to set a new password is on its way');
    expect(await outbox('nobody-here@example.test')).toEqual([]);
    expect(await outbox('nobody-else@example.test')).toEqual([]);
  });
});
