// The JSON API's requests and answers as zod schemas: the routes validate with them and the
// OpenAPI document at /api/v1/openapi.json is generated from them, so the two cannot drift.
// A failed check becomes a Refusal here, the same codes the hand-written readers used.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { MAX_CENTS } from '../domain/money';
import { refuse, type Refusal } from '../domain/refusal';
import type { SubscriptionMonths } from '../domain/subscriptions';
import { MAX_NOTE_LENGTH, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from '../domain/rules';
import { MAX_THINGS_PER_REQUEST } from '../../widget/common/counts-request';
import type { AppEnv } from './context';

/** A router whose routes are declared with these schemas; every /api/v1 router is one (routes/api.ts, routes/counts.ts). */
export const newApiRouter = () =>
  new OpenAPIHono<AppEnv>({
    // A failed schema check is a refusal like any other: the one mapping in http/errors.ts answers it.
    defaultHook: (result) => {
      if (!result.success) throw refusalOf(result.error, result.target);
    },
  });

// --- building blocks -------------------------------------------------------------------------

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const Month = z.string().regex(MONTH).openapi({ description: 'A UTC calendar month', example: '2026-10' });

/** An amount in the configured currency's minor units (cents for EUR, yen for JPY, fils for KWD). */
const minorUnits = (description: string, min: number) =>
  z
    .int()
    .min(min)
    .max(MAX_CENTS)
    .openapi({ description: `${description}, in minor units of the currency (cents for EUR, yen for JPY, fils for KWD)` });

const signedMinorUnits = (description: string) => z.int().openapi({ description: `${description}, in minor units of the currency` });
const isoTime = z.string().openapi({ description: 'ISO 8601 time, UTC', example: '2026-10-05T12:00:00.000Z' });
const handle = z.string().openapi({ description: 'A Kudos handle', example: 'alice' });

export const ErrorBody = z
  .object({ error: z.object({ code: z.string().openapi({ example: 'already_given' }), message: z.string() }) })
  .openapi('Error', { description: 'Every refusal: a machine-readable code and a sentence for people' });

export const Thing = z
  .object({
    id: z.int(),
    url: z.string().openapi({ description: 'Normalised URL' }),
    title: z.string(),
    owner: handle,
    clicks_total: z.int().openapi({ description: 'All kudos ever' }),
    clicks_this_month: z.int().openapi({ description: 'Kudos this UTC month' }),
    claimed: z.boolean().openapi({ description: 'false: registered by a reader, waiting for its owner to claim it' }),
    hidden: z.boolean().openapi({ description: 'Hidden by its owner from every public page' }),
  })
  .openapi('Thing');

export const ThingIdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '42' }) });

export const MonthQuery = z.object({ month: Month.optional().or(z.literal('')) });

// --- requests --------------------------------------------------------------------------------

export const SignUpRequest = z.object({
  handle: z.string().min(1).max(30).openapi({ description: '2-30 of a-z 0-9 _ -' }),
  email: z.string().min(1).max(254),
  password: z.string().min(8).max(200),
  invite: z.string().min(1).max(40).nullish().openapi({ description: 'Invite code (needed while sign-up is invite-only)' }),
});

// Any length may be typed at sign-in: a short wrong password is just a wrong password.
export const LogInRequest = z.object({
  email: z.string().min(1).max(254),
  password: z.string().max(200),
  code: z.string().max(40).nullish().openapi({ description: 'With a second factor on: a code from the authenticator app, or a recovery code' }),
});

export const AmountRequest = z.object({ amount_cents: minorUnits('Amount', 1) });

export const BudgetRequest = z.object({ monthly_budget_cents: minorUnits('Budget: 0 stops giving, else at least min_budget_cents', 0) });

export const SettingsRequest = z.object({ show_given: z.boolean().openapi({ description: 'Whether your public profile shows what you give' }) });

export const NewThingRequest = z.object({
  url: z.string().min(1).max(MAX_URL_LENGTH).openapi({ description: 'Absolute http(s) URL' }),
  title: z.string().min(1).max(MAX_TITLE_LENGTH),
});

export const ButtonClickRequest = z.object({
  owner: z.string().min(1).max(30).openapi({ description: "The owner's handle" }),
  url: z.string().min(1).max(MAX_URL_LENGTH).openapi({ description: 'Absolute http(s) URL of the page' }),
  title: z.string().max(MAX_TITLE_LENGTH).nullish().openapi({ description: 'Title for a thing seen for the first time' }),
});

