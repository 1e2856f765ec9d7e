// The Kudos database (Cloudflare D1 / SQLite). `npm run db:generate` turns changes here into
// a new SQL migration under migrations/; never edit an applied migration by hand.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => integer('created_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

/**
 * Every holder of money. People are givers and creators at once; system accounts hold the
 * platform's fees, money that entered from a payment provider, and payouts under way.
 * `balance_cents` is a cache of the sum of the account's ledger entries, written in the same
 * batch as the entries and verified by `checkLedger`.
 */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    handle: text('handle').notNull().unique(),
    email: text('email').unique(),
    passwordHash: text('password_hash'),
    kind: text('kind', { enum: ['person', 'system'] })
      .notNull()
      .default('person'),
    monthlyBudgetCents: integer('monthly_budget_cents').notNull().default(0),
    balanceCents: integer('balance_cents').notNull().default(0),
    showGiven: integer('show_given', { mode: 'boolean' }).notNull().default(true),
    invitedBy: integer('invited_by'),
    /**
     * What a refund or dispute took back that the person had already given away: the platform
     * covered it (the `system:loss` account), and the person gives nothing until a deposit repays it.
     */
    debtCents: integer('debt_cents').notNull().default(0),
    /** When the person proved the address (a link sent to it); null: no money messages, no payouts. */
    emailVerifiedAt: integer('email_verified_at'),
    /** The language of the person's messages (en, de, sv): the site's language at sign-up, then their choice. */
    lang: text('lang').notNull().default('en'),
    /**
     * When the person closed the account: its personal data is erased, the handle is an
     * anonymous `closed-…` one, and its ledger rows stay so the books balance.
     */
    closedAt: integer('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('budget_not_negative', sql`${t.monthlyBudgetCents} >= 0`),
    // People cannot spend what they do not have; system accounts may go negative (the
    // payment provider's account is where outside money comes from).
    check('person_balance_not_negative', sql`${t.kind} = 'system' OR ${t.balanceCents} >= 0`),
    // The settlement sweeps what reaches closed accounts after closing: they are few.
    index('accounts_closed').on(t.closedAt).where(sql`${t.closedAt} IS NOT NULL`),
  ],
);

/** Sign-in sessions. Only the SHA-256 of the cookie's token is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    expiresAt: integer('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

/**
 * The admin's browser sessions (/admin pages), one row per sign-in: the cookie's HMAC proves it
 * came from us, the row that it was not ended since. Leaving the admin pages deletes the row, so
 * a copied cookie dies with it rather than living out its 30 minutes.
 */
export const adminSessions = sqliteTable('admin_sessions', {
  /** SHA-256 of the session's random id (the cookie holds the id, never stored as it is). */
  idHash: text('id_hash').primaryKey(),
  expiresAt: integer('expires_at').notNull(),
  createdAt: createdAt(),
});

export const invites = sqliteTable(
  'invites',
  {
    code: text('code').primaryKey(),
    ownerId: integer('owner_id').references(() => accounts.id),
    usedBy: integer('used_by').references(() => accounts.id),
    usedAt: integer('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('invites_owner').on(t.ownerId)],
);

/** A page or work that can receive kudos: one per (owner, normalised URL). */
export const things = sqliteTable(
  'things',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => accounts.id),
    url: text('url').notNull(),
    title: text('title').notNull(),
    // Counters kept by `recordClick` (store/clicks.ts) in the click's own batch, so a button's count is one row
    // read however popular the thing is. `clicks_month` says which month `clicks_this_month` is of.
    clicksTotal: integer('clicks_total').notNull().default(0),
    clicksMonth: text('clicks_month'),
    clicksThisMonth: integer('clicks_this_month').notNull().default(0),
    /**
     * False while a thing registered by a reader's click waits for the named owner to claim it:
     * it shows on none of their pages, and its kudos are held until it is claimed.
     */
    claimed: integer('claimed', { mode: 'boolean' }).notNull().default(true),
    /** Hidden by its owner: off every public page (profile, thing page, badges); stats keep it. */
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('things_owner_url').on(t.ownerId, t.url), index('things_url').on(t.url)],
);

