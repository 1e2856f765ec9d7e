// The account's own pages: a forgotten password, a new one from the emailed link, the settings
// (address, password, sessions, messages) and the one-click unsubscribe page.
import { utcTime } from './format';
import type { SiteLang, SiteWords } from './words';
import { LANG_NAMES } from './words';

function FormError({ error }: { error?: string | undefined }) {
  return error ? (
    <p class="flash error" id="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

export function ForgotPasswordPage({ w, email = '', error }: { w: SiteWords; email?: string; error?: string | undefined }) {
  const a = w.account;
  return (
    <>
      <h1>{a.forgotTitle}</h1>
      <p>{a.forgotIntro}</p>
      <form class="stack" method="post" action="/forgot-password" aria-describedby={error ? 'form-error' : undefined}>
        <FormError error={error} />
        <label>
          {w.auth.email}
          <input name="email" type="email" required maxLength={254} autocomplete="email" value={email} />
        </label>
        <button type="submit">{a.forgotSubmit}</button>
      </form>
    </>
  );
}

export function ResetPasswordPage({ w, token, error }: { w: SiteWords; token: string; error?: string | undefined }) {
  const a = w.account;
  return (
    <>
      <h1>{a.resetTitle}</h1>
      <form class="stack" method="post" action="/reset-password" aria-describedby={error ? 'form-error' : undefined}>
        <FormError error={error} />
        <input type="hidden" name="token" value={token} />
        <label>
          {a.newPassword}
          <input name="password" type="password" required minLength={8} maxLength={200} autocomplete="new-password" />
        </label>
        <button type="submit">{a.resetSubmit}</button>
      </form>
    </>
  );
}

/** A link that no longer works, with the way to a new one. */
export function LinkInvalidPage({ w, again, heading }: { w: SiteWords; again: string; heading: string }) {
  return (
    <section class="card notice">
      <h1>{heading}</h1>
      <p data-testid="link-invalid">{w.account.linkInvalid}</p>
      <p>
        <a class="button" href={again}>
          {w.account.askAgain}
        </a>
      </p>
    </section>
  );
}

export interface SettingsView {
  email: string;
  verified: boolean;
  sessions: { id: string; createdAt: number; expiresAt: number; current: boolean }[];
  topics: { receipt: boolean; earnings: boolean; payout: boolean };
  lang: SiteLang;
  w: SiteWords;
}

export function SettingsPage({ email, verified, sessions, topics, lang, w }: SettingsView) {
  const a = w.account;
  return (
    <>
      <h1>{a.title}</h1>

      <section class="card" aria-labelledby="email-h">
        <h2 id="email-h">{a.emailH}</h2>
        <p data-testid="email">
          {a.emailIs(email)} <span class={verified ? 'muted' : 'flash error'}>{verified ? a.verifiedNote : a.unverified}</span>
        </p>
        {!verified && (
          <form method="post" action="/settings/verify">
            <button type="submit" class="quiet">
              {a.resend}
            </button>
          </form>
        )}
        <form class="stack" method="post" action="/settings/email">
          <label>
            {a.newEmail}
            <input name="email" type="email" required maxLength={254} autocomplete="email" />
          </label>
          <label>
            {a.currentPassword}
            <input name="password" type="password" required maxLength={200} autocomplete="current-password" />
          </label>
          <button type="submit">{a.changeEmail}</button>
        </form>
      </section>

      <section class="card" aria-labelledby="password-h">
        <h2 id="password-h">{a.passwordH}</h2>
        <form class="stack" method="post" action="/settings/password">
          {/* For password managers: which account this password belongs to. */}
          <input type="hidden" name="username" value={email} autocomplete="username" />
          <label>
            {a.currentPassword}
            <input name="current_password" type="password" required maxLength={200} autocomplete="current-password" />
          </label>
          <label>
            {a.newPassword}
            <input name="new_password" type="password" required minLength={8} maxLength={200} autocomplete="new-password" />
          </label>
          <button type="submit">{a.changePassword}</button>
        </form>
      </section>

      <section class="card" aria-labelledby="sessions-h">
        <h2 id="sessions-h">{a.sessionsH}</h2>
        <div class="table-wrap">
          <table data-testid="sessions">
            <thead>
              <tr>
                <th scope="col">{a.started}</th>
                <th scope="col">{a.expires}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr>
                  <td>
                    {utcTime(s.createdAt)}
                    {s.current && <strong> ({a.thisBrowser})</strong>}
                  </td>
                  <td>{utcTime(s.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form method="post" action="/settings/sessions/end">
          <button type="submit">{a.signOutEverywhere}</button>
        </form>
      </section>

      <section class="card" aria-labelledby="messages-h">
        <h2 id="messages-h">{a.messagesH}</h2>
        <form class="stack" method="post" action="/settings/messages">
          <fieldset>
            <legend>{a.messagesIntro}</legend>
            {(
              [
                ['receipt', a.topicReceipt],
                ['earnings', a.topicEarnings],
                ['payout', a.topicPayout],
              ] as const
            ).map(([topic, label]) => (
              <label>
                <input type="checkbox" name={topic} value="on" checked={topics[topic]} /> {label}
              </label>
            ))}
          </fieldset>
          <label>
            {a.messagesLang}
            <select name="lang">
              {(Object.keys(LANG_NAMES) as SiteLang[]).map((l) => (
                <option value={l} selected={l === lang}>
                  {LANG_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{a.saveMessages}</button>
        </form>
      </section>
    </>
  );
}

export function UnsubscribePage({ w, token, done }: { w: SiteWords; token: string; done: boolean }) {
  const a = w.account;
  return (
    <section class="card notice">
      <h1>{a.unsubscribeTitle}</h1>
      {done ? (
        <p role="status">{a.unsubscribed}</p>
      ) : (
        <form method="post" action={`/unsubscribe/${encodeURIComponent(token)}`}>
          <p>{a.unsubscribeAsk}</p>
          <button type="submit">{a.unsubscribeSubmit}</button>
        </form>
      )}
    </section>
  );
}
