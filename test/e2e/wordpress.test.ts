// The button in a real WordPress (Debian's wordpress + Apache + PHP + MariaDB, started by
// scripts/wordpress-setup.mjs), read in Chromium with third-party cookies blocked:
// - a post written by an Author-role user on a blog with the Kudos plugin (installed from the
//   zip `npm run build` writes) shows a button that gives exactly once;
// - a thing page's URL pasted into a post on a stock WordPress (no plugin) embeds a button that
//   gives exactly once, through wp-embed's messages and the first-party /give page;
// - the plugin's feeds carry the payment links, and a third-party podcast player
//   (examples/podcast-player, on oauth4webapi) reads them and gives for an episode with an
//   OAuth token the reader allowed on Kudos' consent page.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, freePort, launchBrowser, signUpPerson, startStack, type Stack } from './harness';
import { buttonFrame, clicksOf, count, giveButton, giveInPopup, signInOnKudos } from './widget/helpers';
// @ts-expect-error plain .mjs, also usable on its own
import { startWordPress } from '../../scripts/wordpress-setup.mjs';
import { startPlayer } from '../../examples/podcast-player/player';

interface Blog {
  url: string;
  made: { posts: Record<string, { id: number; url: string }> };
}
let stack: Stack;
let wordpress: { plugin: Blog; stock: Blog; errorLog(): string; close(): Promise<void> };
let context: BrowserContext;
let reader: Awaited<ReturnType<typeof signUpPerson>>;

const WRITER = { login: 'writer', password: 'writer-password-1', role: 'author', meta: { kudos_handle: 'alice' } };

beforeAll(async () => {
  stack = await startStack();
  await signUpPerson(stack.kudos, 'alice');
  await signUpPerson(stack.kudos, 'sitehandle');
  reader = await signUpPerson(stack.kudos, 'reader', { depositCents: 1000, budgetCents: 500 });
  wordpress = await startWordPress({
    kudosOrigin: stack.kudos,
    ports: { plugin: await freePort(), stock: await freePort() },
    plan: {
      plugin: {
        users: [WRITER],
        // The site's handle is someone else: the Author's own handle (profile field) must win.
        options: {
          kudos_settings: {
            kudos_url: '{kudos}',
            handle: 'sitehandle',
            style: 'default',
            theme: 'auto',
            lang: '',
            position: 'after',
            post_types: ['post'],
            hide_listings: true,
          },
        },
        posts: {
          byAuthor: {
            author: 'writer',
            title: 'Why micro-donations work',
            content: '<p>Small sums, many people.</p><script>document.title = "scripted"</script>',
          },
          optedOut: { author: 'writer', title: 'No button here', content: '<p>Quiet.</p>', meta: { _kudos_hide: '1' } },
          about: {
            author: 'admin',
            type: 'page',
            title: 'About',
            content: '<p>Pages get none by default, but the shortcode works.</p>[kudos style="compact"]',
          },
          episode: { author: 'writer', title: 'Episode 1: Peanuts', content: '<p>A show about small sums.</p>' },
          pastedTrusted: {
            author: 'writer',
            title: 'Trusted',
            content: 'Also on Kudos:\n\n{kudos}/thing?owner=alice&url={permalink}&title=Trusted%20post\n\nBye.',
            meta: { _kudos_hide: '1' },
          },
        },
      },
      stock: {
        users: [{ login: 'blogger', password: 'blogger-password-1', role: 'author' }],
        posts: {
          pasted: {
            author: 'blogger',
            title: 'Pasted',
            content: 'Like it? Give kudos:\n\n{kudos}/thing?owner=alice&url={permalink}&title=Pasted%20post\n\nThanks!',
          },
        },
      },
    },
  });
  ({ context } = await launchBrowser({ blockThirdPartyCookies: true }));
  await signInOnKudos(context, stack.kudos, reader);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await wordpress?.close();
  await stack?.close();
});

const countOf = async (url: string) => (await api(stack.kudos, 'GET', `/api/v1/button?owner=alice&url=${encodeURIComponent(url)}`)).body.clicks_total as number;

