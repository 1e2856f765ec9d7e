// Signing up, signing in and out: plain forms that post back to the same page.
import { PasskeySignIn } from './security';
import type { SiteWords } from './words';

export interface SignupValues {
  handle: string;
  email: string;
  invite: string;
}

export function SignupForm({
  inviteOnly,
  values,
  next,
  error,
  w,
  fees,
}: {
  inviteOnly: boolean;
  values: SignupValues;
  next: string;
  error?: string | undefined;
  w: SiteWords;
  fees?: string;
}) {
  const a = w.auth;
  return (
    <>
      <h1>{a.signUpH}</h1>
      {fees && (
        <p class="muted" data-testid="fees">
          {fees}
        </p>
      )}
      <form class="stack" method="post" action={`/signup?next=${encodeURIComponent(next)}`} aria-describedby={error ? 'form-error' : undefined}>
        {error && (
          <p class="flash error" id="form-error" role="alert">
            {error}
          </p>
        )}
        <label>
          {a.handle}
          <input
            name="handle"
            required
            minLength={2}
            maxLength={30}
            pattern="[a-z0-9][a-z0-9_\-]{1,29}"
            title={a.handleHint}
            autocomplete="username"
            value={values.handle}
            aria-describedby="handle-hint"
          />
        </label>
        <small id="handle-hint" class="muted">
          {a.handleHint}
        </small>
        <label>
          {a.email}
          <input name="email" type="email" required maxLength={254} autocomplete="email" value={values.email} />
        </label>
        <label>
          {a.password}
          <input name="password" type="password" required minLength={8} maxLength={200} autocomplete="new-password" />
        </label>
        {inviteOnly && (
          <label>
            {a.invite}
            <input name="invite" required maxLength={40} autocomplete="off" value={values.invite} />
          </label>
        )}
        <button type="submit">{a.signUp}</button>
      </form>
      {inviteOnly && (
        <p>
          {a.noInvite} <a href="/#ask-invite">{a.askInvite}</a>.
        </p>
      )}
      <p>
        {a.haveAccount} <a href={next === '/get-your-button' ? '/login' : `/login?next=${encodeURIComponent(next)}`}>{a.signIn}</a>.
      </p>
    </>
  );
}

export function LoginForm({ next, email, error, w }: { next: string; email: string; error?: string | undefined; w: SiteWords }) {
  const a = w.auth;
  return (
    <>
      <h1>{a.signInH}</h1>
      <form class="stack" method="post" action={`/login?next=${encodeURIComponent(next)}`}>
        {error && (
          <p class="flash error" role="alert">
            {error}
          </p>
        )}
        <label>
          {a.email}
          <input name="email" type="email" required maxLength={254} autocomplete="email" value={email} />
        </label>
        <label>
          {a.password}
          <input name="password" type="password" required maxLength={200} autocomplete="current-password" />
        </label>
        <button type="submit">{a.signIn}</button>
      </form>
      <PasskeySignIn next={next} w={w} />
      <p>
        <a href="/forgot-password">{w.account.forgotLink}</a>
      </p>
      <p>
        {a.newHere} <a href={`/signup?next=${encodeURIComponent(next)}`}>{a.createAccount}</a>.
      </p>
    </>
  );
}

export function LogoutForm({ w }: { w: SiteWords }) {
  return (
    <>
      <h1>{w.auth.signOutH}</h1>
      <form method="post" action="/logout">
        <button type="submit">{w.auth.signOutButton}</button>
      </form>
    </>
  );
}
