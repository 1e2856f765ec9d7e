// `npm run size:pages`: what each Kudos page weighs gzipped (HTML + stylesheet + copy script,
// and the Kudos button's loader and renderer on the pages that show a button), as served by the real Worker with real data, against a budget. Exits non-zero when over.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LOCAL_VARS, startKudos } from './local-server.mjs';

const KB = 1024;
/** Per page, everything a first visit downloads from Kudos. */
const BUDGET = 8 * KB;
/**
 * What a page that shows Kudos buttons may add for them: the loader and the renderer, once for
 * any number of buttons (the thing page's button iframe had this budget, per iframe, before the
 * one renderer drew Kudos' own buttons too).
 */
const BUTTON_BUDGET = 6 * KB;
const ADMIN = { Authorization: 'Bearer dev-admin-token' };
const gz = (text) => gzipSync(text, { level: 9 }).length;

const dir = mkdtempSync(join(tmpdir(), 'kudos-weight-'));
const kudos = await startKudos({ port: 8790 + Math.floor(Math.random() * 200), persistTo: dir, quiet: true, vars: LOCAL_VARS });
try {
  const call = async (method, path, body, headers = {}) => {
    const res = await fetch(kudos.origin + path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body && JSON.stringify(body) });
    return { body: await res.json().catch(() => null), cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
  };
  const person = async (handle) => {
    const invite = (await call('POST', '/api/v1/admin/invites', { count: 1 }, ADMIN)).body.invites[0];
    return { Cookie: (await call('POST', '/api/v1/signup', { handle, email: `${handle}@example.test`, password: 'correct horse', invite })).cookie };
  };
  // A creator with ten things and a giver who liked them all: pages as people see them.
  const creator = await person('ana');
  const giver = await person('ben');
  await call('POST', '/api/v1/me/deposits', { amount_cents: 1000 }, giver);
  await call('PUT', '/api/v1/me/budget', { monthly_budget_cents: 500 }, giver);
  for (let i = 0; i < 10; i++) {
    const thing = (await call('POST', '/api/v1/things', { url: `https://ana.example/post-${i}`, title: `A post with a typical title, number ${i}` }, creator))
      .body;
    await call('POST', `/api/v1/things/${thing.id}/clicks`, {}, giver);
  }

  // A finished profile, a few invite requests, and an admin session for the admin page.
  await fetch(`${kudos.origin}/dashboard/profile`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...creator, Origin: kudos.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      display_name: 'Ana Example',
      bio: 'I write about maps, trains and the small tools that make both easier to love.',
      links: 'https://ana.example\nhttps://maps.example/ana',
    }),
  });
  for (let i = 0; i < 10; i++)
    await call('POST', '/api/v1/invite-requests', {
      email: `asker${i}@example.test`,
      note: 'I write a blog about bees and would like a button.',
      inviter: 'ana',
    });
  const adminSession = await fetch(`${kudos.origin}/admin/session`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: kudos.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'token=dev-admin-token',
  });
  const admin = { Cookie: adminSession.headers.get('set-cookie')?.split(';')[0] ?? '' };
  const get = async (path, headers = {}) => (await fetch(kudos.origin + path, { headers })).text();
  const css = await get('/assets/kudos.css');
  const js = await get('/assets/copy.js');
  // The button's scripts: the loader, and the renderer it names.
  const loader = await get('/embed.js');
  const renderer = await get(/\/w\/render-[0-9a-f]+\.js/.exec(loader)[0]);
  const pages = [
    ['/ (landing)', '/', {}],
    ['/signup', '/signup', {}],
    ['/login', '/login', {}],
    ['/dashboard (10 kudos)', '/dashboard', giver],
    ['/stats (10 things, 3 months)', '/stats', creator],
    ['/@ana (profile)', '/@ana', {}],
    ['/things/1', '/things/1', {}],
    ['/things/1 (signed-in reader)', '/things/1', giver],
    ['/get-your-button', '/get-your-button', creator],
    ['/dashboard (creator, 10 requests)', '/dashboard', creator],
    ['/admin/invite-requests (10)', '/admin/invite-requests', admin],
    ['404 page', '/no-such-page', { Accept: 'text/html' }],
    ['/ (landing, de)', '/?lang=de', {}],
  ];
  const rows = [];
  for (const [name, path, headers] of pages) {
    const page = await get(path, headers);
    const html = gz(page);
    const button = page.includes('src="/embed.js"') ? gz(loader) + gz(renderer) : 0;
    const total = html + gz(css) + gz(js) + button;
    const budget = BUDGET + (button ? BUTTON_BUDGET : 0);
    rows.push({
      name,
      total,
      budget,
      ok: total <= budget,
      detail: `HTML ${html} B + CSS ${gz(css)} B + JS ${gz(js)} B${button ? ` + button JS ${button} B` : ''}`,
    });
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'page'.padEnd(width)}  ${'gzipped'.padStart(8)}  ${'budget'.padStart(8)}`);
  for (const r of rows)
    console.log(`${r.name.padEnd(width)}  ${`${r.total} B`.padStart(8)}  ${`${r.budget} B`.padStart(8)}  ${r.ok ? 'ok' : 'OVER BUDGET'}   (${r.detail})`);
  const over = rows.filter((r) => !r.ok).length;
  if (over) {
    console.error(`\n${over} page(s) over budget`);
    process.exitCode = 1;
  }
} finally {
  await kudos.close();
  rmSync(dir, { recursive: true, force: true });
}
