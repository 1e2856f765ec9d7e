// The security settings page (passkeys, authenticator app, recovery codes), the sign-in's second
// step, and closing the account: plain forms (POST → page or redirect), thin like the others.
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { confirmPassword } from '../actions/accounts';
import { closeAccount, closingPreview } from '../actions/closing';
import * as secondFactors from '../actions/factors';
import { avatarKey } from '../domain/profile';
import type { AppContext, AppEnv } from '../http/context';
import { redirectWithFlash, takeFlash } from '../http/flash';
import { readFormAs, safeNext } from '../http/form';
import { ButtonOnlyForm, CloseForm, PasskeyRemoveForm, PasswordForm, SecondFactorForm as SecondFactorFields } from '../http/schemas';
import type { z } from '@hono/zod-openapi';
import { rateLimit } from '../http/rate-limit';
import { sameOriginWrites } from '../http/same-origin';
import { endSecondStep, pendingAccount, requireSecondFactor } from './second-factor';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../http/session';
import { type Account, startSession } from '../store/accounts';
import * as factors from '../store/factors';
import { formatCents } from '../views/format';
import { orShowAgain, type PageStatus, sendPage, signedIn, wordsOf } from './respond';
import { PASSKEYS_SCRIPT } from '../views/passkeys-script';
import { ClosePage, SecondFactorForm, SecurityPage, type SecurityView } from '../views/security';
import type { SecondFactorProof } from '../actions/factors';
import { PasskeyAssertion } from '../http/schemas';
import { oauthApi } from '../http/oauth';

export const securityPages = new Hono<AppEnv>();

const origin = (c: AppContext) => new URL(c.req.url).origin;

securityPages.get('/assets/passkeys.js', (c) => {
  c.header('Cache-Control', 'public, max-age=3600');
  return c.body(PASSKEYS_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
});

/** A form's second factor: its code field, or the passkey answer the page script put in its hidden field. */
export function secondFactorOfForm(form: { code: string; passkey: string }): SecondFactorProof {
  const passkeyText = form.passkey;
  if (passkeyText) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(passkeyText);
    } catch {}
    const passkey = PasskeyAssertion.safeParse(parsed);
    if (passkey.success) return { passkey: passkey.data };
  }
  return { code: form.code };
}

// --- the second step of signing in -----------------------------------------------------------

/** The page asking for the second factor (the sign-in form's answer when one is on). */
export function secondStepPage(c: AppContext, next: string, passkeys: boolean, error?: string, status: 200 | 401 = 200) {
  const w = wordsOf(c);
  return sendPage(c, { title: w.titles.signIn, viewer: undefined, children: SecondFactorForm({ next, passkeys, error, w }) }, status);
}

securityPages.get('/login/second-factor', async (c) => {
  const next = safeNext(c.req.query('next'), origin(c));
  const account = await pendingAccount(c);
  if (!account) return redirectWithFlash(c, `/login?next=${encodeURIComponent(next)}`, { kind: 'error', text: wordsOf(c).security.startAgain });
  return secondStepPage(c, next, (await factors.factorsOf(c.get('db'), account.id)).passkeys > 0);
});

securityPages.post('/login/second-factor', sameOriginWrites, async (c) => {
  const form = await readFormAs(c, SecondFactorFields);
  const next = safeNext(c.req.query('next'), origin(c));
  const account = await pendingAccount(c);
  const w = wordsOf(c);
  if (!account) {
    return sendPage(c, { title: w.titles.signIn, viewer: undefined, flash: { kind: 'error', text: w.security.startAgain }, children: null }, 401);
  }
  // Too many guesses: the one page-error handler answers 429 with Retry-After.
  return orShowAgain(
    c,
    async () => {
      await requireSecondFactor(c, account, secondFactorOfForm(form));
      await endSecondStep(c);
      setSessionCookie(c, await startSession(c.get('db'), account.id));
      return c.redirect(next, 303);
    },
    async (said) => secondStepPage(c, next, (await factors.factorsOf(c.get('db'), account.id)).passkeys > 0, said, 401),
  );
});

// --- security settings -----------------------------------------------------------------------

async function securityPage(
  c: AppContext,
  me: Account,
  extra: Partial<Pick<SecurityView, 'totpSetup' | 'recoveryCodes' | 'error'>> = {},
  status: PageStatus = 200,
) {
  const db = c.get('db');
  const [on, passkeys] = await Promise.all([factors.factorsOf(db, me.id), factors.passkeysOf(db, me.id)]);
  const w = wordsOf(c);
  return sendPage(c, { title: w.titles.security, viewer: me, flash: takeFlash(c), children: SecurityPage({ factors: on, passkeys, ...extra, w }) }, status);
}

