// The security settings (passkeys, authenticator app, recovery codes), the second step of a
// sign-in, and closing the account. Passkey buttons need /assets/passkeys.js; every other
// part is a plain form.
import type { Factors, Passkey } from '../store/factors';
import { utcTime } from './format';
import type { SiteWords } from './words';

/** The first-party script that speaks to `navigator.credentials` (views/passkeys-script.ts). */
const PasskeysScript = () => <script src="/assets/passkeys.js" defer></script>;

/** Where the passkey script writes what happened (and errors). */
const PasskeyStatus = () => <p class="muted" data-passkey-status role="status" aria-live="polite"></p>;

export interface SecurityView {
  factors: Factors;
  passkeys: Passkey[];
  /** A TOTP secret just started, waiting for its first code. */
  totpSetup?: { secret: string; uri: string } | undefined;
  /** Recovery codes made just now: shown this once. */
  recoveryCodes?: string[] | undefined;
  error?: string | undefined;
  w: SiteWords;
}

export function SecurityPage({ factors, passkeys, totpSetup, recoveryCodes, error, w }: SecurityView) {
  const t = w.security;
  return (
    <>
      <h1>{t.h}</h1>
      {error && (
        <p class="flash error" role="alert">
          {error}
        </p>
      )}
      {recoveryCodes && recoveryCodes.length > 0 && <RecoveryCodes codes={recoveryCodes} w={w} />}

      <section class="card" aria-labelledby="factors-h">
        <h2 id="factors-h">{t.factorsH}</h2>
        <p class="muted">{t.factorsHint}</p>

        <h3>{t.passkeysH}</h3>
        {passkeys.length === 0 ? (
          <p data-testid="no-passkeys">{t.noPasskeys}</p>
        ) : (
          <ul class="plain" data-testid="passkeys">
            {passkeys.map((p) => (
              <li>
                <strong>{p.name}</strong> · {p.lastUsedAt === null ? t.never : t.lastUsed(utcTime(p.lastUsedAt))}
                <form class="inline" method="post" action="/settings/security/passkeys/remove">
                  <input type="hidden" name="id" value={p.credentialId} />
                  <label>
                    {t.password}
                    <input name="password" type="password" required maxLength={200} autocomplete="current-password" />
                  </label>
                  <button class="quiet" type="submit">
                    {t.remove}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <div class="inline">
          <label>
            {t.passkeyName}
            <input name="passkey-name" data-passkey-name maxLength={60} placeholder="Passkey" />
          </label>
          <button type="button" data-passkey="register" data-needs-name={t.passkeyNeedsName} data-done={t.passkeyAdded}>
            {t.addPasskey}
          </button>
        </div>
        <PasskeyStatus />
        <pre data-passkey-codes hidden></pre>

        <h3>{t.totpH}</h3>
        {factors.totp ? (
          <>
            <p data-testid="totp-state">{t.totpOn}</p>
            <form class="inline" method="post" action="/settings/security/totp/off">
              <label>
                {t.password}
                <input name="password" type="password" required maxLength={200} autocomplete="current-password" />
              </label>
              <button class="quiet" type="submit">
                {t.turnOff}
              </button>
            </form>
          </>
        ) : totpSetup ? (
          <>
            <p>{t.totpSecret}</p>
            <p>
              <code data-testid="totp-secret">{totpSetup.secret}</code> · <a href={totpSetup.uri}>{t.totpOpen}</a>
            </p>
            <form class="inline" method="post" action="/settings/security/totp/confirm">
              <label>
                {t.code}
                <input name="code" inputMode="numeric" autocomplete="one-time-code" required pattern="[0-9]{6}" maxLength={6} />
              </label>
              <button type="submit">{t.confirm}</button>
            </form>
          </>
        ) : (
          <>
            <p data-testid="totp-state">{t.totpOff}</p>
            <form method="post" action="/settings/security/totp">
              <button type="submit">{t.totpStart}</button>
            </form>
          </>
        )}

        {(factors.totp || factors.passkeys > 0) && (
          <>
            <h3>{t.recoveryH}</h3>
            <p data-testid="recovery-left">{t.recoveryLeft(factors.recoveryCodesLeft)}</p>
            <form class="inline" method="post" action="/settings/security/recovery-codes">
              <label>
                {t.password}
                <input name="password" type="password" required maxLength={200} autocomplete="current-password" />
              </label>
              <button class="quiet" type="submit">
                {t.newRecovery}
              </button>
            </form>
          </>
        )}
      </section>

      <section class="card" aria-labelledby="data-h">
        <h2 id="data-h">{t.dataH}</h2>
        <p class="muted">{t.exportHint}</p>
        <p>
          <a href="/api/v1/me/export" download data-testid="export-link">
            {t.download}
          </a>
        </p>
        <h3>{t.closeH}</h3>
        <p class="muted">{t.closeHint}</p>
        <p>
          <a href="/settings/close" data-testid="close-link">
            {t.closeLink}
          </a>
        </p>
      </section>
      <PasskeysScript />
    </>
  );
}

function RecoveryCodes({ codes, w }: { codes: string[]; w: SiteWords }) {
  return (
    <section class="card" aria-labelledby="codes-h">
      <h2 id="codes-h">{w.security.recoveryH}</h2>
      <p>{w.security.recoveryShown}</p>
      <pre data-testid="recovery-codes">{codes.join('\n')}</pre>
    </section>
  );
}

/** The second step of signing in: a code, or a passkey. */
export function SecondFactorForm({ next, passkeys, error, w }: { next: string; passkeys: boolean; error?: string | undefined; w: SiteWords }) {
  const t = w.security;
  return (
    <>
      <h1>{t.secondStepH}</h1>
      <p>{t.secondStep}</p>
      <form class="stack" method="post" action={`/login/second-factor?next=${encodeURIComponent(next)}`}>
        {error && (
          <p class="flash error" role="alert">
            {error}
          </p>
        )}
        <label>
          {t.code}
          <input name="code" required maxLength={40} autocomplete="one-time-code" aria-describedby="code-hint" />
        </label>
        <small id="code-hint" class="muted">
          {t.codeHint}
        </small>
        <button type="submit">{t.verify}</button>
      </form>
      {passkeys && <PasskeySignIn next={next} w={w} />}
    </>
  );
}

/** "Sign in with a passkey": the login page and the second step show it. */
export function PasskeySignIn({ next, w }: { next: string; w: SiteWords }) {
  return (
    <>
      <p>
        <button type="button" class="quiet" data-passkey="sign-in" data-next={next} data-needs-name={w.security.passkeyNeedsName}>
          {w.security.usePasskey}
        </button>
      </p>
      <PasskeyStatus />
      <PasskeysScript />
    </>
  );
}

export interface CloseView {
  currency: string;
  money: (cents: number) => string;
  balanceCents: number;
  pledgedCents: number;
  remainderCents: number;
  payoutPossible: boolean;
  remainderTo: 'payout' | 'charity';
  minPayoutCents: number;
  charity: string;
  secondFactor: boolean;
  passkeys: boolean;
  error?: string | undefined;
  w: SiteWords;
}

export function ClosePage(v: CloseView) {
  const t = v.w.closing;
  return (
    <>
      <h1>{t.h}</h1>
      <p data-testid="closing-balance">{t.balance(v.money(v.balanceCents))}</p>
      {v.pledgedCents > 0 && <p data-testid="closing-pledged">{t.pledged(v.money(v.pledgedCents))}</p>}
      <form class="stack" method="post" action="/settings/close" data-step-up={v.passkeys ? 'passkey' : undefined}>
        {v.error && (
          <p class="flash error" role="alert">
            {v.error}
          </p>
        )}
        {v.remainderCents > 0 ? (
          <fieldset>
            <legend data-testid="closing-remainder">{t.remainder(v.money(v.remainderCents))}</legend>
            <label class="choice">
              <input type="radio" name="remainder_to" value="payout" disabled={!v.payoutPossible} checked={v.remainderTo === 'payout'} />
              {t.toPayout(v.money(v.minPayoutCents))}
            </label>
            <label class="choice">
              <input type="radio" name="remainder_to" value="charity" checked={v.remainderTo === 'charity'} />
              {t.toCharity(v.charity)}
            </label>
          </fieldset>
        ) : (
          <p>{t.nothingLeft}</p>
        )}
        <p class="muted">{t.after}</p>
        <label>
          {v.w.security.password}
          <input name="password" type="password" required maxLength={200} autocomplete="current-password" />
        </label>
        {v.secondFactor && <SecondFactorFields w={v.w} passkeys={v.passkeys} />}
        <button type="submit">{t.close}</button>
      </form>
      <p>
        <a href="/api/v1/me/export" download>
          {t.exportFirst}
        </a>
      </p>
    </>
  );
}

/**
 * The code field of a form that needs the second factor, with the hidden field the passkey
 * script fills when the code is left empty (a form marked `data-step-up="passkey"`).
 */
export function SecondFactorFields({ w, passkeys }: { w: SiteWords; passkeys: boolean }) {
  return (
    <>
      <label>
        {w.security.code}
        <input name="code" maxLength={40} autocomplete="one-time-code" aria-describedby="step-up-hint" />
      </label>
      <small id="step-up-hint" class="muted">
        {w.security.codeHint}
      </small>
      <input type="hidden" name="passkey" value="" />
      <PasskeyStatus />
      {passkeys && <PasskeysScript />}
    </>
  );
}
