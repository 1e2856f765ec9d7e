// What waits for a creator: kudos readers gave to their pages on sites not verified yet. Their
// shares are held (`store/held.ts`) until the creator verifies the site or claims the thing.
import { verifiableOrigin } from './site-proof';

export interface WaitingThing {
  url: string;
  kudosThisMonth: number;
  kudosTotal: number;
  heldCents: number;
}

export interface WaitingSite {
  /** The site's origin ("https://blog.example"). */
  site: string;
  /** Whether it can be verified (https, or loopback in development); else each thing is claimed by hand. */
  verifiable: boolean;
  things: number;
  /** Kudos this month: held too once their givers' month is settled. */
  kudosThisMonth: number;
  kudosTotal: number;
  /** Held now, from months already settled. */
  heldCents: number;
}

/** Whether a page's site is verified as its creator's, and what waits for them there. */
export interface SiteStanding {
  site: string;
  verifiable: boolean;
  verified: boolean;
  /** What already waits there (null: nothing yet). */
  waiting: WaitingSite | null;
}

/** The waiting things grouped by site, the sites with the most held first. */
export function waitingBySite(things: readonly WaitingThing[]): WaitingSite[] {
  const bySite = new Map<string, WaitingSite>();
  for (const thing of things) {
    if (thing.kudosTotal === 0 && thing.heldCents <= 0) continue;
    const verifiable = verifiableOrigin(thing.url);
    const site = verifiable ?? originOf(thing.url);
    const entry = bySite.get(site) ?? { site, verifiable: verifiable !== null, things: 0, kudosThisMonth: 0, kudosTotal: 0, heldCents: 0 };
    entry.things += 1;
    entry.kudosThisMonth += thing.kudosThisMonth;
    entry.kudosTotal += thing.kudosTotal;
    entry.heldCents += Math.max(0, thing.heldCents);
    bySite.set(site, entry);
  }
  return [...bySite.values()].sort((a, b) => b.heldCents - a.heldCents || b.kudosTotal - a.kudosTotal || (a.site < b.site ? -1 : 1));
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
