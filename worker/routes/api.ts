// The public JSON API, v1. Thin: every route is declared with its schemas (worker/http/schemas.ts),
// which validate the request and generate /api/v1/openapi.json; the handler calls an action and
// shapes the answer.
import { createRoute, type z } from '@hono/zod-openapi';
import { bearerAuth } from 'hono/bearer-auth';
import { getCookie } from 'hono/cookie';
import { buttonState } from '../actions/button-state';
import { confirmPassword, logOut, signUp } from '../actions/accounts';
import { closeAccount, closingPreview } from '../actions/closing';
import * as secondFactors from '../actions/factors';
import { exportOf } from '../actions/export';
import { claimThing, disputeThing, hideThing, registerOwnThing, removeThing, verifySite } from '../actions/claims';
import { buttonThing, type Given, giveKudos, givenOrRefuse } from '../actions/give';
import { askForInvite, namedInviter } from '../actions/invite-requests';
import { CHOOSABLE_TOPICS } from '../actions/email';
import {
  changePassword,
  confirmEmailChange,
  confirmPasswordReset,
  confirmVerification,
  requestEmailChange,
  requestPasswordReset,
  sendVerification,
} from '../actions/recovery';
import { siteLang } from '../http/lang';
import { latestOutbox, optOutsOf, setOptOuts } from '../store/outbox';
import { sameSecret } from '../domain/secrets';
import { settleMonth } from '../actions/settle';
import { addFunds, completePayoutOfKey, payoutOnboardingUrl, retryPendingPayouts, setBudget, withdraw } from '../actions/wallet';
import { hasEnded, monthOf, type Month } from '../domain/month';
import { refuse } from '../domain/refusal';
import { BUTTON_REF_REFUSED, cleanTitle, normaliseUrl, readButtonRef } from '../domain/rules';
import { jsonBodies } from '../http/body';
import { type AppContext, pageReading } from '../http/context';
import { idempotencyKey, once } from '../http/idempotency';
import { countAdminFailure, rateLimit } from '../http/rate-limit';
import { requireSecondFactor, signInWithSecondFactor } from './second-factor';
import * as s from '../http/schemas';
import { clearSessionCookie, clickWrites, rememberWrites, requireAccount, SESSION_COOKIE, setSessionCookie, stateReads, viewerRef } from '../http/session';
import * as accounts from '../store/accounts';
import * as factors from '../store/factors';
import { avatarKey } from '../domain/profile';
import { recentAdminCalls, recordAdminCall } from '../store/audit';
import { sitesOf } from '../store/claims';
import { forgetCounts } from '../http/counts-cache';
import { checkLedger, entriesOf, payoutsOf } from '../store/ledger';
import { unreservedBalance } from '../store/pledges';
import { clicksOfGiver, type ThingWithCounts, thingsOfOwner, thingWithCounts } from '../store/things';
import { subscribe, unsubscribe } from '../actions/subscriptions';
import { type SubscriptionView, subscriptionOf, subscriptionsOf } from '../store/subscriptions';
import { counts } from './counts';
import { rollUpMonth } from '../actions/rollup';
import { addWebhookEndpoint } from '../actions/webhooks';
import type { WebhookEvent } from '../domain/webhooks';
import { deliveriesOf, enableEndpoint, endpointsOf, removeEndpoint } from '../store/webhooks';
import type { AppScope } from '../domain/app-scopes';
import { AUTHORIZE_PATH, appMay, oauthApi, TOKEN_PATH } from '../http/oauth';
import { paydayApi } from './payday';

export const api = s.newApiRouter();
api.use(jsonBodies);

// --- describing routes -----------------------------------------------------------------------

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const refused = (description: string) => json(s.ErrorBody, description);

const BAD_INPUT = { 400: refused('Bad input: invalid JSON, wrong types, out-of-range amounts, over-long strings'), 413: refused('Body over 16 KB') };
const SIGNED_IN = { 401: refused('Not signed in'), 403: refused('A cross-site request that would change something') };
const RATE_LIMITED = { 429: refused('rate_limited: too many attempts from this account or address; Retry-After says when to retry') };
const CLICK_REFUSED = {
  402: refused(
    "no_budget: no budget of at least the minimum; not_funded: a month's first kudos needs at least the minimum budget of unreserved balance; debt_outstanding: a refund or dispute must be repaid first",
  ),
  403: refused('own_thing: your own thing; cross_site_request'),
  404: refused('No such thing or owner'),
  409: refused('already_given: already given this month; month_settled: your month is settled already'),
  ...RATE_LIMITED,
};
const session = [{ session: [] }];
/**
 * Signed in on Kudos, or an app the person allowed `scope` (http/oauth.ts): the route's OpenAPI
 * security and the check of the token's scope, from one declaration.
 */
const personOrApp = (scope: AppScope) => ({
  security: [{ session: [] }, { oauth: [scope] }] as Record<string, string[]>[],
  middleware: appMay(scope),
});

// --- accounts --------------------------------------------------------------------------------

