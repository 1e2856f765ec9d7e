// Bindings and vars from wrangler.toml, and the typed configuration read from them.
// Secrets (ADMIN_TOKEN, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET) never appear in wrangler.toml:
// production sets them with `wrangler secret put`, local runs read them from `.dev.vars`.
import { LOOPBACK_HOSTS } from './domain/rules';
import { type GiverShard, readGiverShards } from './store/giver-shards';
import type { MailRetryMessage, SettlementMessage, SubscriptionsMessage, WebhookMessage } from './domain/queue-messages';

export interface Env {
  DB: D1Database;
  /**
   * Giver shards (docs/architecture.md): "BINDING:fromId,…", each a D1 binding holding the clicks
   * of givers with ids from `fromId` up to the next shard's; unset, every click is in DB.
   */
  GIVER_SHARDS?: string;
  /**
   * The settlement's chunks, and from the 1st the month's subscriptions to book (wrangler.toml
   * [[queues]]); without it the cron settles inline.
   */
  SETTLEMENT_QUEUE?: Queue<SettlementMessage | SubscriptionsMessage>;
  /** Messages whose delivery failed, tried again later; without it a failed message stays failed. */
  MAIL_QUEUE?: Queue<MailRetryMessage>;
  /** Seconds before the first retry of a failed message (each next one waits four times longer). */
  MAIL_RETRY_SECONDS?: string;
  /**
   * The OAuth provider's store (@cloudflare/workers-oauth-provider): apps, grants and tokens,
   * tokens and secrets only as hashes (wrangler.toml [[kv_namespaces]]).
   */
  OAUTH_KV: KVNamespace;
  /** Creators' webhook deliveries, first and again (wrangler.toml [[queues]]); without it they stay pending. */
  WEBHOOK_QUEUE?: Queue<WebhookMessage>;
  /** Seconds before a failed delivery's first retry (each next one waits five times longer). */
  WEBHOOK_RETRY_SECONDS?: string;
  /** Rolled-up months' detail (clicks, settlement entries) as gzipped NDJSON (actions/rollup.ts). */
  ARCHIVE?: R2Bucket;
  /** Profile pictures, under `avatars/<account id>`. */
  AVATARS: R2Bucket;
  CURRENCY: string;
  FEE_PERCENT: string;
  MIN_BUDGET_CENTS: string;
  CHARITY_HANDLE: string;
  INVITE_ONLY: string;
  PAYMENT_PROVIDER: string;
  ADMIN_TOKEN?: string;
  /** "true" only in `.dev.vars` and the test configs: allows the dev provider on loopback hosts. */
  LOCAL_DEV?: string;
  MIN_DEPOSIT_CENTS?: string;
  MIN_PAYOUT_CENTS?: string;
  MIN_GIFT_CENTS?: string;
  CARD_FEE_PERCENT?: string;
  CARD_FEE_FIXED_CENTS?: string;
  /**
   * WebAuthn's relying party: the domain passkeys are bound to, and the origins (comma-separated)
   * pages asking for them are on. Default: the host and origin each request reached (a deployed
   * Worker is reached only by its own hostnames). An IP address is no valid RP id: locally,
   * open Kudos at http://localhost:<port> to use passkeys.
   */
  WEBAUTHN_RP_ID?: string;
  WEBAUTHN_ORIGINS?: string;
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  /** Only for tests and local doubles: where the Stripe SDK sends its requests. */
  STRIPE_API_HOST?: string;
  STRIPE_API_PORT?: string;
  STRIPE_API_PROTOCOL?: string;
  // Rate limits (wrangler.toml [[ratelimits]]); RATE_LIMITS = "off" switches them off (benchmarks only).
  LIMIT_AUTH_ACCOUNT: RateLimit;
  LIMIT_AUTH_ADDRESS: RateLimit;
  LIMIT_GIVE_ACCOUNT: RateLimit;
  LIMIT_GIVE_ADDRESS: RateLimit;
  LIMIT_PAGES_ACCOUNT: RateLimit;
  LIMIT_PAGES_ADDRESS: RateLimit;
  LIMIT_MAIL_ACCOUNT: RateLimit;
  LIMIT_MAIL_ADDRESS: RateLimit;
  LIMIT_FACTOR_ACCOUNT: RateLimit;
  LIMIT_INVITE_ADDRESS: RateLimit;
  LIMIT_INVITE_NAMED: RateLimit;
  LIMIT_ADMIN_FAILURES: RateLimit;
  RATE_LIMITS?: string;
  /** Cloudflare Email Service (wrangler.toml [[send_email]]); wrangler dev writes each message to a file. */
  EMAIL?: SendEmail;
  /** The sender, "Name <address>". */
  MAIL_FROM?: string;
  /** The public origin links in cron-sent emails point to. */
  SITE_ORIGIN?: string;
}

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

