// The front page: what Kudos is, and the way in (or, while invite-only, the way to ask for one).
import type { Account } from '../store/accounts';
import type { SiteWords } from './words';

export interface DemoHint {
  people: { handle: string; email: string }[];
  password: string;
}

export function Landing({
  viewer,
  inviteOnly,
  w,
  demo,
  fees,
}: {
  viewer: Account | undefined;
  inviteOnly: boolean;
  w: SiteWords;
  demo?: DemoHint | undefined;
  fees?: string;
}) {
  const l = w.landing;
  return (
    <>
      <h1>{l.heading}</h1>
      <p>{l.intro}</p>
      <ol>
        {l.steps.map((step) => (
          <li>{step}</li>
        ))}
      </ol>
      {fees && <p data-testid="fees">{fees}</p>}
      {viewer ? (
        <p>
          <a class="button" href="/dashboard">
            {l.goDashboard}
          </a>
        </p>
      ) : (
        <p class="copy-row">
          <a class="button" href="/signup">
            {l.createAccount}
          </a>
          <a href="/login">{l.signIn}</a>
          {inviteOnly && <span class="muted">{l.inviteOnly}</span>}
        </p>
      )}
      {demo && !viewer && (
        <section class="card" aria-labelledby="demo-h" data-testid="demo-hint">
          <h2 id="demo-h">{l.demoH}</h2>
          <p>{l.demoP(demo.people.map((p) => `@${p.handle} (${p.email})`).join(', '), demo.password)}</p>
        </section>
      )}
      <h2>{l.creatorsH}</h2>
      <p>{l.creatorsP}</p>
      {inviteOnly && !viewer && (
        <section class="card" aria-labelledby="ask" id="ask-invite">
          <h2 id="ask">{l.askH}</h2>
          <p>{l.askP}</p>
          <form class="stack" method="post" action="/invite-requests">
            <label>
              {l.email}
              <input name="email" type="email" required maxLength={254} autocomplete="email" />
            </label>
            <label>
              {l.note}
              <textarea name="note" maxLength={500} rows={3}></textarea>
            </label>
            <label>
              {l.inviter}
              <input name="inviter" maxLength={31} pattern="@?[a-z0-9][a-z0-9_\-]{1,29}" title={l.inviterHint} autocomplete="off" />
            </label>
            <button type="submit">{l.askSubmit}</button>
          </form>
        </section>
      )}
    </>
  );
}