api.openapi(
  createRoute({
    method: 'post',
    path: '/signup',
    summary: 'Create an account (needs an invite while invite-only) and sign in',
    security: [],
    request: { body: body(s.SignUpRequest) },
    responses: {
      201: json(s.HandleAnswer, 'Signed up; sets the session cookie'),
      ...BAD_INPUT,
      403: refused('invite_required / invite_invalid, or cross_site_request'),
      409: refused('handle_taken / email_taken'),
      ...RATE_LIMITED,
    },
  }),
  async (c) => {
    const { handle, email, password, invite } = c.req.valid('json');
    await rateLimit(c, 'sign_up', email.trim());
    const { account, token } = await signUp(c.get('db'), c.get('config'), { handle, email, password, invite: invite ?? undefined, lang: siteLang(c) });
    setSessionCookie(c, token);
    await sendVerification(c.get('db'), c.get('config').mail, account);
    return c.json({ handle: account.handle }, 201);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/login',
    summary: 'Sign in; sets the session cookie',
    security: [],
    request: { body: body(s.LogInRequest) },
    responses: {
      200: json(s.HandleAnswer, 'Signed in'),
      ...BAD_INPUT,
      401: refused('unauthorized: wrong email or password; second_factor_required: send "code" too; second_factor_invalid: a wrong or used code'),
      ...RATE_LIMITED,
    },
  }),
  async (c) => {
    const { email, password, code } = c.req.valid('json');
    await rateLimit(c, 'sign_in', email.trim());
    const { account, token } = await signInWithSecondFactor(c, email, password, { code });
    setSessionCookie(c, token);
    return c.json({ handle: account.handle }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/logout',
    summary: 'Sign out',
    security: session,
    responses: { 200: json(s.OkAnswer, 'Signed out'), 403: SIGNED_IN[403] },
  }),
  async (c) => {
    await logOut(c.get('db'), getCookie(c, SESSION_COOKIE));
    clearSessionCookie(c);
    return c.json({ ok: true as const }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me',
    summary: 'The signed-in account',
    ...personOrApp('read'),
    responses: { 200: json(s.MeAnswer, 'You'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const invites = await accounts.listInvites(c.get('db'), me.id);
    const { currency, minBudgetCents } = c.get('config');
    return c.json(
      {
        handle: me.handle,
        email: me.email,
        balance_cents: me.balanceCents,
        // What a payout may take: the balance no month's pledge holds.
        unreserved_cents: await unreservedBalance(c.get('db'), me.id),
        monthly_budget_cents: me.monthlyBudgetCents,
        currency,
        min_budget_cents: minBudgetCents,
        show_given: me.showGiven,
        email_verified: me.emailVerifiedAt !== null,
        invites: invites.map((i) => ({ code: i.code, used_by: i.usedBy, used_at: i.usedAt })),
      },
      200,
    );
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/invite-requests',
    summary: 'Ask for an invite; the answer never says whether the email is known',
    security: [],
    request: { body: body(s.InviteRequestRequest) },
    responses: { 202: json(s.InviteRequestAnswer, 'Received; a code may follow by email'), ...BAD_INPUT, 403: SIGNED_IN[403], ...RATE_LIMITED },
  }),
  async (c) => {
    const { email, note, inviter } = c.req.valid('json');
    await rateLimit(c, 'invite_request', namedInviter(inviter));
    await askForInvite(c.get('db'), { email, note: note ?? undefined, inviter: inviter ?? undefined });
    return c.json({ status: 'received' as const, message: 'Thank you. If there is room, an invite code comes to that address.' }, 202);
  },
);

// --- email: recovery, verification, address and password, sessions, messages ---------------

const RESET_ANSWER = 'If an account has that address, a link to set a new password is on its way. It works once, for one hour.';

api.openapi(
  createRoute({
    method: 'post',
    path: '/password-resets',
    summary: 'Ask for a link that sets a new password; the answer never says whether the address is known',
    security: [],
    request: { body: body(s.PasswordResetRequest) },
    responses: {
      202: json(s.PasswordResetAnswer, 'Received; a link follows by email if the address has an account'),
      ...BAD_INPUT,
      403: SIGNED_IN[403],
      ...RATE_LIMITED,
    },
  }),
  async (c) => {
    const { email } = c.req.valid('json');
    await rateLimit(c, 'password_reset', email.trim());
    await requestPasswordReset(c.get('db'), c.get('config').mail, email);
    return c.json({ status: 'received' as const, message: RESET_ANSWER }, 202);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/password-resets/confirm',
    summary: "Set a new password with the emailed link's token; signs out every session of the account",
    security: [],
    request: { body: body(s.PasswordResetConfirmRequest) },
    responses: {
      200: json(s.HandleAnswer, 'Set; sign in with the new password'),
      ...BAD_INPUT,
      403: SIGNED_IN[403],
      410: refused('link_invalid: used, expired or unknown'),
    },
  }),
  async (c) => {
    const { token, password } = c.req.valid('json');
    const account = await confirmPasswordReset(c.get('db'), token, password);
    clearSessionCookie(c);
    return c.json({ handle: account.handle }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/email-verifications/confirm',
    summary: "Confirm the account's address with the emailed link's token",
    security: [],
    request: { body: body(s.TokenRequest) },
    responses: { 200: json(s.OkAnswer, 'Confirmed'), ...BAD_INPUT, 403: SIGNED_IN[403], 410: refused('link_invalid') },
  }),
  async (c) => {
    await confirmVerification(c.get('db'), c.req.valid('json').token);
    return c.json({ ok: true as const }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/email-verifications',
    summary: 'Send the link that confirms your address again',
    security: session,
    responses: { 202: json(s.OkAnswer, 'Sent (nothing is sent when the address is confirmed already)'), ...SIGNED_IN, ...RATE_LIMITED },
  }),
  async (c) => {
    const me = await requireAccount(c);
    await rateLimit(c, 'password_reset', me.email ?? me.id);
    await sendVerification(c.get('db'), c.get('config').mail, me);
    return c.json({ ok: true as const }, 202);
  },
);