describe('a blog with the Kudos plugin', () => {
  test('a post by an Author-role user shows a button that gives exactly once', { timeout: 180_000 }, async () => {
    const post = wordpress.plugin.made.posts.byAuthor!.url;
    const page = await context.newPage();
    await page.goto(post);
    // The Author's script was stripped on save; the button is the plugin's markup plus one loader.
    expect(await page.title()).not.toBe('scripted');
    expect(await page.locator(`script[src="${stack.kudos}/embed.js"]`).count()).toBe(1);
    const frame = await buttonFrame(page);
    await expect(count(frame).textContent()).resolves.toBe('0');
    await giveInPopup(
      context,
      () => giveButton(frame).click(),
      async (popup) => {
        await expect(popup.locator('.thing').textContent()).resolves.toContain('Why micro-donations work');
        await expect(popup.locator('.warn').textContent()).resolves.toContain(new URL(wordpress.plugin.url).host);
        await popup.getByRole('button', { name: 'Give kudos' }).click();
        await popup.getByText('Thank you!').waitFor();
      },
    );
    await expect.poll(() => count(frame).textContent()).toBe('1');

    // Again after a reload: the popup says it was given already, and nothing more is recorded.
    await page.reload();
    const again = await buttonFrame(page);
    await giveInPopup(
      context,
      () => giveButton(again).click(),
      async (popup) => {
        await popup.getByText('You already gave kudos').waitFor();
        await popup.close();
      },
    );
    expect(await countOf(post)).toBe(1);
    const given = await clicksOf(stack.kudos, reader);
    expect(given.map((c) => [c.thing.owner, (c.thing as { title?: string }).title])).toEqual([['alice', 'Why micro-donations work']]);
    await page.close();
  });

  test('an opted-out post has no button and no loader; the shortcode puts one on a page', { timeout: 120_000 }, async () => {
    const page = await context.newPage();
    await page.goto(wordpress.plugin.made.posts.optedOut!.url);
    expect(await page.locator('a.kudos-button, iframe[src*="/button?"]').count()).toBe(0);
    expect(await page.locator('script[src$="/embed.js"]').count()).toBe(0);
    await page.goto(wordpress.plugin.made.posts.about!.url);
    const frame = await buttonFrame(page);
    await expect(frame.locator('.kb').getAttribute('class')).resolves.toContain('compact');
    await page.close();
  });

  test('the feeds carry each post’s payment link and the podcast funding link', { timeout: 60_000 }, async () => {
    const post = wordpress.plugin.made.posts.byAuthor!.url;
    const thingPage = `${stack.kudos}/thing?owner=alice&url=${encodeURIComponent(post)}&title=Why%20micro-donations%20work`.replaceAll('&', '&#038;');
    const rss = await (await fetch(`${wordpress.plugin.url}/?feed=rss2`)).text();
    expect(rss).toContain(`<atom:link rel="payment" href="${thingPage}" type="text/html" />`);
    expect(rss).toContain('xmlns:podcast="https://podcastindex.org/namespace/1.0"');
    expect(rss).toContain(`<podcast:funding url="${stack.kudos}/@sitehandle">`);
    const atom = await (await fetch(`${wordpress.plugin.url}/?feed=atom`)).text();
    expect(atom).toContain(`<link rel="payment" href="${thingPage}" type="text/html" />`);
    // The payment link leads to the thing's page on Kudos.
    const landing = await fetch(thingPage.replaceAll('&#038;', '&'));
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('Why micro-donations work');
  });
});