/**
 * Sites a person proved they own: a `<meta name="kudos:owner">` in its home page's head, or its
 * `/.well-known/kudos`, named their handle when the Worker fetched it. The verified owner of an
 * origin claims what readers registered there for them and wins a dispute over anyone else's
 * thing on it.
 */
export const sites = sqliteTable(
  'sites',
  {
    ownerId: integer('owner_id')
      .notNull()
      .references(() => accounts.id),
    /** "https://blog.example" (scheme, host and port, as URL.origin says). */
    origin: text('origin').notNull(),
    verifiedAt: integer('verified_at').notNull(),
    /**
     * What proved it: 'home_meta' (the home page's <head>) or 'well_known_file'. NULL for a site
     * verified before proofs were read only from those places (issue 20): it counts as not
     * verified until its owner's next verification or dispute proves it again.
     */
    proof: text('proof', { enum: ['home_meta', 'well_known_file'] }),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.origin] }), index('sites_origin').on(t.origin)],
);

/**
 * One kudos: a person's click on a thing in a UTC calendar month ("YYYY-MM"). The primary key
 * is the "one click per thing per month" rule, so concurrent double clicks cannot both land.
 * Ordered by month first so the monthly run reads a month's clicks as one range. The migration
 * makes it WITHOUT ROWID (drizzle cannot say so): the key is the table, one b-tree write fewer.
 */
export const clicks = sqliteTable(
  'clicks',
  {
    month: text('month').notNull(),
    giverId: integer('giver_id')
      .notNull()
      .references(() => accounts.id),
    thingId: integer('thing_id')
      .notNull()
      .references(() => things.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.month, t.giverId, t.thingId] }), index('clicks_thing_month').on(t.thingId, t.month)],
);

/**
 * A balanced ledger transaction. `key` makes booking idempotent: the same deposit reference or
 * the same person's settlement for a month can be booked once only.
 */
export const ledgerTransactions = sqliteTable('ledger_transactions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  kind: text('kind', { enum: ['deposit', 'settlement', 'payout', 'reversal', 'release', 'return', 'closing'] }).notNull(),
  month: text('month'),
  createdAt: createdAt(),
});

/** One leg of a transaction. The legs of a transaction sum to zero. */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    transactionId: integer('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind', {
      enum: ['deposit', 'budget', 'share', 'fee', 'charity', 'payout', 'reversal', 'loss', 'release', 'return'],
    }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    counterpartyId: integer('counterparty_id').references(() => accounts.id),
    thingId: integer('thing_id').references(() => things.id),
    month: text('month'),
    createdAt: createdAt(),
  },
  // One index only: every read is by account (a person's ledger, a creator's earnings); each
  // more index would be another row written per entry, and the monthly run writes millions.
  (t) => [check('entry_not_zero', sql`${t.amountCents} <> 0`), index('entries_account_month').on(t.accountId, t.month)],
);

/** Payout requests: money that left a person's balance and waits to be paid out. */
export const payouts = sqliteTable(
  'payouts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    amountCents: integer('amount_cents').notNull(),
    status: text('status', { enum: ['pending', 'paid', 'failed'] })
      .notNull()
      .default('pending'),
    transactionId: integer('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    /** The provider's transfer (Stripe `tr_…`) once it accepted the payout. */
    transferId: text('transfer_id'),
    /** Why the provider refused; the amount went back to the balance in a balanced booking. */
    failureReason: text('failure_reason'),
    /**
     * The person's balance right after this payout's booking, written in the booking's own batch:
     * each of many concurrent payouts answers its own balance, not whatever the account holds
     * when it reads it back. Null for payouts booked before this column existed.
     */
    balanceAfterCents: integer('balance_after_cents'),
    createdAt: createdAt(),
  },
  (t) => [check('payout_positive', sql`${t.amountCents} > 0`), index('payouts_account').on(t.accountId)],
);

/**
 * The monthly run, one row per settled month. `cursor` is the last account id settled, so a
 * run that died resumes after it; the per-person transaction key stops any double booking.
 */
