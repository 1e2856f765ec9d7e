// What a Kudos button shows: the thing's counts and what the viewer may do with it.
import { monthOf } from '../domain/month';
import { clickRefusal } from '../domain/rules';
import type { Config } from '../env';
import type { Account } from '../store/accounts';
import type { Db } from '../store/db';
import type { ButtonCounts } from '../../widget/common/protocol';
import { findThingByUrl, hasClicked, thingWithCounts } from '../store/things';

/** What GET /api/v1/button answers: the button's counts and status (signed_out: no session or no storage access), and more. */
export interface ButtonState extends ButtonCounts {
  thing_id: number | null;
  viewer: string | null;
}

/** `url` must already be normalised. Unknown things show zero counts; a click registers them. */
export async function buttonState(db: Db, config: Config, viewer: Account | undefined, owner: Account, url: string, now = Date.now()): Promise<ButtonState> {
  const month = monthOf(now);
  const thing = await findThingByUrl(db, owner.id, url);
  const counts = thing ? await thingWithCounts(db, thing.id, month) : undefined;
  const base = { thing_id: thing?.id ?? null, clicks_total: counts?.clicksTotal ?? 0, clicks_this_month: counts?.clicksThisMonth ?? 0, viewer: viewer?.handle ?? null };
  if (!viewer) return { status: 'signed_out', ...base };
  if (thing && (await hasClicked(db, viewer.id, thing.id, month))) return { status: 'given', ...base };
  const refusal = clickRefusal(viewer, owner.id, config.minBudgetCents);
  return { status: refusal === 'own_thing' ? 'own' : (refusal ?? 'ready'), ...base };
}