describe('a podcast player acting for the reader (OAuth 2.1)', () => {
  test('reads the feed’s payment link and gives for an episode with the token the reader allowed', { timeout: 180_000 }, async () => {
    const player = await startPlayer({ kudos: stack.kudos });
    const page = await context.newPage();
    try {
      await page.goto(player.url);
      await page.getByRole('link', { name: 'Connect Kudos' }).click();
      // Kudos' consent page, top-level on Kudos: the app's name as its own claim, where access goes, the scopes in words.
      await page.getByRole('heading', { name: 'Allow Example podcast player to act for you on Kudos?' }).waitFor();
      expect(new URL(page.url()).origin).toBe(stack.kudos);
      expect(await page.getByTestId('consent-form').textContent()).toContain('give kudos from your monthly budget');
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.getByText('Connected to Kudos as @reader.').waitFor();

      await page.getByLabel('Feed').fill(`${wordpress.plugin.url}/?feed=rss2`);
      await page.getByRole('button', { name: 'Open feed' }).click();
      await page.getByRole('button', { name: 'Give kudos to Episode 1: Peanuts' }).click();
      await page.getByText('Kudos given. Thank you!').waitFor();
      // Once per thing per month, for an app too.
      await page.goBack();
      await page.getByRole('button', { name: 'Give kudos to Episode 1: Peanuts' }).click();
      await page.getByText('Not given: You already gave kudos to this thing this month.').waitFor();
      expect(await countOf(wordpress.plugin.made.posts.episode!.url)).toBe(1);

      // The reader takes the access back on Kudos; the player is refused from then on.
      await page.goto(`${stack.kudos}/apps`);
      expect(await page.getByTestId('apps-allowed').textContent()).toContain('Example podcast player');
      await page.getByRole('button', { name: 'Take access back' }).click();
      await page.getByTestId('no-apps-allowed').waitFor();
      await page.goto(player.url);
      await page.getByRole('link', { name: 'Connect Kudos' }).waitFor();
    } finally {
      await page.close();
      await player.close();
    }
  });
});

describe('a pasted thing URL with the plugin (Kudos a trusted oEmbed provider)', () => {
  test('keeps its markup (no sandbox) and gives exactly once', { timeout: 180_000 }, async () => {
    const post = wordpress.plugin.made.posts.pastedTrusted!.url;
    const page = await context.newPage();
    await page.goto(post);
    const iframe = page.locator('iframe.wp-embedded-content');
    await iframe.waitFor({ state: 'attached' });
    expect(await iframe.getAttribute('sandbox')).toBeNull();
    // No fallback link next to it (the plugin drops it for trusted Kudos embeds); wp-embed.js gave it a secret.
    expect(await page.locator('blockquote.wp-embedded-content').count()).toBe(0);
    await expect.poll(() => iframe.getAttribute('data-secret'), { timeout: 30_000 }).toMatch(/^[a-zA-Z0-9]{10}$/);
    const frame = page.frameLocator('iframe.wp-embedded-content');
    await Promise.all([page.waitForURL((url) => url.href.startsWith(`${stack.kudos}/give?`)), frame.locator('button.give').click()]);
    await expect(page.locator('.thing').textContent()).resolves.toContain('Trusted post');
    await Promise.all([page.waitForURL(post), page.getByRole('button', { name: 'Give kudos' }).click()]);
    await expect.poll(() => page.frameLocator('iframe.wp-embedded-content').locator('.count .n').textContent()).toBe('1');
    expect(await countOf(post)).toBe(1);
    await page.close();
  });
});

