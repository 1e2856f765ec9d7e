// Issue 20's outside audit, replayed against real HTTP sites (test/support/hostile-sites.ts, on
// loopback; this Kudos runs locally, so it may read loopback sites): a site that answers every
// path with an app shell, a page echoing its query inside a script, 522 KB of unclosed <meta
// tags, a page that drips a line a second, a catch-all "OK". None proves a site or moves a
// thing; slow and huge pages get a 4xx in words within the deadline; private addresses are
// refused in every spelling; verification and the button check are rate limited.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { findAccountByHandle } from '../../worker/store/accounts';
import { markSiteVerified } from '../../worker/store/claims';
import { openDb } from '../../worker/store/db';
import { findThing } from '../../worker/store/things';
import { Client as SupportClient } from '../support/client';
import { APP_SHELL, HONEST_FILE_OWNER, HONEST_META_OWNER, type HostileSitePorts } from '../support/hostile-sites';
import { Client, newPerson, testId, uniqueHandle } from './client';

const ports = JSON.parse(env.TEST_HOSTILE_SITES) as HostileSitePorts;
const site = (name: keyof HostileSitePorts) => `http://127.0.0.1:${ports[name]}`;
const db = () => openDb(env.DB);
const accountId = async (handle: string) => (await findAccountByHandle(db(), handle))!.id;

/** The person the honest site's <head> names, signed up once for the whole file. */
let metaOwner: ReturnType<typeof newPerson> | undefined;
const honestMetaOwner = () => {
  metaOwner ??= newPerson({ handle: HONEST_META_OWNER });
  return metaOwner;
};

async function browserOf(person: { handle: string }, origin = 'http://localhost') {
  const browser = new SupportClient(origin, (request) => exports.default.fetch(request));
  expect((await browser.submit('/login', { email: `${person.handle}@example.test`, password: 'correct horse' })).status).toBe(303);
  return browser;
}

describe('finding 1: a site that answers every path with its app shell proves nothing', () => {
  it('@javascript cannot verify it from the shell’s <noscript> text, so the victim keeps their thing and its kudos', async () => {
    // The audit's site, as it is: the same HTML for /spa/my-post and for /.well-known/kudos.
    const shell = await fetch(`${site('spa')}/.well-known/kudos`);
    expect(shell.status).toBe(200);
    expect(await shell.text()).toBe(APP_SHELL);

    const victim = await newPerson();
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const post = await victim.post('/api/v1/things', { url: `${site('spa')}/spa/my-post`, title: 'My post' });
    expect(post.status).toBe(201);
    expect((await reader.post(`/api/v1/things/${post.body.id}/clicks`)).status).toBe(201);

    const attacker = await newPerson({ handle: 'javascript' });
    const verify = await attacker.post('/api/v1/sites', { url: `${site('spa')}/spa/anything` });
    expect(verify.status).toBe(422);
    expect(verify.body.error.code).toBe('site_not_verified');
    expect(verify.body.error.message).toContain('is not a Kudos file: it is served as text/html, not text/plain');
    const dispute = await attacker.post(`/api/v1/things/${post.body.id}/dispute`);
    expect(dispute.status).toBe(422);
    expect(await findThing(db(), post.body.id)).toMatchObject({ ownerId: await accountId(victim.handle), clicksTotal: 1 });
  }, 60_000);

  it('a catch-all that answers "OK" as text/plain on every path proves nothing for @ok', async () => {
    const attacker = await newPerson({ handle: 'ok' });
    const verify = await attacker.post('/api/v1/sites', { url: site('okay') });
    expect(verify.status).toBe(422);
    expect(verify.body.error.message).toContain('the site answers any address with the same text');
  }, 60_000);
});

describe('finding 2: a page that echoes its query proves nothing', () => {
  it('a kudos:owner meta tag echoed inside a <script> verifies nobody, whatever URL the attacker gives', async () => {
    const attacker = await newPerson();
    const planted = `<meta name=kudos:owner content=${attacker.handle}>`;
    const url = `${site('reflect')}/reflect?${new URLSearchParams({ q: planted })}`;
    // The page does carry the attacker's text, raw, inside its script.
    expect(await (await fetch(url)).text()).toContain(`window.searchTerm = "${planted}"`);
    const verify = await attacker.post('/api/v1/sites', { url });
    expect(verify.status).toBe(422);
    expect(verify.body.error.code).toBe('site_not_verified');
    expect((await attacker.get('/api/v1/me/sites')).body.sites).toEqual([]);
  }, 60_000);
});

