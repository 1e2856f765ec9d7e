// Who a thing belongs to: verified sites, claiming, hiding, removing, and a verified owner
// taking over a thing someone else registered on their site.
import { and, eq, sql } from 'drizzle-orm';
import { sites, things } from '../../schema/tables';
import type { Month } from '../domain/month';
import { verifiableOrigin } from '../domain/site-proof';
import type { Db } from './db';
import { deleteUnreadShardClicks, type GiverShard, moveShardClicks } from './giver-shards';
import { findThingByUrl } from './things';
import { settlementBookedText } from './settlement-key';

export type Site = typeof sites.$inferSelect;

export type SiteProof = NonNullable<Site['proof']>;

/** Records that `proof` named `ownerId` for `origin` just now (again, for a site verified before). */
export async function markSiteVerified(db: Db, ownerId: number, origin: string, proof: SiteProof, now = Date.now()): Promise<void> {
  await db
    .insert(sites)
    .values({ ownerId, origin, verifiedAt: now, proof })
    .onConflictDoUpdate({ target: [sites.ownerId, sites.origin], set: { verifiedAt: now, proof } })
    .run();
}

/** Forgets a site whose proof no longer names its owner. */
export async function forgetSite(db: Db, ownerId: number, origin: string): Promise<void> {
  await db
    .delete(sites)
    .where(and(eq(sites.ownerId, ownerId), eq(sites.origin, origin)))
    .run();
}

/** Every site `ownerId` verified, also those verified before proofs were strict (proof null: to verify again). */
export async function sitesOf(db: Db, ownerId: number): Promise<Site[]> {
  return db.select().from(sites).where(eq(sites.ownerId, ownerId)).orderBy(sites.origin).all();
}

/**
 * How `ownerId` stands with `origin`: 'verified' (proved by a proof Kudos reads today),
 * 'to_recheck' (verified before issue 20's strict proofs; not trusted until proved again), or 'none'.
 */
export async function siteStanding(db: Db, ownerId: number, origin: string): Promise<'verified' | 'to_recheck' | 'none'> {
  const row = await db
    .select({ proof: sites.proof })
    .from(sites)
    .where(and(eq(sites.ownerId, ownerId), eq(sites.origin, origin)))
    .get();
  return row === undefined ? 'none' : row.proof === null ? 'to_recheck' : 'verified';
}

export async function hasVerifiedSite(db: Db, ownerId: number, origin: string): Promise<boolean> {
  return (await siteStanding(db, ownerId, origin)) === 'verified';
}

/** `url` lies on `origin` ("https://a.example/x" on "https://a.example"), in SQL: no LIKE wildcards. */
const onOrigin = (url: typeof things.url | ReturnType<typeof sql>, origin: unknown) => sql`substr(${url}, 1, length(${origin}) + 1) = ${origin} || '/'`;

/** `ownerId`'s unclaimed things on `origin`, as ids. */
export async function unclaimedOnOrigin(db: Db, ownerId: number, origin: string): Promise<number[]> {
  const rows = await db
    .select({ id: things.id })
    .from(things)
    .where(and(eq(things.ownerId, ownerId), eq(things.claimed, false), onOrigin(things.url, origin)))
    .all();
  return rows.map((r) => r.id);
}

/** Things other people own on the origins `ownerId` verified: what they may dispute. */
export async function othersThingsOnMySites(db: Db, ownerId: number) {
  return db.all<{ id: number; url: string; title: string; owner: string; origin: string }>(sql`
    SELECT t.id, t.url, t.title, a.handle AS owner, s.origin
    FROM sites s
    JOIN things t ON ${onOrigin(sql`t.url`, sql`s.origin`)} AND t.owner_id <> s.owner_id
    JOIN accounts a ON a.id = t.owner_id
    WHERE s.owner_id = ${ownerId} AND t.hidden = 0
    ORDER BY t.id`);
}

/** Marks a thing claimed; true if it was waiting (so held kudos are to be released now). */
export async function markClaimed(db: Db, thingId: number): Promise<boolean> {
  const result = await db
    .update(things)
    .set({ claimed: true })
    .where(and(eq(things.id, thingId), eq(things.claimed, false)))
    .run();
  return result.meta.changes === 1;
}

