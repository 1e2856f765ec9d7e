// The settlement fanned out over Cloudflare Queues (miniflare's real queue in the pool), and every
// invocation inside D1's limits: ≤ 1,000 queries and ≤ 100 bound parameters per statement,
// counted through a wrapped D1 binding.
import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CHUNK_IDS, CHUNKS_PER_INVOCATION } from '../../worker/actions/settle';
import type { SettlementMessage } from '../../worker/domain/queue-messages';
import { addMonths, monthStart, type Month } from '../../worker/domain/month';
import type { Env } from '../../worker/env';
import worker from '../../worker/index';
import { openDb } from '../../worker/store/db';
import { checkLedger } from '../../worker/store/ledger';
import { settleChunkStatements } from '../../worker/store/settlement';
import { recordingD1 } from '../bench/recording-d1';
import { seedStatements } from '../bench/seed-sql.mjs';
import { untilSettled } from './months';

const D1_QUERIES_PER_INVOCATION = 1000;
const D1_PARAMS_PER_STATEMENT = 100;
const balanced = { sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] };

async function seed(givers: number, month: Month) {
  for (const statement of seedStatements(givers, month, addMonths(month, 1))) await env.DB.prepare(statement).run();
}

const firingAfter = (month: Month) => monthStart(addMonths(month, 1)) + 5 * 60_000;

describe('the settlement over the queue', () => {
  it('plans the month in the cron, and the queue consumer settles every chunk', async () => {
    const month: Month = '2061-01';
    await seed(2500, month);
    await worker.scheduled(createScheduledController({ scheduledTime: firingAfter(month), cron: '5 * 1 * *' }), env);
    const run = await untilSettled(month);
    expect(run).toMatchObject({ stage: 'done', people_settled: 2500, clicks_settled: 25_000 });
    expect(await checkLedger(openDb(env.DB))).toEqual(balanced);
  }, 120_000);

  it('keeps every invocation, producer and consumers, under 1,000 queries and 100 parameters per statement', async () => {
    const month: Month = '2061-03';
    await seed(3500, month);
    const sent: SettlementMessage[] = [];
    const queue = { sendBatch: async (messages: Iterable<MessageSendRequest<SettlementMessage>>) => void sent.push(...[...messages].map((m) => m.body)) };
    const invocations: { what: string; queries: number; maxParams: number }[] = [];

    const producer = recordingD1(env.DB);
    const producerEnv = { ...env, DB: producer.db, SETTLEMENT_QUEUE: queue } as unknown as Env;
    await worker.scheduled(createScheduledController({ scheduledTime: firingAfter(month), cron: '5 * 1 * *' }), producerEnv);
    invocations.push({ what: 'cron (producer)', ...producer.tally });
    expect(sent.length).toBeGreaterThanOrEqual(Math.ceil(3500 / CHUNK_IDS));

    for (const [i, body] of sent.entries()) {
      const consumer = recordingD1(env.DB);
      const batch = createMessageBatch<SettlementMessage>('kudos-settlement', [{ id: `m${i}`, timestamp: new Date(), attempts: 1, body }]);
      const ctx = createExecutionContext();
      await worker.queue(batch, { ...env, DB: consumer.db } as Env, ctx);
      const result = await getQueueResult(batch, ctx);
      expect(result.explicitAcks).toEqual([`m${i}`]);
      invocations.push({ what: `consumer ${body.firstId}..${body.lastId}`, ...consumer.tally });
    }
    const row = await env.DB.prepare('SELECT stage, people_settled AS people FROM settlement_runs WHERE month = ?').bind(month).first();
    expect(row).toEqual({ stage: 'done', people: 3500 });

    // The inline cron (no queue) settles at most CHUNKS_PER_INVOCATION chunks per firing.
    const inlineMonth: Month = '2061-05';
    await seed(2000, inlineMonth);
    const inline = recordingD1(env.DB);
    await worker.scheduled(createScheduledController({ scheduledTime: firingAfter(inlineMonth), cron: '5 * 1 * *' }), {
      ...env,
      DB: inline.db,
      SETTLEMENT_QUEUE: undefined,
    } as Env);
    invocations.push({ what: 'cron (inline)', ...inline.tally });
    const chunks = (await env.DB.prepare('SELECT count(*) AS n FROM settlement_chunks WHERE month = ?').bind(inlineMonth).first<{ n: number }>())!.n;
    // A chunk: its batch's statements and the read that finds it.
    const perChunk =
      settleChunkStatements({ month, firstId: 0, lastId: 1, now: 0, feePercent: 10, feesId: 1, charityId: 1, heldId: 1, markChunkDone: true }).length + 1;
    const fixed = inline.tally.queries - chunks * perChunk;

    console.log(invocations.map((i) => `${i.what}: ${i.queries} queries, at most ${i.maxParams} parameters`).join('\n'));
    for (const invocation of invocations) {
      expect(invocation.queries, invocation.what).toBeLessThanOrEqual(D1_QUERIES_PER_INVOCATION);
      expect(invocation.maxParams, invocation.what).toBeLessThanOrEqual(D1_PARAMS_PER_STATEMENT);
    }
    // A full inline firing, projected from this one's cost per chunk, stays under the limit too.
    expect(fixed + perChunk * CHUNKS_PER_INVOCATION).toBeLessThanOrEqual(D1_QUERIES_PER_INVOCATION);
    expect(await checkLedger(openDb(env.DB))).toEqual(balanced);
  }, 180_000);
});