describe('an honest owner still verifies', () => {
  it('by the home page’s <meta name="kudos:owner"> in its head, from any address on the site', async () => {
    const owner = await honestMetaOwner();
    const verify = await owner.post('/api/v1/sites', { url: `${site('honest')}/some/post?utm_source=x` });
    expect(verify.status).toBe(200);
    expect(verify.body).toEqual({ origin: site('honest'), verified: true, things_claimed: 0 });
    expect((await owner.get('/api/v1/me/sites')).body.sites).toEqual([{ origin: site('honest'), verified_at: expect.any(String), proof: 'home_meta' }]);
  }, 60_000);

  it('by /.well-known/kudos (text/plain, handles and comments), through the dashboard form', async () => {
    const owner = await newPerson({ handle: HONEST_FILE_OWNER });
    const browser = await browserOf(owner);
    const answer = await browser.submit('/dashboard/sites', { url: `${site('honest')}/` });
    expect(answer.status).toBe(303);
    expect((await browser.get('/dashboard/things')).text).toContain(`${site('honest')} is verified as yours`);
    expect((await owner.get('/api/v1/me/sites')).body.sites[0].proof).toBe('well_known_file');
    // Someone else is named by neither, and is told what each proof says.
    const stranger = await newPerson();
    const refused = await stranger.post('/api/v1/sites', { url: site('honest') });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain(`/.well-known/kudos names @${HONEST_FILE_OWNER}`);
  }, 60_000);
});

describe('findings 3 and 4: huge and slow pages', () => {
  it('522 KB of unclosed <meta tags is read quickly, and a concurrent request is not held up', async () => {
    const person = await newPerson();
    const started = Date.now();
    let verifiedAfter = 0;
    const verifying = person.post('/api/v1/sites', { url: site('metas') }).then((answer) => {
      verifiedAfter = Date.now() - started;
      return answer;
    });
    // While the Worker reads the page, another request is answered at once.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const other = Date.now();
    expect((await new Client().get('/api/v1/counts?t=nobody:https://example.com/x')).status).toBe(200);
    const otherTook = Date.now() - other;
    const answer = await verifying;
    // The home page (its first 512 KB) is parsed and names nobody; /.well-known/kudos, the same
    // 522 KB, is refused as too large for a list of handles.
    expect(answer.status).toBe(422);
    expect(answer.body.error).toEqual({
      code: 'page_too_large',
      message: `${site('metas')}/.well-known/kudos is too large: Kudos reads at most 16 KB of it.`,
    });
    expect(verifiedAfter).toBeLessThan(4000);
    expect(otherTook).toBeLessThan(1500);
    // The button check refuses the same page as too large, in words, on the page itself.
    const browser = await browserOf(person);
    const check = await browser.submit('/get-your-button/check', { url: `${site('metas')}/post` });
    expect(check.status).toBe(200);
    expect(testId(check.text, 'check')).toContain('is too large: Kudos reads at most 512 KB of it.');
  }, 60_000);

  it('a page that drips a line a second gets a 4xx "did not answer in time" within the deadline, from the API and the button check', async () => {
    const person = await newPerson();
    const started = Date.now();
    const answer = await person.post('/api/v1/sites', { url: site('drip') });
    const took = Date.now() - started;
    expect(answer.status).toBe(422);
    expect(answer.body.error).toEqual({ code: 'page_timeout', message: `${site('drip')}/ did not answer in time: Kudos waits 5 seconds for a whole page.` });
    expect(took).toBeGreaterThanOrEqual(4900);
    expect(took).toBeLessThan(8000);
    const browser = await browserOf(person);
    const check = await browser.submit('/get-your-button/check', { url: `${site('drip')}/post` });
    expect(check.status).toBe(200);
    expect(testId(check.text, 'check')).toContain('did not answer in time');
  }, 60_000);
});

describe('private addresses, in every spelling, when Kudos is not local', () => {
  it('site verification and the button check refuse them with 422 fetch_refused in words', async () => {
    let browser: SupportClient | undefined;
    const urls = [
      'https://169.254.169.254/latest/meta-data',
      'https://0xa9fea9fe/',
      'https://10.0.0.1/',
      'https://192.168.1.1/',
      'https://[::1]/',
      'https://[::7f00:1]/',
      'https://[::a9fe:a9fe]/',
      'https://[::ffff:a9fe:a9fe]/',
      'https://[64:ff9b::a9fe:a9fe]/',
      'https://localhost./',
      `http://localhost.:${ports.honest}/`,
      `http://127.0.0.1:${ports.honest}/`,
    ];
    for (const [i, url] of urls.entries()) {
      // Four addresses a person, two requests each: under the limit of ten a minute.
      if (i % 4 === 0) browser = await browserOf(await newPerson(), 'https://kudos.example');
      const answer = await browser!.request('POST', '/api/v1/sites', { url });
      expect(answer.status, url).toBe(422);
      expect(answer.body.error.code, url).toBe('fetch_refused');
      expect(answer.body.error.message, url).toMatch(/^Not allowed: Kudos reads public pages only/);
      const check = await browser!.submit('/get-your-button/check', { url });
      expect(testId(check.text, 'check'), url).toContain('Not allowed: Kudos reads public pages only');
    }
  }, 120_000);

  it('a redirect to a private address is checked again and refused', async () => {
    const person = await newPerson();
    const browser = await browserOf(person);
    const check = await browser.submit('/get-your-button/check', { url: `${site('honest')}/go?to=http://169.254.169.254/latest/meta-data` });
    expect(testId(check.text, 'check')).toContain('169.254.169.254 is a link-local address');
    // A Location that is no address at all is said in words too, never a 500.
    const broken = await browser.submit('/get-your-button/check', { url: `${site('honest')}/go?to=http://[` });
    expect(broken.status).toBe(200);
    expect(testId(broken.text, 'check')).toContain('redirects to &quot;http://[&quot;, which is not an address');
  }, 60_000);
});