api.openapi(
  createRoute({
    method: 'put',
    path: '/me/email',
    summary: 'Change your address: a link goes to the new one, which must confirm it; the old one is told',
    security: session,
    request: { body: body(s.EmailChangeRequest) },
    responses: {
      202: json(s.EmailChangeAnswer, 'A link went to the new address'),
      ...BAD_INPUT,
      ...SIGNED_IN,
      409: refused('email_taken'),
      ...RATE_LIMITED,
    },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const { email, password } = c.req.valid('json');
    await rateLimit(c, 'password_reset', me.email ?? me.id);
    const address = await requestEmailChange(c.get('db'), c.get('config').mail, me, email, password);
    return c.json({ status: 'confirmation_sent' as const, email: address }, 202);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/email/confirm',
    summary: "Confirm a new address with the link's token",
    security: [],
    request: { body: body(s.TokenRequest) },
    responses: {
      200: json(s.EmailAnswer, 'The address changed'),
      ...BAD_INPUT,
      403: SIGNED_IN[403],
      409: refused('email_taken'),
      410: refused('link_invalid'),
    },
  }),
  async (c) => {
    const account = await confirmEmailChange(c.get('db'), c.get('config').mail, c.req.valid('json').token);
    return c.json({ email: account.email!, email_verified: true }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'put',
    path: '/me/password',
    summary: 'Change your password (the current one is needed); signs out every other session',
    security: session,
    request: { body: body(s.PasswordChangeRequest) },
    responses: { 200: json(s.OkAnswer, 'Changed'), ...BAD_INPUT, 401: SIGNED_IN[401], 403: refused('wrong_password, or cross_site_request'), ...RATE_LIMITED },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const { current_password, new_password } = c.req.valid('json');
    await rateLimit(c, 'sign_in', me.email ?? me.id);
    await changePassword(c.get('db'), c.get('config').mail, me, current_password, new_password, getCookie(c, SESSION_COOKIE));
    return c.json({ ok: true as const }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/sessions',
    summary: 'Where you are signed in',
    security: session,
    responses: { 200: json(s.SessionsAnswer, 'Sessions, newest first'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const rows = await accounts.sessionsOf(c.get('db'), me.id, getCookie(c, SESSION_COOKIE));
    return c.json(
      {
        sessions: rows.map((r) => ({
          id: r.id,
          created_at: new Date(r.createdAt).toISOString(),
          expires_at: new Date(r.expiresAt).toISOString(),
          current: r.current,
        })),
      },
      200,
    );
  },
);

api.openapi(
  createRoute({
    method: 'delete',
    path: '/me/sessions',
    summary: 'Sign out everywhere, this session included',
    security: session,
    responses: { 200: json(s.SignedOutAnswer, 'Signed out everywhere'), ...SIGNED_IN },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const ended = await accounts.endSessionsOf(c.get('db'), me.id);
    clearSessionCookie(c);
    return c.json({ signed_out: ended }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/messages',
    summary: 'Which messages you get, and their language',
    security: session,
    responses: { 200: json(s.Messages, 'Your choice'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    return c.json(await messagesJson(c, me), 200);
  },
);

api.openapi(
  createRoute({
    method: 'put',
    path: '/me/messages',
    summary: 'Choose which messages you get (security messages always come), and their language',
    security: session,
    request: { body: body(s.Messages) },
    responses: { 200: json(s.Messages, 'Saved'), ...BAD_INPUT, ...SIGNED_IN },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const { topics, lang } = c.req.valid('json');
    const db = c.get('db');
    if (me.email)
      await setOptOuts(
        db,
        me.email,
        CHOOSABLE_TOPICS,
        CHOOSABLE_TOPICS.filter((t) => topics[t]),
      );
    await accounts.setLang(db, me.id, lang);
    return c.json(await messagesJson(c, { ...me, lang }), 200);
  },
);

async function messagesJson(c: AppContext, me: accounts.Account): Promise<z.infer<typeof s.Messages>> {
  const off = me.email ? await optOutsOf(c.get('db'), me.email) : [];
  const lang = me.lang === 'de' || me.lang === 'sv' ? me.lang : 'en';
  return { topics: { receipt: !off.includes('receipt'), earnings: !off.includes('earnings'), payout: !off.includes('payout') }, lang };
}

// --- money -----------------------------------------------------------------------------------

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/deposits',
    summary: 'Add funds through the payment provider (dev: at once; Stripe: a Checkout page)',
    security: session,
    request: { headers: s.IdempotencyHeaders, body: body(s.AmountRequest) },
    responses: {
      201: json(s.DepositAnswer, 'Credited'),
      202: json(s.DepositRedirectAnswer, 'Pending: pay on the provider’s checkout page; the webhook credits'),
      ...BAD_INPUT,
      ...SIGNED_IN,
      409: refused('idempotency_conflict: the key was used with another request, or that request is still running'),
      503: refused('payments_unavailable'),
    },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const { amount_cents } = c.req.valid('json');
    const key = idempotencyKey(c);
    return replayable(
      once(c, { accountId: me.id, route: 'deposits' }, key, async () => {
        const result = await addFunds(c.get('db'), c.get('config'), me, amount_cents, Date.now(), key);
        if (result.status === 'redirect') return { status: 202, body: { status: 'pending', redirect_url: result.url } };
        return { status: 201, body: { status: 'completed', provider: result.provider, amount_cents, balance_cents: result.balanceCents } };
      }),
    );
  },
);

api.openapi(
  createRoute({
    method: 'put',
    path: '/me/budget',
    summary: 'Set the monthly budget (0 stops giving)',
    security: session,
    request: { body: body(s.BudgetRequest) },
    responses: { 200: json(s.BudgetAnswer, 'Set'), ...BAD_INPUT, ...SIGNED_IN },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const { monthly_budget_cents } = c.req.valid('json');
    await setBudget(c.get('db'), c.get('config'), me, monthly_budget_cents);
    return c.json({ monthly_budget_cents }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'put',
    path: '/me/settings',
    summary: 'Show or hide what you gave on your public profile',
    security: session,
    request: { body: body(s.SettingsRequest) },
    responses: { 200: json(s.SettingsAnswer, 'Set'), ...BAD_INPUT, ...SIGNED_IN },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const { show_given } = c.req.valid('json');
    await accounts.setShowGiven(c.get('db'), me.id, show_given);
    return c.json({ show_given }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/ledger',
    summary: 'Your ledger entries, newest first',
    description:
      'kinds: deposit; budget (what your month gave to things, or to charity, negative); fee (the platform’s share of your month, negative); share (what a giver’s month gave your thing); payout',
    ...personOrApp('read'),
    request: { query: s.MonthQuery },
    responses: { 200: json(s.LedgerAnswer, 'Entries'), 400: BAD_INPUT[400], 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const month = optionalMonth(c.req.valid('query').month);
    const entries = await entriesOf(c.get('db'), me.id, month);
    return c.json(
      {
        month: month ?? null,
        currency: c.get('config').currency,
        entries: entries.map((e) => ({
          id: e.id,
          kind: e.kind,
          amount_cents: e.amountCents,
          month: e.month,
          counterparty: e.counterparty,
          thing: e.thingId === null ? null : { id: e.thingId, title: e.thingTitle, url: e.thingUrl },
          created_at: new Date(e.createdAt).toISOString(),
        })),
      },
      200,
    );
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/clicks',
    summary: 'What you gave kudos to in a month (default: this month)',
    ...personOrApp('read'),
    request: { query: s.MonthQuery },
    responses: { 200: json(s.ClicksAnswer, 'Clicks'), 400: BAD_INPUT[400], 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const month = optionalMonth(c.req.valid('query').month) ?? monthOf(Date.now());
    const clicks = await clicksOfGiver(c.get('db'), me.id, month, c.get('config').giverShards);
    return c.json(
      {
        month,
        clicks: clicks.map((k) => ({ thing: { id: k.thingId, title: k.title, url: k.url, owner: k.owner }, created_at: new Date(k.at).toISOString() })),
      },
      200,
    );
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/things',
    summary: 'Your things with counts',
    ...personOrApp('read'),
    responses: { 200: json(s.ThingsAnswer, 'Things'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const things = await thingsOfOwner(c.get('db'), me.id, monthOf(Date.now()));
    return c.json({ things: things.map(thingJson) }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/payouts',
    summary: 'Pay out from the balance no pledge holds: a Stripe transfer (dev: pending); with a second factor on, it is asked for',
    security: session,
    request: { headers: s.IdempotencyHeaders, body: body(s.PayoutRequest) },
    responses: {
      201: json(s.PayoutAnswer, 'Booked; the balance after it'),
      ...BAD_INPUT,
      401: refused('Not signed in; second_factor_required / second_factor_invalid'),
      403: SIGNED_IN[403],
      ...RATE_LIMITED,
      409: refused('idempotency_conflict'),
      422: refused(
        "insufficient_balance: more than the balance; balance_reserved: more than the unreserved balance (pledged by this month's kudos); out_of_range: under the minimum",
      ),
    },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const { amount_cents, code, passkey } = c.req.valid('json');
    const key = idempotencyKey(c);
    const db = c.get('db');
    const config = c.get('config');
    return replayable(
      once(
        c,
        { accountId: me.id, route: 'payouts' },
        key,
        async () => {
          await requireSecondFactor(c, me, { code, passkey });
          const payout = await withdraw(db, config, me, amount_cents, Date.now(), key);
          return { status: 201, body: { id: payout.id, status: payout.status, amount_cents: payout.amountCents, balance_cents: payout.balanceCents } };
        },
        // A repeat answers as the first did, and finishes a transfer the first left pending.
        key === undefined ? undefined : () => completePayoutOfKey(db, config, me, key),
      ),
    );
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/payout-account',
    summary: 'Say where payouts go: a Stripe Connect onboarding link for this account (made once, then refreshed)',
    security: session,
    responses: {
      202: json(s.PayoutAccountAnswer, 'Open the link; payouts open when Stripe has checked the details'),
      ...SIGNED_IN,
      503: refused('payments_unavailable: Stripe cannot be reached; try again later'),
    },
  }),
  async (c) => {
    const me = await requireAccount(c);
    return c.json({ redirect_url: await payoutOnboardingUrl(c.get('db'), c.get('config'), me) }, 202);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/payouts',
    summary: 'Your payout requests',
    ...personOrApp('read'),
    responses: { 200: json(s.PayoutsAnswer, 'Payouts'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const rows = await payoutsOf(c.get('db'), me.id);
    return c.json(
      {
        payouts: rows.map((p) => ({
          id: p.id,
          amount_cents: p.amountCents,
          status: p.status,
          failure_reason: p.failureReason,
          created_at: new Date(p.createdAt).toISOString(),
        })),
      },
      200,
    );
  },
);

// --- things and kudos ------------------------------------------------------------------------

api.openapi(
  createRoute({
    method: 'post',
    path: '/things',
    summary: 'Register a thing you own; one thing per (owner, normalised URL); claims one a reader registered for you',
    ...personOrApp('things'),
    request: { body: body(s.NewThingRequest) },
    responses: { 201: json(s.NewThingAnswer, 'Registered (or the one already registered)'), ...BAD_INPUT, ...SIGNED_IN },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const input = c.req.valid('json');
    const url = normaliseUrl(input.url);
    if (!url) throw refuse('invalid_field', '"url" must be an absolute http(s) URL.');
    const title = cleanTitle(input.title);
    if (!title) throw refuse('invalid_field', '"title" must not be blank.');
    const thing = await registerOwnThing(c.get('db'), me, url, title);
    return c.json({ id: thing.id, url: thing.url, title: thing.title, owner: me.handle }, 201);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/things/{id}',
    summary: 'A thing with its counts',
    security: [],
    request: { params: s.ThingIdParam },
    responses: { 200: json(s.Thing, 'The thing'), 404: refused('No such thing, or hidden by its owner') },
  }),
  async (c) => {
    const thing = await thingWithCounts(c.get('db'), thingId(c.req.valid('param').id), monthOf(Date.now()));
    if (!thing || thing.hidden) throw refuse('not_found', 'No such thing.');
    return c.json(thingJson(thing), 200);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/button',
    summary: "A button's counts and the viewer's status",
    // Anyone; the viewer's own status when signed in, or for an app with `read`.
    security: [{}, { session: [] }, { oauth: ['read'] }] as Record<string, string[]>[],
    middleware: appMay('read'),
    request: { query: s.ButtonQuery },
    responses: { 200: json(s.ButtonStateAnswer, 'The button'), 400: BAD_INPUT[400], 404: refused('No such owner') },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const ref = readButtonRef(query.owner, query.url);
    if (!ref) throw refuse('invalid_field', BUTTON_REF_REFUSED);
    // One query; a read replica may answer, at least as new as this browser's last click (docs/embed.md "One query per button state").
    const state = await buttonState(stateReads(c), c.get('config'), await viewerRef(c), ref.owner, ref.url);
    if (!state) throw refuse('not_found', `No Kudos account is called "${query.owner}".`);
    const { viewerId: _, verdict: __, ...answer } = state;
    return c.json(answer, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/things/{id}/clicks',
    summary: 'Give kudos to a thing',
    ...personOrApp('give'),
    request: { params: s.ThingIdParam },
    responses: { 201: json(s.ClickAnswer, 'Given'), 401: SIGNED_IN[401], ...CLICK_REFUSED },
  }),
  async (c) => {
    const primary = clickWrites(c);
    const answer = await giveKudos(primary, c.get('config'), await rateLimitedGiver(c), { thingId: thingId(c.req.valid('param').id) });
    rememberWrites(c, primary);
    return c.json(await clickAnswer(c, givenOrRefuse(answer)), 201);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/clicks',
    summary: "Give kudos from a button's parameters, registering the thing on its first click",
    ...personOrApp('give'),
    request: { body: body(s.ButtonClickRequest) },
    responses: { 201: json(s.ClickAnswer, 'Given'), ...BAD_INPUT, 401: SIGNED_IN[401], ...CLICK_REFUSED },
  }),
  async (c) => {
    const giver = await rateLimitedGiver(c);
    const { owner, url, title } = c.req.valid('json');
    const primary = clickWrites(c);
    const answer = await giveKudos(primary, c.get('config'), giver, buttonThing(owner, url, title ?? undefined));
    rememberWrites(c, primary);
    return c.json(await clickAnswer(c, givenOrRefuse(answer)), 201);
  },
);

/**
 * Who gives, counted against the giving rate limit. The key is the session (a person's sessions
 * are theirs alone), so the click keeps its one D1 round trip: no account lookup before it.
 */
async function rateLimitedGiver(c: AppContext) {
  const giver = await viewerRef(c);
  if ('sessionTokenHash' in giver) await rateLimit(c, 'give', giver.sessionTokenHash);
  // An app giving for a person counts against the same limit as the person.
  if ('accountId' in giver) await rateLimit(c, 'give', String(giver.accountId));
  return giver;
}

/** The answer from the counts the click's own batch returned: no read after the write. */
async function clickAnswer(c: AppContext, { month, owner, thing }: Given) {
  // Signed-out buttons read cached counts; drop them so this click shows at once.
  await forgetCounts(c, owner, thing.url);
  return { thing: thingJson({ ...thing, owner }), month };
}

// --- webhooks: a creator's server told what happens (Standard Webhooks, docs/webhooks.md) -----

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/webhooks',
    summary: 'Your webhook endpoints and the latest 25 deliveries',
    security: session,
    responses: { 200: json(s.WebhooksAnswer, 'Endpoints and deliveries'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const db = c.get('db');
    const [endpoints, deliveries] = await Promise.all([endpointsOf(db, me.id), deliveriesOf(db, me.id)]);
    return c.json(
      {
        endpoints: endpoints.map((e) => ({ id: e.id, url: e.url, disabled: e.disabledReason })),
        deliveries: deliveries.map((d) => ({
          id: d.id,
          event: d.event as WebhookEvent,
          endpoint_id: d.endpointId,
          status: d.status,
          attempts: d.attempts,
          last_status: d.lastStatus,
          last_error: d.lastError,
          created_at: new Date(d.createdAt).toISOString(),
        })),
      },
      200,
    );
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/webhooks',
    summary: 'Add a webhook endpoint; its signing secret is in this answer only',
    security: session,
    request: { body: body(s.WebhookRequest) },
    responses: { 201: json(s.WebhookCreated, 'Added'), ...BAD_INPUT, ...SIGNED_IN },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const endpoint = await addWebhookEndpoint(c.get('db'), c.get('config'), me.id, c.req.valid('json').url);
    return c.json({ id: endpoint.id, url: endpoint.url, disabled: null, secret: endpoint.secret }, 201);
  },
);

api.openapi(
  createRoute({
    method: 'delete',
    path: '/me/webhooks/{id}',
    summary: 'Remove a webhook endpoint and its log',
    security: session,
    request: { params: s.WebhookIdParam },
    responses: { 204: { description: 'Removed' }, ...SIGNED_IN, 404: refused('No endpoint of yours with that id') },
  }),
  async (c) => {
    const me = await requireAccount(c);
    if (!(await removeEndpoint(c.get('db'), me.id, Number(c.req.valid('param').id)))) throw refuse('not_found', 'No endpoint of yours with that id.');
    return c.body(null, 204);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/webhooks/{id}/enable',
    summary: 'Turn a disabled webhook endpoint on again',
    security: session,
    request: { params: s.WebhookIdParam },
    responses: { 204: { description: 'On again' }, ...SIGNED_IN, 404: refused('No endpoint of yours with that id') },
  }),
  async (c) => {
    const me = await requireAccount(c);
    if (!(await enableEndpoint(c.get('db'), me.id, Number(c.req.valid('param').id)))) throw refuse('not_found', 'No endpoint of yours with that id.');
    return c.body(null, 204);
  },
);

// --- subscriptions: giving to a thing every month ---------------------------------------------

const subscriptionJson = (row: SubscriptionView) => ({
  id: row.id,
  thing: { id: row.thingId, title: row.title, url: row.url, owner: row.owner },
  months: row.months,
  months_given: row.monthsGiven,
  next_month: row.nextMonth,
  last_refusal: row.lastRefusal,
  ended: row.endReason,
  created_at: new Date(row.createdAt).toISOString(),
});

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/subscriptions',
    summary: "Give to a thing every month (for 3, 6 or 12 months, or until stopped); this month's kudos are given now",
    ...personOrApp('give'),
    request: { body: body(s.SubscriptionRequest) },
    responses: {
      201: json(s.SubscriptionAnswer, 'Started'),
      ...BAD_INPUT,
      ...SIGNED_IN,
      403: refused('own_thing: your own thing; cross_site_request'),
      404: refused('No such thing'),
      409: refused('already_subscribed: you already give to this thing every month'),
      410: refused('account_closed: its owner closed their account'),
      ...RATE_LIMITED,
    },
  }),
  async (c) => {
    const me = await requireAccount(c);
    await rateLimit(c, 'give', String(me.id));
    const { thing_id, months } = c.req.valid('json');
    const { subscription, thisMonth } = await subscribe(c.get('db'), c.get('config'), me.id, thing_id, months);
    if (thisMonth.verdict === 'given') await forgetCounts(c, thisMonth.owner, thisMonth.thing.url);
    const row = (await subscriptionOf(c.get('db'), me.id, subscription.id))!;
    const given = thisMonth.verdict === 'given' || thisMonth.verdict === 'already_given';
    return c.json({ subscription: subscriptionJson(row), this_month: { given, refusal: given ? null : thisMonth.verdict } }, 201);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/subscriptions',
    summary: 'Your subscriptions: running ones first, then the ended',
    ...personOrApp('read'),
    responses: { 200: json(s.SubscriptionsAnswer, 'Subscriptions'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    return c.json({ subscriptions: (await subscriptionsOf(c.get('db'), me.id)).map(subscriptionJson) }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'delete',
    path: '/me/subscriptions/{id}',
    summary: "Stop a subscription; this month's kudos, once given, stay",
    ...personOrApp('give'),
    request: { params: s.SubscriptionIdParam },
    responses: { 204: { description: 'Stopped' }, ...SIGNED_IN, 404: refused('No running subscription of yours with that id') },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const id = Number(c.req.valid('param').id);
    if (!Number.isSafeInteger(id)) throw refuse('not_found', 'You have no running subscription with that id.');
    await unsubscribe(c.get('db'), me.id, id);
    return c.body(null, 204);
  },
);

// --- whose things are whose: sites, claiming, hiding, disputes ------------------------------

const NOT_YOURS = { 403: refused('not_your_thing: only its named owner may; cross_site_request'), 404: refused('No such thing') };

api.openapi(
  createRoute({
    method: 'post',
    path: '/sites',
    summary: 'Verify a site as yours; claims what readers registered for you there',
    security: session,
    request: { body: body(s.SiteRequest) },
    responses: {
      200: json(s.SiteAnswer, 'Verified'),
      ...BAD_INPUT,
      ...SIGNED_IN,
      422: refused(
        'site_not_verified: neither the home page’s <head> kudos:owner meta nor /.well-known/kudos names you; fetch_refused, page_timeout, page_too_large, page_unreachable: the site could not be read',
      ),
      429: refused('rate_limited: too many pages read for you or your address; see Retry-After'),
    },
  }),
  async (c) => {
    const me = await requireAccount(c);
    await rateLimit(c, 'read_page', me.id);
    const { origin, claimed } = await verifySite(c.get('db'), me, c.req.valid('json').url, pageReading(c));
    return c.json({ origin, verified: true as const, things_claimed: claimed }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/sites',
    summary: 'Your verified sites',
    ...personOrApp('read'),
    responses: { 200: json(s.SitesAnswer, 'Sites'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const sites = await sitesOf(c.get('db'), me.id);
    return c.json({ sites: sites.map((site) => ({ origin: site.origin, verified_at: new Date(site.verifiedAt).toISOString(), proof: site.proof })) }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/unclaimed',
    summary: 'Things readers registered for you, waiting for you to claim them',
    ...personOrApp('read'),
    responses: { 200: json(s.UnclaimedAnswer, 'Waiting things'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const things = await thingsOfOwner(c.get('db'), me.id, monthOf(Date.now()), 'unclaimed');
    return c.json({ things: things.map((t) => ({ id: t.id, url: t.url, title: t.title, clicks_total: t.clicksTotal })) }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/things/{id}/claim',
    summary: 'Claim a thing a reader registered for you',
    security: session,
    request: { params: s.ThingIdParam },
    responses: { 200: json(s.ClaimAnswer, 'Claimed'), 401: SIGNED_IN[401], ...NOT_YOURS },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const thing = await claimThing(c.get('db'), me, thingId(c.req.valid('param').id));
    return c.json({ id: thing.id, claimed: true as const }, 200);
  },
);

for (const [action, hidden] of [
  ['hide', true],
  ['show', false],
] as const) {
  api.openapi(
    createRoute({
      method: 'post',
      path: `/things/{id}/${action}`,
      summary: hidden ? 'Hide your thing from every public page' : 'Show your hidden thing again',
      security: session,
      request: { params: s.ThingIdParam },
      responses: { 200: json(s.HiddenAnswer, hidden ? 'Hidden' : 'Shown'), 401: SIGNED_IN[401], ...NOT_YOURS },
    }),
    async (c) => {
      const me = await requireAccount(c);
      const id = thingId(c.req.valid('param').id);
      await hideThing(c.get('db'), me, id, hidden);
      return c.json({ id, hidden }, 200);
    },
  );
}

api.openapi(
  createRoute({
    method: 'delete',
    path: '/things/{id}',
    summary: 'Remove your thing; one with settled kudos stays in the books, hidden',
    security: session,
    request: { params: s.ThingIdParam },
    responses: { 200: json(s.RemoveAnswer, 'Removed or hidden'), 401: SIGNED_IN[401], ...NOT_YOURS },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const id = thingId(c.req.valid('param').id);
    return c.json({ id, outcome: await removeThing(c.get('db'), me, id, c.get('config').giverShards) }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/things/{id}/dispute',
    summary: "Take someone else's thing on your verified site, with its unsettled kudos",
    security: session,
    request: { params: s.ThingIdParam },
    responses: {
      200: json(s.DisputeAnswer, 'The thing is yours'),
      401: SIGNED_IN[401],
      ...NOT_YOURS,
      422: refused('site_not_verified: you have not verified the thing’s site (or its proof, verified before proofs were strict, no longer names you)'),
    },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const thing = await disputeThing(c.get('db'), me, thingId(c.req.valid('param').id), pageReading(c), c.get('config').giverShards);
    return c.json({ id: thing.id, url: thing.url, owner: me.handle, claimed: true as const }, 200);
  },
);

// --- second factors: passkeys, TOTP, recovery codes ----------------------------------------

const PASSWORD_WRONG = { 401: refused('Not signed in, or not your password') };

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/factors',
    summary: 'Which second factors you have on',
    security: session,
    responses: { 200: json(s.FactorsAnswer, 'Your factors'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const on = await factors.factorsOf(c.get('db'), me.id);
    return c.json({ totp: on.totp, passkeys: on.passkeys, recovery_codes_left: on.recoveryCodesLeft }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/passkeys/sign-in-options',
    summary: 'A challenge for navigator.credentials.get: sign in with a passkey (no email or password)',
    security: [],
    responses: { 200: json(s.WebAuthnOptionsAnswer, 'Request options'), 403: SIGNED_IN[403], ...RATE_LIMITED },
  }),
  async (c) => {
    // Each answer stores a challenge for anyone who asks: counted per client address.
    await rateLimit(c, 'sign_in', `passkey-options:${c.req.header('CF-Connecting-IP') ?? 'unknown'}`);
    return c.json({ options: { ...(await secondFactors.passkeyAuthenticationOptions(c.get('db'), c.get('config'), null)) } }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/passkeys/sign-in',
    summary: 'Sign in with a passkey’s answer to /passkeys/sign-in-options; sets the session cookie',
    security: [],
    request: { body: body(s.PasskeySignInRequest) },
    responses: { 200: json(s.HandleAnswer, 'Signed in'), ...BAD_INPUT, 403: SIGNED_IN[403], ...RATE_LIMITED },
  }),
  async (c) => {
    const { credential } = c.req.valid('json');
    await rateLimit(c, 'sign_in', `passkey:${credential.id}`);
    const account = await secondFactors.verifyPasskeyAnswer(c.get('db'), c.get('config'), credential, { purpose: 'sign_in', accountId: null });
    setSessionCookie(c, await accounts.startSession(c.get('db'), account.id));
    return c.json({ handle: account.handle }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/passkeys/options',
    summary: 'A challenge for navigator.credentials.create: add a passkey',
    security: session,
    responses: { 200: json(s.WebAuthnOptionsAnswer, 'Creation options'), ...SIGNED_IN },
  }),
  async (c) => {
    const me = await requireAccount(c);
    return c.json({ options: { ...(await secondFactors.passkeyRegistrationOptions(c.get('db'), c.get('config'), me)) } }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/passkeys',
    summary: 'Add the passkey the browser created for /me/passkeys/options',
    security: session,
    request: { body: body(s.NewPasskeyRequest) },
    responses: { 201: json(s.NewPasskeyAnswer, 'Added'), ...BAD_INPUT, ...SIGNED_IN, 409: refused('second_factor_on: that passkey is registered already') },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const { credential, name } = c.req.valid('json');
    const added = await secondFactors.registerPasskey(c.get('db'), c.get('config'), me, credential, name ?? '');
    return c.json({ id: added.credentialId, recovery_codes: added.recoveryCodes }, 201);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/passkeys',
    summary: 'Your passkeys',
    security: session,
    responses: { 200: json(s.PasskeysAnswer, 'Passkeys'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const rows = await factors.passkeysOf(c.get('db'), me.id);
    return c.json({ passkeys: rows.map(passkeyJson) }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/passkeys/step-up-options',
    summary: 'A challenge for one of your passkeys, to answer in a payout or when closing the account',
    security: session,
    responses: { 200: json(s.WebAuthnOptionsAnswer, 'Request options'), ...SIGNED_IN, 404: refused('You have no passkey') },
  }),
  async (c) => {
    const me = await requireAccount(c);
    return c.json({ options: { ...(await secondFactors.passkeyAuthenticationOptions(c.get('db'), c.get('config'), me.id)) } }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'delete',
    path: '/me/passkeys/{id}',
    summary: 'Remove one of your passkeys (needs your password)',
    security: session,
    request: { params: s.PasskeyIdParam, body: body(s.PasswordRequest) },
    responses: { 200: json(s.OkAnswer, 'Removed'), ...BAD_INPUT, ...PASSWORD_WRONG, 403: SIGNED_IN[403], 404: refused('No passkey of yours by that id') },
  }),
  async (c) => {
    const me = await requireAccount(c);
    await confirmPassword(me, c.req.valid('json').password);
    await secondFactors.removePasskey(c.get('db'), me, c.req.valid('param').id);
    return c.json({ ok: true as const }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/totp',
    summary: 'Start codes from an authenticator app (TOTP, RFC 6238): a new secret, off until confirmed',
    security: session,
    responses: { 201: json(s.TotpStartAnswer, 'The secret for the app'), ...SIGNED_IN, 409: refused('second_factor_on: codes are on already') },
  }),
  async (c) => {
    const me = await requireAccount(c);
    return c.json(await secondFactors.startTotp(c.get('db'), me), 201);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/totp/confirm',
    summary: 'Turn TOTP on with a first code from the app; answers recovery codes once',
    security: session,
    request: { body: body(s.CodeRequest) },
    responses: {
      200: json(s.RecoveryCodesAnswer, 'On'),
      ...BAD_INPUT,
      401: refused('Not signed in; second_factor_invalid: a wrong code'),
      403: SIGNED_IN[403],
      404: refused('No secret started'),
      409: refused('second_factor_on'),
      ...RATE_LIMITED,
    },
  }),
  async (c) => {
    const me = await requireAccount(c);
    await rateLimit(c, 'second_factor', me.id);
    const { recoveryCodes } = await secondFactors.confirmTotp(c.get('db'), me, c.req.valid('json').code);
    return c.json({ recovery_codes: recoveryCodes }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'delete',
    path: '/me/totp',
    summary: 'Turn codes from an authenticator app off (needs your password)',
    security: session,
    request: { body: body(s.PasswordRequest) },
    responses: { 200: json(s.OkAnswer, 'Off'), ...BAD_INPUT, ...PASSWORD_WRONG, 403: SIGNED_IN[403] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    await confirmPassword(me, c.req.valid('json').password);
    await secondFactors.removeTotp(c.get('db'), me);
    return c.json({ ok: true as const }, 200);
  },
);

api.openapi(
  createRoute({
    method: 'post',
    path: '/me/recovery-codes',
    summary: 'Ten new recovery codes, replacing the old ones (needs your password)',
    security: session,
    request: { body: body(s.PasswordRequest) },
    responses: { 201: json(s.RecoveryCodesAnswer, 'New codes, shown this once'), ...BAD_INPUT, ...PASSWORD_WRONG, 403: SIGNED_IN[403] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    await confirmPassword(me, c.req.valid('json').password);
    return c.json({ recovery_codes: await secondFactors.newRecoveryCodes(c.get('db'), me.id) }, 201);
  },
);

// --- your data, and closing the account ------------------------------------------------------

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/export',
    summary: 'Everything Kudos holds about you, as one JSON document (a download)',
    security: session,
    responses: { 200: json(s.ExportAnswer, 'Your data'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    c.header('Content-Disposition', `attachment; filename="kudos-${me.handle}.json"`);
    c.header('Cache-Control', 'no-store');
    return c.json(await exportOf(c.get('db'), c.get('config'), me), 200);
  },
);

api.openapi(
  createRoute({
    method: 'get',
    path: '/me/closing',
    summary: 'What closing your account would do with your money',
    security: session,
    responses: { 200: json(s.ClosingAnswer, 'The amounts'), 401: SIGNED_IN[401] },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const config = c.get('config');
    const preview = await closingPreview(c.get('db'), config, me);
    return c.json(
      {
        currency: config.currency,
        balance_cents: preview.balanceCents,
        pledged_cents: preview.pledgedCents,
        remainder_cents: preview.remainderCents,
        payout_possible: preview.payoutPossible,
        min_payout_cents: config.minPayoutCents,
        charity: config.charityHandle,
        remainder_to: preview.remainderTo,
      },
      200,
    );
  },
);

api.openapi(
  createRoute({
    method: 'delete',
    path: '/me',
    summary: 'Close your account: this month’s kudos are still given; the rest is paid out or given to charity; your personal data is erased',
    security: session,
    request: { body: body(s.CloseRequest) },
    responses: {
      200: json(s.ClosedAnswer, 'Closed; the session is gone'),
      ...BAD_INPUT,
      401: refused('Not signed in; not your password; second_factor_required / second_factor_invalid'),
      403: SIGNED_IN[403],
      409: refused('no_payout_account: a payout was chosen without a payout account'),
      ...RATE_LIMITED,
    },
  }),
  async (c) => {
    const me = await requireAccount(c);
    const { password, remainder_to, code, passkey } = c.req.valid('json');
    await rateLimit(c, 'sign_in', me.id);
    await confirmPassword(me, password);
    await requireSecondFactor(c, me, { code, passkey });
    const closed = await closeAccount(c.get('db'), c.get('config'), oauthApi(c), me, remainder_to ?? undefined);
    await c.env.AVATARS.delete(avatarKey(me.id));
    clearSessionCookie(c);
    return c.json({ closed: true as const, pledged_cents: closed.pledgedCents, remainder_cents: closed.remainderCents, remainder_to: closed.remainderTo }, 200);
  },
);

// --- admin: bearer token from the ADMIN_TOKEN secret -----------------------------------------

const admin = s.newApiRouter();
const adminOnly = [{ admin: [] }];
const NO_TOKEN = {
  401: refused('No or a wrong admin token'),
  429: refused('rate_limited: too many wrong admin tokens from this address; Retry-After says when to retry'),
};

// Every admin call is recorded, refused ones too: they are how a leaked or guessed token shows.
// Registered before the token check, so a refusal (already an answer by then) is recorded as one.
admin.use(async (c, next) => {
  const body = ['GET', 'HEAD'].includes(c.req.method) ? null : (await c.req.text()).slice(0, 500);
  try {
    await next();
  } finally {
    const status = c.res.status;
    await recordAdminCall(c.get('db'), {
      method: c.req.method,
      path: c.req.path,
      authorized: status !== 401 && status !== 429,
      status,
      body,
      client: c.req.header('CF-Connecting-IP') ?? null,
    });
  }
});

admin.use(
  bearerAuth({
    verifyToken: async (token, c) => {
      const expected = (c as AppContext).get('config').adminToken;
      if (expected !== '' && (await sameSecret(token, expected))) return true;
      // Over the limit this throws: 429 rate_limited with Retry-After instead of the 401.
      await countAdminFailure(c as AppContext);
      return false;
    },
  }),
);

admin.openapi(
  createRoute({
    method: 'post',
    path: '/rollups',
    summary: 'Roll up a settled month past its dispute window (detail to R2, totals kept); 202 while unfinished, call again to resume',
    security: adminOnly,
    request: { body: body(s.SettleRequest) },
    responses: {
      200: json(s.RollupAnswer, 'Rolled up'),
      202: json(s.RollupAnswer, 'Not finished yet: call again to resume'),
      ...BAD_INPUT,
      ...NO_TOKEN,
      422: refused('month_not_ended: not settled, or within its dispute window'),
      503: refused('payments_unavailable: no ARCHIVE bucket bound'),
    },
  }),
  async (c) => {
    const { month } = c.req.valid('json');
    if (!c.env.ARCHIVE) throw refuse('payments_unavailable', 'No ARCHIVE bucket is bound (wrangler.toml [[r2_buckets]]).');
    // A few chunks per request, well inside its limits; calling again resumes.
    const run = await rollUpMonth(c.get('db'), c.env.ARCHIVE, month, { budget: { chunks: 20 } }, c.get('config').giverShards);
    const answer = { month: run.month, stage: run.stage, objects: run.objects, bytes: run.bytes };
    return run.stage === 'done' ? c.json(answer, 200) : c.json(answer, 202);
  },
);

admin.openapi(
  createRoute({
    method: 'post',
    path: '/settlements',
    summary: 'Settle an ended month (what the cron runs); 202 while unfinished, call again to resume',
    security: adminOnly,
    request: { body: body(s.SettleRequest) },
    responses: {
      200: json(s.SettlementAnswer, 'Settled'),
      202: json(s.SettlementAnswer, 'Not finished yet: call again to resume'),
      ...BAD_INPUT,
      ...NO_TOKEN,
      422: refused('month_not_ended'),
    },
  }),
  async (c) => {
    const { month } = c.req.valid('json');
    if (!hasEnded(month, Date.now())) throw refuse('month_not_ended', `${month} has not ended yet.`);
    // Stop well inside one request's limits; calling again resumes where this one stopped.
    const run = await settleMonth(c.get('db'), c.get('config'), month, { deadline: Date.now() + 20_000 });
    const answer = {
      month: run.month,
      stage: run.stage,
      people_settled: run.peopleSettled,
      clicks_settled: run.clicksSettled,
      started_at: new Date(run.startedAt).toISOString(),
      finished_at: run.finishedAt ? new Date(run.finishedAt).toISOString() : null,
      failures: run.failures.map((f) => ({ handle: f.handle, reason: f.reason, attempts: f.attempts })),
    };
    return run.stage === 'done' ? c.json(answer, 200) : c.json(answer, 202);
  },
);

admin.openapi(
  createRoute({
    method: 'post',
    path: '/invites',
    summary: 'Mint invite codes owned by nobody',
    security: adminOnly,
    request: { body: body(s.MintInvitesRequest) },
    responses: { 201: json(s.InvitesAnswer, 'Minted'), ...BAD_INPUT, ...NO_TOKEN },
  }),
  async (c) => c.json({ invites: await accounts.mintInvites(c.get('db'), c.req.valid('json').count) }, 201),
);

admin.openapi(
  createRoute({
    method: 'get',
    path: '/ledger-check',
    summary: "The ledger's invariants",
    security: adminOnly,
    responses: { 200: json(s.LedgerCheckAnswer, 'The check'), ...NO_TOKEN },
  }),
  async (c) => {
    const check = await checkLedger(c.get('db'));
    return c.json(
      { sum_of_all_entries: check.sumOfAllEntries, unbalanced_transactions: check.unbalancedTransactions, accounts_off_balance: check.accountsOffBalance },
      200,
    );
  },
);

admin.openapi(
  createRoute({
    method: 'post',
    path: '/payouts/retry',
    summary: 'Send the transfers of payouts left pending when Stripe could not be reached',
    security: adminOnly,
    responses: { 200: json(s.PayoutRetryAnswer, 'Tried'), ...NO_TOKEN },
  }),
  async (c) => {
    const { tried, pending } = await retryPendingPayouts(c.get('db'), c.get('config'));
    return c.json({ tried, still_pending: pending }, 200);
  },
);

admin.openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    summary: 'The latest 100 admin calls',
    security: adminOnly,
    responses: { 200: json(s.AuditAnswer, 'Calls'), ...NO_TOKEN },
  }),
  async (c) => {
    const calls = await recentAdminCalls(c.get('db'));
    return c.json(
      {
        calls: calls.map((a) => ({
          id: a.id,
          method: a.method,
          path: a.path,
          authorized: a.authorized,
          status: a.status,
          body: a.body,
          client: a.client,
          at: new Date(a.createdAt).toISOString(),
        })),
      },
      200,
    );
  },
);

admin.openapi(
  createRoute({
    method: 'get',
    path: '/outbox',
    summary: 'The emails Kudos sent, newest first',
    security: adminOnly,
    request: { query: s.OutboxQuery },
    responses: { 200: json(s.OutboxAnswer, 'Messages'), 400: BAD_INPUT[400], ...NO_TOKEN },
  }),
  async (c) => {
    const { to, limit } = c.req.valid('query');
    const rows = await latestOutbox(c.get('db'), { limit: limit ?? 50, to: to?.trim().toLowerCase() });
    return c.json(
      {
        messages: rows.map((m) => ({
          to: m.toEmail,
          subject: m.subject,
          text: m.body,
          sent_at: m.sentAt === null ? null : new Date(m.sentAt).toISOString(),
          status: m.status,
          attempts: m.attempts,
          error: m.error,
        })),
      },
      200,
    );
  },
);

api.route('/admin', admin);
// The buttons' one public request, in its own router (routes/counts.ts).
api.route('/', counts);
// The public payday record (routes/payday.tsx).
api.route('/', paydayApi);

// --- the document ----------------------------------------------------------------------------

api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
api.openAPIRegistry.registerComponent('securitySchemes', 'admin', { type: 'http', scheme: 'bearer' });
api.openAPIRegistry.registerComponent('securitySchemes', 'oauth', {
  type: 'oauth2',
  description: 'An app acting for a person (docs/apps.md). Metadata: /.well-known/oauth-authorization-server',
  flows: {
    authorizationCode: {
      authorizationUrl: AUTHORIZE_PATH,
      tokenUrl: TOKEN_PATH,
      refreshUrl: TOKEN_PATH,
      scopes: { read: 'Read the account, its kudos and stats', give: 'Give kudos, and give every month', things: 'Register things' },
    },
  },
});

api.doc31('/openapi.json', (c) => ({
  openapi: '3.1.0',
  info: {
    title: 'Kudos API',
    version: '1.0.0',
    description:
      'Social micro-donations: fund a monthly budget, click Kudos buttons, the budget is split at month end. Amounts (`*_cents`) are integers in the minor unit of `currency` (cents for EUR, yen for JPY, fils for KWD).',
  },
  servers: [{ url: `${new URL(c.req.url).origin}/api/v1` }],
}));

// --- helpers ---------------------------------------------------------------------------------

/**
 * `once` answers with the first request's stored JSON (or this one's), shaped by the same
 * schemas; its Response is not typed per route, so the route's types are vouched for here.
 */
const replayable = (answer: Promise<Response>) => answer as Promise<never>;

function thingJson(t: ThingWithCounts): z.infer<typeof s.Thing> {
  return {
    id: t.id,
    url: t.url,
    title: t.title,
    owner: t.owner,
    clicks_total: t.clicksTotal,
    clicks_this_month: t.clicksThisMonth,
    claimed: t.claimed,
    hidden: t.hidden,
  };
}

function passkeyJson(p: factors.Passkey) {
  return {
    id: p.credentialId,
    name: p.name,
    created_at: new Date(p.createdAt).toISOString(),
    last_used_at: p.lastUsedAt === null ? null : new Date(p.lastUsedAt).toISOString(),
  };
}

function thingId(param: string): number {
  const id = Number(param);
  if (!/^\d{1,15}$/.test(param) || !Number.isSafeInteger(id)) throw refuse('not_found', 'No such thing.');
  return id;
}

/** The schema checked the month's form; an empty `?month=` means none. */
function optionalMonth(text: string | undefined): Month | undefined {
  return text || undefined;
}
