// Subscriptions ("give to this thing every month"): their rows. Booking a month is a click
// (actions/subscriptions.ts calls giveKudos); this file only reads and moves the rows.
import { and, asc, desc, eq, gt, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { accounts, subscriptions, things } from '../../schema/tables';
import type { Month } from '../domain/month';
import { type Db, isUniqueViolation } from './db';

export type Subscription = typeof subscriptions.$inferSelect;

/** A subscription with the thing it gives to, as its giver sees it. */
export interface SubscriptionView extends Subscription {
  title: string;
  url: string;
  owner: string;
}

/** Starts one; undefined when the giver already has one running for this thing. */
export async function insertSubscription(
  db: Db,
  row: { giverId: number; thingId: number; months: number | null; monthsGiven: number; nextMonth: Month; lastRefusal: string | null; createdAt: number },
): Promise<Subscription | undefined> {
  try {
    return await db.insert(subscriptions).values(row).returning().get();
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

export async function runningSubscription(db: Db, giverId: number, thingId: number): Promise<Subscription | undefined> {
  return db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.giverId, giverId), eq(subscriptions.thingId, thingId), isNull(subscriptions.endedAt)))
    .get();
}

/** A person's subscriptions, running first, then the ended ones, newest first. */
export async function subscriptionsOf(db: Db, giverId: number): Promise<SubscriptionView[]> {
  return viewsOf(db, eq(subscriptions.giverId, giverId)).orderBy(sql`${subscriptions.endedAt} IS NOT NULL`, desc(subscriptions.id)).all();
}

/** One of a person's subscriptions, as the list shows it. */
export async function subscriptionOf(db: Db, giverId: number, id: number): Promise<SubscriptionView | undefined> {
  return viewsOf(db, and(eq(subscriptions.giverId, giverId), eq(subscriptions.id, id))).get();
}

/** Subscriptions with their thing's title and address and its owner's handle. */
function viewsOf(db: Db, which: SQL | undefined) {
  return db
    .select({
      id: subscriptions.id,
      giverId: subscriptions.giverId,
      thingId: subscriptions.thingId,
      months: subscriptions.months,
      monthsGiven: subscriptions.monthsGiven,
      nextMonth: subscriptions.nextMonth,
      lastRefusal: subscriptions.lastRefusal,
      createdAt: subscriptions.createdAt,
      endedAt: subscriptions.endedAt,
      endReason: subscriptions.endReason,
      title: things.title,
      url: things.url,
      owner: accounts.handle,
    })
    .from(subscriptions)
    .innerJoin(things, eq(things.id, subscriptions.thingId))
    .innerJoin(accounts, eq(accounts.id, things.ownerId))
    .where(which)
    .$dynamic();
}

/** Stops the giver's running subscription `id`; false when there is none such. */
export async function stopSubscription(db: Db, giverId: number, id: number, now: number): Promise<boolean> {
  const stopped = await db
    .update(subscriptions)
    .set({ endedAt: now, endReason: 'stopped' })
    .where(and(eq(subscriptions.id, id), eq(subscriptions.giverId, giverId), isNull(subscriptions.endedAt)))
    .returning({ id: subscriptions.id })
    .all();
  return stopped.length > 0;
}

/** Ends every running subscription of a person (their account is closing). */
export async function endSubscriptionsOf(db: Db, giverId: number, now: number): Promise<void> {
  await db
    .update(subscriptions)
    .set({ endedAt: now, endReason: 'cannot_continue' })
    .where(and(eq(subscriptions.giverId, giverId), isNull(subscriptions.endedAt)));
}

/** Up to `limit` running subscriptions due in `month` (or earlier), after id `afterId`, by id. */
export async function dueSubscriptions(db: Db, month: Month, afterId: number, limit: number): Promise<Subscription[]> {
  return db
    .select()
    .from(subscriptions)
    .where(and(isNull(subscriptions.endedAt), lte(subscriptions.nextMonth, month), gt(subscriptions.id, afterId)))
    .orderBy(asc(subscriptions.id))
    .limit(limit)
    .all();
}

/**
 * Records what booking `month` did, only if the row is still due for it (a twin run already
 * moved it on otherwise): given (or already given) counts the month; a refusal is kept to show;
 * `end` ends it. Returns whether this call moved the row.
 */
export async function recordBooking(
  db: Db,
  id: number,
  month: Month,
  next: { nextMonth: Month; counted: boolean; lastRefusal: string | null; end: 'finished' | 'cannot_continue' | null; now: number },
): Promise<boolean> {
  const moved = await db
    .update(subscriptions)
    .set({
      nextMonth: next.nextMonth,
      monthsGiven: next.counted ? sql`${subscriptions.monthsGiven} + 1` : subscriptions.monthsGiven,
      lastRefusal: next.lastRefusal,
      ...(next.end ? { endedAt: next.now, endReason: next.end } : {}),
    })
    .where(and(eq(subscriptions.id, id), eq(subscriptions.nextMonth, month), isNull(subscriptions.endedAt)))
    .returning({ id: subscriptions.id })
    .all();
  return moved.length > 0;
}

/** The lowest and highest id among the running subscriptions due in `month` (or earlier); null when none is. */
export async function dueIdSpan(db: Db, month: Month): Promise<{ low: number; high: number } | null> {
  const span = await db
    .select({ low: sql<number | null>`min(${subscriptions.id})`, high: sql<number | null>`max(${subscriptions.id})` })
    .from(subscriptions)
    .where(and(isNull(subscriptions.endedAt), lte(subscriptions.nextMonth, month)))
    .get();
  return span?.low == null || span.high == null ? null : { low: span.low, high: span.high };
}
