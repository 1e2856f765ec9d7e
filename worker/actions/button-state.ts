// What a Kudos button shows: the thing's counts and what the viewer may do with it, read in ONE
// query (store/clicks.ts `clickFacts`: the session, the owner, the thing and the click rules).
import { monthOf } from '../domain/month';
import type { Config } from '../env';
import { type ClickFacts, clickFacts, type GiverRef } from '../store/clicks';
import type { ButtonCounts } from '../../widget/common/protocol';

/**
 * The button's faces (widget/common/protocol.ts) and month_settled: the viewer's month is
 * settled already, so kudos count again next month.
 */
export type ButtonStatus = ButtonCounts['status'] | 'month_settled';

/** What GET /api/v1/button answers: the button's counts and status (signed_out: no session or no storage access), and more. */
export interface ButtonState extends Omit<ButtonCounts, 'status'> {
  status: ButtonStatus;
  thing_id: number | null;
  viewer: string | null;
}

export interface ViewerState extends ButtonState {
  /** The viewer's account id (null when signed out): whose confirmed sites count. */
  viewerId: number | null;
}

/** The status a verdict means for the button (the verdict a click would get now). */
function statusOf(facts: ClickFacts): ButtonStatus {
  switch (facts.verdict) {
    case 'unauthorized':
      return 'signed_out';
    case 'own_thing':
      return 'own';
    case 'already_given':
      return 'given';
    case 'no_budget':
    case 'not_funded':
    case 'month_settled':
      return facts.verdict;
    // A deposit repays the debt first, so the button asks for funds.
    case 'debt_outstanding':
      return 'not_funded';
    default:
      return 'ready';
  }
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
  const facts = await clickFacts(d1, {
    giver: viewer,
    thing: { ownerHandle, url, title: url },
    month: monthOf(now),
    now,
    minBudgetCents: config.minBudgetCents,
  });
  if (facts.ownerId === null) return null;
  return {
    status: statusOf(facts),
    thing_id: facts.thingId,
    clicks_total: facts.clicksTotal,
    clicks_this_month: facts.clicksThisMonth,
    viewer: facts.giverHandle,
    viewerId: facts.giverId,
  };
}

/**
 * The button iframe's view of a status. Its protocol has no "month settled" face yet; such a
 * viewer can give nothing more this month, which the button says as "given".
 */
export function buttonCounts(state: Pick<ButtonState, 'status' | 'clicks_total' | 'clicks_this_month'>): ButtonCounts {
  const status = state.status === 'month_settled' ? 'given' : state.status;
  return { status, clicks_total: state.clicks_total, clicks_this_month: state.clicks_this_month };
}
