// The account's own pages: forgot password → emailed link → new password; the links that verify
// an address or confirm a new one; the settings page; one-click unsubscribe (RFC 8058).
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { CHOOSABLE_TOPICS } from '../actions/email';
import {
  changePassword,
  confirmEmailChange,
  confirmPasswordReset,
  confirmVerification,
  requestEmailChange,
  requestPasswordReset,
  resetTokenUsable,
  sendVerification,
} from '../actions/recovery';
import { sha256Hex } from '../domain/secrets';
import type { AppContext, AppEnv } from '../http/context';
import { redirectWithFlash, takeFlash } from '../http/flash';
import { readFormAs } from '../http/form';
import { EmailChangeForm, EmailForm, MessagesForm, PasswordChangeForm, ResetPasswordForm } from '../http/schemas';
import { rateLimit } from '../http/rate-limit';
import { sameOriginWrites } from '../http/same-origin';
import { clearSessionCookie, currentAccount, SESSION_COOKIE } from '../http/session';
import { endSessionsOf, sessionsOf, setLang } from '../store/accounts';
import { optOutsOf, setOptOuts, unsubscribeByHash } from '../store/outbox';
import { ForgotPasswordPage, LinkInvalidPage, ResetPasswordPage, SettingsPage, UnsubscribePage } from '../views/account';
import { formAction, orShowAgain, sendPage, signedIn, wordsOf } from './respond';
import { LANG_NAMES, type SiteLang } from '../views/words';

export const accountPages = new Hono<AppEnv>();

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const tokenOf = (text: string | undefined) => (text && TOKEN.test(text) ? text : '');

// --- a forgotten password --------------------------------------------------------------------

accountPages.get('/forgot-password', async (c) => {
  const w = wordsOf(c);
  return sendPage(c, { title: w.account.forgotTitle, viewer: await currentAccount(c), flash: takeFlash(c), children: ForgotPasswordPage({ w }) });
});

accountPages.post('/forgot-password', sameOriginWrites, async (c) => {
  const w = wordsOf(c);
  const email = (await readFormAs(c, EmailForm)).email.trim();
  await rateLimit(c, 'password_reset', email);
  return orShowAgain(
    c,
    async () => {
      await requestPasswordReset(c.get('db'), c.get('config').mail, email);
      // The same answer whether or not the address has an account.
      return redirectWithFlash(c, '/login', { kind: 'ok', text: w.account.forgotSent });
    },
    (said, status) => sendPage(c, { title: w.account.forgotTitle, viewer: undefined, children: ForgotPasswordPage({ w, email, error: said }) }, status),
  );
});

accountPages.get('/reset-password', async (c) => {
  const w = wordsOf(c);
  const token = tokenOf(c.req.query('token'));
  if (!token || !(await resetTokenUsable(c.get('db'), token))) return resetLinkInvalid(c);
  return sendPage(c, { title: w.account.resetTitle, viewer: undefined, children: ResetPasswordPage({ w, token }) });
});

accountPages.post('/reset-password', sameOriginWrites, async (c) => {
  const w = wordsOf(c);
  const form = await readFormAs(c, ResetPasswordForm);
  const token = tokenOf(form.token);
  return orShowAgain(
    c,
    async () => {
      await confirmPasswordReset(c.get('db'), token, form.password);
      // Every session of the account ended, this browser's too.
      clearSessionCookie(c);
      return redirectWithFlash(c, '/login', { kind: 'ok', text: w.account.resetDone });
    },
    (said, status, error) =>
      error.code === 'link_invalid'
        ? resetLinkInvalid(c)
        : sendPage(c, { title: w.account.resetTitle, viewer: undefined, children: ResetPasswordPage({ w, token, error: said }) }, status),
  );
});

/** A reset link used, expired or mistyped: say so, and offer a new one. */
function resetLinkInvalid(c: AppContext) {
  const w = wordsOf(c);
  const page = LinkInvalidPage({ w, again: '/forgot-password', heading: w.account.resetTitle });
  return sendPage(c, { title: w.account.resetTitle, viewer: undefined, children: page }, 410);
}

// --- links that prove an address -------------------------------------------------------------

// Opening the link is the confirmation (it reached that inbox): nothing else is asked.
accountPages.get('/verify-email', async (c) => {
  const w = wordsOf(c);
  return orShowAgain(
    c,
    async () => {
      await confirmVerification(c.get('db'), tokenOf(c.req.query('token')));
      return redirectWithFlash(c, (await currentAccount(c)) ? '/settings' : '/login', { kind: 'ok', text: w.account.verified });
    },
    async () =>
      sendPage(
        c,
        { title: w.account.emailH, viewer: await currentAccount(c), children: LinkInvalidPage({ w, again: '/settings', heading: w.account.emailH }) },
        410,
      ),
  );
});

