// Giving kudos: a click, checked by the rules and written by the store.
import { forbidden, notFound, paymentRequired, conflict, badRequest } from './errors';
import { monthOf } from './domain/month';
import { clickRefusal, MAX_TITLE_LENGTH, normaliseUrl } from './domain/rules';
import type { Config } from './env';
import { type Account, findAccountByHandle } from './store/accounts';
import type { Db } from './store/db';
import { insertClick, registerThing, type Thing } from './store/things';

const REFUSALS = {
  own_thing: () => forbidden('You cannot give kudos to your own things.', 'own_thing'),
  no_budget: () => paymentRequired('Set a monthly budget before giving kudos.', 'no_budget'),
  not_funded: () => paymentRequired('Your balance does not cover your monthly budget; add funds first.', 'not_funded'),
} as const;

/**
 * Records `giver`'s kudos for `thing` in the current UTC month. Throws the API error that
 * explains a refusal: 403 own thing, 402 no budget or not funded, 409 already given this month.
 */
export async function giveKudos(db: Db, config: Config, giver: Account, thing: Thing, now = Date.now()) {
  const refusal = clickRefusal(
    { id: giver.id, monthlyBudgetCents: giver.monthlyBudgetCents, balanceCents: giver.balanceCents },
    thing.ownerId,
    config.minBudgetCents,
  );
  if (refusal) throw REFUSALS[refusal]();
  const month = monthOf(now);
  const { recorded } = await insertClick(db, giver.id, thing.id, month);
  if (!recorded) throw conflict('You already gave kudos to this thing this month.', 'already_given');
  return { month };
}

/** The thing a button stands for, registered on its first click. */
export async function thingForButton(db: Db, ownerHandle: string, rawUrl: string, rawTitle: string | undefined): Promise<Thing> {
  const url = normaliseUrl(rawUrl);
  if (!url) throw badRequest('"url" must be an absolute http(s) URL.', 'invalid_field');
  const owner = await findAccountByHandle(db, ownerHandle.toLowerCase());
  if (!owner || owner.kind !== 'person') throw notFound(`No Kudos account is called "${ownerHandle}".`);
  const title = (rawTitle ?? '').trim().slice(0, MAX_TITLE_LENGTH) || url;
  return registerThing(db, owner.id, url, title);
}