export const settlementRuns = sqliteTable('settlement_runs', {
  month: text('month').primaryKey(),
  stage: text('stage', { enum: ['settling', 'done'] }).notNull(),
  cursor: integer('cursor').notNull().default(0),
  peopleSettled: integer('people_settled').notNull().default(0),
  clicksSettled: integer('clicks_settled').notNull().default(0),
  startedAt: integer('started_at').notNull(),
  finishedAt: integer('finished_at'),
  /**
   * The largest transaction and entry ids before the chunk batch in flight, written by its first
   * statement: the rows above them are that batch's own (D1 runs one batch at a time).
   */
  batchTransactionMark: integer('batch_transaction_mark').notNull().default(0),
  batchEntryMark: integer('batch_entry_mark').notNull().default(0),
  /**
   * The run's self-check of the whole ledger (store/ledger.ts `booksAgree`: the entries sum to
   * zero, the cached balances agree with them in total and weighted by account): before planning
   * and after finishing. Null: not
   * checked (a run from before these columns, or one started with the check off). A run whose
   * books are off before does not start, so `books_before` is never 'off' in practice.
   */
  booksBefore: text('books_before', { enum: ['balanced', 'off'] }),
  booksAfter: text('books_after', { enum: ['balanced', 'off'] }),
});

/**
 * The public payday record of one settled month (`/about/stats`), summed from the month's
 * settlement transactions in the ledger when the run finishes (and again when a late retry books
 * more): no person's data, only counts and amounts. What went back to givers later is read live
 * from the held account's entries (store/payday.ts).
 */
export const paydayRecords = sqliteTable('payday_records', {
  month: text('month')
    .primaryKey()
    .references(() => settlementRuns.month),
  /** People whose month was booked (one settlement transaction each). */
  givers: integer('givers').notNull(),
  /** Distinct owners credited a share (the held account not counted). */
  creatorsPaid: integer('creators_paid').notNull(),
  things: integer('things').notNull(),
  /** Share entries: one per kudos worth at least one minor unit. */
  kudos: integer('kudos').notNull(),
  /** The sum of the shares (held ones included). */
  givenCents: integer('given_cents').notNull(),
  feeCents: integer('fee_cents').notNull(),
  charityCents: integer('charity_cents').notNull(),
  heldKudos: integer('held_kudos').notNull(),
  heldCents: integer('held_cents').notNull(),
  recordedAt: integer('recorded_at').notNull(),
});

/**
 * What a person's month has promised. The month's first kudos reserves min(budget in force,
 * unreserved balance); payouts can take only the balance no unsettled pledge holds, so nothing a
 * click promised can be withdrawn and the settlement never meets the balance CHECK. The
 * settlement books the pledge and sets `settled_at` in the same batch.
 */
export const monthPledges = sqliteTable(
  'month_pledges',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    month: text('month').notNull(),
    /** The monthly budget in force when the month's first kudos was given. */
    budgetCents: integer('budget_cents').notNull(),
    /** What the month will give: min(budget, unreserved balance) at that moment. */
    reservedCents: integer('reserved_cents').notNull(),
    settledAt: integer('settled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.month] }),
    check('pledge_not_negative', sql`${t.reservedCents} >= 0 AND ${t.budgetCents} >= 0`),
    // Payouts sum the open pledges of one person.
    index('pledges_open').on(t.accountId).where(sql`${t.settledAt} IS NULL`),
  ],
);

/**
 * A Stripe Checkout Session started for a deposit. The webhook credits `amount_cents` (what the
 * person asked for; the card cost was charged on top) once, keyed by the session id; refunds and
 * disputes find the depositor through the payment intent.
 */
