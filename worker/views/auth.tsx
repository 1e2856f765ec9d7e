// Signing up, signing in and out: plain forms that post back to the same page.

export interface SignupValues {
  handle: string;
  email: string;
  invite: string;
}

export function SignupForm({ inviteOnly, values, next, error, fees }: { inviteOnly: boolean; values: SignupValues; next: string; error?: string | undefined; fees?: string }) {
  return (
    <>
      <h1>Create your Kudos account</h1>
      {fees && <p class="muted" data-testid="fees">{fees}</p>}
      <form class="stack" method="post" action={`/signup?next=${encodeURIComponent(next)}`} aria-describedby={error ? 'form-error' : undefined}>
        {error && (
          <p class="flash error" id="form-error" role="alert">
            {error}
          </p>
        )}
        <label>
          Handle
          <input name="handle" required minLength={2} maxLength={30} pattern="[a-z0-9][a-z0-9_\-]{1,29}" autocomplete="username" value={values.handle} aria-describedby="handle-hint" />
        </label>
        <small id="handle-hint" class="muted">
          2 to 30 lower-case letters, digits, "-" or "_". Your profile will be at /@handle.
        </small>
        <label>
          Email
          <input name="email" type="email" required maxLength={254} autocomplete="email" value={values.email} />
        </label>
        <label>
          Password
          <input name="password" type="password" required minLength={8} maxLength={200} autocomplete="new-password" />
        </label>
        {inviteOnly && (
          <label>
            Invite code
            <input name="invite" required maxLength={40} autocomplete="off" value={values.invite} />
          </label>
        )}
        <button type="submit">Sign up</button>
      </form>
      <p>
        Already have an account? <a href={`/login?next=${encodeURIComponent(next)}`}>Sign in</a>.
      </p>
    </>
  );
}

export function LoginForm({ next, email, error }: { next: string; email: string; error?: string | undefined }) {
  return (
    <>
      <h1>Sign in to Kudos</h1>
      <form class="stack" method="post" action={`/login?next=${encodeURIComponent(next)}`}>
        {error && (
          <p class="flash error" role="alert">
            {error}
          </p>
        )}
        <label>
          Email
          <input name="email" type="email" required maxLength={254} autocomplete="email" value={email} />
        </label>
        <label>
          Password
          <input name="password" type="password" required maxLength={200} autocomplete="current-password" />
        </label>
        <button type="submit">Sign in</button>
      </form>
      <p>
        New here? <a href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</a>.
      </p>
    </>
  );
}

export function LogoutForm() {
  return (
    <>
      <h1>Sign out</h1>
      <form method="post" action="/logout">
        <button type="submit">Sign out of Kudos</button>
      </form>
    </>
  );
}
