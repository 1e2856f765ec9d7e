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
  it('reads and writes a bounded number of rows per click', async () => {
    const owner = await newPerson();
    const giver = await newPerson({ depositCents: 500, budgetCents: 500 });
    const things: number[] = [];
    for (let i = 0; i < 40; i++) things.push((await owner.post('/api/v1/things', { url: `https://bench.example/${i}`, title: `Post ${i}` })).body.id);

    const recorder = recordingD1(env.DB);
    const recordingEnv = { ...env, DB: recorder.db };
    const click = async (path: string, body: unknown = {}) => {
      const request = new Request(`http://kudos.test${path}`, { method: 'POST', body: JSON.stringify(body), headers: { Cookie: giver.cookie, 'Content-Type': 'application/json' } });
      return app.fetch(request, recordingEnv, createExecutionContext());
    };

    const measure = async (label: string, path: (i: number) => string, body: (i: number) => unknown, count: number, expected: number) => {
      recorder.reset();
      for (let i = 0; i < count; i++) expect((await click(path(i), body(i))).status).toBe(expected);
      const { queries, rowsRead, rowsWritten } = recorder.tally;
      return [label, `${(rowsRead / count).toFixed(1)} read, ${(rowsWritten / count).toFixed(1)} written, ${(queries / count).toFixed(1)} queries`] as [string, string];
    };

    const rows = [
      await measure('click on a known thing (201)', (i) => `/api/v1/things/${things[i]}/clicks`, () => ({}), 20, 201),
      await measure('second click, same month (409)', (i) => `/api/v1/things/${things[i]}/clicks`, () => ({}), 20, 409),
      await measure('button click, thing known (201)', () => '/api/v1/clicks', (i) => ({ owner: owner.handle, url: `https://bench.example/${20 + i}`, title: 'x' }), 20, 201),
      await measure('button click, new thing (201)', () => '/api/v1/clicks', (i) => ({ owner: owner.handle, url: `https://bench.example/new/${i}`, title: 'x' }), 20, 201),
    ];
    report('D1 rows per click (averages over 20 requests, whole request incl. session and answer)', rows);
  });
});
