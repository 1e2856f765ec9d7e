// A person's public page: their things, and what they gave kudos to this month unless hidden.
import type { ThingWithCounts } from '../store/things';
import { plural } from './format';

export interface ProfileView {
  handle: string;
  month: string;
  things: ThingWithCounts[];
  /** null when the person chose not to show it. */
  given: { thingId: number; title: string; owner: string }[] | null;
  origin: string;
}

export function ProfilePage({ handle, month, things, given, origin }: ProfileView) {
  return (
    <>
      <h1>@{handle}</h1>
      <p>
        <img src={`/badge/${handle}.svg`} alt={`Kudos badge of @${handle}`} height={20} />
      </p>
      <h2>Things by @{handle}</h2>
      {things.length === 0 ? (
        <p class="muted">No things yet: a page becomes a thing with its first kudos.</p>
      ) : (
        <ul class="plain" data-testid="things">
          {things.map((t) => (
            <li>
              <a href={`/things/${t.id}`}>{t.title}</a> <span class="muted">· {plural(t.clicksTotal, 'kudos', 'kudos')} in all, {t.clicksThisMonth} this month</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Gave kudos in {month}</h2>
      {given === null ? (
        <p class="muted" data-testid="given-hidden">
          @{handle} keeps this private.
        </p>
      ) : given.length === 0 ? (
        <p class="muted">Nothing yet this month.</p>
      ) : (
        <ul class="plain" data-testid="given">
          {given.map((g) => (
            <li>
              <a href={`/things/${g.thingId}`}>{g.title}</a> <span class="muted">by</span> <a href={`/@${g.owner}`}>@{g.owner}</a>
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        Link here: <code>{`${origin}/@${handle}`}</code>
      </p>
    </>
  );
}
