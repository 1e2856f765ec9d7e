// A page of Kudos buttons against the same page of Kudos' own badge images, in Chromium, in one
// run (interleaved, each visit in a fresh browser context: cold caches). Prints, for 1, 10 and 50
// buttons, the median time until everything is painted and the ratio buttons / badges, and how
// many requests reached Kudos before any interaction (from the Worker's own request log).
// Bounded: a fixed number of rounds, then it stops. Figures only; the targets are checked here
// (≤ 3 requests, ratio ≤ 1.2 at 50) and a miss sets a failing exit code.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, CHROMIUM, freePort, signUpPerson } from '../e2e/harness.ts';
// @ts-expect-error plain .mjs shared with `npm start`
import { startKudos } from '../../scripts/local-server.mjs';

const SIZES = [1, 10, 50];
const ROUNDS = 7;

const dir = mkdtempSync(join(tmpdir(), 'kudos-bench-'));
const kudos = await startKudos({ port: await freePort(), persistTo: dir, quiet: true, vars: { LOG_REQUESTS: '1' } });
const owner = await signUpPerson(kudos.origin, 'benchowner');
const thingIds: number[] = [];
for (let i = 0; i < Math.max(...SIZES); i++) {
  thingIds.push(
    (await api(kudos.origin, 'POST', '/api/v1/things', { url: `https://bench.example/${i}`, title: `Post ${i}` }, { Cookie: owner.cookie })).body.id,
  );
}

// The blog: another site (localhost) than Kudos (127.0.0.1).
const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title>
<style>a.kudos-button{display:inline-block;width:180px;height:32px;vertical-align:middle;overflow:hidden}img{width:180px;height:32px}</style>${body}</html>`;
const blog = createServer((req, res) => {
  const url = new URL(req.url!, 'http://x');
  const n = Number(url.searchParams.get('n'));
  const items = thingIds.slice(0, n);
  const body =
    url.pathname === '/buttons'
      ? `<script async crossorigin="anonymous" src="${kudos.origin}/embed.js"></script></head><body>${items.map((_, i) => `<p><a class="kudos-button" data-owner="benchowner" data-url="https://bench.example/${i}" href="${kudos.origin}/thing?owner=benchowner&amp;url=https%3A%2F%2Fbench.example%2F${i}">Give kudos</a></p>`).join('')}`
      : `</head><body>${items.map((id) => `<p><img alt="kudos" src="${kudos.origin}/badge/thing/${id}.svg"></p>`).join('')}`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(`${body}</body>`));
});
const blogPort = await freePort();
await new Promise<void>((resolve) => blog.listen(blogPort, '127.0.0.1', resolve));
const blogOrigin = `http://localhost:${blogPort}`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });

/** Milliseconds from navigation start until all `n` buttons (or badges) are there, then painted. */
async function visit(kind: 'buttons' | 'badges', n: number): Promise<{ ms: number; kudosRequests: number; cookies: number }> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const before = kudos.requests().length;
  await tab.goto(`${blogOrigin}/${kind}?n=${n}`, { waitUntil: 'commit' });
  const ms = await tab.evaluate(
    ({ kind, n }) =>
      new Promise<number>((resolve) => {
        const done = () =>
          kind === 'buttons'
            ? [...document.querySelectorAll('span.kudos-button')].filter((host) => host.shadowRoot?.querySelector('.n')?.textContent).length === n
            : [...document.images].filter((img) => img.complete && img.naturalWidth > 0).length === n;
        // Checked every frame; the time is taken at the frame after (the paint).
        const check = () => (done() ? requestAnimationFrame(() => resolve(performance.now())) : requestAnimationFrame(check));
        check();
      }),
    { kind, n },
  );
  await tab.waitForTimeout(200);
  const seen = kudos.requests().slice(before);
  await context.close();
  return { ms, kudosRequests: seen.length, cookies: seen.filter((r: { cookie: boolean }) => r.cookie).length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
try {
  // Warm-up (the Worker compiles, the edge cache fills), then interleaved rounds.
  for (const n of SIZES) await Promise.all([visit('buttons', n), visit('badges', n)].map((p) => p.catch(() => null)));
  console.log(`\nA page of Kudos buttons vs the same page of badge <img>s (Chromium, cold cache, median of ${ROUNDS} interleaved visits)`);
  for (const n of SIZES) {
    const buttons: number[] = [];
    const badges: number[] = [];
    let requests = 0;
    let cookies = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const b = await visit('buttons', n);
      buttons.push(b.ms);
      requests = Math.max(requests, b.kudosRequests);
      cookies += b.cookies;
      badges.push((await visit('badges', n)).ms);
    }
    const ratio = median(buttons) / median(badges);
    console.log(
      `  ${String(n).padStart(2)} buttons: painted in ${median(buttons).toFixed(0).padStart(4)} ms vs ${median(badges).toFixed(0).padStart(4)} ms for badges → ratio ${ratio.toFixed(2)}; ${requests} requests to Kudos before interaction, ${cookies} with a cookie`,
    );
    if (requests > 3 || cookies > 0 || (n === 50 && ratio > 1.2)) process.exitCode = 1;
  }
} finally {
  await browser.close();
  blog.close();
  await kudos.close();
  rmSync(dir, { recursive: true, force: true });
}