export const stripeDeposits = sqliteTable(
  'stripe_deposits',
  {
    sessionId: text('session_id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    paymentIntentId: text('payment_intent_id'),
    status: text('status', { enum: ['open', 'paid', 'failed'] })
      .notNull()
      .default('open'),
    /**
     * What the ledger holds for this deposit now: its credits less its reversals. Each webhook
     * books the difference between this and what Stripe says the deposit is worth.
     */
    bookedCents: integer('booked_cents').notNull().default(0),
    /**
     * How many bookings this deposit has had. The next booking's ledger key names the next
     * version, so two handlers that read the same version cannot both book (the key is unique).
     */
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('stripe_deposits_payment_intent').on(t.paymentIntentId)],
);

/** Where a person's payouts go: their Stripe Connect Express account. */
export const payoutAccounts = sqliteTable('payout_accounts', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id),
  stripeAccountId: text('stripe_account_id').notNull().unique(),
  detailsSubmitted: integer('details_submitted', { mode: 'boolean' }).notNull().default(false),
  payoutsEnabled: integer('payouts_enabled', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * The first answer to a request sent with an `Idempotency-Key` header, per person and route: the
 * same key again gets the same answer and books nothing. `status` is null while the first
 * request is still running.
 */
export const idempotentAnswers = sqliteTable(
  'idempotent_answers',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    route: text('route').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the request body: a key reused with another request is refused, as Stripe does. */
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    body: text('body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.route, t.key] })],
);

/** Every call to /api/v1/admin/*, allowed or not: who may have held the token, and what it did. */
export const adminAudit = sqliteTable('admin_audit', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  method: text('method').notNull(),
  path: text('path').notNull(),
  /** Whether the bearer token matched. */
  authorized: integer('authorized', { mode: 'boolean' }).notNull(),
  status: integer('status').notNull(),
  /** The request body (admin bodies are small: a month, a count), cut to 500 characters. */
  body: text('body'),
  client: text('client'),
  createdAt: createdAt(),
});

/**
 * A newcomer asking for an invite. The answer is the same whether or not the email is known, so
 * the table may hold requests from people who already have an account; the admin sees that.
 * `inviter_handle` is who they hope will invite them (optional, not checked when asked).
 */
export const inviteRequests = sqliteTable(
  'invite_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    note: text('note').notNull().default(''),
    inviterHandle: text('inviter_handle'),
    /** The invite code sent in answer; null while the request waits. */
    inviteCode: text('invite_code').references(() => invites.code),
    sentAt: integer('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('invite_requests_inviter').on(t.inviterHandle), index('invite_requests_email').on(t.email)],
);

/**
 * Every email Kudos sent or tried to send, with its delivery result. `key` makes a message
 * idempotent (a month's receipt to one person, a payout's announcement): the row is written once,
 * before sending, so a resumed run never sends it twice. `raw` is the MIME the mail binding got.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    /** The plain-text part. */
    body: text('body').notNull(),
    accountId: integer('account_id').references(() => accounts.id),
    /** What kind of message: security messages (reset, verify, …) cannot be unsubscribed from. */
    topic: text('topic').notNull().default('invite'),
    key: text('key').unique(),
    raw: text('raw'),
    status: text('status', { enum: ['sending', 'sent', 'failed'] })
      .notNull()
      .default('sending'),
    error: text('error'),
    /** Deliveries tried: the first, then the queue's retries (actions/email.ts `retryMail`). */
    attempts: integer('attempts').notNull().default(0),
    sentAt: integer('sent_at'),
    /** SHA-256 of the one-click unsubscribe token in this message's List-Unsubscribe link. */
    unsubscribeHash: text('unsubscribe_hash').unique(),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_to').on(t.toEmail)],
);

/** Topics an address unsubscribed from (by email: invites reach people without an account). */
export const messageOptOuts = sqliteTable(
  'message_opt_outs',
  {
    email: text('email').notNull(),
    topic: text('topic').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.email, t.topic] })],
);

/**
 * One-time links sent by email: a password reset, an address to verify, a new address to
 * confirm. Only the SHA-256 of the token is stored; `used_at` makes it single-use.
 */
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    purpose: text('purpose', { enum: ['reset', 'verify', 'change_email'] }).notNull(),
    /** The address the link went to (for change_email: the new address). */
    email: text('email').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('email_tokens_account').on(t.accountId)],
);

/** What a person shows on their public profile. No row: the handle and a generated avatar. */
export const profiles = sqliteTable('profiles', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id),
  displayName: text('display_name').notNull().default(''),
  bio: text('bio').notNull().default(''),
  /** Links the person entered, one http(s) URL a line (verified sites are shown as well, when known). */
  links: text('links').notNull().default(''),
  /** Content type of the picture in R2 under `avatars/<account id>`; null: the generated avatar. */
  avatarType: text('avatar_type'),
  /** Bumped on each upload, so the picture's URL changes and caches never show an old one. */
  avatarVersion: integer('avatar_version').notNull().default(0),
});

/**
 * Every budget a person set, by the month it took effect: the settlement of a month uses the
 * budget in force during it (the latest change from that month or before), never today's. A
 * person without a row at or before a month had no budget (or no account) in it.
 */
