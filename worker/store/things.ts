// Things and the clicks they receive.
import { and, desc, eq, sql } from 'drizzle-orm';
import { accounts, things } from '../../schema/tables';
import type { Month } from '../domain/month';
import type { Db } from './db';
import { type GiverShard, shardClicksOfGiver, shardOf } from './giver-shards';

export type Thing = typeof things.$inferSelect;

export interface ThingWithCounts {
  id: number;
  url: string;
  title: string;
  owner: string;
  clicksTotal: number;
  clicksThisMonth: number;
  /** False while the named owner has not claimed it (registered by a reader's click). */
  claimed: boolean;
  hidden: boolean;
}

export async function findThing(db: Db, id: number): Promise<Thing | undefined> {
  return db.select().from(things).where(eq(things.id, id)).get();
}

export async function findThingByUrl(db: Db, ownerId: number, url: string): Promise<Thing | undefined> {
  return db
    .select()
    .from(things)
    .where(and(eq(things.ownerId, ownerId), eq(things.url, url)))
    .get();
}

/**
 * The thing of `ownerId` at `url` (already normalised), registered with `title` if new:
 * `claimed` false when someone else (a reader's click) names `ownerId`, so it waits for them;
 * a function is asked only when the thing is new.
 */
export async function registerThing(
  db: Db,
  ownerId: number,
  url: string,
  title: string,
  { claimed = true }: { claimed?: boolean | (() => Promise<boolean>) } = {},
): Promise<Thing> {
  // Look first: most calls find the thing, and a read is cheaper than a refused write.
  const known = await findThingByUrl(db, ownerId, url);
  if (known) return known;
  const isClaimed = typeof claimed === 'function' ? await claimed() : claimed;
  const inserted = await db.insert(things).values({ ownerId, url, title, claimed: isClaimed }).onConflictDoNothing().returning().get();
  return inserted ?? (await findThingByUrl(db, ownerId, url))!;
}

const countsOf = (month: Month) => ({
  clicksTotal: things.clicksTotal,
  clicksThisMonth: sql<number>`CASE WHEN ${things.clicksMonth} = ${month} THEN ${things.clicksThisMonth} ELSE 0 END`,
});

export async function thingWithCounts(db: Db, id: number, month: Month): Promise<ThingWithCounts | undefined> {
  return db
    .select({ id: things.id, url: things.url, title: things.title, owner: accounts.handle, ...countsOf(month), claimed: things.claimed, hidden: things.hidden })
    .from(things)
    .innerJoin(accounts, eq(accounts.id, things.ownerId))
    .where(eq(things.id, id))
    .get();
}

/**
 * `ownerId`'s things: `claimed` (their own, the default), `unclaimed` (registered by readers'
 * clicks, waiting for them), or `public` (claimed and not hidden: what profiles show).
 */
export async function thingsOfOwner(db: Db, ownerId: number, month: Month, which: 'claimed' | 'unclaimed' | 'public' = 'claimed'): Promise<ThingWithCounts[]> {
  const filter =
    which === 'unclaimed' ? eq(things.claimed, false) : which === 'public' ? and(eq(things.claimed, true), eq(things.hidden, false)) : eq(things.claimed, true);
  return db
    .select({ id: things.id, url: things.url, title: things.title, owner: accounts.handle, ...countsOf(month), claimed: things.claimed, hidden: things.hidden })
    .from(things)
    .innerJoin(accounts, eq(accounts.id, things.ownerId))
    .where(and(eq(things.ownerId, ownerId), filter))
    .orderBy(desc(things.createdAt))
    .all();
}

// Clicks themselves are recorded by `recordClick` (store/clicks.ts): one batch with the rules.

/** A kudos a person gave, with its thing as it is now. */
export interface GivenClick {
  month: Month;
  thingId: number;
  url: string;
  title: string;
  owner: string;
  at: number;
  claimed: boolean;
  hidden: boolean;
}

/**
 * What a person gave kudos to (in `month`, or ever), oldest first: from the primary, or from
 * their giver shard with the things read here (store/giver-shards.ts).
 */
export async function givenClicks(db: Db, giverId: number, month: Month | null, shards: readonly GiverShard[] = []): Promise<GivenClick[]> {
  const shard = shardOf(shards, giverId);
  // A giver on a shard may have clicks here too, from before the shard was added.
  const [here, there] = await Promise.all([
    db.all<{ month: Month; thingId: number; createdAt: number }>(sql`SELECT month, thing_id AS thingId, created_at AS createdAt FROM clicks
      WHERE giver_id = ${giverId} AND (${month} IS NULL OR month = ${month}) ORDER BY month, created_at`),
    shard ? shardClicksOfGiver(shard, giverId, month ?? undefined) : [],
  ]);
  const given = there.length === 0 ? here : [...here, ...there].sort((a, b) => a.month.localeCompare(b.month) || a.createdAt - b.createdAt);
  if (given.length === 0) return [];
  const rows = await db.all<{ id: number; url: string; title: string; owner: string; claimed: number; hidden: number }>(sql`
    SELECT t.id, t.url, t.title, o.handle AS owner, t.claimed, t.hidden FROM things t JOIN accounts o ON o.id = t.owner_id
    WHERE t.id IN (SELECT value FROM json_each(${JSON.stringify([...new Set(given.map((g) => g.thingId))])}))`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return given.flatMap((g) => {
    const thing = byId.get(g.thingId);
    return thing
      ? [
          {
            month: g.month,
            thingId: g.thingId,
            url: thing.url,
            title: thing.title,
            owner: thing.owner,
            at: g.createdAt,
            claimed: thing.claimed === 1,
            hidden: thing.hidden === 1,
          },
        ]
      : [];
  });
}

/** What a person gave kudos to in a month, newest first. */
export async function clicksOfGiver(db: Db, giverId: number, month: Month, shards: readonly GiverShard[] = []): Promise<GivenClick[]> {
  return (await givenClicks(db, giverId, month, shards)).reverse();
}
