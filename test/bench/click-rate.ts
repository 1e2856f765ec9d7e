// Click requests per second against the local server (wrangler dev + local D1) over loopback.
// Bounded: a fixed number of requests at a fixed concurrency, then it stops. Prints figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, freePort, signUpPerson } from '../e2e/harness.ts';
// @ts-expect-error plain .mjs shared with `npm start`
import { LOCAL_VARS, startKudos } from '../../scripts/local-server.mjs';

const GIVERS = 50;
const THINGS = 40;
const CONCURRENCY = 16;

async function timed(label: string, requests: (() => Promise<number>)[], expectedStatus: number) {
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
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(
    `  ${label.padEnd(34)} ${requests.length} requests, ${(requests.length / seconds).toFixed(0).padStart(5)} req/s, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms${unexpected ? `, ${unexpected} UNEXPECTED STATUSES` : ''}`,
  );
  if (unexpected) process.exitCode = 1;
}

const dir = mkdtempSync(join(tmpdir(), 'kudos-bench-'));
// The rate limits would refuse one address's 2,000 clicks; this measures the click path itself.
const kudos = await startKudos({ port: await freePort(), persistTo: dir, quiet: true, vars: { ...LOCAL_VARS, RATE_LIMITS: 'off' } });
try {
  const owner = await signUpPerson(kudos.origin, 'benchowner');
  const thingIds: number[] = [];
  for (let i = 0; i < THINGS; i++) {
    thingIds.push((await api(kudos.origin, 'POST', '/api/v1/things', { url: `https://bench.example/${i}`, title: `Post ${i}` }, { Cookie: owner.cookie })).body.id);
  }
  const givers = [];
  for (let g = 0; g < GIVERS; g++) givers.push(await signUpPerson(kudos.origin, `benchgiver${g}`, { depositCents: 500, budgetCents: 500 }));

  const click = (cookie: string, id: number) => async () => {
    const res = await fetch(`${kudos.origin}/api/v1/things/${id}/clicks`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    if (res.status !== 201 && res.status !== 409) console.log(`  unexpected ${res.status}: ${await res.text()}`);
    return res.status;
  };
  const all = givers.flatMap((g) => thingIds.map((id) => click(g.cookie, id)));

  console.log(`\nClick rate against ${kudos.origin} (wrangler dev, local D1), concurrency ${CONCURRENCY}`);
  await timed('new clicks (201)', all, 201);
  await timed('repeated clicks (409)', all.slice(0, 1000), 409);
  const button = async () => (await fetch(`${kudos.origin}/api/v1/button?owner=benchowner&url=${encodeURIComponent('https://bench.example/1')}`)).status;
  await timed('button state reads (200)', Array.from({ length: 1000 }, () => button), 200);
  const total = (await api(kudos.origin, 'GET', `/api/v1/things/${thingIds[0]}`)).body.clicks_total;
  console.log(`  check: thing ${thingIds[0]} has ${total} clicks (expected ${GIVERS})`);
  if (total !== GIVERS) process.exitCode = 1;
} finally {
  await kudos.close();
  rmSync(dir, { recursive: true, force: true });
}
