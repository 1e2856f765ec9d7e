// What a Kudos button shows: the thing's counts and what the viewer may do with it, read in ONE
// query (store/clicks.ts `clickFacts`: the session, the owner, the thing and the click rules).
import { buttonStatusOf, type ClickVerdict } from '../domain/click';
import { monthOf } from '../domain/month';
import type { Config } from '../env';
import { clickFacts, type GiverRef } from '../store/clicks';
import type { ButtonCounts } from '../../widget/common/protocol';

/** What GET /api/v1/button answers: the button's counts and status (signed_out: no session or no storage access), and more. */
export interface ButtonState extends ButtonCounts {
  thing_id: number | null;
  viewer: string | null;
}

export interface ViewerState extends ButtonState {
  /** The viewer's account id (null when signed out): whose confirmed sites count. */
  viewerId: number | null;
  /** The verdict a click would get now; `status` is what it shows on the button (domain/click.ts). */
  verdict: ClickVerdict;
}

/**
 * `url` must already be normalised; `db` may be a read-replica session (signed-out counts).
 * Unknown things show zero counts (a click registers them); an unknown owner answers null.
 */
export async function buttonState(
  d1: D1Database | D1DatabaseSession,
  config: Config,
  viewer: GiverRef,
  ownerHandle: string,
  url: string,
  now = Date.now(),
): Promise<ViewerState | null> {
  const facts = await clickFacts(
    d1,
    {
      giver: viewer,
      thing: { ownerHandle, url, title: url },
      month: monthOf(now),
      now,
      minBudgetCents: config.minBudgetCents,
    },
    config.giverShards,
  );
  if (facts.ownerId === null) return null;
  return {
    status: buttonStatusOf(facts.verdict),
    thing_id: facts.thingId,
    clicks_total: facts.clicksTotal,
    clicks_this_month: facts.clicksThisMonth,
    viewer: facts.giverHandle,
    viewerId: facts.giverId,
    verdict: facts.verdict,
  };
}
