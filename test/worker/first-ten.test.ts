// The first ten minutes through the Worker: asking for an invite and the admin answering it,
// a person answering a request that named them, "Get your button" and its page check,
// profiles with pictures in R2, transactions in words, the thing page's worth, 404 and error
// pages, the favicon, languages and error messages that say what to do.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { giveAs } from './give';
import { inspectPage } from '../../worker/actions/button-check';
import { settleMonth } from '../../worker/actions/settle';
import { readConfig } from '../../worker/env';
import { findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { findThing } from '../../worker/store/things';
import { ADMIN_TOKEN, admin, Client, newPerson, ORIGIN, testId, uniqueHandle } from './client';
import { Client as SupportClient } from '../support/client';
import { afterMonth, inMonth, monthsFrom } from './months';

const db = () => openDb(env.DB);
const config = () => readConfig(env);
const freshMonth = monthsFrom('2041-01');

async function signedInBrowser(options: { depositCents?: number; budgetCents?: number } = {}) {
  const person = await newPerson(options);
  const browser = new Client();
  const answer = await browser.submit('/login', { email: `${person.handle}@example.test`, password: 'correct horse' });
  expect(answer.status).toBe(303);
  return { person, browser };
}

async function adminBrowser() {
  const browser = new Client();
  const signIn = await browser.submit('/admin/session', { token: ADMIN_TOKEN });
  expect(signIn.status).toBe(303);
  return browser;
}

const requestIdOf = (html: string, email: string) => Number(new RegExp(`data-request="(\\d+)"><th scope="row">${email.replace(/\./g, '\\.')}`).exec(html)?.[1]);

describe('asking for an invite', () => {
  it('answers 202 with the same body whether or not the email is known, and keeps one waiting request per email', async () => {
    const known = await newPerson();
    const unknown = `${uniqueHandle('new')}@example.test`;
    const a = await new Client().post('/api/v1/invite-requests', { email: `${known.handle}@example.test`, note: 'hi' });
    const b = await new Client().post('/api/v1/invite-requests', { email: unknown, note: 'I write about bees' });
    const again = await new Client().post('/api/v1/invite-requests', { email: unknown.toUpperCase() });
    expect([a.status, b.status, again.status]).toEqual([202, 202, 202]);
    expect(a.body).toEqual(b.body);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM invite_requests WHERE email = ?').bind(unknown).first<{ n: number }>();
    expect(rows!.n).toBe(1);
    expect((await new Client().post('/api/v1/invite-requests', { email: 'not an email' })).status).toBe(400);
    expect((await new Client().post('/api/v1/invite-requests', { email: unknown, inviter: 'Not A Handle!' })).status).toBe(400);
  });

  it('takes the landing page form, and says thank you', async () => {
    const browser = new Client();
    const landing = await browser.get('/');
    expect(landing.text).toContain('action="/invite-requests"');
    const answer = await browser.submit('/invite-requests', { email: `${uniqueHandle('f')}@example.test`, note: '', inviter: '' });
    expect(answer.status).toBe(303);
    expect((await browser.get('/')).text).toContain('If there is room, an invite code comes to that address.');
    const bad = await browser.submit('/invite-requests', { email: 'nope' });
    expect(bad.location).toBe('/#ask-invite');
    expect((await browser.get('/')).text).toContain('Write your email address');
  });

  it('lets only the admin token into the admin page, through a short-lived /admin cookie', async () => {
    const stranger = new Client();
    const closed = await stranger.get('/admin/invite-requests');
    expect(closed.status).toBe(401);
    expect(closed.text).toContain('Admin token');
    expect((await stranger.submit('/admin/session', { token: 'guess' })).status).toBe(401);
    expect((await stranger.submit('/admin/session', { token: ADMIN_TOKEN }, 'https://evil.example')).status).toBe(403);
    const answer = await new Client().submit('/admin/session', { token: ADMIN_TOKEN });
    const cookie = answer.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/kudos_admin=\d+\.[\w-]{43}\.[0-9a-f]{64}/);
    expect(cookie).toMatch(/Max-Age=1800/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(ADMIN_TOKEN);
    // A forged cookie (right shape, wrong MAC) does not open it.
    stranger.jar.set('kudos_admin', `${Date.now() + 60_000}.${'A'.repeat(43)}.${'0'.repeat(64)}`);
    expect((await stranger.get('/admin/invite-requests')).status).toBe(401);
  });

  // Issue 20: leaving the admin pages only deleted the browser's cookie; the same value kept
  // working for its 30 minutes wherever it had been copied to.
  it('kills the admin session on the server when the admin leaves: the same cookie value no longer works', async () => {
    const boss = await adminBrowser();
    const value = boss.jar.get('kudos_admin')!;
    expect(value).toBeTruthy();
    const copy = new Client();
    copy.jar.set('kudos_admin', value);
    expect((await copy.get('/admin/invite-requests')).status).toBe(200);
    const left = await boss.submit('/admin/session/end', {});
    expect(left.status).toBe(303);
    expect((await boss.get('/admin/invite-requests')).status).toBe(401);
    expect((await copy.get('/admin/invite-requests')).status).toBe(401);
    expect((await copy.submit(`/admin/invite-requests/1/send`, {})).location).toBe('/admin/invite-requests');
    // Another admin session is not affected by this one ending.
    const other = await adminBrowser();
    expect((await other.get('/admin/invite-requests')).status).toBe(200);
  });

  it('sends a code with one click: stored against the request, in the outbox, and it signs the newcomer up', async () => {
    const email = `${uniqueHandle('asker')}@example.test`;
    await new Client().post('/api/v1/invite-requests', { email, note: 'I make podcasts' });
    const boss = await adminBrowser();
    let page = (await boss.get('/admin/invite-requests')).text;
    expect(page).toContain('I make podcasts');
    const id = requestIdOf(page, email);
    expect(id).toBeGreaterThan(0);
    const sent = await boss.submit(`/admin/invite-requests/${id}/send`, {});
    expect(sent.status).toBe(303);
    page = (await boss.get('/admin/invite-requests')).text;
    const row = await env.DB.prepare('SELECT invite_code AS code FROM invite_requests WHERE id = ?').bind(id).first<{ code: string }>();
    expect(row!.code).toMatch(/\S+/);
    expect(page).toContain(`Sent invite code ${row!.code}.`);
    const mail = await env.DB.prepare('SELECT subject, body FROM outbox WHERE to_email = ?').bind(email).first<{ subject: string; body: string }>();
    expect(mail!.body).toContain(`${ORIGIN}/signup?invite=${row!.code}`);
    expect(page).toContain(`/signup?invite=${row!.code}`);
    // A second click sends nothing more.
    await boss.submit(`/admin/invite-requests/${id}/send`, {});
    expect((await boss.get('/admin/invite-requests')).text).toContain('A code was sent already');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE to_email = ?').bind(email).first<{ n: number }>())!.n).toBe(1);
    const handle = uniqueHandle('n');
    const signup = await new Client().post('/api/v1/signup', { handle, email, password: 'correct horse', invite: row!.code });
    expect(signup.status).toBe(201);
  });

  it('shows a person who asked to be invited by them, and sends one of their own codes', async () => {
    const { person, browser } = await signedInBrowser();
    const email = `${uniqueHandle('friend')}@example.test`;
    await new Client().post('/api/v1/invite-requests', { email, note: 'we met at the meetup', inviter: `@${person.handle}` });
    const dashboard = (await browser.get('/dashboard')).text;
    expect(dashboard).toContain('Asked to be invited by you');
    expect(dashboard).toContain('we met at the meetup');
    const id = Number(/action="\/dashboard\/invite-requests\/(\d+)\/send"/.exec(dashboard)![1]);
    expect((await browser.submit(`/dashboard/invite-requests/${id}/send`, {})).status).toBe(303);
    const row = await env.DB.prepare(
      'SELECT r.invite_code AS code, i.owner_id AS owner FROM invite_requests r JOIN invites i ON i.code = r.invite_code WHERE r.id = ?',
    )
      .bind(id)
      .first<{ code: string; owner: number }>();
    expect(row!.owner).toBe((await findAccountByHandle(db(), person.handle))!.id);
    expect((await browser.get('/dashboard')).text).toContain(`Sent your invite code ${row!.code} to ${email}.`);
    // Someone else cannot answer it.
    const other = await signedInBrowser();
    await other.browser.submit(`/dashboard/invite-requests/${id}/send`, {});
    expect((await other.browser.get('/dashboard')).text).toContain('No such invite request for you.');
  });

  it('says how to sign in as the demo people only on a loopback host, and only when they exist', async () => {
    const local = (path: string) => exports.default.fetch(new Request(`http://127.0.0.1:8787${path}`)).then((r) => r.text());
    const demoExists = !!(await findAccountByHandle(db(), 'carol'));
    if (!demoExists) {
      expect(await local('/')).not.toContain('demo-hint');
      const { body } = await admin('POST', '/invites', { count: 1 });
      expect(
        (await new Client().post('/api/v1/signup', { handle: 'carol', email: 'carol@kudos.local', password: 'kudos-demo', invite: body.invites[0] })).status,
      ).toBe(201);
    }
    const page = await local('/');
    expect(page).toContain('data-testid="demo-hint"');
    expect(page).toContain('@carol (carol@kudos.local)');
    expect(page).toContain('kudos-demo');
    const deployed = await exports.default.fetch(new Request('https://kudos.example/'));
    expect(await deployed.text()).not.toContain('demo-hint');
  });
});

describe('Get your button', () => {
  it('shows the snippet, a preview in every style, the plugin and the badge', async () => {
    const { person, browser } = await signedInBrowser();
    const page = (await browser.get('/get-your-button?page=https%3A%2F%2Fmy.example%2Fpost')).text;
    expect(testId(page, 'snippet')).toContain(`data-owner=&quot;${person.handle}&quot; data-url=&quot;https://my.example/post&quot;`);
    for (const style of ['default', 'compact', 'large'])
      expect(page).toContain(`data-owner="${person.handle}" data-url="https://my.example/post" data-title="https://my.example/post" data-style="${style}"`);
    expect(page).toContain('href="/wordpress/kudos.zip"');
    expect(testId(page, 'badge')).toContain(`/badge/${person.handle}.svg`);
    expect((await new Client().get('/get-your-button')).location).toBe('/login?next=%2Fget-your-button');
    expect((await browser.get('/button-setup')).location).toBe('/get-your-button');
    // In Swedish, the page and its previews.
    const swedish = (await browser.get('/get-your-button?lang=sv')).text;
    expect(swedish).toContain('<title>Skaffa din knapp · Kudos</title>');
    expect(swedish).toContain('1. Kopiera koden för din sida');
    expect(swedish).toContain('data-lang="sv"');
  });

  it('refuses to fetch private addresses when Kudos is not local', async () => {
    // Kudos on a public host (the test client's own origin is a loopback one, where checking
    // a page on this machine is allowed).
    const { person } = await signedInBrowser();
    const browser = new SupportClient('https://kudos.example', (request) => exports.default.fetch(request));
    expect((await browser.submit('/login', { email: `${person.handle}@example.test`, password: 'correct horse' })).status).toBe(303);
    const answer = await browser.submit('/get-your-button/check', { url: 'http://127.0.0.1:8788/posts/x' });
    expect(testId(answer.text, 'check')).toContain('Not allowed: Kudos reads public pages only, and 127.0.0.1 is a loopback address.');
    const metadata = await browser.submit('/get-your-button/check', { url: 'http://169.254.169.254/latest/meta-data' });
    expect(testId(metadata.text, 'check')).toContain('169.254.169.254 is a link-local address');
  });

  it('finds the loader and buttons naming the handle in real HTML', async () => {
    const kudos = 'https://kudos.example';
    const working = `<html><head><meta name="kudos:owner" content="@zed"></head><body>
      <a class="other kudos-button" href="${kudos}/thing?owner=ana&url=x">Give</a>
      <a class="kudos-button" href="${kudos}/thing?owner=ana&url=y" data-owner="Ana">Give</a>
      <script async src="//kudos.example/embed.js"></script></body></html>`;
    expect(await inspectPage(working, 'https://blog.example/p', kudos, 'ana')).toEqual({ loader: true, buttons: 2, otherOwners: ['zed'] });
    expect(
      await inspectPage(
        '<script src="https://evil.example/embed.js"></script><a class="kudos-button" data-owner="bob">x</a>',
        'https://b.example/',
        kudos,
        'ana',
      ),
    ).toEqual({ loader: false, buttons: 0, otherOwners: ['bob'] });
    expect(await inspectPage('<!-- <a class="kudos-button" data-owner="ana"> --><p>nothing</p>', 'https://b.example/', kudos, 'ana')).toEqual({
      loader: false,
      buttons: 0,
      otherOwners: [],
    });
  });
});

describe('profiles', () => {
  const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

  async function upload(browser: Client, bytes: Uint8Array<ArrayBuffer>, name = 'me.png', type = 'image/png') {
    const form = new FormData();
    form.append('picture', new File([bytes], name, { type }));
    const request = new Request(`${ORIGIN}/dashboard/avatar`, {
      method: 'POST',
      body: form,
      headers: { Origin: ORIGIN, Cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      redirect: 'manual',
    });
    const response = await exports.default.fetch(request);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [k, ...v] = pair!.split('=');
      browser.jar.set(k!, v.join('='));
    }
    return response;
  }

  it('saves name, bio and links, shows them with a call to action, and refuses bad links', async () => {
    const { person, browser } = await signedInBrowser();
    expect(
      (
        await browser.submit('/dashboard/profile', {
          display_name: 'Ana  Lovelace',
          bio: 'I draw <b>maps</b>.',
          links: 'https://ana.example\nhttps://maps.example/ana',
        })
      ).status,
    ).toBe(303);
    const profile = (await new Client().get(`/@${person.handle}`)).text;
    expect(profile).toContain(`<title>Ana Lovelace (@${person.handle}) · Kudos</title>`);
    expect(testId(profile, 'bio')).toBe('I draw &lt;b>maps&lt;/b>.');
    expect(testId(profile, 'cta')).toBe(`Give @${person.handle} kudos: click the Kudos button on their posts.`);
    expect(profile).toContain('href="https://maps.example/ana"');
    // Issue 15: a refused profile redirected to the dashboard, whose form showed the saved bio:
    // what was typed was gone. Now the answer is the dashboard with the typed text kept.
    const refused = await browser.submit('/dashboard/profile', {
      display_name: 'Ana L.',
      bio: 'A new bio, typed <i>carefully</i>.',
      links: 'javascript:alert(1)',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('check &quot;javascript:alert(1)&quot;');
    expect(refused.text).toMatch(/<textarea name="bio"[^>]*>\s*A new bio, typed &lt;i>carefully&lt;\/i>\.\s*<\/textarea>/);
    expect(refused.text).toMatch(/<textarea name="links"[^>]*>\s*javascript:alert\(1\)\s*<\/textarea>/);
    expect(refused.text).toContain('value="Ana L."');
    // Nothing was saved: the profile still shows the earlier bio.
    expect((await new Client().get(`/@${person.handle}`)).text).toContain('I draw &lt;b>maps&lt;/b>.');
    expect((await new Client().get(`/@${person.handle}`)).text).not.toContain('javascript:');
    // In German, the call to action too.
    expect(testId((await new Client().get(`/@${person.handle}?lang=de`)).text, 'cta')).toContain(`Gib @${person.handle} Kudos`);
  });

  it('serves a generated avatar until a picture is uploaded to R2, then the picture, cached by version', async () => {
    const { person, browser } = await signedInBrowser();
    const generated = await exports.default.fetch(new Request(`${ORIGIN}/avatars/${person.handle}`));
    expect(generated.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/);
    expect(generated.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(await generated.text()).toContain('<svg');

    expect((await upload(browser, new TextEncoder().encode('<svg><script>alert(1)</script></svg>'), 'x.svg', 'image/svg+xml')).status).toBe(303);
    expect((await browser.get('/dashboard')).text).toContain('That file is not a picture Kudos takes');
    expect((await upload(browser, new Uint8Array(1024 * 1024 + 1).fill(0x89))).status).toBe(303);
    expect((await browser.get('/dashboard')).text).toContain('The picture is too large: at most 1 MB.');
    // Only this path takes bodies this large; far over the picture's limit is refused unread.
    expect((await upload(browser, new Uint8Array(2 * 1024 * 1024).fill(0x89))).status).toBe(413);

    expect((await upload(browser, PNG)).status).toBe(303);
    const profile = (await new Client().get(`/@${person.handle}`)).text;
    const src = /<img class="avatar" src="([^"]+)"/.exec(profile)![1]!;
    expect(src).toBe(`/avatars/${person.handle}?v=1`);
    const picture = await exports.default.fetch(new Request(ORIGIN + src));
    expect(picture.headers.get('Content-Type')).toBe('image/png');
    expect(picture.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(new Uint8Array(await picture.arrayBuffer())).toEqual(PNG);
    const stored = await env.AVATARS.get(`avatars/${(await findAccountByHandle(db(), person.handle))!.id}`);
    expect(stored?.httpMetadata?.contentType).toBe('image/png');
    expect((await exports.default.fetch(new Request(`${ORIGIN}/avatars/nobody-here-at-all`))).status).toBe(404);
  });
});

describe('money in words', () => {
  it("lists the giver's and the creator's movements as sentences, paged by month, with CSV and what is pending", async () => {
    const month = freshMonth();
    const { person: giver, browser } = await signedInBrowser({ depositCents: 1000, budgetCents: 500 });
    const me = (await findAccountByHandle(db(), giver.handle))!;
    const owners = [];
    for (let i = 0; i < 10; i++) {
      const owner = await newPerson();
      const { body } = await owner.post('/api/v1/things', { url: `https://${owner.handle}.example/p`, title: `Post ${i}` });
      await giveAs(db(), config(), me, (await findThing(db(), body.id))!, inMonth(month));
      owners.push(owner);
    }
    await settleMonth(db(), config(), month, { now: afterMonth(month) });
    const name = new Date(inMonth(month)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
    const page = (await browser.get('/dashboard')).text;
    const movements = testId(page, 'movements');
    expect(page).toContain(`your ${name} gave €0.45 to each of 10 things, €0.50 fee.`);
    expect(page).toContain('you added €10.00 to your balance.');
    expect(movements).toBeDefined();
    expect(testId(page, 'pending')).toMatch(/^Pending: .* Settles on 1 \w{3} \d{4}\.$/);

    const creator = new Client();
    await creator.submit('/login', { email: `${owners[0]!.handle}@example.test`, password: 'correct horse' });
    expect((await creator.get('/dashboard')).text).toContain(`@${giver.handle}'s ${name} gave &quot;Post 0&quot; €0.45.`);

    const csv = await browser.get('/dashboard/transactions.csv');
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('date,month,kind,amount_cents,currency,description');
    expect(
      lines
        .slice(1)
        .map((l) => Number(l.split(',')[3]))
        .sort((a, b) => a - b),
    ).toEqual([-500, 1000]);
    // In Swedish and German, the same movements in their words.
    const swedish = (await browser.get('/dashboard?lang=sv')).text;
    expect(swedish).toContain(`gav var och en av 10 saker €0.45, €0.50 i avgift.`);
    expect(swedish).toMatch(/Avräknas 1 \w{3} \d{4}\./);
    expect((await browser.get('/dashboard?lang=de')).text).toContain('gab jeder deiner 10 Sachen €0.45, €0.50 Gebühr.');
    await browser.get('/dashboard?lang=en');
    // Paging: a month with nothing in it shows nothing; the links name months that have movements.
    expect(testId((await browser.get('/dashboard?tx=2001-01')).text, 'movements')).toBe('');
  });

  it('says on a thing page what a kudos from the signed-in reader is worth this month', async () => {
    const { browser } = await signedInBrowser({ depositCents: 1000, budgetCents: 500 });
    const owner = await newPerson();
    const first = await owner.post('/api/v1/things', { url: `https://${owner.handle}.example/one`, title: 'One' });
    const second = await owner.post('/api/v1/things', { url: `https://${owner.handle}.example/two`, title: 'Two' });
    expect(testId((await browser.get(`/things/${first.body.id}`)).text, 'worth')).toContain('€4.50');
    const given = await browser.request('POST', `/api/v1/things/${first.body.id}/clicks`);
    expect(given.status).toBe(201);
    // One kudos so far and this one: 4.50 / 2.
    expect(testId((await browser.get(`/things/${second.body.id}`)).text, 'worth')).toContain('€2.25');
    expect(testId((await browser.get(`/things/${first.body.id}`)).text, 'worth')).toContain('€4.50');
    expect(testId((await new Client().get(`/things/${first.body.id}`)).text, 'worth')).toBeUndefined();
    const german = (await browser.get(`/things/${second.body.id}?lang=de`)).text;
    expect(german).toContain(
      'Kudos von dir sind diesen Monat <strong>€2.25</strong> wert: deine €4.50 nach der Gebühr von 10 %, geteilt durch deine bisherigen 1 Kudos und diese.',
    );
  });
});

describe('finish: 404, errors, favicon, titles, languages, messages', () => {
  it('answers unknown pages with a styled 404 page in the reader language, and /api with JSON', async () => {
    const page = await new Client().get('/no/such/page');
    expect(page.status).toBe(404);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>Not found · Kudos</title>');
    expect(page.text).toContain('href="/kudos.css"'.replace('/kudos.css', '/assets/kudos.css'));
    const german = await exports.default.fetch(
      new Request(`${ORIGIN}/nirgendwo`, { headers: { 'Accept-Language': 'de-DE,de;q=0.9,en;q=0.5', Accept: 'text/html' } }),
    );
    expect(await german.text()).toContain('<title>Nicht gefunden · Kudos</title>');
    const api = await new Client().get('/api/v1/nothing');
    expect(api.status).toBe(404);
    expect(api.body).toEqual({ error: { code: 'not_found', message: 'No such endpoint.' } });
  });

  it('serves the favicon as SVG at both addresses and links it from every page', async () => {
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const icon = await exports.default.fetch(new Request(ORIGIN + path));
      expect(icon.status, path).toBe(200);
      expect(icon.headers.get('Content-Type')).toBe('image/svg+xml; charset=utf-8');
    }
    expect((await new Client().get('/login')).text).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
  });

  it('remembers ?lang in a cookie and speaks it on the next page', async () => {
    const browser = new Client();
    const swedish = await browser.get('/login?lang=sv');
    expect(swedish.text).toContain('<html lang="sv">');
    expect(swedish.text).toContain('<title>Logga in · Kudos</title>');
    expect(browser.jar.get('lang')).toBe('sv');
    expect((await browser.get('/')).text).toContain('Be om en inbjudan');
    // Signed in, every page of the site follows: dashboard, stats, Get your button.
    const { browser: person } = await signedInBrowser();
    person.jar.set('lang', 'de');
    expect((await person.get('/dashboard')).text).toContain('<title>Übersicht · Kudos</title>');
    expect((await person.get('/stats')).text).toContain('<h1>Deine Statistik</h1>');
    expect((await person.get('/get-your-button')).text).toContain('<h1>Hol dir deinen Knopf</h1>');
    // The fees said up front speak the page's language too.
    expect(testId((await person.get('/')).text, 'fees')).toBe(
      'Kudos behält 10 % jedes Monatsbudgets: deine 5,00\u00a0€ geben jedem deiner 10 Dinge 0,45\u00a0€ nach 10 % Gebühr. Eine Karteneinzahlung kostet zusätzlich 1,5 % + 0,25\u00a0€, also zahle am besten mehrere Monate auf einmal ein.',
    );
    expect(testId((await person.get('/dashboard')).text, 'deposit-cost')).toContain('Einzahlungen ab 5,00\u00a0€.');
  });

  it('says "Wrong email or password." to a short wrong password, and the maximum to a too-large deposit', async () => {
    const person = await newPerson();
    const api = await new Client().post('/api/v1/login', { email: `${person.handle}@example.test`, password: 'short' });
    expect(api.status).toBe(401);
    expect(api.body.error.message).toBe('Wrong email or password.');
    const form = await new Client().submit('/login', { email: `${person.handle}@example.test`, password: 'short' });
    expect(form.text).toContain('Wrong email or password.');
    const { browser } = await signedInBrowser();
    await browser.submit('/dashboard/deposit', { amount: '99999999999' });
    expect((await browser.get('/dashboard')).text).toContain('at most €1,000,000.00');
    await browser.submit('/dashboard/deposit', { amount: '1000001' });
    expect((await browser.get('/dashboard')).text).toContain('at most €1,000,000.00');
  });
});