export const budgetChanges = sqliteTable(
  'budget_changes',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    fromMonth: text('from_month').notNull(),
    cents: integer('cents').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.fromMonth] }), check('budget_change_not_negative', sql`${t.cents} >= 0`)],
);

/**
 * A month's settlement in chunks of giver ids (`first_id`, `last_id`]: planned once per month,
 * settled in any order (inline by the cron or fanned out over the queue), each marked done in its
 * own booking batch. The month is done when no chunk is left.
 */
export const settlementChunks = sqliteTable(
  'settlement_chunks',
  {
    month: text('month').notNull(),
    firstId: integer('first_id').notNull(),
    lastId: integer('last_id').notNull(),
    /** When the chunk last went to the settlement queue: a later firing sends it again only if it is long overdue. */
    enqueuedAt: integer('enqueued_at'),
    doneAt: integer('done_at'),
  },
  (t) => [primaryKey({ columns: [t.month, t.firstId] })],
);

/**
 * People a chunk could not settle (their balance no longer covered their pledge): the chunk
 * settles everyone else, and each later run retries them until `resolved_at` is set.
 */
export const settlementFailures = sqliteTable(
  'settlement_failures',
  {
    month: text('month').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    reason: text('reason').notNull(),
    attempts: integer('attempts').notNull().default(1),
    firstAt: integer('first_at').notNull(),
    lastAt: integer('last_at').notNull(),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [primaryKey({ columns: [t.month, t.accountId] })],
);

/**
 * A person's passkeys (WebAuthn credentials): the credential id and COSE public key, base64url,
 * and the signature counter the authenticator last reported.
 */
export const passkeys = sqliteTable(
  'passkeys',
  {
    credentialId: text('credential_id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    /** What the browser said the authenticator speaks ("internal,hybrid"), handed back to it at sign-in. */
    transports: text('transports').notNull().default(''),
    name: text('name').notNull().default(''),
    lastUsedAt: integer('last_used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('passkeys_account').on(t.accountId)],
);

/**
 * A person's TOTP secret (RFC 6238, base32). Off until a code from it was confirmed;
 * `last_step` is the time step of the last code accepted, so no code works twice.
 */
export const totpSecrets = sqliteTable('totp_secrets', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id),
  secret: text('secret').notNull(),
  confirmedAt: integer('confirmed_at'),
  lastStep: integer('last_step').notNull().default(0),
  createdAt: createdAt(),
});

/** One-time recovery codes, the fallback second factor: only their SHA-256 is stored. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.codeHash] })],
);

/**
 * WebAuthn challenges handed to a browser, each usable once before it expires. `account_id` is
 * whose passkey may answer (null: anyone's, at passkey sign-in).
 */
export const webauthnChallenges = sqliteTable('webauthn_challenges', {
  challenge: text('challenge').primaryKey(),
  purpose: text('purpose', { enum: ['register', 'sign_in', 'step_up'] }).notNull(),
  accountId: integer('account_id').references(() => accounts.id),
  expiresAt: integer('expires_at').notNull(),
});

/** A sign-in whose password was right and whose second factor is still to come (the page's second step). */
export const pendingSignIns = sqliteTable('pending_sign_ins', {
  tokenHash: text('token_hash').primaryKey(),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id),
  expiresAt: integer('expires_at').notNull(),
});

/** Handles of closed accounts: nobody may sign up with one before `reusable_at` (a year after closing). */
export const closedHandles = sqliteTable('closed_handles', {
  handle: text('handle').primaryKey(),
  reusableAt: integer('reusable_at').notNull(),
});

/**
 * "Give to this thing every month": on the 1st the cron books the month's kudos for each
 * subscription due, through the same click as a reader's press (`giveKudos`), so every rule holds.
 * Ends by itself after `months` months given, when its giver stops it, or when the thing can
 * never receive again (its owner closed their account, or it is the giver's own).
 */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    giverId: integer('giver_id')
      .notNull()
      .references(() => accounts.id),
    thingId: integer('thing_id')
      .notNull()
      .references(() => things.id),
    /** How many months to give (3, 6 or 12); NULL: until stopped. */
    months: integer('months'),
    /** Months whose kudos this thing got from the giver while subscribed (a press counts too). */
    monthsGiven: integer('months_given').notNull().default(0),
    /** The next month to book, 'YYYY-MM': the cron books it from its 1st. */
    nextMonth: text('next_month').notNull(),
    /** Why the last month due could not be booked (a click's refusal code); NULL when it was. */
    lastRefusal: text('last_refusal'),
    createdAt: createdAt(),
    endedAt: integer('ended_at'),
    endReason: text('end_reason', { enum: ['stopped', 'finished', 'cannot_continue'] }),
  },
  (t) => [
    // One running subscription per giver and thing.
    uniqueIndex('subscriptions_running').on(t.giverId, t.thingId).where(sql`${t.endedAt} IS NULL`),
    index('subscriptions_due').on(t.nextMonth, t.id).where(sql`${t.endedAt} IS NULL`),
    check('subscription_months', sql`${t.months} IS NULL OR ${t.months} IN (3, 6, 12)`),
  ],
);

