// Prints what a click costs in D1 rows (from D1's query meta) and time; the settlement has settlement.bench.test.ts.
// Figures, not pass/fail timings: the only assertions are that the work was done correctly.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/index';
import { newPerson } from '../worker/client';
import { recordingD1 } from './recording-d1';

function report(title: string, rows: [string, string | number][]) {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}`);
}

describe('D1 cost of a click', () => {
  it('reads and writes a bounded number of rows per click, in one round trip', async () => {
    const owner = await newPerson();
    const giver = await newPerson({ depositCents: 500, budgetCents: 500 });
    const things: number[] = [];
    for (let i = 0; i < 40; i++) things.push((await owner.post('/api/v1/things', { url: `https://bench.example/${i}`, title: `Post ${i}` })).body.id);

    const recorder = recordingD1(env.DB);
    const recordingEnv = { ...env, DB: recorder.db };
    const send = async (method: string, path: string, body: unknown, cookie: string | null) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (cookie) headers.Cookie = cookie;
      const request = new Request(`http://kudos.test${path}`, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body) });
      return app.fetch(request, recordingEnv, createExecutionContext());
    };

    const measure = async (
      label: string,
      method: string,
      path: (i: number) => string,
      body: (i: number) => unknown,
      count: number,
      expected: number,
      cookie: string | null = giver.cookie,
    ) => {
      recorder.reset();
      for (let i = 0; i < count; i++) {
        const res = await send(method, path(i), body(i), cookie);
        expect(res.status).toBe(expected);
        await res.arrayBuffer();
      }
      const t = recorder.tally;
      const per = (n: number) => (n / count).toFixed(1);
      return [
        label,
        `${per(t.roundTrips)} round trips, ${per(t.statements)} statements, ${per(t.rowsRead)} rows read, ${per(t.rowsWritten)} written${t.sessions ? `, ${per(t.sessions)} replica sessions` : ''}`,
      ] as [string, string];
    };
    const button = (i: number) => `/api/v1/button?owner=${owner.handle}&url=${encodeURIComponent(`https://bench.example/${i}`)}`;
    // The oEmbed iframe: the one button document left (public counts, edge-cached).
    const iframe = (i: number) => `/button/embed?owner=${owner.handle}&url=${encodeURIComponent(`https://bench.example/${i}`)}`;

    const rows = [
      await measure(
        'click on a known thing (201)',
        'POST',
        (i) => `/api/v1/things/${things[i]}/clicks`,
        () => ({}),
        20,
        201,
      ),
      await measure(
        'repeated click, same month (409)',
        'POST',
        (i) => `/api/v1/things/${things[i]}/clicks`,
        () => ({}),
        20,
        409,
      ),
      await measure(
        'button click, thing known (201)',
        'POST',
        () => '/api/v1/clicks',
        (i) => ({ owner: owner.handle, url: `https://bench.example/${20 + i}`, title: 'x' }),
        20,
        201,
      ),
      await measure(
        'button click registering a thing (201)',
        'POST',
        () => '/api/v1/clicks',
        (i) => ({ owner: owner.handle, url: `https://bench.example/new/${i}`, title: 'x' }),
        20,
        201,
      ),
      await measure(
        "owner's registration POST /things (201)",
        'POST',
        () => '/api/v1/things',
        (i) => ({ url: `https://bench.example/own/${i}`, title: 'x' }),
        20,
        201,
        owner.cookie,
      ),
      await measure('state, signed in: GET /api/v1/button', 'GET', button, () => null, 20, 200),
      await measure('state, signed out: GET /api/v1/button', 'GET', button, () => null, 20, 200, null),
      await measure(
        'state, signed out: oEmbed iframe, cache miss',
        'GET',
        (i) => iframe(100 + i),
        () => null,
        20,
        200,
        null,
      ),
      await measure(
        'state, signed out: oEmbed iframe, cache hit',
        'GET',
        (i) => iframe(100 + i),
        () => null,
        20,
        200,
        null,
      ),
    ];
    report('D1 per request (averages over 20 requests, whole request incl. session and answer)', rows);
    const click = recorder.tally;
    expect(click.roundTrips).toBe(0); // the last row: cache hits never reach D1
  });
});