export async function setHidden(db: Db, thingId: number, hidden: boolean): Promise<void> {
  await db.update(things).set({ hidden }).where(eq(things.id, thingId)).run();
}

/** SQL (D1 text): the click `c` of (month, giver) is already paid out by that giver's settlement. */
const CLICK_SETTLED = settlementBookedText('c.month', 'c.giver_id');

/**
 * Deletes a thing and its (unsettled) kudos unless a settlement already paid for one of them;
 * false when it has settled kudos and so must stay (the caller hides it instead).
 */
export async function deleteUnlessSettled(db: Db, thingId: number, shards: readonly GiverShard[] = []): Promise<boolean> {
  const d1 = db.$client;
  // Both the ledger (shares booked) and the clicks (their giver's month settled) are asked; the
  // guard sits in each statement of the one batch, so a settlement in between keeps the thing.
  const noneSettled = `NOT EXISTS (SELECT 1 FROM ledger_entries WHERE thing_id = ?1)
    AND NOT EXISTS (SELECT 1 FROM clicks c WHERE c.thing_id = ?1 AND ${CLICK_SETTLED})`;
  if (shards.length > 0) {
    // Kudos on giver shards go first (those no settlement has read), so none is left pointing at no thing.
    const settled = await d1.prepare(`SELECT NOT (${noneSettled}) AS settled`).bind(thingId).first<{ settled: number }>();
    if (settled?.settled === 1 || (await deleteUnreadShardClicks(shards, thingId))) return false;
  }
  const [, deleted] = await d1.batch([
    d1.prepare(`DELETE FROM clicks WHERE thing_id = ?1 AND ${noneSettled}`).bind(thingId),
    d1.prepare(`DELETE FROM things WHERE id = ?1 AND ${noneSettled}`).bind(thingId),
  ]);
  return deleted!.meta.changes === 1;
}

/**
 * Moves the kudos of `fromId` that no settlement has paid yet to `toId` (a giver who clicked
 * both in a month keeps one), and recounts both things' counters from their clicks: one batch,
 * after the same move on every giver shard.
 */
export async function moveUnsettledClicks(db: Db, fromId: number, toId: number, month: Month, shards: readonly GiverShard[] = []): Promise<void> {
  const d1 = db.$client;
  const elsewhere = shards.length > 0 ? await moveShardClicks(shards, fromId, toId, month) : null;
  const recount = (id: number) =>
    d1
      .prepare(
        `UPDATE things SET clicks_total = ?3 + (SELECT count(*) FROM clicks WHERE thing_id = ?1),
           clicks_this_month = ?4 + (SELECT count(*) FROM clicks WHERE thing_id = ?1 AND month = ?2), clicks_month = ?2
         WHERE id = ?1`,
      )
      .bind(id, month, elsewhere?.get(id)?.total ?? 0, elsewhere?.get(id)?.inMonth ?? 0);
  await d1.batch([
    d1
      .prepare(
        `INSERT OR IGNORE INTO clicks (month, giver_id, thing_id, created_at)
         SELECT c.month, c.giver_id, ?2, c.created_at FROM clicks c WHERE c.thing_id = ?1 AND NOT ${CLICK_SETTLED}`,
      )
      .bind(fromId, toId),
    d1.prepare(`DELETE FROM clicks AS c WHERE c.thing_id = ?1 AND NOT ${CLICK_SETTLED}`).bind(fromId),
    recount(fromId),
    recount(toId),
  ]);
}

/**
 * Whether kudos for `url` would wait for `ownerId` to claim it: a known thing says so itself; a
 * new one is claimed at once only on a site its owner verified (as the click registers it).
 */
export async function waitsForClaim(db: Db, ownerId: number, url: string): Promise<boolean> {
  const known = await findThingByUrl(db, ownerId, url);
  if (known) return !known.claimed;
  const origin = verifiableOrigin(url);
  return !(origin !== null && (await hasVerifiedSite(db, ownerId, origin)));
}
