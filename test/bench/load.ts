// Load from outside (issue 18 item 4): autocannon against the local server (wrangler dev + local
// D1, started as `npm start` starts it) on the three requests a page with buttons makes: the
// counts (one request for every button of a page), the button state of a signed-in reader, and
// the click. Each is measured in rounds that take turns with rounds of a static route (GET
// /embed.js) on the same server in the same run, so a busy machine slows both alike; printed:
// throughput and p50/p99 latency, each as the median over rounds of its ratio to the static
// route. Bounded: a fixed number of requests per round at a fixed number of connections.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { api, freePort, signUpPerson } from '../e2e/harness.ts';
// @ts-expect-error plain .mjs shared with `npm start`
import { LOCAL_VARS, startKudos } from '../../scripts/local-server.mjs';

/** BENCH_QUICK=1: smaller rounds, to try a change quickly. */
const QUICK = process.env.BENCH_QUICK === '1';
const CONNECTIONS = 16;
const ROUNDS = 3;
const PER_ROUND = QUICK ? 150 : 500;
/** New clicks need pairs never clicked: givers × things > ROUNDS × (PER_ROUND + 2 × CONNECTIONS), autocannon building a request ahead per connection. */
const GIVERS = QUICK ? 16 : 45;
const THINGS = 40;
/** Buttons on the page the counts request is for. */
const BUTTONS = 10;

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
}

type Request = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

/** One bounded autocannon run of `amount` requests; `next` gives each request in turn. */
async function run(origin: string, amount: number, next: () => Request): Promise<Measured> {
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    amount,
    // autocannon notices the end only at a sample tick (1 s by default): ticks of 10 ms keep the duration exact to 10 ms.
    sampleInt: 10,
    // A fresh request each time (a new giver-thing pair for clicks), built when autocannon sends it.
    requests: [{ setupRequest: (request: object) => ({ ...request, ...next() }) }],
  });
  return {
    rps: result.requests.total / Math.max(result.duration, 0.01),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fixed = (n: number, digits = 2) => n.toFixed(digits);

const dir = mkdtempSync(join(tmpdir(), 'kudos-load-'));
// The rate limits would refuse one address's thousands of requests; this measures the paths themselves.
const kudos = await startKudos({ port: await freePort(), persistTo: dir, quiet: true, vars: { ...LOCAL_VARS, RATE_LIMITS: 'off' } });
try {
  const owner = await signUpPerson(kudos.origin, 'loadowner');
  const thingIds: number[] = [];
  for (let i = 0; i < THINGS; i++) {
    const thing = await api(kudos.origin, 'POST', '/api/v1/things', { url: `https://load.example/${i}`, title: `Post ${i}` }, { Cookie: owner.cookie });
    thingIds.push(thing.body!.id);
  }
  const givers: string[] = [];
  for (let g = 0; g < GIVERS; g++) givers.push((await signUpPerson(kudos.origin, `loadgiver${g}`, { depositCents: 500, budgetCents: 500 })).cookie);

  const staticRoute = (): Request => ({ method: 'GET', path: '/embed.js' });
  const page = Array.from({ length: BUTTONS }, (_, i) => `t=${encodeURIComponent(`loadowner:https://load.example/${i}`)}`).join('&');
  const counts = (): Request => ({ method: 'GET', path: `/api/v1/counts?${page}` });
  let reader = 0;
  const state = (): Request => ({
    method: 'GET',
    path: `/api/v1/button?owner=loadowner&url=${encodeURIComponent('https://load.example/1')}`,
    headers: { Cookie: givers[reader++ % givers.length]! },
  });
  // Every click a new (giver, thing) pair: 201, the whole click path (pledge, click, counters).
  let pair = 0;
  const click = (): Request => {
    const n = pair++;
    return {
      method: 'POST',
      path: `/api/v1/things/${thingIds[n % THINGS]}/clicks`,
      headers: { Cookie: givers[Math.floor(n / THINGS) % givers.length]!, 'Content-Type': 'application/json' },
      body: '{}',
    };
  };

  console.log(
    `\nLoad against ${kudos.origin} (wrangler dev, local D1): autocannon, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${PER_ROUND} requests each, every round next to a round of GET /embed.js`,
  );
  // Warm up (the first requests compile the Worker and open the database).
  await run(kudos.origin, 300, staticRoute);
  await run(kudos.origin, 100, counts);
  await run(kudos.origin, 100, state);

  let failed = false;
  let clicked = 0;
  console.log(`  ${'request'.padEnd(26)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}   ÷ static: throughput   p50    p99`);
  for (const [label, next] of [
    [`counts (${BUTTONS} buttons)`, counts],
    ['button state, signed in', state],
    ['click (new, 201)', click],
  ] as const) {
    const routes: Measured[] = [];
    const statics: Measured[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      statics.push(await run(kudos.origin, PER_ROUND, staticRoute));
      routes.push(await run(kudos.origin, PER_ROUND, next));
    }
    if (next === click) clicked += routes.reduce((n, m) => n + m.ok, 0);
    const bad = [...routes, ...statics].reduce((n, m) => n + m.non2xx + m.errors, 0);
    if (bad > 0) failed = true;
    const ratio = (key: 'rps' | 'p50' | 'p99') => median(routes.map((m, i) => m[key] / Math.max(statics[i]![key], 0.001)));
    const at = (key: 'rps' | 'p50' | 'p99') => median(routes.map((m) => m[key]));
    console.log(
      `  ${label.padEnd(26)} ${fixed(at('rps'), 0).padStart(7)} ${fixed(at('p50'), 1).padStart(7)} ${fixed(at('p99'), 1).padStart(7)}   ${fixed(ratio('rps')).padStart(20)} ${fixed(ratio('p50')).padStart(6)} ${fixed(ratio('p99')).padStart(6)}${bad ? `   ${bad} NOT 2xx OR FAILED` : ''}`,
    );
  }
  const staticAlone = await run(kudos.origin, PER_ROUND, staticRoute);
  console.log(
    `  ${'GET /embed.js (static)'.padEnd(26)} ${fixed(staticAlone.rps, 0).padStart(7)} ${fixed(staticAlone.p50, 1).padStart(7)} ${fixed(staticAlone.p99, 1).padStart(7)}`,
  );
  // The clicks were real: every one of them counted, on the things they were for.
  const total = (await Promise.all(thingIds.map(async (id) => (await api(kudos.origin, 'GET', `/api/v1/things/${id}`)).body!.clicks_total as number))).reduce(
    (a, b) => a + b,
    0,
  );
  console.log(`  check: ${total} clicks counted (expected ${clicked}, the 201 answers)`);
  if (total !== clicked || failed) process.exitCode = 1;
} finally {
  await kudos.close();
  rmSync(dir, { recursive: true, force: true });
}
