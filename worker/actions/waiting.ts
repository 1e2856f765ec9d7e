// What waits for a creator, for the pages that tell them (the dashboard, Get your button and its
// check): kudos on sites they have not verified, and how much is held for them.
import { monthOf } from '../domain/month';
import { verifiableOrigin } from '../domain/site-proof';
import { type SiteStanding, type WaitingSite, waitingBySite } from '../domain/waiting';
import type { Db } from '../store/db';
import * as claims from '../store/claims';
import * as held from '../store/held';
import { HELD_HANDLE } from './settle';

/** `ownerId`'s sites with kudos waiting for them, the most held first. */
export async function waitingForCreator(db: Db, ownerId: number, now = Date.now()): Promise<WaitingSite[]> {
  return waitingBySite(await held.unclaimedWithHeld(db, HELD_HANDLE, ownerId, monthOf(now)));
}

/** Whether the site of `url` is verified as `ownerId`'s, and what waits for them there. */
export async function siteStanding(db: Db, ownerId: number, url: string, now = Date.now()): Promise<SiteStanding | null> {
  let site: string;
  try {
    site = new URL(url).origin;
  } catch {
    return null;
  }
  const verifiable = verifiableOrigin(url) !== null;
  const [verified, waiting] = await Promise.all([verifiable ? claims.hasVerifiedSite(db, ownerId, site) : false, waitingForCreator(db, ownerId, now)]);
  return { site, verifiable, verified, waiting: waiting.find((w) => w.site === site) ?? null };
}