securityPages.get('/settings/security', async (c) => {
  const me = await signedIn(c);
  return securityPage(c, me);
});

/** A settings form: runs `act`; a refusal shows the page again with its message. */
function settingsAction<T extends z.ZodType>(schema: T, act: (c: AppContext, me: Account, form: z.infer<T>) => Promise<Response>) {
  return async (c: AppContext) => {
    const me = await signedIn(c, '/settings/security');
    const form = await readFormAs(c, schema);
    return orShowAgain(
      c,
      () => act(c, me, form),
      (said, status) => securityPage(c, me, { error: said }, status),
    );
  };
}

securityPages.post(
  '/settings/security/totp',
  sameOriginWrites,
  settingsAction(ButtonOnlyForm, async (c, me) => securityPage(c, me, { totpSetup: await secondFactors.startTotp(c.get('db'), me) })),
);

securityPages.post(
  '/settings/security/totp/confirm',
  sameOriginWrites,
  settingsAction(SecondFactorFields, async (c, me, form) => {
    await rateLimit(c, 'second_factor', me.id);
    const { recoveryCodes } = await secondFactors.confirmTotp(c.get('db'), me, form.code);
    return securityPage(c, me, { recoveryCodes });
  }),
);

securityPages.post(
  '/settings/security/totp/off',
  sameOriginWrites,
  settingsAction(PasswordForm, async (c, me, form) => {
    await rateLimit(c, 'sign_in', me.id);
    await confirmPassword(me, form.password);
    await secondFactors.removeTotp(c.get('db'), me);
    return redirectWithFlash(c, '/settings/security', { kind: 'ok', text: wordsOf(c).security.totpOff });
  }),
);

securityPages.post(
  '/settings/security/recovery-codes',
  sameOriginWrites,
  settingsAction(PasswordForm, async (c, me, form) => {
    await rateLimit(c, 'sign_in', me.id);
    await confirmPassword(me, form.password);
    return securityPage(c, me, { recoveryCodes: await secondFactors.newRecoveryCodes(c.get('db'), me.id) });
  }),
);

securityPages.post(
  '/settings/security/passkeys/remove',
  sameOriginWrites,
  settingsAction(PasskeyRemoveForm, async (c, me, form) => {
    await rateLimit(c, 'sign_in', me.id);
    await confirmPassword(me, form.password);
    await secondFactors.removePasskey(c.get('db'), me, form.id);
    return redirectWithFlash(c, '/settings/security', { kind: 'ok', text: wordsOf(c).security.remove });
  }),
);

// --- closing the account ---------------------------------------------------------------------

async function closePage(c: AppContext, me: Account, error?: string, status: PageStatus = 200) {
  const db = c.get('db');
  const config = c.get('config');
  const [preview, on] = await Promise.all([closingPreview(db, config, me), factors.factorsOf(db, me.id)]);
  const w = wordsOf(c);
  const page = ClosePage({
    currency: config.currency,
    money: (cents) => formatCents(cents, config.currency),
    ...preview,
    minPayoutCents: config.minPayoutCents,
    charity: config.charityHandle,
    secondFactor: factors.hasSecondFactor(on),
    passkeys: on.passkeys > 0,
    error,
    w,
  });
  return sendPage(c, { title: w.titles.closing, viewer: me, children: page }, status);
}

securityPages.get('/settings/close', async (c) => {
  const me = await signedIn(c);
  return closePage(c, me);
});

securityPages.post('/settings/close', sameOriginWrites, async (c) => {
  const me = await signedIn(c);
  const form = await readFormAs(c, CloseForm);
  const choice = form.remainder_to;
  return orShowAgain(
    c,
    async () => {
      await rateLimit(c, 'sign_in', me.id);
      await confirmPassword(me, form.password);
      await requireSecondFactor(c, me, secondFactorOfForm(form));
      await closeAccount(c.get('db'), c.get('config'), oauthApi(c), me, choice || undefined);
      await c.env.AVATARS.delete(avatarKey(me.id));
      if (getCookie(c, SESSION_COOKIE)) clearSessionCookie(c);
      return redirectWithFlash(c, '/', { kind: 'ok', text: wordsOf(c).closing.closed });
    },
    (said, status) => closePage(c, me, said, status),
  );
});
