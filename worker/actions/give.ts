// Giving kudos: a click, checked by the rules and written by the store.
import { refuse } from '../domain/refusal';
import { monthOf } from '../domain/month';
import { clickRefusal, normaliseUrl, titleOrUrl } from '../domain/rules';
import type { Config } from '../env';
import { type Account, personByHandle } from '../store/accounts';
import type { Db } from '../store/db';
import { insertClick, registerThing, type Thing } from '../store/things';
import { verifiableOrigin } from '../domain/site-proof';
import { hasVerifiedSite } from '../store/claims';

const REFUSALS = {
  own_thing: () => refuse('own_thing', 'You cannot give kudos to your own things.'),
  no_budget: () => refuse('no_budget', 'Set a monthly budget before giving kudos.'),
  not_funded: () => refuse('not_funded', 'Your balance does not cover your monthly budget; add funds first.'),
} as const;

/**
 * Records `giver`'s kudos for `thing` in the current UTC month. Throws the API error that
 * explains a refusal: 403 own thing, 402 no budget or not funded, 409 already given this month.
 */
export async function giveKudos(db: Db, config: Config, giver: Account, thing: Thing, now = Date.now()) {
  // A refund or dispute the platform covered must be repaid (by the next deposit) before giving.
  if (giver.debtCents > 0) throw refuse('debt_outstanding', 'A refund or dispute took back money you had already given; your next deposit settles it first.');
  const refusal = clickRefusal(
    { id: giver.id, monthlyBudgetCents: giver.monthlyBudgetCents, balanceCents: giver.balanceCents },
    thing.ownerId,
    config.minBudgetCents,
  );
  if (refusal) throw REFUSALS[refusal]();
  const month = monthOf(now);
  const { recorded } = await insertClick(db, giver.id, thing.id, month);
  if (!recorded) throw refuse('already_given', 'You already gave kudos to this thing this month.');
  return { month };
}

/**
 * The thing a button stands for, registered on its first click. Registered by anyone but the
 * named owner (`registrantId`) on a site the owner has not verified, it is unclaimed: it waits
 * for the owner to claim it.
 */
export async function registerThingForButton(db: Db, ownerHandle: string, rawUrl: string, rawTitle: string | undefined, registrantId: number): Promise<Thing> {
  const url = normaliseUrl(rawUrl);
  if (!url) throw refuse('invalid_field', '"url" must be an absolute http(s) URL.');
  const owner = await personByHandle(db, ownerHandle);
  if (!owner) throw refuse('not_found', `No Kudos account is called "${ownerHandle}".`);
  const claimed = async () => registrantId === owner.id || (await ownsSiteOf(db, owner.id, url));
  return registerThing(db, owner.id, url, titleOrUrl(rawTitle, url), { claimed });
}

/** Whether `ownerId` verified the site `url` is on: readers' kudos there are theirs at once. */
async function ownsSiteOf(db: Db, ownerId: number, url: string): Promise<boolean> {
  const origin = verifiableOrigin(url);
  return origin !== null && (await hasVerifiedSite(db, ownerId, origin));
}
