// A person's public page: who they are, what they create, how to give them kudos, and what they
// gave kudos to this month unless hidden.
import type { ThingWithCounts } from '../store/things';
import type { SiteWords } from './words';

export interface ProfileView {
  handle: string;
  displayName: string;
  bio: string;
  links: string[];
  /** /avatars/<handle>?v=<version>: the uploaded picture, or the generated one. */
  avatarUrl: string;
  month: string;
  things: ThingWithCounts[];
  /** null when the person chose not to show it. */
  given: { thingId: number; title: string; owner: string }[] | null;
  origin: string;
  w: SiteWords;
}

const hostOf = (url: string) => {
  try {
    const u = new URL(url);
    return (u.host + u.pathname).replace(/\/$/, '');
  } catch {
    return url;
  }
};

export function ProfilePage({ handle, displayName, bio, links, avatarUrl, month, things, given, origin, w }: ProfileView) {
  const p = w.profile;
  return (
    <>
      <header class="profile">
        <img class="avatar" src={avatarUrl} alt={p.picture(handle)} width={96} height={96} />
        <div>
          <h1>
            {displayName || `@${handle}`}
            {displayName && <span class="muted handle"> @{handle}</span>}
          </h1>
          {bio && <p data-testid="bio">{bio}</p>}
          <p>
            <img src={`/badge/${handle}.svg`} alt={p.badge(handle)} height={20} />
          </p>
        </div>
      </header>
      <p class="cta" data-testid="cta">
        {p.cta(handle)}
      </p>
      {links.length > 0 && (
        <>
          <h2>{p.links}</h2>
          <ul class="plain" data-testid="links">
            {links.map((l) => (
              <li>
                <a href={l} rel="nofollow noopener me">
                  {hostOf(l)}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{p.creates(handle)}</h2>
      {things.length === 0 ? (
        <p class="muted">{p.noThings}</p>
      ) : (
        <ul class="plain" data-testid="things">
          {things.map((t) => (
            <li>
              <a href={`/things/${t.id}`}>{t.title}</a>{' '}
              <span class="muted">
                · {p.kudosInAll(t.clicksTotal)}, {p.thisMonth(t.clicksThisMonth)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{p.gave(month)}</h2>
      {given === null ? (
        <p class="muted" data-testid="given-hidden">
          {p.private(handle)}
        </p>
      ) : given.length === 0 ? (
        <p class="muted">{p.nothingYet}</p>
      ) : (
        <ul class="plain" data-testid="given">
          {given.map((g) => (
            <li>
              <a href={`/things/${g.thingId}`}>{g.title}</a> <span class="muted">·</span> <a href={`/@${g.owner}`}>@{g.owner}</a>
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        {p.share} <code>{`${origin}/@${handle}`}</code>
      </p>
    </>
  );
}
