// The Worker as `npm run bench` runs it: the same handlers, but each queue-consumer invocation
// delivered by miniflare's real queue counts its own D1 queries, parameters and rows through the
// recording binding, and leaves the tally where the million benchmark reads it.
import worker from '../../worker/index';
import type { Env } from '../../worker/env';
import type { SettlementMessage } from '../../worker/domain/queue-messages';
import { type D1Tally, recordingD1 } from './recording-d1';

export interface Invocation extends D1Tally {
  ms: number;
  messages: number;
}

/** The tallies of every consumer invocation so far (the test and the handlers share the isolate). */
export function consumerInvocations(): Invocation[] {
  const shared = globalThis as { kudosConsumerInvocations?: Invocation[] };
  shared.kudosConsumerInvocations ??= [];
  return shared.kudosConsumerInvocations;
}

export default {
  ...worker,
  async queue(batch: MessageBatch<SettlementMessage>, env: Env, ctx: ExecutionContext) {
    const recorder = recordingD1(env.DB);
    const started = performance.now();
    await worker.queue(batch, { ...env, DB: recorder.db }, ctx);
    consumerInvocations().push({ ...recorder.tally, ms: performance.now() - started, messages: batch.messages.length });
  },
} satisfies ExportedHandler<Env, SettlementMessage>;
