// Creators' webhooks: Kudos tells a creator's own server what happened, signed the Standard
// Webhooks way by the maintained `standardwebhooks` library (the receiver verifies with the same
// library, or any other implementation of the spec). Every event is first a row in
// `webhook_deliveries` (the creator's log), then a message on the webhook queue; the consumer
// posts it, and a failed attempt comes back later, five times later each time, WEBHOOK_ATTEMPTS
// in all. A delivery that fails every attempt disables its endpoint, and its owner is told.
import { Webhook } from 'standardwebhooks';
import type { Month } from '../domain/month';
import type { WebhookMessage } from '../domain/queue-messages';
import { refuse } from '../domain/refusal';
import { randomToken } from '../domain/secrets';
import { WEBHOOK_ATTEMPTS, type WebhookEvent, webhookPayload, webhookRetryDelaySeconds } from '../domain/webhooks';
import { httpsOrLoopback } from '../domain/rules';
import type { Config, WebhookSettings } from '../env';
import { publicTarget } from '../outbound/address';
import { postWebhook } from '../outbound/post-webhook';
import { findAccountById } from '../store/accounts';
import type { Db } from '../store/db';
import {
  addDeliveries,
  addEndpoint,
  disableEndpoint,
  ENDPOINTS_PER_PERSON,
  endpointsOf,
  liveEndpointsOf,
  liveEndpointsOfHandle,
  monthSharesOfEndpointOwners,
  pendingDelivery,
  recordAttempt,
  type WebhookEndpoint,
} from '../store/webhooks';
import { WEBHOOK_WORDS } from '../views/words/webhooks';
import { mailWords, sendEmail } from './email';
import type { ThingCounts } from '../store/clicks';

/** A new endpoint for `ownerId`; its secret is in the answer (shown once on the page). */
export async function addWebhookEndpoint(db: Db, config: Config, ownerId: number, url: string): Promise<WebhookEndpoint> {
  if (!httpsOrLoopback(url.trim(), config.runsLocally)) {
    throw refuse('invalid_field', 'A webhook address starts with https:// (http:// only for localhost while developing).');
  }
  // Public addresses only (the same check as every delivery's), said in words now rather than
  // found out at the first delivery.
  publicTarget(url.trim(), { allowLoopback: config.runsLocally });
  if ((await endpointsOf(db, ownerId)).length >= ENDPOINTS_PER_PERSON) {
    throw refuse('out_of_range', `At most ${ENDPOINTS_PER_PERSON} webhook endpoints per person.`);
  }
  // Standard Webhooks secrets: `whsec_` and the base64 of 24 to 64 random bytes.
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return addEndpoint(db, ownerId, url.trim(), `whsec_${btoa(String.fromCharCode(...bytes))}`);
}

/** Keeps `event` for each endpoint (once per key) and puts the new ones on the queue. */
async function announce(
  db: Db,
  settings: WebhookSettings,
  endpoints: WebhookEndpoint[],
  event: WebhookEvent,
  key: string,
  data: Record<string, unknown>,
  at: number,
) {
  if (endpoints.length === 0) return;
  const payload = webhookPayload(event, at, data);
  const ids = await addDeliveries(
    db,
    endpoints.map((e) => ({ id: `msg_${randomToken(18)}`, endpointId: e.id, event, key, payload })),
  );
  if (ids.length && settings.queue) await settings.queue.sendBatch(ids.map((deliveryId) => ({ body: { deliveryId } })));
}

/** `kudos.received` to the owner of a thing that just got kudos: which thing, its counts; never who gave. */
export async function announceKudos(db: Db, config: Config, given: { owner: string; month: Month; thing: ThingCounts }, at = Date.now()): Promise<void> {
  const endpoints = await liveEndpointsOfHandle(db, given.owner);
  const { thing, month } = given;
  await announce(
    db,
    config.webhooks,
    endpoints,
    'kudos.received',
    `kudos:${thing.id}:${at}:${randomToken(6)}`,
    { thing: { id: thing.id, url: thing.url, title: thing.title }, month, clicks_this_month: thing.clicksThisMonth, clicks_total: thing.clicksTotal },
    at,
  );
}