describe('the plugin’s settings, as a blogger sets them', () => {
  test('Settings → Kudos saves to kudos_settings and the posts follow; an Author can set their own handle', { timeout: 180_000 }, async () => {
    const page = await context.newPage();
    // Under load, wp-login.php once answered the sign-in with the login page again (seen with
    // `npm run bench` running beside the suite; the cause was not found). A login page coming
    // back is retried; a third one fails with WordPress's own message.
    const signIn = async (login: string, password: string) => {
      for (let attempt = 1; ; attempt++) {
        await page.goto(`${wordpress.plugin.url}/wp-login.php`);
        await page.locator('#user_login').fill(login);
        await page.locator('#user_pass').fill(password);
        await Promise.all([page.waitForNavigation({ timeout: 60_000 }), page.locator('#wp-submit').click()]);
        await page.waitForLoadState();
        if (/\/wp-admin\//.test(page.url())) return;
        if (attempt === 3) {
          const said = await page
            .locator('#login_error')
            .textContent({ timeout: 1000 })
            .catch(() => 'no message');
          throw new Error(`WordPress did not sign ${login} in: ${said}`);
        }
      }
    };
    await signIn('admin', 'admin-password');
    await page.goto(`${wordpress.plugin.url}/wp-admin/options-general.php?page=kudos`);
    await expect(page.locator('#kudos-kudos_url').inputValue()).resolves.toBe(stack.kudos);
    await page.locator('#kudos-style').selectOption('large');
    await page.locator('#kudos-lang').selectOption('de');
    await Promise.all([page.waitForURL(/settings-updated=true/), page.locator('#submit').click()]);
    await page.goto(wordpress.plugin.made.posts.byAuthor!.url);
    const button = await buttonFrame(page);
    await expect(button.locator('.kb').getAttribute('class')).resolves.toContain('large');
    await expect(giveButton(button).textContent()).resolves.toBe('Kudos geben');

    // The Author's profile has the handle field; they may change their own handle.
    await page.context().clearCookies({ domain: 'localhost' });
    await signIn(WRITER.login, WRITER.password);
    await page.goto(`${wordpress.plugin.url}/wp-admin/profile.php`);
    await expect(page.locator('#kudos_handle').inputValue()).resolves.toBe('alice');
    await page.locator('#kudos_handle').fill('Sitehandle!');
    await Promise.all([page.waitForURL(/updated=1/), page.locator('#submit').click()]);
    await expect(page.locator('#kudos_handle').inputValue()).resolves.toBe('sitehandle');
    const html = await (await fetch(wordpress.plugin.made.posts.byAuthor!.url)).text();
    expect(html).toContain('data-owner="sitehandle"');
    await page.close();
  });
});

describe('a stock WordPress without the plugin', () => {
  async function embedded(page: Page) {
    const iframe = page.locator('iframe.wp-embedded-content');
    await iframe.waitFor({ state: 'attached' });
    // WordPress's own treatment of an answer from a provider it does not trust: sandboxed and
    // hidden until the iframe speaks wp-embed's protocol, which un-hides it and hides the link.
    await expect(iframe.getAttribute('sandbox')).resolves.toBe('allow-scripts');
    await expect.poll(() => iframe.getAttribute('style'), { timeout: 30_000 }).toBeNull();
    await expect.poll(() => page.locator('blockquote.wp-embedded-content').isVisible()).toBe(false);
    return page.frameLocator('iframe.wp-embedded-content');
  }

  test('a pasted thing URL embeds a button that gives exactly once', { timeout: 180_000 }, async () => {
    const post = wordpress.stock.made.posts.pasted!.url;
    const page = await context.newPage();
    await page.goto(post);
    const frame = await embedded(page);
    await expect(frame.locator('.count .n').textContent()).resolves.toBe('0');

    // The click sends the top page to Kudos' /give, which names the site the first time.
    await Promise.all([page.waitForURL((url) => url.href.startsWith(`${stack.kudos}/give?`)), frame.locator('button.give').click()]);
    await expect(page.locator('.thing').textContent()).resolves.toContain('Pasted post');
    await expect(page.locator('.warn').textContent()).resolves.toContain(new URL(wordpress.stock.url).host);
    await Promise.all([page.waitForURL(post), page.getByRole('button', { name: 'Give kudos' }).click()]);
    const back = await embedded(page);
    await expect.poll(() => back.locator('.count .n').textContent()).toBe('1');

    // A second click: /give says so, and nothing more is recorded.
    await Promise.all([page.waitForURL((url) => url.href.startsWith(`${stack.kudos}/give?`)), back.locator('button.give').click()]);
    await page.getByText('You already gave kudos').waitFor();
    expect(await countOf(post)).toBe(1);
    const given = await clicksOf(stack.kudos, reader);
    expect(given.filter((c) => (c.thing as { title?: string }).title === 'Pasted post')).toHaveLength(1);
    await page.close();
  });
});