accountPages.get('/confirm-email', async (c) => {
  const w = wordsOf(c);
  return orShowAgain(
    c,
    async () => {
      await confirmEmailChange(c.get('db'), c.get('config').mail, tokenOf(c.req.query('token')));
      return redirectWithFlash(c, (await currentAccount(c)) ? '/settings' : '/login', { kind: 'ok', text: w.account.emailChanged });
    },
    async (said, status, error) => {
      const page = error.code === 'link_invalid' ? LinkInvalidPage({ w, again: '/settings', heading: w.account.emailH }) : <p class="flash error">{said}</p>;
      return sendPage(c, { title: w.account.emailH, viewer: await currentAccount(c), children: page }, status);
    },
  );
});

// --- settings --------------------------------------------------------------------------------

accountPages.get('/settings', async (c) => {
  const me = await signedIn(c);
  const db = c.get('db');
  const [sessions, off] = await Promise.all([
    sessionsOf(db, me.id, getCookie(c, SESSION_COOKIE)),
    me.email ? optOutsOf(db, me.email) : Promise.resolve<string[]>([]),
  ]);
  const w = wordsOf(c);
  const view = {
    email: me.email ?? '',
    verified: me.emailVerifiedAt !== null,
    sessions,
    topics: { receipt: !off.includes('receipt'), earnings: !off.includes('earnings'), payout: !off.includes('payout') },
    lang: (me.lang in LANG_NAMES ? me.lang : 'en') as SiteLang,
    w,
  };
  return sendPage(c, { title: w.account.title, viewer: me, flash: takeFlash(c), children: SettingsPage(view) });
});

/** Where the settings forms go back to, with what they did or why not. */
const SETTINGS = '/settings';

accountPages.use('/settings/*', sameOriginWrites);

accountPages.post(
  '/settings/verify',
  formAction(SETTINGS, null, async (c, me) => {
    await rateLimit(c, 'password_reset', me.email ?? me.id);
    await sendVerification(c.get('db'), c.get('config').mail, me);
    return wordsOf(c).account.resent;
  }),
);

accountPages.post(
  '/settings/email',
  formAction(SETTINGS, EmailChangeForm, async (c, me, form) => {
    await rateLimit(c, 'password_reset', me.email ?? me.id);
    const address = await requestEmailChange(c.get('db'), c.get('config').mail, me, form.email, form.password);
    return wordsOf(c).account.changeSent(address);
  }),
);

accountPages.post(
  '/settings/password',
  formAction(SETTINGS, PasswordChangeForm, async (c, me, form) => {
    await rateLimit(c, 'sign_in', me.email ?? me.id);
    await changePassword(c.get('db'), c.get('config').mail, me, form.current_password, form.new_password, getCookie(c, SESSION_COOKIE));
    return wordsOf(c).account.passwordChanged;
  }),
);

accountPages.post(
  '/settings/sessions/end',
  formAction(SETTINGS, null, async (c, me) => {
    await endSessionsOf(c.get('db'), me.id);
    clearSessionCookie(c);
    return redirectWithFlash(c, '/login', { kind: 'ok', text: wordsOf(c).account.signedOutEverywhere });
  }),
);

accountPages.post(
  '/settings/messages',
  formAction(SETTINGS, MessagesForm, async (c, me, form) => {
    const db = c.get('db');
    if (me.email)
      await setOptOuts(
        db,
        me.email,
        CHOOSABLE_TOPICS,
        CHOOSABLE_TOPICS.filter((t) => form[t]),
      );
    if (form.lang in LANG_NAMES) await setLang(db, me.id, form.lang);
    return wordsOf(c).account.messagesSaved;
  }),
);

// --- one-click unsubscribe (RFC 8058) ----------------------------------------------------------

// GET only shows a button: link checkers and previews open links, and must not unsubscribe anyone.
accountPages.get('/unsubscribe/:token', async (c) => {
  const w = wordsOf(c);
  return sendPage(c, {
    title: w.account.unsubscribeTitle,
    viewer: await currentAccount(c),
    children: UnsubscribePage({ w, token: c.req.param('token'), done: false }),
  });
});

// The mail provider's one-click POST ("List-Unsubscribe=One-Click") comes from no Kudos page, so
// this route takes writes from anywhere: the token alone says which address leaves which topic.
accountPages.post('/unsubscribe/:token', async (c) => {
  const w = wordsOf(c);
  const token = tokenOf(c.req.param('token'));
  const done = token ? await unsubscribeByHash(c.get('db'), await sha256Hex(token)) : undefined;
  if (!done) return sendPage(c, { title: w.account.unsubscribeTitle, viewer: undefined, children: <p class="flash error">{w.account.linkInvalid}</p> }, 404);
  return sendPage(c, { title: w.account.unsubscribeTitle, viewer: await currentAccount(c), children: UnsubscribePage({ w, token, done: true }) });
});