/** `month.settled` to every creator with an endpoint whose things got kudos in `month`: what they got. */
export async function announceSettledMonth(db: Db, config: Config, month: Month, at = Date.now()): Promise<void> {
  for (const { ownerId, cents, kudos } of await monthSharesOfEndpointOwners(db, month)) {
    await announce(
      db,
      config.webhooks,
      await liveEndpointsOf(db, ownerId),
      'month.settled',
      `month:${month}`,
      { month, currency: config.currency, amount_cents: cents, kudos },
      at,
    );
  }
}

/** `payout.paid` or `payout.failed`, once per payout and outcome. */
export async function announcePayoutHook(
  db: Db,
  config: Config,
  payout: { id: number; accountId: number; amountCents: number },
  outcome: { status: 'paid' } | { status: 'failed'; reason: string },
  at = Date.now(),
): Promise<void> {
  await announce(
    db,
    config.webhooks,
    await liveEndpointsOf(db, payout.accountId),
    outcome.status === 'paid' ? 'payout.paid' : 'payout.failed',
    `payout:${payout.id}:${outcome.status}`,
    {
      payout: {
        id: payout.id,
        amount_cents: payout.amountCents,
        currency: config.currency,
        status: outcome.status,
        ...(outcome.status === 'failed' ? { reason: outcome.reason } : {}),
      },
    },
    at,
  );
}

/**
 * The webhook queue's consumer: posts each delivery, signed; a failure comes back later until
 * WEBHOOK_ATTEMPTS, then the delivery is failed and its endpoint disabled.
 */
export async function deliverQueuedWebhooks(db: Db, config: Config, messages: readonly Message<WebhookMessage>[]): Promise<void> {
  for (const message of messages) {
    const due = await pendingDelivery(db, message.body.deliveryId);
    // Delivered already, or its endpoint removed: nothing to do.
    if (!due || due.endpoint.disabledAt !== null) {
      message.ack();
      continue;
    }
    const { delivery, endpoint } = due;
    const at = Date.now();
    const signature = new Webhook(endpoint.secret).sign(delivery.id, new Date(at), delivery.payload);
    const attempt = await postWebhook(
      endpoint.url,
      { 'webhook-id': delivery.id, 'webhook-timestamp': String(Math.floor(at / 1000)), 'webhook-signature': signature },
      delivery.payload,
      { allowLoopback: config.webhooks.allowLoopback },
    );
    const delivered = 'status' in attempt && attempt.status >= 200 && attempt.status < 300;
    const attempts = delivery.attempts + 1;
    const final = !delivered && attempts >= WEBHOOK_ATTEMPTS;
    const error = 'error' in attempt ? attempt.error : delivered ? null : `answered ${attempt.status}`;
    await recordAttempt(db, delivery.id, { delivered, final, status: 'status' in attempt ? attempt.status : null, error, at });
    if (delivered || final) message.ack();
    else message.retry({ delaySeconds: webhookRetryDelaySeconds(config.webhooks.firstDelaySeconds, attempts) });
    if (final && (await disableEndpoint(db, endpoint.id, error ?? 'failed', at))) await tellDisabled(db, config, endpoint, error ?? '');
  }
}

/** Tells an endpoint's owner it was disabled, why, and where to turn it on again. */
async function tellDisabled(db: Db, config: Config, endpoint: WebhookEndpoint, why: string): Promise<void> {
  const owner = await findAccountById(db, endpoint.ownerId);
  if (!owner?.email) return;
  const w = WEBHOOK_WORDS[mailWords(owner.lang).lang];
  await sendEmail(db, config.mail, {
    to: owner.email,
    accountId: owner.id,
    topic: 'account',
    key: `webhook-disabled:${endpoint.id}:${endpoint.createdAt}:${Date.now()}`,
    lang: owner.lang,
    subject: w.disabledSubject,
    blocks: [{ p: w.disabledMail(endpoint.url, WEBHOOK_ATTEMPTS, why) }, { link: `${config.mail.siteOrigin}/settings/webhooks`, label: w.title }],
  });
}