export interface Config {
  currency: string;
  feePercent: number;
  minBudgetCents: number;
  charityHandle: string;
  inviteOnly: boolean;
  paymentProvider: string;
  adminToken: string;
  /** This Worker runs on a developer's machine: LOCAL_DEV="true" and a loopback request host. */
  runsLocally: boolean;
  /** The origin this request reached (Stripe's return addresses point back to it); '' in the cron. */
  origin: string;
  /** The smallest deposit through a card provider (card costs have a fixed part). */
  minDepositCents: number;
  minPayoutCents: number;
  /** The smallest one-time gift (a card's fixed cost would eat too much of less). */
  minGiftCents: number;
  /** What a card payment costs: a percentage plus a fixed amount, charged on top of the deposit. */
  cardFee: { percent: number; fixedCents: number };
  stripe: StripeSettings;
  mail: MailSettings;
  webhooks: WebhookSettings;
  webauthn: { rpId: string; origins: string[] };
  /** Where clicks live beyond the primary database, by giver id (empty: all in DB). */
  giverShards: GiverShard[];
}

export interface MailSettings {
  /** The mail binding; absent, a message is kept in the outbox as failed. */
  binding: SendEmail | undefined;
  /** Where a failed delivery waits to be tried again, and how long the first wait is. */
  retries: { queue: Queue<MailRetryMessage>; firstDelaySeconds: number } | undefined;
  from: { name: string; addr: string };
  /** Where links in emails point: the request's origin, or SITE_ORIGIN in the cron. */
  siteOrigin: string;
}

export interface WebhookSettings {
  queue: Queue<WebhookMessage> | undefined;
  firstDelaySeconds: number;
  /**
   * Endpoints on loopback may be posted to: only with LOCAL_DEV (never deployed). The queue's
   * consumer has no request whose host could say more.
   */
  allowLoopback: boolean;
}

/**
 * Whether a request reached a Worker on a developer's machine. Both must hold: the explicit
 * local-only var (never in wrangler.toml, so a deploy cannot carry it) and a loopback host
 * (Cloudflare routes a request to a Worker only by its zone or workers.dev hostname, so a
 * deployed Worker never sees one, even if the var were set by mistake).
 */
export function isLocalRequest(env: Pick<Env, 'LOCAL_DEV'>, requestUrl: string | undefined): boolean {
  if (env.LOCAL_DEV !== 'true' || !requestUrl) return false;
  const host = new URL(requestUrl).hostname;
  return LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost');
}

