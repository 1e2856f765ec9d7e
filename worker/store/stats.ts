// What creators read about their things: clicks and the money they brought, per day and thing.
import { and, desc, eq, sql } from 'drizzle-orm';
import { things } from '../../schema/tables';
import type { DayThingRow } from '../domain/stats';
import type { Db } from './db';
import { type GiverShard, shardClickRows, shardClicksOnThings } from './giver-shards';

/**
 * Clicks on `ownerId`'s things given in [fromMs, toMs) (whole UTC days), grouped by UTC day and
 * thing: live clicks, and the totals of rolled-up months (actions/rollup.ts), which hold what this
 * very query gave for their clicks before they left D1.
 */
export async function creatorDayThings(db: Db, ownerId: number, fromMs: number, toMs: number, shards: readonly GiverShard[] = []): Promise<DayThingRow[]> {
  const dayOf = (ms: number) => sql`strftime('%Y-%m-%d', ${ms} / 1000, 'unixepoch')`;
  // Clicks of givers on shards (store/giver-shards.ts) are read there and joined here like the primary's.
  let clicks = sql`clicks`;
  if (shards.length > 0) {
    const ids = (await thingsOwnedBy(db, ownerId)).map((t) => t.id);
    const elsewhere = await shardClicksOnThings(shards, ids, fromMs, toMs);
    clicks = sql`(SELECT month, giver_id, thing_id, created_at FROM clicks
      UNION ALL SELECT month, giver_id, thing_id, created_at FROM ${shardClickRows(elsewhere)})`;
  }
  return db.all<DayThingRow>(sql`
    SELECT day, thingId, sum(clicks) AS clicks, sum(settledClicks) AS settledClicks, sum(earningsCents) AS earningsCents,
      min(firstAt) AS firstAt, max(lastAt) AS lastAt
    FROM (
      SELECT strftime('%Y-%m-%d', c.created_at / 1000, 'unixepoch') AS day, c.thing_id AS thingId,
        count(*) AS clicks, count(e.id) AS settledClicks, coalesce(sum(e.amount_cents), 0) AS earningsCents,
        min(c.created_at) AS firstAt, max(c.created_at) AS lastAt
      FROM ${clicks} c
      JOIN things t ON t.id = c.thing_id
      LEFT JOIN ledger_entries e ON e.kind = 'share' AND e.account_id = t.owner_id AND e.thing_id = c.thing_id
        AND e.month = c.month AND e.counterparty_id = c.giver_id
      WHERE t.owner_id = ${ownerId} AND t.claimed = 1 AND c.created_at >= ${fromMs} AND c.created_at < ${toMs}
      GROUP BY 1, 2
      UNION ALL
      SELECT d.day, d.thing_id, d.clicks, d.settled_clicks, d.earnings_cents, d.first_at, d.last_at
      FROM thing_day_totals d JOIN things t ON t.id = d.thing_id
      WHERE t.owner_id = ${ownerId} AND t.claimed = 1 AND d.day >= ${dayOf(fromMs)} AND d.day < ${dayOf(toMs)})
    GROUP BY day, thingId
    ORDER BY day, thingId`);
}

export async function thingsOwnedBy(db: Db, ownerId: number) {
  return (
    db
      .select({ id: things.id, title: things.title, url: things.url, createdAt: things.createdAt })
      .from(things)
      // Unclaimed things are not the owner's yet: no stats, no CSV lines.
      .where(and(eq(things.ownerId, ownerId), eq(things.claimed, true)))
      .orderBy(desc(things.createdAt))
      .all()
  );
}

/** All kudos ever given to `ownerId`'s things (the profile badge's number). */
export async function kudosReceived(db: Db, ownerId: number): Promise<number> {
  // The things' click counters, not a count over clicks: one row read per thing.
  // Only what is theirs and public: unclaimed and hidden things count for nobody's badge.
  const row = await db.get<{ n: number }>(
    sql`SELECT coalesce(sum(clicks_total), 0) AS n FROM things WHERE owner_id = ${ownerId} AND claimed = 1 AND hidden = 0`,
  );
  return row?.n ?? 0;
}