describe('one host, one origin (finding 7)', () => {
  it('a thing at http://localhost.:PORT/… is on the verified owner’s http://localhost:PORT, who takes it', async () => {
    const owner = await newPerson();
    const squatter = await newPerson();
    await markSiteVerified(db(), await accountId(owner.handle), 'http://localhost:9', 'home_meta');
    const taken = await squatter.post('/api/v1/things', { url: 'http://localhost.:9/essay', title: 'An essay' });
    expect(taken.status).toBe(201);
    expect(taken.body.url).toBe('http://localhost:9/essay');
    const others = await owner.request('POST', `/api/v1/things/${taken.body.id}/dispute`);
    expect(others.status).toBe(200);
    expect(others.body).toMatchObject({ url: 'http://localhost:9/essay', owner: owner.handle });
  }, 60_000);
});

describe('sites verified before proofs were strict are proved again on their next use', () => {
  const markOld = (ownerId: number, origin: string) =>
    env.DB.prepare('UPDATE sites SET proof = NULL WHERE owner_id = ? AND origin = ?').bind(ownerId, origin).run();

  it('an old verification no longer claims readers’ things; a dispute proves it again or forgets it', async () => {
    // An attacker's verification of the app-shell site under the old rules.
    const attacker = await newPerson();
    const victim = await newPerson();
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    await markSiteVerified(db(), await accountId(attacker.handle), site('spa'), 'home_meta');
    await markOld(await accountId(attacker.handle), site('spa'));
    const click = await reader.post('/api/v1/clicks', { owner: attacker.handle, url: `${site('spa')}/spa/reader-post`, title: 'Read' });
    expect(click.body.thing.claimed).toBe(false);
    const post = await victim.post('/api/v1/things', { url: `${site('spa')}/spa/victim-post`, title: 'Mine' });
    const dispute = await attacker.post(`/api/v1/things/${post.body.id}/dispute`);
    expect(dispute.status).toBe(422);
    expect(dispute.body.error.message).toContain('was verified before Kudos read proofs strictly');
    expect((await attacker.get('/api/v1/me/sites')).body.sites).toEqual([]);
    expect((await findThing(db(), post.body.id))!.ownerId).toBe(await accountId(victim.handle));
  }, 60_000);

  it('the honest owner’s old verification is proved again by a dispute, which then succeeds', async () => {
    const owner = await honestMetaOwner();
    const squatter = await newPerson();
    const ownerId = await accountId(owner.handle);
    await markSiteVerified(db(), ownerId, site('honest'), 'home_meta');
    await markOld(ownerId, site('honest'));
    const taken = await squatter.post('/api/v1/things', { url: `${site('honest')}/essay`, title: 'Essay' });
    const dispute = await owner.post(`/api/v1/things/${taken.body.id}/dispute`);
    expect(dispute.status).toBe(200);
    expect((await owner.get('/api/v1/me/sites')).body.sites).toEqual([{ origin: site('honest'), verified_at: expect.any(String), proof: 'home_meta' }]);
  }, 60_000);
});

describe('throttles on reading other people’s pages', () => {
  it('one person meets a 429 with Retry-After (API), a styled 429 page (forms); the button check counts too', async () => {
    const person = await newPerson();
    const statuses: number[] = [];
    for (let i = 0; i < 30 && statuses.at(-1) !== 429; i++) {
      statuses.push((await person.post('/api/v1/sites', { url: 'https://10.0.0.1/' })).status);
    }
    expect(statuses[0]).toBe(422);
    expect(statuses.at(-1)).toBe(429);
    const limited = await person.post('/api/v1/sites', { url: 'https://10.0.0.1/' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    const browser = await browserOf(person);
    for (const [path, form] of [
      ['/dashboard/sites', { url: 'https://10.0.0.1/' }],
      ['/get-your-button/check', { url: 'https://10.0.0.1/' }],
    ] as const) {
      const page = await browser.submit(path, form);
      expect(page.status, path).toBe(429);
      expect(page.headers.get('Content-Type'), path).toContain('text/html');
      expect(page.headers.get('Retry-After'), path).toBe(limited.headers.get('Retry-After'));
      expect(page.text, path).toContain('Too many attempts');
    }
  }, 120_000);

  it('one client address meets a 429 across several people (CF-Connecting-IP)', async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}-${uniqueHandle('ip')}`;
    // Five attempts a person, each a new person: no one meets their own limit of ten.
    const statuses: number[] = [];
    let person = await newPerson();
    for (let i = 0; i < 100 && statuses.at(-1) !== 429; i++) {
      if (i > 0 && i % 5 === 0) person = await newPerson();
      statuses.push((await person.request('POST', '/api/v1/sites', { url: 'https://10.0.0.1/' }, { 'CF-Connecting-IP': ip })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeGreaterThan(10);
  }, 180_000);
});