export const ButtonQuery = z.object({
  owner: z.string().max(30).openapi({ description: "The owner's handle" }),
  url: z.string().max(MAX_URL_LENGTH).openapi({ description: 'Absolute http(s) URL of the page' }),
});

export const SiteRequest = z.object({
  url: z.string().min(1).max(MAX_URL_LENGTH).openapi({
    description: 'An address on the site; only its origin counts: its home page’s <head> kudos:owner meta or its /.well-known/kudos must name you',
  }),
});

export const SettleRequest = z.object({ month: Month });

export const CountsQuery = z.object({
  // One `t` arrives as a string, several as an array: always a list from here on.
  t: z
    .preprocess(
      (value) => (typeof value === 'string' ? [value] : value),
      z.array(z.string()).max(MAX_THINGS_PER_REQUEST, `At most ${MAX_THINGS_PER_REQUEST} "t" per request.`),
    )
    .optional()
    .openapi({
      description: `A button's thing as <owner>:<url>, repeated for each button (at most ${MAX_THINGS_PER_REQUEST})`,
      example: ['alice:https://blog.example/post'],
      param: { name: 't', in: 'query', style: 'form', explode: true },
    }),
});

export const MintInvitesRequest = z.object({ count: z.int().min(1).max(100) });

export const InviteRequestRequest = z.object({
  email: z.string().min(1).max(254).openapi({ description: 'Where the invite code goes', example: 'sam@example.com' }),
  note: z.string().max(MAX_NOTE_LENGTH).nullish().openapi({ description: 'A few words about who you are (for the admin or your inviter)' }),
  inviter: z.string().max(31).nullish().openapi({ description: 'The handle of a member you hope invites you (optional, "@" allowed)' }),
});

// --- answers ---------------------------------------------------------------------------------

export const HandleAnswer = z.object({ handle });

export const OkAnswer = z.object({ ok: z.literal(true) });

export const InviteRequestAnswer = z.object({
  status: z.literal('received'),
  message: z.string().openapi({ description: 'The same sentence whether or not the email is known' }),
});

export const MeAnswer = z.object({
  handle,
  email: z.string().nullable(),
  balance_cents: signedMinorUnits('Balance'),
  unreserved_cents: signedMinorUnits("What a payout may take: the balance no month's pledge holds"),
  monthly_budget_cents: signedMinorUnits('Monthly budget'),
  currency: z.string().openapi({ description: 'ISO 4217 code of every amount', example: 'EUR' }),
  min_budget_cents: signedMinorUnits('Smallest budget'),
  show_given: z.boolean(),
  email_verified: z.boolean().openapi({ description: 'false until the emailed link is opened: no money messages, no payouts' }),
  invites: z.array(z.object({ code: z.string(), used_by: handle.nullable(), used_at: z.int().nullable().openapi({ description: 'ms since 1970' }) })),
});

export const DepositAnswer = z.object({
  status: z.literal('completed'),
  provider: z.string(),
  amount_cents: signedMinorUnits('Amount'),
  balance_cents: signedMinorUnits('New balance'),
});

export const DepositRedirectAnswer = z.object({
  status: z.literal('pending'),
  redirect_url: z.string().openapi({ description: "The provider's checkout page" }),
});

export const BudgetAnswer = z.object({ monthly_budget_cents: signedMinorUnits('Budget') });

export const SettingsAnswer = z.object({ show_given: z.boolean() });

const LEDGER_KINDS = ['deposit', 'budget', 'share', 'fee', 'charity', 'payout', 'reversal', 'loss', 'release', 'return'] as const;

export const LedgerAnswer = z.object({
  month: Month.nullable(),
  currency: z.string(),
  entries: z.array(
    z.object({
      id: z.int(),
      kind: z.enum(LEDGER_KINDS),
      amount_cents: signedMinorUnits('Signed amount'),
      month: Month.nullable(),
      counterparty: handle.nullable(),
      thing: z.object({ id: z.int(), title: z.string().nullable(), url: z.string().nullable() }).nullable(),
      created_at: isoTime,
    }),
  ),
});

export const ClicksAnswer = z.object({
  month: Month,
  clicks: z.array(z.object({ thing: z.object({ id: z.int(), title: z.string(), url: z.string(), owner: handle }), created_at: isoTime })),
});

