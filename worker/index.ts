// The Worker: HTTP through Hono, and the cron that settles each ended month.
import { Hono } from 'hono';
import { type Env, readConfig } from './env';
import { limitBodies } from './http/body';
import { type AppEnv, withDb } from './http/context';
import { securityHeaders } from './http/security-headers';
import { sameOriginWrites } from './http/same-origin';
import { PROTOCOL_PATHS, serveProtocol, withGrant } from './http/oauth';
import { api } from './routes/api';
import { badge } from './routes/badge';
import { button } from './routes/button';
import { oembed } from './routes/oembed';
import { pages } from './routes/pages';
import { paydayPages } from './routes/payday';
import { claimPages } from './routes/claims';
import { adminPages } from './routes/admin-pages';
import { accountPages } from './routes/account-pages';
import { buttonSetup } from './routes/button-setup';
import { profilePages } from './routes/profile-pages';
import { subscriptionPages } from './routes/subscription-pages';
import { securityPages } from './routes/security-pages';
import { appPages } from './routes/app-pages';
import { webhookPages } from './routes/webhook-pages';
import { giftPages } from './routes/gift-pages';
import { siteError, siteNotFound } from './routes/site-errors';
import { webhooks } from './routes/webhooks';
import { ROLLUP_CHUNKS_PER_FIRING, ROLLUP_CRON, rollUpDueMonths } from './actions/rollup';
import { CHUNKS_PER_INVOCATION, settleDueMonths, settleQueuedChunks } from './actions/settle';
import { openDb } from './store/db';
import { bookQueuedSubscriptions, bookSubscriptionsFromCron } from './actions/subscriptions';
import { retryQueuedMail } from './actions/email';
import type { MailRetryMessage, SettlementMessage, SubscriptionsMessage, WebhookMessage } from './domain/queue-messages';
import { deliverQueuedWebhooks } from './actions/webhooks';

export const app = new Hono<AppEnv>();

app.use(securityHeaders);
app.use(limitBodies);
app.use(withDb);
app.use(async (c, next) => {
  // Local only (wrangler dev --var LOG_REQUESTS:1, as the browser tests run it): one line per
  // request saying whether a cookie came along, so tests assert what Kudos itself saw.
  if ((c.env as { LOG_REQUESTS?: string } | undefined)?.LOG_REQUESTS === '1') {
    console.log(`kudos-request ${JSON.stringify({ method: c.req.method, path: c.req.path, cookie: c.req.header('Cookie') !== undefined })}`);
  }
  await next();
});
// An app's OAuth token, if the request brings one (http/oauth.ts); the protocol's own endpoints.
app.use('/api/v1/*', withGrant);
app.on(['GET', 'POST', 'OPTIONS'], PROTOCOL_PATHS, serveProtocol);
app.use('/api/*', sameOriginWrites);
// API answers carry personal data (a balance, an email, a person's kudos) or answer for one
// viewer: no shared or browser cache keeps them, unless a route says otherwise (the counts).
app.use('/api/*', async (c, next) => {
  await next();
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
});
// Stripe's webhook and Connect onboarding; the webhook lives outside /api/* on purpose.
app.route('/', webhooks);
app.route('/api/v1', api);
app.route('/', button);
app.route('/', oembed);
app.route('/', badge);
app.route('/', claimPages);
app.route('/', adminPages);
app.route('/', accountPages);
app.route('/', buttonSetup);
app.route('/', profilePages);
app.route('/', subscriptionPages);
app.route('/', securityPages);
app.route('/', appPages);
app.route('/', webhookPages);
app.route('/', giftPages);
app.route('/', pages);
app.route('/', paydayPages);
// Pages get a styled page in the reader's language; /api and scripts keep the JSON answers.
app.notFound(siteNotFound);
app.onError(siteError);

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env) {
    const db = openDb(env.DB);
    const config = readConfig(env);
    // Daily: settled months past their dispute window are rolled up (actions/rollup.ts), a
    // hundred chunks a firing at most; a month needs two chunks per thousand givers.
    if (controller.cron === ROLLUP_CRON) {
      const options = { budget: { chunks: ROLLUP_CHUNKS_PER_FIRING }, deadline: Date.now() + 10 * 60_000 };
      if (env.ARCHIVE) await rollUpDueMonths(db, env.ARCHIVE, controller.scheduledTime, options, config.giverShards);
      return;
    }
    // The settlement's cron fires hourly on the 1st; each firing first finishes older months still
    // open, then settles (or resumes) last month; a month already settled is a no-op. With the queue
    // it only plans and fans out; without, it settles inline and stops well before the invocation's limits.
    const budget = { chunks: CHUNKS_PER_INVOCATION };
    await settleDueMonths(db, config, controller.scheduledTime, { queue: env.SETTLEMENT_QUEUE, deadline: Date.now() + 10 * 60_000, budget });
    // Then the new month's subscriptions: fanned out over the queue, or inline when this firing's
    // settlement left room for them under D1's 1,000 queries (the next firing goes on otherwise).
    if (env.SETTLEMENT_QUEUE || budget.chunks >= CHUNKS_PER_INVOCATION / 2) {
      await bookSubscriptionsFromCron(db, config, controller.scheduledTime, env.SETTLEMENT_QUEUE);
    }
  },
  async queue(batch: MessageBatch<QueueMessage>, env: Env, _ctx: ExecutionContext) {
    const db = openDb(env.DB);
    const config = readConfig(env);
    const chunks: Message<SettlementMessage>[] = [];
    const mail: Message<MailRetryMessage>[] = [];
    const hooks: Message<WebhookMessage>[] = [];
    for (const message of batch.messages) {
      if ('subscriptions' in message.body) await bookQueuedSubscriptions(db, config, message as Message<SubscriptionsMessage>);
      else if ('outboxId' in message.body) mail.push(message as Message<MailRetryMessage>);
      else if ('deliveryId' in message.body) hooks.push(message as Message<WebhookMessage>);
      else chunks.push(message as Message<SettlementMessage>);
    }
    await retryQueuedMail(db, config.mail, mail);
    await deliverQueuedWebhooks(db, config, hooks);
    await settleQueuedChunks(db, config, chunks);
  },
} satisfies ExportedHandler<Env, QueueMessage>;

/** What the settlement, mail and webhook queues carry (domain/queue-messages.ts). */
type QueueMessage = SettlementMessage | SubscriptionsMessage | MailRetryMessage | WebhookMessage;