/**
 * Apps a person registered on /apps to act for people through OAuth. The client itself (its
 * redirect URIs, its hashed secret) lives in the OAuth provider's KV; this row says whose it is.
 * Apps that registered themselves (RFC 7591) have no row: nobody here manages them.
 */
export const oauthApps = sqliteTable(
  'oauth_apps',
  {
    clientId: text('client_id').primaryKey(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('oauth_apps_owner').on(t.ownerId)],
);

/**
 * A creator's webhook endpoints (Standard Webhooks): where Kudos posts what happens to their
 * things and money, signed with the endpoint's own secret. An endpoint whose delivery failed
 * every attempt is disabled (`disabled_at`, `disabled_reason`) and its owner told by email.
 */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => accounts.id),
    url: text('url').notNull(),
    /** `whsec_` + base64 of 32 random bytes: the HMAC key Standard Webhooks signs with. */
    secret: text('secret').notNull(),
    createdAt: createdAt(),
    disabledAt: integer('disabled_at'),
    disabledReason: text('disabled_reason'),
  },
  (t) => [index('webhook_endpoints_owner').on(t.ownerId)],
);

/**
 * Every event sent (or being sent) to an endpoint: the log a creator reads. `key` makes an event
 * once per endpoint (a month settled, a payout's outcome); `payload` is the exact JSON signed.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    /** The Standard Webhooks `webhook-id`: the same on every attempt, so receivers can deduplicate. */
    id: text('id').primaryKey(),
    endpointId: integer('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    event: text('event').notNull(),
    key: text('key').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** The last attempt's HTTP status, or its error in words. */
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [uniqueIndex('webhook_deliveries_key').on(t.endpointId, t.key), index('webhook_deliveries_endpoint').on(t.endpointId, t.createdAt)],
);

/**
 * One-time gifts from readers, members or not: paid through Stripe Checkout (or the dev provider)
 * into the giver's balance like a deposit (`session_id` names it), then booked to the thing at
 * the next settlement with the platform's fee (`booked_month`). A gift whose payment failed or was
 * refunded or disputed before then is `void`: the deposit's own reversal already took the money back.
 */
export const gifts = sqliteTable(
  'gifts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    giverId: integer('giver_id')
      .notNull()
      .references(() => accounts.id),
    thingId: integer('thing_id')
      .notNull()
      .references(() => things.id),
    /** The deposit that pays for it: a Checkout Session id, or the dev provider's key. */
    sessionId: text('session_id').notNull().unique(),
    amountCents: integer('amount_cents').notNull(),
    status: text('status', { enum: ['waiting', 'booked', 'void'] })
      .notNull()
      .default('waiting'),
    bookedMonth: text('booked_month'),
    createdAt: createdAt(),
  },
  (t) => [index('gifts_waiting').on(t.status, t.createdAt)],
);

/**
 * A rolled-up month's kudos per thing and UTC day: what the creator stats page and CSV read for
 * months whose clicks are gone from D1 (actions/rollup.ts), the same numbers the live query gave.
 */