export const ThingsAnswer = z.object({ things: z.array(Thing) });

const PayoutStatus = z.enum(['pending', 'paid', 'failed']);

export const PayoutAnswer = z.object({
  id: z.int(),
  status: PayoutStatus,
  amount_cents: signedMinorUnits('Amount'),
  balance_cents: signedMinorUnits('Balance after the booking'),
});

/** Money-moving POSTs: the same key twice books once and answers the same. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .openapi({ description: 'Optional; 1–255 visible ASCII characters. A repeat answers as the first did (`Idempotent-Replayed: true`).' }),
});

export const PayoutRetryAnswer = z.object({ tried: z.int(), still_pending: z.int() });

export const AuditAnswer = z.object({
  calls: z.array(
    z.object({
      id: z.int(),
      method: z.string(),
      path: z.string(),
      authorized: z.boolean(),
      status: z.int(),
      body: z.string().nullable(),
      client: z.string().nullable(),
      at: isoTime,
    }),
  ),
});

export const PayoutAccountAnswer = z.object({
  redirect_url: z.url().describe("Stripe Connect's onboarding page: send the person there; they come back to /payouts/connect/return"),
});

export const PayoutsAnswer = z.object({
  payouts: z.array(
    z.object({ id: z.int(), amount_cents: signedMinorUnits('Amount'), status: PayoutStatus, failure_reason: z.string().nullable(), created_at: isoTime }),
  ),
});

export const NewThingAnswer = z.object({ id: z.int(), url: z.string(), title: z.string(), owner: handle });

export const ClickAnswer = z.object({ thing: Thing, month: Month });

export const ButtonStateAnswer = z.object({
  status: z
    .enum(['signed_out', 'own', 'no_budget', 'not_funded', 'given', 'ready', 'month_settled'])
    .openapi({ description: "What a click would get now; month_settled: the viewer's month is settled, kudos count again next month" }),
  thing_id: z.int().nullable(),
  clicks_total: z.int(),
  clicks_this_month: z.int(),
  viewer: handle.nullable(),
});

export const CountsAnswer = z.object({
  counts: z
    .array(z.tuple([z.int(), z.int()]).nullable())
    .openapi({ description: 'One entry per `t`, in order: [all kudos ever, kudos this UTC month], or null (unknown owner, bad URL)' }),
});

const booksVerdict = z.enum(['balanced', 'off']).nullable().openapi({
  description: 'The run checked the whole ledger (entries sum to zero, each transaction balanced, each balance equal to its entries); null: not checked',
});
const kudosAndAmount = (description: string) => z.object({ kudos: z.int(), amount_cents: signedMinorUnits('Their sum') }).openapi({ description });

export const PaydayAnswer = z
  .object({
    currency: z.string().openapi({ description: 'ISO 4217 code of every amount', example: 'EUR' }),
    months: z
      .array(
        z.object({
          month: Month,
          givers: z.int().openapi({ description: 'People whose month was booked' }),
          creators_paid: z.int().openapi({ description: 'Owners credited a share (held kudos not counted)' }),
          things: z.int(),
          kudos: z.int().openapi({ description: 'Kudos paid: one share each' }),
          given_cents: signedMinorUnits('The sum of the shares, held ones included'),
          fee_cents: signedMinorUnits('The fee kept'),
          charity_cents: signedMinorUnits('Months without kudos, given to charity in full'),
          held: kudosAndAmount('Kudos to things nobody had claimed yet: held until claimed'),
          returned: kudosAndAmount('Held kudos given back to their givers since, their thing unclaimed after the hold'),
          self_check: z.object({ before: booksVerdict, after: booksVerdict }),
        }),
      )
      .openapi({ description: 'Settled months, newest first (at most 120)' }),
  })
  .openapi('PaydayRecord', { description: "Each settled month's figures as the ledger holds them; no person's data" });

export const SettlementAnswer = z.object({
  month: Month,
  stage: z.enum(['settling', 'done']),
  people_settled: z.int(),
  clicks_settled: z.int(),
  started_at: isoTime,
  finished_at: isoTime.nullable(),
  failures: z
    .array(z.object({ handle, reason: z.string(), attempts: z.int() }))
    .openapi({ description: 'People this month could not settle yet (their balance did not cover their pledge); every later run retries them' }),
});

export const InvitesAnswer = z.object({ invites: z.array(z.string()) });

export const LedgerCheckAnswer = z.object({
  sum_of_all_entries: z.int().openapi({ description: 'Always 0' }),
  unbalanced_transactions: z.array(z.int()),
  accounts_off_balance: z.array(z.object({ id: z.int(), balanceCents: z.int(), entriesCents: z.int() })),
});

// --- failed checks as refusals ---------------------------------------------------------------

type Target = 'json' | 'query' | 'param' | 'header' | 'cookie' | 'form';

/** The refusal for the first problem zod found: the codes clients already know. */
function refusalOf(error: z.ZodError, target: Target): Refusal {
  const issue = error.issues[0];
  if (!issue) return refuse('invalid_field', 'The request is not valid.');
  // A path parameter that is not valid names nothing that exists.
  if (target === 'param') return refuse('not_found', 'No such thing.');
  if (target === 'json' && issue.path.length === 0) return refuse('invalid_json', 'The request body must be a JSON object.');
  const field = `"${issue.path.join('.')}"`;
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') {
    return refuse('out_of_range', `${field} must be ${issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`}.`);
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') return refuse('invalid_field', `${field} must be a whole number.`);
  if (issue.code === 'too_big' && issue.origin === 'string') return refuse('invalid_field', `${field} is too long: at most ${issue.maximum} characters.`);
  if (issue.code === 'invalid_value') return refuse('invalid_field', `${field} must be one of: ${issue.values.map((v) => `"${String(v)}"`).join(', ')}.`);
  return refuse('invalid_field', `${field}: ${issue.message}`);
}

/** A page form's fields read with `schema`, or the refusal for its first problem. */
export function formAs<T extends z.ZodType>(schema: T, fields: Record<string, string>): z.infer<T> {
  const result = schema.safeParse(fields);
  if (!result.success) throw refusalOf(result.error, 'form');
  return result.data;
}

// --- page forms ------------------------------------------------------------------------------
// The site's own forms (routes/*pages*) send what their JSON twins send, as text: a field the
// browser leaves out (an empty input, an unchecked box) reads as ''. The limits are the twins',
// so a form and its API refuse alike; what the text must say is the actions' to check.

const typed = (max: number) => z.string().max(max).default('');
/** A checkbox: on when sent, with the value the form gives it. */
const box = (on: string) => typed(10).transform((v) => v === on);

export const InviteRequestForm = z.object({ email: typed(254), note: typed(MAX_NOTE_LENGTH), inviter: typed(31) });
export const SignUpForm = z.object({ handle: typed(60), email: typed(254), password: typed(200), invite: typed(40) });
export const LogInForm = z.object({ email: typed(254), password: typed(200) });
export const BudgetForm = z.object({ budget: typed(40) });
export const AmountForm = z.object({ amount: typed(40), code: typed(40), passkey: typed(20_000) });
export const ShowGivenForm = z.object({ show_given: box('true') });
export const ProfileForm = z.object({ display_name: typed(400), bio: typed(4000), links: typed(5 * MAX_URL_LENGTH) });
export const UrlForm = z.object({ url: typed(MAX_URL_LENGTH) });
/** How long: 3, 6 or 12 months, or '' for until stopped (domain/subscriptions.ts SUBSCRIPTION_MONTHS). */
export const SubscribeForm = z.object({
  months: z
    .enum(['', '3', '6', '12'])
    .default('')
    .transform((v): SubscriptionMonths => (v === '' ? null : (Number(v) as 3 | 6 | 12))),
});
export const EmailForm = z.object({ email: typed(254) });
export const ResetPasswordForm = z.object({ token: typed(200), password: typed(200) });
export const EmailChangeForm = z.object({ email: typed(254), password: typed(200) });
export const PasswordChangeForm = z.object({ current_password: typed(200), new_password: typed(200) });
export const MessagesForm = z.object({ receipt: box('on'), earnings: box('on'), payout: box('on'), lang: typed(10) });
export const PasswordForm = z.object({ password: typed(200) });
/** The consent page: its one-time handle, the person's answer, the scopes left ticked. */
export const ConsentForm = z.object({
  handle: typed(200),
  decision: z.enum(['approve', 'deny']),
  scope_read: box('on'),
  scope_give: box('on'),
  scope_things: box('on'),
});
/** An app a person registers on /apps. */
export const AppForm = z.object({
  name: typed(100)
    .transform((v) => v.trim())
    .pipe(z.string().min(1)),
  redirect_uri: typed(MAX_URL_LENGTH),
  kind: z.enum(['public', 'confidential']).default('confidential'),
});
export const PasskeyRemoveForm = z.object({ password: typed(200), id: typed(2000) });
export const SecondFactorForm = z.object({ code: typed(40), passkey: typed(20_000) });
export const CloseForm = z.object({
  password: typed(200),
  remainder_to: z.enum(['', 'payout', 'charity']).default(''),
  code: typed(40),
  passkey: typed(20_000),
});
export const AdminTokenForm = z.object({ token: typed(400) });
/**
 * A button's thing as forms send it, and the page's language. Generous: what a page may be is
 * readButtonRef's to say; a thing without a title is titled by its URL.
 */
const buttonThingFields = { owner: typed(60), url: typed(2 * MAX_URL_LENGTH), title: typed(2 * MAX_URL_LENGTH), lang: typed(40) };
/** The button popup's form: the thing, where the popup was opened, and a sign-in when it asks for one. */
export const GiveForm = z.object({
  ...buttonThingFields,
  csrf: typed(200),
  site: typed(400),
  popup: typed(1),
  via: typed(10),
  email: typed(254),
  password: typed(200),
});
/** A one-time gift (/give/once): the button's thing, an amount as typed, the payer's email. */
export const GiftForm = z.object({ ...buttonThingFields, amount: typed(40), email: typed(254) });
/** A form that is only its button. */
export const ButtonOnlyForm = z.object({});

// --- whose things are whose ------------------------------------------------------------------

export const SiteAnswer = z.object({
  origin: z.string().openapi({ description: 'The verified origin (scheme, host and port)', example: 'https://blog.example' }),
  verified: z.literal(true),
  things_claimed: z.int().openapi({ description: 'Things readers registered for you there, now claimed' }),
});

export const SitesAnswer = z.object({
  sites: z.array(
    z.object({
      origin: z.string(),
      verified_at: isoTime,
      proof: z.enum(['home_meta', 'well_known_file']).nullable().openapi({
        description: 'What proved it; null: verified before proofs were strict, so it counts only once verified again',
      }),
    }),
  ),
});

export const UnclaimedAnswer = z.object({
  things: z
    .array(z.object({ id: z.int(), url: z.string(), title: z.string(), clicks_total: z.int() }))
    .openapi({ description: 'Things readers registered for you, waiting for you to claim them' }),
});

export const ClaimAnswer = z.object({ id: z.int(), claimed: z.literal(true) });

export const HiddenAnswer = z.object({ id: z.int(), hidden: z.boolean() });

export const RemoveAnswer = z.object({
  id: z.int(),
  outcome: z.enum(['removed', 'hidden']).openapi({ description: 'hidden: it has settled kudos, so it stays in the books' }),
});

export const DisputeAnswer = z.object({ id: z.int(), url: z.string(), owner: handle, claimed: z.literal(true) });

// --- email: recovery, verification, address and password, sessions, messages ---------------

const password = z.string().min(8).max(200);
const token = z.string().min(1).max(200).openapi({ description: 'The token from the emailed link' });

export const PasswordResetRequest = z.object({ email: z.string().min(1).max(254) });
export const PasswordResetAnswer = z.object({
  status: z.literal('received'),
  message: z.string().openapi({ description: 'The same sentence whether or not the address has an account' }),
});
export const PasswordResetConfirmRequest = z.object({ token, password });
export const TokenRequest = z.object({ token });
export const EmailChangeRequest = z.object({ email: z.string().min(1).max(254), password: z.string().max(200) });
export const EmailChangeAnswer = z.object({
  status: z.literal('confirmation_sent'),
  email: z.string().openapi({ description: 'The new address: it is used once confirmed from the link sent to it' }),
});
export const EmailAnswer = z.object({ email: z.string(), email_verified: z.boolean() });
export const PasswordChangeRequest = z.object({ current_password: z.string().max(200), new_password: password });
export const SessionsAnswer = z.object({
  sessions: z.array(
    z.object({
      id: z.string().openapi({ description: 'The first characters of the session’s hash: a name, not the token' }),
      created_at: isoTime,
      expires_at: isoTime,
      current: z.boolean().openapi({ description: 'The session this request came with' }),
    }),
  ),
});
export const SignedOutAnswer = z.object({ signed_out: z.int().openapi({ description: 'Sessions ended' }) });
const Topics = z.object({
  receipt: z.boolean().openapi({ description: 'The monthly receipt of what your month gave' }),
  earnings: z.boolean().openapi({ description: 'What came in for you each month' }),
  payout: z.boolean().openapi({ description: 'A payout sent or failed' }),
});
/** Asked and answered alike: which messages come, and their language. */
export const Messages = z.object({ topics: Topics, lang: z.enum(['en', 'de', 'sv']) });
export const OutboxQuery = z.object({
  to: z.string().max(254).optional().openapi({ description: 'Only messages to this address' }),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ description: 'At most this many (default 50)' }),
});
export const OutboxAnswer = z.object({
  messages: z.array(
    z.object({
      to: z.string(),
      subject: z.string(),
      text: z.string().openapi({ description: 'The plain-text part' }),
      sent_at: isoTime.nullable().openapi({ description: 'When the mail service took it; null: failed or still sending' }),
      status: z.enum(['sending', 'sent', 'failed']).openapi({ description: 'failed: tried `attempts` times; the mail queue tries again until the sixth' }),
      attempts: z.int().openapi({ description: 'Deliveries tried so far' }),
      error: z.string().nullable().openapi({ description: "The mail service's last error" }),
    }),
  ),
});
// --- second factors --------------------------------------------------------------------------

const base64url = z
  .string()
  .min(1)
  .max(8192)
  .regex(/^[A-Za-z0-9_-]*$/);

const secondFactorCode = z
  .string()
  .max(40)
  .nullish()
  .openapi({ description: 'With a second factor on: a code from the authenticator app, or a one-time recovery code' });

/** What `PublicKeyCredential.toJSON()` makes of `navigator.credentials.get()` (WebAuthn Level 3). */
export const PasskeyAssertion = z
  .object({
    id: base64url,
    rawId: base64url,
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: base64url,
      authenticatorData: base64url,
      signature: base64url,
      userHandle: base64url.nullish().transform((v) => v ?? undefined),
    }),
    authenticatorAttachment: z
      .enum(['platform', 'cross-platform'])
      .nullish()
      .transform((v) => v ?? undefined),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  })
  .openapi('PasskeyAssertion', { description: 'A passkey’s answer, as PublicKeyCredential.toJSON() gives it' });

/** What `PublicKeyCredential.toJSON()` makes of `navigator.credentials.create()`. */
const PasskeyAttestation = z
  .object({
    id: base64url,
    rawId: base64url,
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: base64url,
      attestationObject: base64url,
      authenticatorData: base64url.optional(),
      transports: z.array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'])).optional(),
      publicKeyAlgorithm: z.int().optional(),
      publicKey: base64url.optional(),
    }),
    authenticatorAttachment: z
      .enum(['platform', 'cross-platform'])
      .nullish()
      .transform((v) => v ?? undefined),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  })
  .openapi('PasskeyAttestation', { description: 'A new passkey, as PublicKeyCredential.toJSON() gives it' });

const secondFactor = {
  code: secondFactorCode,
  passkey: PasskeyAssertion.nullish().openapi({ description: 'Or a passkey’s answer to /me/passkeys/step-up-options' }),
};

export const PayoutRequest = z.object({ amount_cents: minorUnits('Amount', 1), ...secondFactor });

export const WebAuthnOptionsAnswer = z
  .object({
    options: z.record(z.string(), z.unknown()).openapi({ description: 'For PublicKeyCredential.parseCreationOptionsFromJSON / parseRequestOptionsFromJSON' }),
  })
  .openapi('WebAuthnOptions');

export const PasskeySignInRequest = z.object({ credential: PasskeyAssertion });

export const NewPasskeyRequest = z.object({ credential: PasskeyAttestation, name: z.string().max(60).nullish() });

const recoveryCodesList = z.array(z.string()).openapi({ description: 'One-time recovery codes, shown this once (empty when you still have some)' });

export const NewPasskeyAnswer = z.object({ id: z.string(), recovery_codes: recoveryCodesList });

export const PasskeysAnswer = z.object({
  passkeys: z.array(z.object({ id: z.string(), name: z.string(), created_at: isoTime, last_used_at: isoTime.nullable() })),
});

export const PasskeyIdParam = z.object({ id: base64url.openapi({ param: { name: 'id', in: 'path' } }) });

export const PasswordRequest = z.object({ password: z.string().max(200) });

export const TotpStartAnswer = z.object({
  secret: z.string().openapi({ description: 'Base32, for typing into an authenticator app' }),
  uri: z.string().openapi({ description: 'otpauth:// URI (for a QR code)' }),
});

export const CodeRequest = z.object({ code: z.string().min(1).max(40) });

export const RecoveryCodesAnswer = z.object({ recovery_codes: recoveryCodesList });

export const FactorsAnswer = z.object({
  totp: z.boolean(),
  passkeys: z.int(),
  recovery_codes_left: z.int(),
});

// --- closing and export ----------------------------------------------------------------------

export const ClosingAnswer = z.object({
  currency: z.string(),
  balance_cents: signedMinorUnits('Your balance'),
  pledged_cents: signedMinorUnits('What this month’s kudos promised: given at the settlement'),
  remainder_cents: signedMinorUnits('The rest: paid out or given to charity when you close'),
  payout_possible: z.boolean().openapi({ description: 'A payout account exists and the rest reaches the minimum payout' }),
  min_payout_cents: signedMinorUnits('The smallest payout'),
  charity: handle,
  remainder_to: z.enum(['payout', 'charity']).openapi({ description: 'Where the rest goes unless you choose' }),
});

export const CloseRequest = z.object({
  password: z.string().max(200),
  remainder_to: z.enum(['payout', 'charity']).nullish().openapi({ description: 'Default: payout when possible, else charity' }),
  ...secondFactor,
});

export const ClosedAnswer = z.object({
  closed: z.literal(true),
  pledged_cents: signedMinorUnits('Given at this month’s settlement'),
  remainder_cents: signedMinorUnits('Paid out or given to charity now'),
  remainder_to: z.enum(['payout', 'charity']),
});

const at = isoTime.nullable();
const row = <T extends z.ZodRawShape>(shape: T) => z.array(z.object(shape));

export const RollupAnswer = z
  .object({
    month: Month,
    stage: z.enum(['clicks', 'ledger', 'done']),
    objects: z.int().openapi({ description: 'Chunks archived to R2 so far' }),
    bytes: z.int().openapi({ description: 'Their gzipped size' }),
  })
  .openapi('Rollup');

export const ExportAnswer = z
  .object({
    exported_at: isoTime,
    currency: z.string(),
    account: z.object({
      id: z.int(),
      handle,
      email: z.string().nullable(),
      balance_cents: z.int(),
      monthly_budget_cents: z.int(),
      debt_cents: z.int(),
      show_given: z.boolean(),
      invited_by: handle.nullable(),
      created_at: isoTime,
    }),
    profile: z.object({ display_name: z.string(), bio: z.string(), links: z.string(), has_picture: z.boolean() }).nullable(),
    second_factors: z.object({
      totp: z.boolean(),
      recovery_codes_left: z.int(),
      passkeys: row({ id: z.string(), name: z.string(), created_at: isoTime, last_used_at: at }),
    }),
    sites: row({ origin: z.string(), verified_at: isoTime }),
    things: row({ id: z.int(), url: z.string(), title: z.string(), clicks_total: z.int(), claimed: z.boolean(), hidden: z.boolean(), created_at: isoTime }),
    clicks: row({ month: Month, thing_id: z.int(), thing_url: z.string(), thing_title: z.string(), owner: handle, created_at: isoTime }),
    subscriptions: row({
      thing_id: z.int(),
      months: z.int().nullable(),
      months_given: z.int(),
      next_month: Month,
      ended: z.enum(['stopped', 'finished', 'cannot_continue']).nullable(),
      created_at: isoTime,
      ended_at: at,
    }),
    gifts: row({
      thing_id: z.int(),
      amount_cents: z.int(),
      status: z.enum(['waiting', 'booked', 'void']),
      booked_month: Month.nullable(),
      created_at: isoTime,
    }),
    webhook_endpoints: row({ id: z.int(), url: z.string(), disabled: z.string().nullable(), created_at: isoTime }),
    apps_registered: row({ client_id: z.string(), name: z.string(), created_at: isoTime }),
    budget_changes: row({ from_month: Month, cents: z.int() }),
    pledges: row({ month: Month, budget_cents: z.int(), reserved_cents: z.int(), settled_at: at }),
    ledger_entries: row({
      id: z.int(),
      transaction: z.string(),
      kind: z.string(),
      amount_cents: z.int(),
      month: z.string().nullable(),
      counterparty: handle.nullable(),
      thing_id: z.int().nullable(),
      created_at: isoTime,
    }),
    payouts: row({ id: z.int(), amount_cents: z.int(), status: z.string(), failure_reason: z.string().nullable(), created_at: isoTime }),
    deposits: row({ session_id: z.string(), amount_cents: z.int(), currency: z.string(), status: z.string(), created_at: isoTime }),
    payout_account: z.object({ stripe_account_id: z.string(), payouts_enabled: z.boolean() }).nullable(),
    sessions: row({ created_at: isoTime, expires_at: isoTime }),
    invites: row({ code: z.string(), used_by: handle.nullable(), used_at: at }),
    messages: row({ to: z.string(), subject: z.string(), text: z.string(), sent_at: isoTime }),
  })
  .openapi('Export', { description: 'Everything Kudos holds about you (GDPR Art. 15 and 20)' });

// --- subscriptions -----------------------------------------------------------------------------

export const SubscriptionRequest = z
  .object({
    thing_id: z.int().positive().openapi({ example: 42 }),
    months: z
      .union([z.literal(3), z.literal(6), z.literal(12), z.null()])
      .default(null)
      .openapi({ description: 'Calendar months to give for, this one included: 3, 6 or 12; null (the default) until stopped' }),
  })
  .openapi('SubscriptionRequest');

const Subscription = z
  .object({
    id: z.int(),
    thing: z.object({ id: z.int(), title: z.string(), url: z.string(), owner: handle }),
    months: z.int().nullable().openapi({ description: '3, 6 or 12; null: until stopped' }),
    months_given: z.int().openapi({ description: 'Months this thing got your kudos while subscribed' }),
    next_month: Month.openapi({ description: 'The month booked next, from its 1st' }),
    last_refusal: z
      .string()
      .nullable()
      .openapi({ description: "Why the last month due gave nothing (a click's refusal code, e.g. not_funded); null when it gave" }),
    ended: z.enum(['stopped', 'finished', 'cannot_continue']).nullable().openapi({ description: 'null while it runs' }),
    created_at: isoTime,
  })
  .openapi('Subscription');

export const SubscriptionAnswer = z
  .object({
    subscription: Subscription,
    this_month: z
      .object({ given: z.boolean(), refusal: z.string().nullable() })
      .openapi({ description: "This month's kudos, given when the subscription started (or already given by a press)" }),
  })
  .openapi('SubscriptionAnswer');

export const SubscriptionsAnswer = z.object({ subscriptions: z.array(Subscription) }).openapi('Subscriptions');

// --- webhooks ---------------------------------------------------------------------------------

export const WebhookRequest = z
  .object({ url: z.string().max(MAX_URL_LENGTH).openapi({ example: 'https://blog.example/kudos-webhook' }) })
  .openapi('WebhookRequest');

const WebhookEndpoint = z.object({
  id: z.int(),
  url: z.string(),
  disabled: z.string().nullable().openapi({ description: 'Why it was turned off (its deliveries failed every attempt); null while active' }),
});

export const WebhookCreated = WebhookEndpoint.extend({
  secret: z.string().openapi({ description: 'The signing secret (whsec_…), shown only in this answer', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
}).openapi('WebhookCreated');

export const WebhooksAnswer = z
  .object({
    endpoints: z.array(WebhookEndpoint),
    deliveries: z.array(
      z.object({
        id: z.string().openapi({ description: 'The webhook-id header of every attempt' }),
        event: z.enum(['kudos.received', 'month.settled', 'payout.paid', 'payout.failed']),
        endpoint_id: z.int(),
        status: z.enum(['pending', 'delivered', 'failed']),
        attempts: z.int(),
        last_status: z.int().nullable(),
        last_error: z.string().nullable(),
        created_at: z.string(),
      }),
    ),
  })
  .openapi('Webhooks');

export const WebhookIdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '3' }) });

export const SubscriptionIdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '7' }) });