export function readConfig(env: Env, requestUrl?: string): Config {
  const feePercent = Number(env.FEE_PERCENT ?? '10');
  const minBudgetCents = wholeNumber('MIN_BUDGET_CENTS', env.MIN_BUDGET_CENTS ?? '200');
  if (!(feePercent >= 0 && feePercent < 100)) throw new Error(`FEE_PERCENT out of range: ${env.FEE_PERCENT}`);
  const cardPercent = Number(env.CARD_FEE_PERCENT ?? '1.5');
  if (!(cardPercent >= 0 && cardPercent < 100)) throw new Error(`CARD_FEE_PERCENT out of range: ${env.CARD_FEE_PERCENT}`);
  const port = env.STRIPE_API_PORT ? Number(env.STRIPE_API_PORT) : undefined;
  return {
    currency: env.CURRENCY ?? 'EUR',
    feePercent,
    minBudgetCents,
    charityHandle: env.CHARITY_HANDLE ?? 'charity',
    inviteOnly: (env.INVITE_ONLY ?? 'true') !== 'false',
    paymentProvider: env.PAYMENT_PROVIDER ?? 'stripe',
    adminToken: env.ADMIN_TOKEN ?? '',
    runsLocally: isLocalRequest(env, requestUrl),
    origin: requestUrl ? new URL(requestUrl).origin : '',
    minDepositCents: wholeNumber('MIN_DEPOSIT_CENTS', env.MIN_DEPOSIT_CENTS ?? '500'),
    minPayoutCents: wholeNumber('MIN_PAYOUT_CENTS', env.MIN_PAYOUT_CENTS ?? '1000'),
    minGiftCents: wholeNumber('MIN_GIFT_CENTS', env.MIN_GIFT_CENTS ?? '300'),
    cardFee: { percent: cardPercent, fixedCents: wholeNumber('CARD_FEE_FIXED_CENTS', env.CARD_FEE_FIXED_CENTS ?? '25', 0) },
    webauthn: {
      rpId: env.WEBAUTHN_RP_ID || (requestUrl ? new URL(requestUrl).hostname : ''),
      origins: env.WEBAUTHN_ORIGINS ? env.WEBAUTHN_ORIGINS.split(',').map((o) => o.trim()) : requestUrl ? [new URL(requestUrl).origin] : [],
    },
    stripe: {
      secretKey: env.STRIPE_SECRET_KEY ?? '',
      webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? '',
      ...(env.STRIPE_API_HOST ? { host: env.STRIPE_API_HOST } : {}),
      ...(port ? { port } : {}),
      ...(env.STRIPE_API_PROTOCOL === 'http' || env.STRIPE_API_PROTOCOL === 'https' ? { protocol: env.STRIPE_API_PROTOCOL } : {}),
    },
    mail: {
      binding: env.EMAIL,
      retries: env.MAIL_QUEUE ? { queue: env.MAIL_QUEUE, firstDelaySeconds: wholeNumber('MAIL_RETRY_SECONDS', env.MAIL_RETRY_SECONDS ?? '300', 1) } : undefined,
      from: sender(env.MAIL_FROM ?? 'Kudos <kudos@kudos.example>'),
      siteOrigin: requestUrl ? new URL(requestUrl).origin : (env.SITE_ORIGIN ?? 'http://127.0.0.1:8787'),
    },
    giverShards: readGiverShards(env.GIVER_SHARDS, env as unknown as Record<string, unknown>),
    webhooks: {
      queue: env.WEBHOOK_QUEUE,
      firstDelaySeconds: wholeNumber('WEBHOOK_RETRY_SECONDS', env.WEBHOOK_RETRY_SECONDS ?? '30', 1),
      allowLoopback: env.LOCAL_DEV === 'true',
    },
  };
}

/** "Name <addr>" or a bare address. */
function sender(text: string): { name: string; addr: string } {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (match) return { name: match[1]!.replace(/^"|"$/g, ''), addr: match[2]! };
  if (/^[^\s@<>]+@[^\s@<>]+$/.test(text.trim())) return { name: '', addr: text.trim() };
  throw new Error(`MAIL_FROM is not an address: ${text}`);
}

function wholeNumber(name: string, text: string, min = 1): number {
  const cents = Number(text);
  if (!Number.isSafeInteger(cents) || cents < min) throw new Error(`${name} must be a whole number of at least ${min}: ${text}`);
  return cents;
}
