// "Your things": what is yours (and whether its site is verified), what readers registered for
// you and waits for your claim, your verified sites, and others' things on them.
import type { ThingWithCounts } from '../store/things';

export interface ThingsView {
  handle: string;
  mine: (ThingWithCounts & { siteVerified: boolean })[];
  waiting: ThingWithCounts[];
  /** toRecheck: verified before proofs were strict; it counts once proved again. */
  sites: { origin: string; toRecheck: boolean }[];
  others: { id: number; url: string; title: string; owner: string; origin: string }[];
}

function Action({ id, action, label }: { id: number; action: string; label: string }) {
  return (
    <form method="post" action={`/dashboard/things/${id}/${action}`} class="inline">
      <button type="submit">{label}</button>
    </form>
  );
}

export function ThingsPage({ handle, mine, waiting, sites, others }: ThingsView) {
  return (
    <>
      <h1>Your things</h1>
      <section class="card" aria-labelledby="waiting-h">
        <h2 id="waiting-h">Waiting for you</h2>
        <p class="muted">
          Readers gave kudos to these pages naming @{handle}. They are not on your profile until you claim them; their kudos are held until then.
        </p>
        {waiting.length === 0 ? (
          <p class="muted">Nothing is waiting.</p>
        ) : (
          <ul class="plain" data-testid="waiting-things">
            {waiting.map((t) => (
              <li>
                <a href={t.url} rel="nofollow noopener">
                  {t.title}
                </a>{' '}
                <span class="muted">· {t.clicksTotal} kudos</span> <Action id={t.id} action="claim" label="Claim" />{' '}
                <Action id={t.id} action="remove" label="Not mine: remove" />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="mine-h">
        <h2 id="mine-h">Yours</h2>
        {mine.length === 0 ? (
          <p class="muted">No things yet.</p>
        ) : (
          <ul class="plain" data-testid="my-things">
            {mine.map((t) => (
              <li>
                <a href={`/things/${t.id}`}>{t.title}</a> <span class="muted">· {t.clicksTotal} kudos</span>
                {!t.siteVerified && <span class="muted"> · site not verified</span>}
                {t.hidden && <span class="muted"> · hidden</span>}{' '}
                {t.hidden ? <Action id={t.id} action="show" label="Show" /> : <Action id={t.id} action="hide" label="Hide" />}{' '}
                <Action id={t.id} action="remove" label="Remove" />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="sites-h">
        <h2 id="sites-h">Your sites</h2>
        <p>
          Prove a site is yours: put <code>{`<meta name="kudos:owner" content="${handle}">`}</code> in the <code>&lt;head&gt;</code> of its home page, or list{' '}
          <code>{handle}</code> in <code>/.well-known/kudos</code> (plain text, <code>text/plain</code>, one or more handles a line, <code>#</code> comments) on
          the host; then give the site's address here (https). Things readers registered for you there become yours.
        </p>
        <form method="post" action="/dashboard/sites">
          <label>
            Site address <input type="url" name="url" required placeholder="https://blog.example/" />
          </label>{' '}
          <button type="submit">Verify</button>
        </form>
        {sites.length > 0 && (
          <ul class="plain" data-testid="sites">
            {sites.map((site) => (
              <li>
                {site.origin} · {site.toRecheck ? 'verified under the old rules: verify it again to keep it' : 'verified'}
              </li>
            ))}
          </ul>
        )}
        {others.length > 0 && (
          <>
            <h3>On your sites, registered by others</h3>
            <ul class="plain" data-testid="others-things">
              {others.map((t) => (
                <li>
                  {t.title}{' '}
                  <span class="muted">
                    · @{t.owner} · {t.url}
                  </span>{' '}
                  <Action id={t.id} action="dispute" label="This is mine" />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
