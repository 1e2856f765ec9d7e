// Everything the signed-in person's dashboard shows, read in one go (the view takes it as props).
import { addMonths, monthOf, monthStart, type Month } from '../domain/month';
import { monthSummaries, type Movement } from '../domain/movements';
import type { Config } from '../env';
import { type Account, listInvites } from '../store/accounts';
import type { Db } from '../store/db';
import { requestsNaming } from '../store/invite-requests';
import { entriesOf, payoutsOf } from '../store/ledger';
import { movementMonths, movementsOf } from '../store/movements';
import { payoutAccountOf } from '../store/payments';
import { unreservedBalance } from '../store/pledges';
import { factorsOf, hasSecondFactor } from '../store/factors';
import { profileOf } from '../store/profiles';
import { thingsOfOwner } from '../store/things';
import { monthGives } from './month-gives';
import { waitingForCreator } from './waiting';
import { subscriptionsOf } from '../store/subscriptions';
import type { DashboardData } from '../views/dashboard';

/** The transactions shown: one month (the asked one, else the latest with movements) and its neighbours. */
async function loadMovements(db: Db, me: Account, asked: Month | undefined) {
  const months = await movementMonths(db, me.id);
  const month = asked ?? months[0];
  if (!month) return { month: null, movements: [] as Movement[], newer: null, older: null };
  const movements = await movementsOf(db, me.id, monthStart(month), monthStart(addMonths(month, 1)));
  return { month, movements, newer: months.filter((m) => m > month).at(-1) ?? null, older: months.find((m) => m < month) ?? null };
}

export async function dashboardOf(db: Db, config: Config, me: Account, now: number, txMonth?: Month): Promise<DashboardData> {
  const month = monthOf(now);
  const [gives, entries, payouts, invites, payoutAccount, movements, profile, askedMe, myThings, unreservedCents, waiting, factors, subscriptions] =
    await Promise.all([
      monthGives(db, config, me.id, now, month),
      entriesOf(db, me.id),
      payoutsOf(db, me.id),
      listInvites(db, me.id),
      payoutAccountOf(db, me.id),
      loadMovements(db, me, txMonth),
      profileOf(db, me.id),
      requestsNaming(db, me.handle),
      thingsOfOwner(db, me.id, month),
      unreservedBalance(db, me.id),
      waitingForCreator(db, me.id, now),
      factorsOf(db, me.id),
      subscriptionsOf(db, me.id),
    ]);
  const kudosToMe = myThings.reduce((n, t) => n + t.clicksThisMonth, 0);
  return {
    gives,
    settlements: monthSummaries(entries),
    payouts,
    invites,
    payoutAccount,
    movements,
    profile,
    askedMe,
    kudosToMe,
    unreservedCents,
    reservedCents: me.balanceCents - unreservedCents,
    waiting,
    factors,
    secondFactorOn: hasSecondFactor(factors),
    subscriptions: subscriptions.filter((s) => s.endReason === null),
  };
}
