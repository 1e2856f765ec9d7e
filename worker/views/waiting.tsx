// What waits for a creator on sites they have not verified, with the way to verify: shown on the
// dashboard, on Get your button, and with the button check's answer.
import type { SiteStanding, WaitingSite } from '../domain/waiting';
import { formatCents } from './format';
import type { SiteWords } from './words';

/** The things page holds the verify form (#sites-h) and the claim buttons (#waiting-h). */
const VERIFY = '/dashboard/things#sites-h';
const CLAIM = '/dashboard/things#waiting-h';

function WayToVerify({ verifiable, w }: { verifiable: boolean; w: SiteWords }) {
  return <a href={verifiable ? VERIFY : CLAIM}>{verifiable ? w.held.verify : w.held.claim}</a>;
}

/** Every site with kudos waiting, with what is held for it. Nothing when nothing waits. */
export function WaitingSites({ sites, currency, w }: { sites: readonly WaitingSite[]; currency: string; w: SiteWords }) {
  if (sites.length === 0) return null;
  return (
    <section class="card" aria-labelledby="held-h" data-testid="held">
      <h2 id="held-h">{w.held.h}</h2>
      <p class="muted">{w.held.intro}</p>
      <ul class="plain">
        {sites.map((s) => (
          <li data-site={s.site} data-held-cents={s.heldCents}>
            {w.held.site(s.site, s.kudosTotal, formatCents(s.heldCents, currency))} <WayToVerify verifiable={s.verifiable} w={w} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** With the check's answer: the checked page's site is not verified, so its kudos are held. */
export function UnverifiedSite({ standing, currency, w }: { standing: SiteStanding; currency: string; w: SiteWords }) {
  if (standing.verified) return null;
  const { waiting } = standing;
  return (
    <p class="flash error" role="status" data-testid="site-unverified">
      {w.held.unverified(standing.site)}
      {waiting && ` ${w.held.waitingThere(waiting.kudosTotal, formatCents(waiting.heldCents, currency))}`}{' '}
      <WayToVerify verifiable={standing.verifiable} w={w} />
    </p>
  );
}
