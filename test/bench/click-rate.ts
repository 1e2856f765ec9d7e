// Click requests per second against the local server (wrangler dev + local D1) over loopback,
// against the static GET /embed.js on the same server in the same run: rounds of clicks and of
// static requests take turns, and the printed ratio is the median of the rounds' ratios, so a
// busy machine slows both sides alike. Bounded: fixed counts at a fixed concurrency. Prints figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, freePort, signUpPerson } from '../e2e/harness.ts';
// @ts-expect-error plain .mjs shared with `npm start`
import { LOCAL_VARS, startKudos } from '../../scripts/local-server.mjs';

/** BENCH_QUICK=1: fewer givers and only the click rounds, to try a change quickly. */
const QUICK = process.env.BENCH_QUICK === '1';
const GIVERS = QUICK ? 20 : 50;
const THINGS = 40;
const CONCURRENCY = 16;

/** Requests per second of `requests` at CONCURRENCY; prints a line unless `quiet`. */
async function timed(label: string, requests: (() => Promise<number>)[], expectedStatus: number, quiet = false): Promise<number> {
  const latencies: number[] = [];
  let next = 0;
  let unexpected = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const t = performance.now();
        if ((await request()) !== expectedStatus) unexpected++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (unexpected) process.exitCode = 1;
  if (quiet && !unexpected) return requests.length / seconds;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(
    `  ${label.padEnd(34)} ${requests.length} requests, ${(requests.length / seconds).toFixed(0).padStart(5)} req/s, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms${unexpected ? `, ${unexpected} UNEXPECTED STATUSES` : ''}`,
  );
  return requests.length / seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Rounds of `work` and of the static route taking turns: each side's median rate and the median ratio. */
async function againstStatic(label: string, rounds: (() => Promise<number>)[][], expectedStatus: number, origin: string) {
  const staticRequest = async () => {
    const res = await fetch(`${origin}/embed.js`);
    await res.arrayBuffer();
    return res.status;
  };
  const rates: number[] = [];
  const staticRates: number[] = [];
  for (const round of rounds) {
    staticRates.push(
      await timed(
        'static',
        Array.from({ length: round.length }, () => staticRequest),
        200,
        true,
      ),
    );
    rates.push(await timed(label, round, expectedStatus, true));
  }
  const ratios = rates.map((rate, i) => rate / staticRates[i]!);
  console.log(
    `  ${label.padEnd(34)} ${rounds.length} rounds of ${rounds[0]!.length}: ${median(rates).toFixed(0).padStart(5)} req/s vs GET /embed.js ${median(staticRates).toFixed(0)} req/s → ratio ${median(ratios).toFixed(2)} (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
  );
  return median(ratios);
}

const dir = mkdtempSync(join(tmpdir(), 'kudos-bench-'));
// The rate limits would refuse one address's 2,000 clicks; this measures the click path itself.
const kudos = await startKudos({ port: await freePort(), persistTo: dir, quiet: true, vars: { ...LOCAL_VARS, RATE_LIMITS: 'off' } });
try {
  const owner = await signUpPerson(kudos.origin, 'benchowner');
  const thingIds: number[] = [];
  for (let i = 0; i < THINGS; i++) {
    thingIds.push(
      (await api(kudos.origin, 'POST', '/api/v1/things', { url: `https://bench.example/${i}`, title: `Post ${i}` }, { Cookie: owner.cookie })).body.id,
    );
  }
  const givers = [];
  for (let g = 0; g < GIVERS; g++) givers.push(await signUpPerson(kudos.origin, `benchgiver${g}`, { depositCents: 500, budgetCents: 500 }));

  const click = (cookie: string, id: number) => async () => {
    const res = await fetch(`${kudos.origin}/api/v1/things/${id}/clicks`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const text = await res.text();
    if (res.status !== 201 && res.status !== 409) console.log(`  unexpected ${res.status}: ${text}`);
    return res.status;
  };
  const all = givers.flatMap((g) => thingIds.map((id) => click(g.cookie, id)));

  console.log(`\nClick rate against ${kudos.origin} (wrangler dev, local D1), concurrency ${CONCURRENCY}; target: clicks ≥ 0.6× the static route`);
  // Warm up both sides (the first requests compile and open the database).
  await timed(
    'warm-up',
    Array.from({ length: 200 }, () => async () => (await fetch(`${kudos.origin}/embed.js`)).status),
    200,
    true,
  );
  const inRounds = <T>(items: T[], size: number) => Array.from({ length: Math.floor(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  const clickRatio = await againstStatic('new clicks (201)', inRounds(all, 400), 201, kudos.origin);
  if (QUICK) throw new Error('quick run: stopped after the click rounds');
  await againstStatic('repeated clicks (409)', inRounds(all.slice(0, 1200), 400), 409, kudos.origin);
  const state = (cookie: string | null) => async () => {
    const res = await fetch(`${kudos.origin}/api/v1/button?owner=benchowner&url=${encodeURIComponent('https://bench.example/1')}`, {
      headers: cookie ? { Cookie: cookie } : {},
    });
    await res.arrayBuffer();
    return res.status;
  };
  await againstStatic(
    'state, signed in (200)',
    inRounds(
      Array.from({ length: 1200 }, () => state(givers[0]!.cookie)),
      400,
    ),
    200,
    kudos.origin,
  );
  await againstStatic(
    'state, signed out (200)',
    inRounds(
      Array.from({ length: 1200 }, () => state(null)),
      400,
    ),
    200,
    kudos.origin,
  );
  const iframe = async () => {
    const res = await fetch(`${kudos.origin}/button/embed?owner=benchowner&url=${encodeURIComponent('https://bench.example/2')}`);
    await res.arrayBuffer();
    return res.status;
  };
  await againstStatic(
    'oEmbed iframe, signed out (edge cache)',
    inRounds(
      Array.from({ length: 1200 }, () => iframe),
      400,
    ),
    200,
    kudos.origin,
  );
  console.log(`  click throughput ÷ static: ${clickRatio.toFixed(2)} (target ≥ 0.6)`);
  const total = (await api(kudos.origin, 'GET', `/api/v1/things/${thingIds[0]}`)).body.clicks_total;
  console.log(`  check: thing ${thingIds[0]} has ${total} clicks (expected ${GIVERS})`);
  if (total !== GIVERS) process.exitCode = 1;
} finally {
  await kudos.close();
  rmSync(dir, { recursive: true, force: true });
}
