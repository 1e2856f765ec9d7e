// Giving as a known account in a chosen month, for tests that set up months of kudos: the one
// click action (worker/actions/give.ts) with its refusal thrown.
import { giveKudos, givenOrRefuse } from '../../worker/actions/give';
import type { Month } from '../../worker/domain/month';
import type { Config } from '../../worker/env';
import type { Account } from '../../worker/store/accounts';
import type { Db } from '../../worker/store/db';
import type { Thing } from '../../worker/store/things';

/** `giver`'s kudos for `thing` at `now`; a refusal is thrown. */
export async function giveAs(db: Db, config: Config, giver: Account, thing: Thing, now = Date.now()): Promise<{ month: Month }> {
  const { month } = givenOrRefuse(await giveKudos(db.$client, config, { accountId: giver.id }, { thingId: thing.id }, { now }));
  return { month };
}