export const thingDayTotals = sqliteTable(
  'thing_day_totals',
  {
    thingId: integer('thing_id')
      .notNull()
      .references(() => things.id),
    day: text('day').notNull(),
    clicks: integer('clicks').notNull(),
    settledClicks: integer('settled_clicks').notNull(),
    earningsCents: integer('earnings_cents').notNull(),
    firstAt: integer('first_at').notNull(),
    lastAt: integer('last_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.thingId, t.day] })],
);

/**
 * The roll-up of a settled month past its dispute window: its clicks become `thing_day_totals`,
 * its settlement transactions one aggregated transaction, and the detail goes to R2 (`ARCHIVE`)
 * first. `stage` and `cursor` make it resumable; `objects` and `bytes` what it wrote.
 */
export const rollups = sqliteTable('rollups', {
  month: text('month').primaryKey(),
  stage: text('stage', { enum: ['clicks', 'ledger', 'done'] })
    .notNull()
    .default('clicks'),
  cursor: integer('cursor').notNull().default(0),
  /** In the clicks stage: whose clicks the cursor walks, '' for the primary's or a giver shard's binding (GIVER_SHARDS). */
  clicksFrom: text('clicks_from').notNull().default(''),
  /**
   * Each stage goes first by the settlement's recorded batches (`settlement_batches`: rows read by
   * primary key, the cursor a transaction id), then by a scan for the rest (the cursor a giver or
   * transaction id): clicks of givers no batch booked, gifts, months settled before batches were recorded.
   */
  phase: text('phase', { enum: ['batches', 'scan'] })
    .notNull()
    .default('batches'),
  /** The largest entry id before the ledger chunk in flight: the rows above it that chunk's new roll-up entries. */
  entryMark: integer('entry_mark').notNull().default(0),
  objects: integer('objects').notNull().default(0),
  bytes: integer('bytes').notNull().default(0),
  startedAt: createdAt(),
  finishedAt: integer('finished_at'),
});

/**
 * On a giver shard (a D1 database listed in GIVER_SHARDS, docs/architecture.md "Giver shards"):
 * the clicks of the givers whose ids it holds. The same rows `clicks` holds on the primary, with
 * no foreign keys: the giver and the thing live in the primary database.
 */
export const shardClicks = sqliteTable(
  'shard_clicks',
  {
    month: text('month').notNull(),
    giverId: integer('giver_id').notNull(),
    thingId: integer('thing_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.month, t.giverId, t.thingId] }), index('shard_clicks_thing_month').on(t.thingId, t.month)],
);

/**
 * On a giver shard: givers (first_id, last_id] whose `month` the settlement has read. A click of
 * theirs for that month is refused from then on (month_settled), so none lands after the read.
 */
export const clickFences = sqliteTable(
  'click_fences',
  {
    month: text('month').notNull(),
    firstId: integer('first_id').notNull(),
    lastId: integer('last_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.firstId, t.lastId] })],
);

/**
 * On the primary: a settlement chunk's clicks read from a giver shard, written and deleted inside
 * the chunk's own batch (so it is empty between batches) for the chunk's statements to read.
 */
export const settlementClicks = sqliteTable(
  'settlement_clicks',
  {
    month: text('month').notNull(),
    giverId: integer('giver_id').notNull(),
    thingId: integer('thing_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.giverId, t.thingId] })],
);

/**
 * Each settlement batch's transaction and entry id ranges (store/settlement.ts writes one row per
 * batch that booked anything), so the roll-up reads a batch's entries by primary key: D1 has no
 * index from an entry to its transaction, and one would cost every settlement a row per entry.
 */
export const settlementBatches = sqliteTable(
  'settlement_batches',
  {
    month: text('month').notNull(),
    firstTransactionId: integer('first_transaction_id').notNull(),
    lastTransactionId: integer('last_transaction_id').notNull(),
    firstEntryId: integer('first_entry_id').notNull(),
    lastEntryId: integer('last_entry_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.firstTransactionId] })],
);

/**
 * While a month's ledger is rolled up: where the roll-up transaction's entry for an account, kind
 * and thing is (`thing_key`: the thing, or 0), so each chunk adds to it by primary key instead of
 * searching the account's entries of the month (a big creator's run into the hundred thousands).
 * Deleted when the roll-up is done.
 */
export const rollupEntries = sqliteTable(
  'rollup_entries',
  {
    month: text('month').notNull(),
    accountId: integer('account_id').notNull(),
    kind: text('kind').notNull(),
    thingKey: integer('thing_key').notNull(),
    entryId: integer('entry_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.accountId, t.kind, t.thingKey] })],
);
