// Creators' webhooks (Standard Webhooks, standardwebhooks.com): the events Kudos sends, what each
// carries, and how long a failing delivery is tried. Nobody's identity travels in them: a
// `kudos.received` says which thing got kudos, never who gave.
import { retryDelay } from './queue-messages';

export const WEBHOOK_EVENTS = ['kudos.received', 'month.settled', 'payout.paid', 'payout.failed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Deliveries tried before one is failed for good and its endpoint disabled: about a day and a half. */
export const WEBHOOK_ATTEMPTS = 7;

/**
 * The wait after `attempts` failed deliveries: the first wait, then five times longer each time
 * (default 30 s, 2.5 min, 12.5 min, about 1 h, 5.2 h, then 12 h), the kind of schedule Standard
 * Webhooks senders use.
 */
export function webhookRetryDelaySeconds(firstDelaySeconds: number, attempts: number): number {
  return retryDelay(firstDelaySeconds, 5, attempts);
}

/** The JSON body of every event (the Standard Webhooks payload shape: type, timestamp, data). */
export function webhookPayload(event: WebhookEvent, at: number, data: Record<string, unknown>): string {
  return JSON.stringify({ type: event, timestamp: new Date(at).toISOString(), data });
}
