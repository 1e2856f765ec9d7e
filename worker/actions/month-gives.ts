// "What this month gives", read once for every page that says it: the dashboard, the thing page,
// the give popup and the budget form. The facts come from the store (the budget in force, the
// month's pledge, the unreserved balance, what the run booked); `domain/month-gives.ts` decides.
import { monthGives as decide, kudosWorth, type KudosWorth, type MonthGives } from '../domain/month-gives';
import { monthOf, type Month } from '../domain/month';
import type { Config } from '../env';
import { monthSettledFor } from '../store/clicks';
import type { Db } from '../store/db';
import * as pledges from '../store/pledges';
import * as things from '../store/things';

export type { MonthGives };

/** What `accountId`'s month gives (the month of `now` unless named), as the monthly run will book it. */
export async function monthGives(db: Db, config: Config, accountId: number, now = Date.now(), month: Month = monthOf(now)): Promise<MonthGives> {
  return (await readMonth(db, config, accountId, month)).gives;
}

/**
 * What a kudos from `accountId` is worth this month, with the month it is part of: for the
 * registered thing `thingId`, given already or not; for a thing not known by id (the popup's
 * button names it by URL), `alreadyGiven` says whether the reader's kudos is among the month's.
 */
export async function worthOfKudos(
  db: Db,
  config: Config,
  accountId: number,
  thing: { thingId: number } | { alreadyGiven: boolean },
  now = Date.now(),
): Promise<{ gives: MonthGives; worth: KudosWorth }> {
  const { gives, given } = await readMonth(db, config, accountId, monthOf(now));
  const alreadyGiven = 'thingId' in thing ? given.some((k) => k.thingId === thing.thingId) : thing.alreadyGiven;
  return { gives, worth: kudosWorth(gives, given.length, alreadyGiven, config.feePercent, config.currency) };
}

async function readMonth(db: Db, config: Config, accountId: number, month: Month) {
  const [facts, given, settled] = await Promise.all([
    pledges.monthFactsOf(db, accountId, month),
    things.clicksOfGiver(db, accountId, month, config.giverShards),
    monthSettledFor(db.$client, accountId, month),
  ]);
  if (!facts) throw new Error(`no account ${accountId}`);
  return { gives: decide({ ...facts, month, currency: config.currency, feePercent: config.feePercent, settled }, given), given };
}
