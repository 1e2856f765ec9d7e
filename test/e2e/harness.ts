// What every browser test starts: Kudos under `wrangler dev` with a fresh local D1 in a temp
// folder, the demo blog on the other site (localhost vs 127.0.0.1), and Debian's Chromium.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
// @ts-expect-error plain .mjs shared with `npm start`
import { LOCAL_VARS, startKudos } from '../../scripts/local-server.mjs';
import { Client, signUp } from '../support/client.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ADMIN_TOKEN = 'dev-admin-token';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Stack {
  /** http://127.0.0.1:<port>: the Kudos site. */
  kudos: string;
  /** http://localhost:<port>: the demo blog, a different site from Kudos. */
  blog: string | null;
  /** Every request Kudos saw so far, as the Worker logged it: method, path, and whether a cookie came. */
  requests(): { method: string; path: string; cookie: boolean }[];
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'kudos-e2e-'));
  // The local settings are passed explicitly, so a developer's own .dev.vars cannot change a test.
  const kudos = await startKudos({ port: await freePort(), persistTo: dir, quiet: true, vars: { ...LOCAL_VARS, LOG_REQUESTS: '1' } });
  let blog: { url: string; close(): Promise<void> } | null = null;
  try {
    // @ts-expect-error the demo blog is optional until it exists
    const { startDemoBlog } = await import('../../scripts/demo-blog.mjs');
    blog = await startDemoBlog({ port: await freePort(), kudosOrigin: kudos.origin });
  } catch (error) {
    if (!String(error).includes('Cannot find module')) throw error;
  }
  return {
    kudos: kudos.origin,
    blog: blog?.url ?? null,
    requests: kudos.requests,
    async close() {
      await blog?.close();
      await kudos.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BrowserOptions {
  /** Chromium's "block third-party cookies" setting, as a person may have it on. */
  blockThirdPartyCookies?: boolean;
  /** More profile preferences, e.g. `{ webkit: { webprefs: { minimum_font_size: 18 } } }`. */
  preferences?: Record<string, unknown>;
}

/** A fresh Chromium with a fresh profile; close it with `browser.close()`. */
export async function launchBrowser({
  blockThirdPartyCookies = false,
  preferences = {},
}: BrowserOptions = {}): Promise<{ browser: Browser; context: BrowserContext; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kudos-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (blockThirdPartyCookies) args.push('--test-third-party-cookie-phaseout');
  // Chromium 156 blocks third-party cookies by default, so both ways are set explicitly: the
  // profile's cookie setting (0 allow, 1 block third-party), as a person would choose it.
  mkdirSync(join(dir, 'Default'));
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ ...preferences, profile: { cookie_controls_mode: blockThirdPartyCookies ? 1 : 0 } }));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args, headless: true });
  return { browser: context.browser()!, context, dir };
}

/** Calls the API like a non-browser client (no Origin header), e.g. to seed data. */
export async function api(origin: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const client = new Client(origin, fetch);
  const res = await client.request(method, path, body, headers);
  return { status: res.status, body: typeof res.body === 'string' ? null : res.body, cookie: client.cookie };
}

/** A new person via an admin-minted invite (test/support's signUp), funded and with a budget when asked. */
export async function signUpPerson(origin: string, handle: string, { depositCents = 0, budgetCents = 0 } = {}) {
  const client = new Client(origin, fetch);
  const person = await signUp(client, ADMIN_TOKEN, { handle, depositCents, ...(budgetCents ? { budgetCents } : {}) });
  return { ...person, cookie: client.cookie };
}

/** Puts a person's session (a Cookie header, as `signUpPerson` gives it) into the browser, for `origin`. */
export async function useSession(context: BrowserContext, origin: string, cookie: string) {
  await context.addCookies(
    cookie.split('; ').map((pair) => {
      const [name, ...value] = pair.split('=');
      return { name: name!, value: value.join('='), url: origin };
    }),
  );
}
