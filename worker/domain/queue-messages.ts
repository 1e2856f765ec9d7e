// What the queues carry (wrangler.toml `kudos-settlement`: the cron plans and sends; `kudos-mail`:
// a message whose delivery failed is tried again later); the consumer (worker/index.ts `queue`)
// does the work. Their shapes, so the bindings' types in env.ts and both ends share them, and the
// one rule for how long a failed message waits before its next try.
import type { Month } from './month';

/** The longest a message may wait on a queue (Cloudflare Queues: 12 hours). */
const LONGEST_DELAY_SECONDS = 12 * 3600;

/**
 * How long a message waits on its queue after `attempts` failed tries: `firstSeconds`, then
 * `factor` times longer each time, never longer than a queue may hold it (mail, webhooks).
 */
export function retryDelay(firstSeconds: number, factor: number, attempts: number): number {
  return Math.min(firstSeconds * factor ** Math.max(0, attempts - 1), LONGEST_DELAY_SECONDS);
}

/** Giver ids in (firstId, lastId]: one chunk of a month's settlement. */
export interface ChunkRange {
  firstId: number;
  lastId: number;
}

/** Settle one planned chunk of one month. */
export interface SettlementMessage extends ChunkRange {
  month: Month;
}

/**
 * Book the subscriptions due with ids in (afterId, untilId] as of `at`, the cron firing's time
 * (a message that waits into the next month still books its own month, where the click's
 * verdict refuses it once that month is settled).
 */
export interface SubscriptionsMessage {
  subscriptions: { at: number; afterId: number; untilId: number };
}

/** Try again to deliver the outbox message `outboxId`, kept as failed. */
export interface MailRetryMessage {
  outboxId: number;
}

/** A webhook delivery to try (again): the row in `webhook_deliveries` says what and where. */
export interface WebhookMessage {
  deliveryId: string;
}
